import { bytesToHex, type Hex } from 'viem'
import { isInt32, packWords } from './bytes.ts'
import { InvalidWordsError } from './errors.ts'
import type { Shape } from './types.ts'

/** Input bytes: abi.encodePacked(int32[n_0]). */
export function encodeInput(shape: Shape, values: readonly number[]): Hex {
  if (values.length !== shape.sizes[0]) {
    throw new InvalidWordsError('input', `${values.length} values, the model takes ${shape.sizes[0]}`)
  }
  if (!values.every(isInt32)) throw new InvalidWordsError('input', 'every value must be an int32')
  return bytesToHex(packWords(values))
}
