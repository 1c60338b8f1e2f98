import { hexToBytes, type Hex } from 'viem'
import { unpackWords } from './bytes.ts'
import { InvalidWordsError } from './errors.ts'
import type { Shape } from './types.ts'

/** Output values from output bytes abi.encodePacked(int32[n_L]). */
export function decodeOutput(shape: Shape, output: Hex): number[] {
  const bytes = hexToBytes(output)
  const n = shape.sizes[shape.sizes.length - 1] as number
  if (bytes.length !== 4 * n) throw new InvalidWordsError('output', `${bytes.length} bytes, expected ${4 * n}`)
  return unpackWords(bytes)
}
