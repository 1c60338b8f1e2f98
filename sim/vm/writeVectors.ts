// Writes contracts/test/vectors/vm-vectors.json: the TypeScript VM's answers for the tiny model,
// which contracts/test/vm/ModelVM.t.sol checks the Solidity VM against.
//   npx tsx sim/vm/writeVectors.ts
import { writeFileSync } from 'node:fs'
import { keccak256 } from 'viem'
import { createTrace } from './createTrace.ts'
import { encodeInput } from './encodeInput.ts'
import { encodeShape } from './encodeShape.ts'
import { initialStateHash } from './initialStateHash.ts'
import { layoutOf } from './layout.ts'
import { loadModel } from './loadModel.ts'
import { weightsRoot } from './weightsRoot.ts'

export const VECTORS_PATH = new URL('../../contracts/test/vectors/vm-vectors.json', import.meta.url)
const CASES = 2

export function buildVectors(): object {
  const { model, file } = loadModel('tiny')
  const layout = layoutOf(model.shape)
  const T = layout.traceLength
  const prevLast = layout.sizes[layout.layers - 1] as number
  const chosen: { kind: string; pc: number }[] = [
    { kind: 'first', pc: 0 },
    { kind: 'mac', pc: 5 },
    { kind: 'finish', pc: layout.sizes[0] as number },
    { kind: 'layerBoundary', pc: layout.stepStart[2] as number },
    { kind: 'finishLastLayer', pc: (layout.stepStart[layout.layers] as number) + prevLast },
    { kind: 'macLastLayer', pc: T - 3 },
    { kind: 'last', pc: T - 1 },
  ]
  const commitmentSteps = [0, 1, 8, 9, 100, 500, T - 1, T]
  const cases = file.samples.slice(0, CASES).map((sample) => {
    const trace = createTrace(model, sample.input)
    const final = trace.finalState()
    return {
      input: encodeInput(model.shape, sample.input),
      output: final.output,
      outputHash: keccak256(final.output),
      initialStateHash: initialStateHash(model.shape, sample.input),
      finalStatePreimage: final.preimage,
      finalStateHash: final.stateHash,
      commitmentSteps,
      commitments: commitmentSteps.map((i) => trace.commitmentAt(i)),
      steps: chosen.map(({ kind, pc }) => {
        const p = trace.proveStep(pc)
        return { kind, pc, preStateHash: p.preStateHash, proof: p.proof, postStateHash: p.postStateHash }
      }),
    }
  })
  return {
    model: 'tiny',
    shape: encodeShape(model.shape),
    weightsRoot: weightsRoot(model),
    traceLength: T,
    caseCount: cases.length,
    stepCount: chosen.length,
    cases,
  }
}

export function vectorsJson(): string {
  return `${JSON.stringify(buildVectors(), null, 2)}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(VECTORS_PATH, vectorsJson())
  console.log(`wrote ${VECTORS_PATH.pathname}`)
}
