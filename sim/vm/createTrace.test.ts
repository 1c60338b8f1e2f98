import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTrace } from './createTrace.ts'
import { initialStateHash } from './initialStateHash.ts'
import { layoutOf } from './layout.ts'
import { stateHash } from './stateHash.ts'
import { randomInput, randomModel } from './testModels.ts'

const model = randomModel([5, 7, 6, 3], 6, 11)
const input = randomInput(5, 12)
const T = layoutOf(model.shape).traceLength

describe('createTrace', () => {
  it('starts at initialStateHash and every honest step proves the next commitment', () => {
    const trace = createTrace(model, input)
    expect(trace.commitmentAt(0)).toBe(initialStateHash(model.shape, input))
    for (let i = 0; i < T; i++) expect(trace.proveStep(i).postStateHash).toBe(trace.commitmentAt(i + 1))
    expect(trace.finalState().stateHash).toBe(trace.commitmentAt(T))
  })

  it('gives the same commitment in any query order (cursor moved back and forth) as a fresh replay', () => {
    const reused = createTrace(model, input)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: T }), { minLength: 1, maxLength: 20 }), (steps) => {
        for (const i of steps) expect(reused.commitmentAt(i)).toBe(createTrace(model, input).commitmentAt(i))
      }),
      { numRuns: 30 },
    )
  })

  it('final state: pc T, acc 0, all outputs', () => {
    const trace = createTrace(model, input)
    const s = trace.stateAt(T)
    expect(s.pc).toBe(T)
    expect(s.acc).toBe(0n)
    expect(s.output).toHaveLength(3)
    expect(stateHash(s)).toBe(trace.finalState().stateHash)
  })

  it('a fault at step k: commitments agree up to k, differ at k+1, and step k is refuted', () => {
    const honest = createTrace(model, input)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: T - 1 }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (k, delta) => {
        const bad = createTrace(model, input, { fault: { step: k, delta } })
        expect(bad.commitmentAt(k)).toBe(honest.commitmentAt(k))
        if (k > 0) expect(bad.commitmentAt(k - 1)).toBe(honest.commitmentAt(k - 1))
        expect(bad.commitmentAt(k + 1)).not.toBe(honest.commitmentAt(k + 1))
        // The one-step proof from the agreed state k yields the honest post-state, not the faulty one.
        expect(bad.proveStep(k).postStateHash).toBe(honest.commitmentAt(k + 1))
        // Every other step of the faulty trace is honest.
        for (const i of [k + 1, T - 1]) if (i < T && i !== k) expect(bad.proveStep(i).postStateHash).toBe(bad.commitmentAt(i + 1))
      }),
      { numRuns: 40 },
    )
  })

  it('a fault on the last output changes the final output and state', () => {
    const honest = createTrace(model, input)
    const bad = createTrace(model, input, { fault: { step: T - 1, delta: 1n } })
    expect(bad.finalState().output).not.toBe(honest.finalState().output)
    expect(bad.finalState().stateHash).not.toBe(honest.finalState().stateHash)
  })

  it('rejects steps outside the trace', () => {
    const trace = createTrace(model, input)
    expect(() => trace.proveStep(T)).toThrow(/StepOutOfRange/)
    expect(() => trace.stateAt(T + 1)).toThrow(/StepOutOfRange/)
    expect(() => createTrace(model, input, { fault: { step: T, delta: 1n } })).toThrow(/StepOutOfRange/)
  })
})
