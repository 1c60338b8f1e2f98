import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeShape } from './decodeShape.ts'
import { decodeOutput } from './decodeOutput.ts'
import { encodeInput } from './encodeInput.ts'
import { encodeShape } from './encodeShape.ts'
import { InvalidShapeError, InvalidWordsError } from './errors.ts'
import { traceLength } from './traceLength.ts'

describe('shape descriptor', () => {
  it('round-trips and is abi.encodePacked(uint8 shift, uint16 sizes...)', () => {
    expect(encodeShape({ sizes: [8, 32, 20, 4], shift: 10 })).toBe('0x0a0008002000140004')
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 31 }), (sizes, shift) => {
        expect(decodeShape(encodeShape({ sizes, shift }))).toEqual({ sizes, shift })
      }),
    )
  })
  it('T = sum n_l (n_{l-1} + 1)', () => {
    expect(traceLength({ sizes: [8, 32, 20, 4], shift: 10 })).toBe(32 * 9 + 20 * 33 + 4 * 21)
  })
  it('rejects malformed descriptors with the Solidity reason codes', () => {
    const code = (f: () => unknown): number | undefined => {
      try {
        f()
      } catch (e) {
        if (e instanceof InvalidShapeError) return e.reason
      }
      return undefined
    }
    expect(code(() => decodeShape('0x0a0008'))).toBe(1)
    expect(code(() => decodeShape('0x0a00080004ff'))).toBe(1)
    expect(code(() => decodeShape('0x0a00080000'))).toBe(3)
    expect(code(() => decodeShape('0x2000080004'))).toBe(4)
    expect(code(() => decodeShape('0x0affffffffffff'))).toBe(5)
    expect(code(() => encodeShape({ sizes: Array(66).fill(1), shift: 0 }))).toBe(2)
  })
  it('encodes inputs and decodes outputs as packed int32', () => {
    const shape = { sizes: [2, 3], shift: 0 }
    expect(encodeInput(shape, [1, -1])).toBe('0x00000001ffffffff')
    expect(() => encodeInput(shape, [1])).toThrow(InvalidWordsError)
    expect(decodeOutput(shape, '0x00000001ffffffff80000000')).toEqual([1, -1, -(2 ** 31)])
    expect(() => decodeOutput(shape, '0x00')).toThrow(InvalidWordsError)
  })
})
