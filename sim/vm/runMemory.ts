import { clampInt32, INT32_MAX, INT32_MIN, isInt32 } from './bytes.ts'
import { InvalidWordsError } from './errors.ts'
import { layoutOf } from './layout.ts'
import { modelWords } from './modelWords.ts'
import type { Fault, Model } from './types.ts'

/**
 * Runs the whole network and returns the final memory: input words then every layer's activations.
 * Plain number arithmetic where it is exact (|acc| stays below 2^53), bigint otherwise.
 * With a fault, step fault.step is executed wrongly (see Fault) and everything else honestly.
 */
export function runMemory(model: Model, input: readonly number[], fault?: Fault): Int32Array {
  const layout = layoutOf(model.shape)
  const { sizes, shift, layers, stepStart, memOffset } = layout
  if (input.length !== sizes[0] || !input.every(isInt32)) {
    throw new InvalidWordsError('input', `expected ${sizes[0]} int32 values, got ${input.length}`)
  }
  const words = modelWords(model)
  const mem = new Int32Array(layout.memoryWords)
  mem.set(input)
  const scale = 2 ** shift
  const bigShift = BigInt(shift)
  for (let l = 1; l <= layers; l++) {
    const prev = sizes[l - 1] as number
    const inOff = memOffset[l - 1] as number
    const outOff = memOffset[l] as number
    let maxA = 0
    for (let i = 0; i < prev; i++) maxA = Math.max(maxA, Math.abs(mem[inOff + i] as number))
    let maxW = 0
    const first = stepStart[l] as number
    const last = stepStart[l + 1] as number
    for (let p = first; p < last; p++) maxW = Math.max(maxW, Math.abs(words[p] as number))
    const exact = maxA * maxW * prev < 2 ** 52
    for (let j = 0; j < (sizes[l] as number); j++) {
      const base = first + j * (prev + 1)
      const faulty = fault !== undefined && fault.step >= base && fault.step <= base + prev
      let y: bigint
      if (exact && !faulty) {
        let acc = 0
        for (let i = 0; i < prev; i++) acc += (words[base + i] as number) * (mem[inOff + i] as number)
        y = BigInt(Math.floor(acc / scale) + (words[base + prev] as number))
      } else {
        let acc = 0n
        for (let i = 0; i < prev; i++) {
          acc += BigInt(words[base + i] as number) * BigInt(mem[inOff + i] as number)
          if (faulty && fault.step === base + i) acc += fault.delta
        }
        y = (acc >> bigShift) + BigInt(words[base + prev] as number)
      }
      if (l < layers && y < 0n) y = 0n
      let v = clampInt32(y)
      if (faulty && fault.step === base + prev) v = faultyWrite(v, fault.delta)
      mem[outOff + j] = v
    }
  }
  return mem
}

function faultyWrite(v: number, delta: bigint): number {
  const w = clampInt32(BigInt(v) + delta)
  if (w !== v || delta === 0n) return w
  return v === INT32_MAX ? v - 1 : v === INT32_MIN ? v + 1 : v
}
