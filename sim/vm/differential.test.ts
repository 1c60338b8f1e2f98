// Differential test: the TypeScript VM and the Solidity ModelVMVerifier (on a real Anvil, eth_call in
// JSON-RPC batches) agree on initial states, post-states of random steps (honest and faulty traces),
// final-state decoding, and on which error rejects a tampered proof.
//   FC_NUM_RUNS=1000 FC_SEED=42 npx vitest run sim/vm/differential.test.ts
import fc from 'fast-check'
import { decodeErrorResult, decodeFunctionResult, encodeFunctionData, hexToBytes, bytesToHex, keccak256, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifier, type VerifierHarness } from './anvilHarness.ts'
import { createTrace } from './createTrace.ts'
import { encodeInput } from './encodeInput.ts'
import { encodeShape } from './encodeShape.ts'
import { StepVerificationError } from './errors.ts'
import { traceLength } from './traceLength.ts'
import type { Fault, Model } from './types.ts'
import { verifyStep } from './verifyStep.ts'
import { weightsRoot } from './weightsRoot.ts'

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 200)
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED)
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 }

const word = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1024, max: 1024 }) },
  { weight: 1, arbitrary: fc.integer(INT32) },
)

const modelArb: fc.Arbitrary<Model> = fc
  .record({ sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }), shift: fc.integer({ min: 0, max: 16 }) })
  .chain(({ sizes, shift }) => {
    const layers = sizes.slice(1).map((n, l) =>
      fc.record({
        weights: fc.array(fc.array(word, { minLength: sizes[l] as number, maxLength: sizes[l] as number }), { minLength: n, maxLength: n }),
        biases: fc.array(word, { minLength: n, maxLength: n }),
      }),
    )
    return fc.tuple(...layers).map((ls) => ({
      shape: { sizes, shift },
      weights: ls.map((x) => x.weights),
      biases: ls.map((x) => x.biases),
    }))
  })

const caseArb = modelArb.chain((model) =>
  fc.record({
    model: fc.constant(model),
    input: fc.array(word, { minLength: model.shape.sizes[0] as number, maxLength: model.shape.sizes[0] as number }),
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    fault: fc.option(fc.record({ step: fc.nat(), delta: fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }) }), { nil: undefined }),
    tamper: fc.record({ which: fc.nat(), byte: fc.nat(), flip: fc.integer({ min: 1, max: 255 }) }),
  }),
)

function stepReason(fn: () => Hex): string {
  try {
    fn()
    return 'ok'
  } catch (e) {
    if (e instanceof StepVerificationError) return `ModelVM_${e.reason}`
    throw e
  }
}

describe('TypeScript VM vs ModelVMVerifier on Anvil', () => {
  let harness: VerifierHarness
  beforeAll(async () => {
    harness = await startVerifier()
  })
  afterAll(async () => {
    await harness?.stop()
  })

  it(`agrees on ${NUM_RUNS} random models, inputs, steps and tampered proofs`, async () => {
    const { abi } = harness
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ model, input, steps, fault, tamper }) => {
        const T = traceLength(model.shape)
        const shape = encodeShape(model.shape)
        const root = weightsRoot(model)
        const f: Fault | undefined = fault === undefined ? undefined : { step: fault.step % T, delta: fault.delta }
        const trace = createTrace(model, input, f === undefined ? {} : { fault: f })
        const pcs = [...steps.map((s) => s % T), ...(f === undefined ? [] : [f.step])]
        const proofs = pcs.map((pc) => trace.proveStep(pc))
        const final = trace.finalState()
        // One tampered proof: flip one byte; both sides must reject it with the same error.
        const victim = proofs[tamper.which % proofs.length]!
        const bad = hexToBytes(victim.proof)
        const at = tamper.byte % bad.length
        bad[at] = bad[at]! ^ tamper.flip
        const badProof = bytesToHex(bad)
        const calls: Hex[] = [
          encodeFunctionData({ abi, functionName: 'initialStateHash', args: [shape, encodeInput(model.shape, input)] }),
          encodeFunctionData({ abi, functionName: 'decodeFinalState', args: [shape, final.preimage] }),
          ...proofs.map((p) => encodeFunctionData({ abi, functionName: 'step', args: [root, shape, p.preStateHash, p.proof] })),
          encodeFunctionData({ abi, functionName: 'step', args: [root, shape, victim.preStateHash, badProof] }),
        ]
        const results = await harness.callBatch(calls)
        const value = (i: number, functionName: 'initialStateHash' | 'decodeFinalState' | 'step'): unknown => {
          const r = results[i]!
          if (!r.ok) throw new Error(`${functionName} reverted: ${r.data}`)
          return decodeFunctionResult({ abi, functionName, data: r.data })
        }
        expect(value(0, 'initialStateHash')).toBe(trace.commitmentAt(0))
        expect(value(1, 'decodeFinalState')).toEqual([final.stateHash, BigInt(T), keccak256(final.output)])
        proofs.forEach((p, k) => {
          expect(value(2 + k, 'step'), `step ${p.pc}`).toBe(p.postStateHash)
          if (f === undefined || p.pc < f.step) expect(p.postStateHash).toBe(trace.commitmentAt(p.pc + 1))
        })
        const solidity = results[results.length - 1]!
        const tsReason = stepReason(() => verifyStep(root, model.shape, victim.preStateHash, badProof))
        const solReason = solidity.ok
          ? 'ok'
          : solidity.data === undefined || solidity.data === '0x'
            ? 'empty revert'
            : decodeErrorResult({ abi, data: solidity.data }).errorName
        expect(solReason).toBe(tsReason)
        expect(tsReason).not.toBe('ok')
      }),
      { numRuns: NUM_RUNS, ...(SEED === undefined ? {} : { seed: SEED }), verbose: 1 },
    )
  })
})
