import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import { finalState } from './finalState.ts'
import { decodeOutput } from './decodeOutput.ts'
import { randomInput, randomModel } from './testModels.ts'
import type { Model } from './types.ts'

describe('execute', () => {
  it('follows the spec: floor shift, bias, ReLU between layers only, int32 clamp', () => {
    // 2 -> 2 -> 1, shift 1.  hidden_j = relu((w.x >> 1) + b), out = (w.h >> 1) + b (no ReLU).
    const model: Model = {
      shape: { sizes: [2, 2, 1], shift: 1 },
      weights: [[[3, -1], [-4, 0]], [[-2, 5]]],
      biases: [[1, 0], [-7]],
    }
    // h0 = relu(floor((3*3 + -1*2) / 2) + 1) = relu(3 + 1) = 4; h1 = relu(floor(-12 / 2) + 0) = 0
    // out = floor((-2*4 + 5*0) / 2) - 7 = -4 - 7 = -11
    expect(execute(model, [3, 2])).toEqual([-11])
    // floor, not truncation: (3*1 + -1*0) = 3 -> 1, +1 = 2; out = floor(-4 / 2) - 7 = -9
    expect(execute(model, [1, 0])).toEqual([-9])
    // negative odd sum rounds down: -2*1 = -2 -> -1; use a 1 -> 1 model: floor(-3 / 2) = -2
    const neg: Model = { shape: { sizes: [1, 1], shift: 1 }, weights: [[[-3]]], biases: [[0]] }
    expect(execute(neg, [1])).toEqual([-2])
    // clamp to int32 at the end of a neuron
    const big: Model = { shape: { sizes: [1, 1], shift: 0 }, weights: [[[2 ** 31 - 1]]], biases: [[2 ** 31 - 1]] }
    expect(execute(big, [2 ** 31 - 1])).toEqual([2 ** 31 - 1])
    expect(execute(big, [-(2 ** 31)])).toEqual([-(2 ** 31)])
  })

  it('equals the output bound by the final state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 12 }), (seed, shift) => {
        const model = randomModel([3, 4, 5, 2], shift, seed, seed % 2 === 0 ? 1 << 10 : 2 ** 31 - 1)
        const input = randomInput(3, seed + 1)
        const out = execute(model, input)
        const final = finalState(model, input)
        expect(decodeOutput(model.shape, final.output)).toEqual(out)
        expect(final.outputValues).toEqual(out)
      }),
      { numRuns: 50 },
    )
  })

  it('takes the exact bigint path when products exceed 2^53 and agrees with it otherwise', () => {
    const model: Model = { shape: { sizes: [2, 1], shift: 0 }, weights: [[[2 ** 31 - 1, 2 ** 31 - 1]]], biases: [[0]] }
    // (2^31-1)^2 * 2 needs 63 bits; the exact result saturates.
    expect(execute(model, [2 ** 31 - 1, 2 ** 31 - 1])).toEqual([2 ** 31 - 1])
    const small: Model = { shape: { sizes: [2, 1], shift: 31 }, weights: [[[2 ** 31 - 1, -(2 ** 31)]]], biases: [[5]] }
    const x = [2 ** 31 - 1, 2 ** 31 - 1]
    const exact = ((BigInt(2 ** 31 - 1) * BigInt(2 ** 31 - 1) - 2n ** 31n * BigInt(2 ** 31 - 1)) >> 31n) + 5n
    expect(execute(small, x)).toEqual([Number(exact)])
  })
})
