import { bytesToHex, hexToBytes, type Hex } from 'viem'
import { encodeInput } from './encodeInput.ts'
import { layoutOf } from './layout.ts'
import { MerkleTree } from './merkle.ts'
import { outputHashOf, hashStateFields } from './stateHash.ts'
import type { Shape } from './types.ts'

/** Commitment of the state before step 0: pc 0, acc 0, memory = input then zeros, no output. */
export function initialStateHash(shape: Shape, input: readonly number[]): Hex {
  const layout = layoutOf(shape)
  const root = MerkleTree.fromLeaves(hexToBytes(encodeInput(shape, input)), layout.memoryDepth).root()
  return hashStateFields(0n, 0n, bytesToHex(root), outputHashOf([]))
}
