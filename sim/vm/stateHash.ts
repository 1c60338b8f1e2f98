import { bytesToHex, hexToBytes, type Hex } from 'viem'
import { concatBytes, int256Bytes, keccakHex, packWords } from './bytes.ts'
import type { VmState } from './types.ts'

/** State preimage bytes: uint256 pc || int256 acc || bytes32 memoryRoot || int32 output words so far. */
export function encodeStatePreimage(state: VmState): Hex {
  return bytesToHex(
    concatBytes([int256Bytes(BigInt(state.pc)), int256Bytes(state.acc), hexToBytes(state.memoryRoot), packWords(state.output)]),
  )
}

/** keccak256 of the output words written so far (keccak256("") before the last layer). */
export function outputHashOf(output: readonly number[]): Hex {
  return keccakHex(packWords(output))
}

/** stateHash = keccak256(abi.encode(uint256 pc, int256 acc, bytes32 memoryRoot, bytes32 outputHash)). */
export function stateHash(state: VmState): Hex {
  return hashStateFields(BigInt(state.pc), state.acc, state.memoryRoot, outputHashOf(state.output))
}

export function hashStateFields(pc: bigint, acc: bigint, memoryRoot: Hex, outputHash: Hex): Hex {
  // abi.encode of four 32-byte words is just their concatenation.
  return keccakHex(concatBytes([int256Bytes(pc), int256Bytes(acc), hexToBytes(memoryRoot), hexToBytes(outputHash)]))
}
