import type { Model, Shape } from './types.ts'

/** Deterministic pseudo-random model for tests (mulberry32). */
export function randomModel(sizes: readonly number[], shift: number, seed: number, range = 1 << 10): Model {
  const rand = mulberry32(seed)
  const int = (): number => Math.floor(rand() * (2 * range + 1)) - range
  const shape: Shape = { sizes, shift }
  const weights: number[][][] = []
  const biases: number[][] = []
  for (let l = 1; l < sizes.length; l++) {
    weights.push(Array.from({ length: sizes[l] as number }, () => Array.from({ length: sizes[l - 1] as number }, int)))
    biases.push(Array.from({ length: sizes[l] as number }, int))
  }
  return { shape, weights, biases }
}

export function randomInput(size: number, seed: number, range = 1 << 10): number[] {
  const rand = mulberry32(seed)
  return Array.from({ length: size }, () => Math.floor(rand() * (2 * range + 1)) - range)
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
