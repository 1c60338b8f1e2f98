/**
 * Writes contracts/test/vectors/dispute-2p16.json: a whole bisection dispute over a trace of exactly
 * 2^16 steps, computed with sim/vm, for the forge test contracts/test/oracle/Dispute2p16.t.sol.
 *
 * Model: sizes [255, 255, 1] (T = 255·256 + 1·256 = 65,536 = 2^16, so exactly 16 bisection rounds),
 * deterministic random weights. One input; an honest trace and a faulty one whose step FAULT_STEP (a
 * finishing step of layer 1, which writes memory, so the two traces never agree again) is wrong.
 *
 * For each case (honest submitter vs lying challenger, lying submitter vs honest challenger) it plays the
 * bisection as the parties would: the defender posts its trace's commitment at each midpoint, the
 * challenger agrees iff its own trace has the same commitment there; it records those commitments and
 * answers, the final one-step range and the one-step proof from the agreed pre-state.
 *
 * Run: npx tsx sim/oracle/writeDisputeFixture.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { createTrace, encodeInput, encodeShape, weightsRoot, type Trace } from '../vm/index.ts'
import { randomInput, randomModel } from '../vm/testModels.ts'

const SIZES = [255, 255, 1] as const
const SHIFT = 10
const MODEL_SEED = 0x2f16
const INPUT_SEED = 0x1f00d
const FAULT_STEP = 150 * 256 + 255
const OUT = new URL('../../contracts/test/vectors/dispute-2p16.json', import.meta.url)

type Case = {
  readonly mids: Hex[]
  readonly agrees: boolean[]
  readonly lo: number
  readonly loHash: Hex
  readonly hiHash: Hex
  readonly stepProof: Hex
  readonly postStateHash: Hex
}

function play(defender: Trace, challenger: Trace, honest: Trace): Case {
  const T = defender.traceLength
  let lo = 0
  let hi = T
  let loHash = defender.commitmentAt(0)
  let hiHash = defender.commitmentAt(T)
  const mids: Hex[] = []
  const agrees: boolean[] = []
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2)
    const h = defender.commitmentAt(mid)
    const agree = h === challenger.commitmentAt(mid)
    mids.push(h)
    agrees.push(agree)
    if (agree) {
      lo = mid
      loHash = h
    } else {
      hi = mid
      hiHash = h
    }
  }
  // The agreed pre-state is honest whichever side is honest; prove the step from the honest trace.
  if (honest.commitmentAt(lo) !== loHash) throw new Error('agreed pre-state is not honest')
  const proof = honest.proveStep(lo)
  return { mids, agrees, lo, loHash, hiHash, stepProof: proof.proof, postStateHash: proof.postStateHash }
}

const model = randomModel(SIZES, SHIFT, MODEL_SEED)
const inputValues = randomInput(SIZES[0], INPUT_SEED)
const honest = createTrace(model, inputValues)
const faulty = createTrace(model, inputValues, { fault: { step: FAULT_STEP, delta: 1n } })
if (honest.traceLength !== 2 ** 16) throw new Error(`trace length ${honest.traceLength}, expected 2^16`)
const honestFinal = honest.finalState()
const faultyFinal = faulty.finalState()
if (honestFinal.stateHash === faultyFinal.stateHash) throw new Error('the fault does not change the final state')

const fixture = {
  description:
    'Bisection dispute over a 2^16-step trace (sizes [255,255,1]). Written by sim/oracle/writeDisputeFixture.ts.',
  shape: encodeShape(model.shape),
  weightsRoot: weightsRoot(model),
  input: encodeInput(model.shape, inputValues),
  traceLength: honest.traceLength,
  faultStep: FAULT_STEP,
  initialStateHash: honest.commitmentAt(0),
  honest: { output: honestFinal.output, finalState: honestFinal.preimage, finalStateHash: honestFinal.stateHash },
  faulty: { output: faultyFinal.output, finalState: faultyFinal.preimage, finalStateHash: faultyFinal.stateHash },
  honestSubmitter: play(honest, faulty, honest),
  lyingSubmitter: play(faulty, honest, honest),
}
mkdirSync(new URL('.', OUT), { recursive: true })
writeFileSync(OUT, `${JSON.stringify(fixture, null, 2)}\n`)
console.log(`wrote ${OUT.pathname}: ${fixture.honestSubmitter.mids.length} rounds`)
