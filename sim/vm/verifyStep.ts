import { bytesToHex, hexToBytes, keccak256, type Hex } from 'viem'
import { bytesToBigInt, clampInt32, concatBytes, LANES } from './bytes.ts'
import { StepVerificationError } from './errors.ts'
import { layoutOf, locateStep } from './layout.ts'
import { rootFromProof } from './merkle.ts'
import { hashStateFields } from './stateHash.ts'
import type { Shape } from './types.ts'

const HEADER = 96
const INT256_MIN = -(2n ** 255n)
const INT256_MAX = 2n ** 255n - 1n

/**
 * The TypeScript twin of ModelVM.step: checks a one-step proof against the weights root and the agreed
 * pre-state, executes the step and returns the post-state hash. Throws StepVerificationError whose
 * `reason` names the Solidity error ModelVM.step reverts with on the same bytes.
 */
export function verifyStep(weightsRoot: Hex, shape: Shape, preStateHash: Hex, proofHex: Hex): Hex {
  const layout = layoutOf(shape)
  const proof = hexToBytes(proofHex)
  if (proof.length < HEADER) throw new StepVerificationError('MalformedProof', `${proof.length} < ${HEADER} bytes`)
  const pcBig = bytesToBigInt(proof.subarray(0, 32))
  if (pcBig >= BigInt(layout.traceLength)) {
    throw new StepVerificationError('StepOutOfRange', `pc ${pcBig} >= T ${layout.traceLength}`)
  }
  const pc = Number(pcBig)
  const info = locateStep(layout, pc)
  const outEnd = HEADER + 4 * info.outputCount
  const expected = outEnd + 32 * (2 + layout.weightDepth + layout.memoryDepth)
  if (proof.length !== expected) throw new StepVerificationError('MalformedProof', `${proof.length} != ${expected} bytes`)
  let acc = BigInt.asIntN(256, bytesToBigInt(proof.subarray(32, 64)))
  let memoryRoot = bytesToHex(proof.subarray(64, 96))
  const outBytes = proof.subarray(HEADER, outEnd)
  let outputHash = keccak256(outBytes)
  if (hashStateFields(pcBig, acc, memoryRoot, outputHash) !== preStateHash) {
    throw new StepVerificationError('BadPreState', 'the preimage does not hash to the pre-state')
  }
  const weightLeaf = proof.subarray(outEnd, outEnd + 32)
  const memoryStart = outEnd + 32 * (1 + layout.weightDepth)
  const wIndex = Math.floor(pc / LANES)
  if (bytesToHex(rootFromProof(weightLeaf, wIndex, proof.subarray(outEnd + 32, memoryStart))) !== weightsRoot) {
    throw new StepVerificationError('BadWeightProof', `weight leaf ${wIndex}`)
  }
  const memoryLeaf = proof.subarray(memoryStart, memoryStart + 32)
  const memorySiblings = proof.subarray(memoryStart + 32)
  const mIndex = Math.floor(info.memoryAddress / LANES)
  if (bytesToHex(rootFromProof(memoryLeaf, mIndex, memorySiblings)) !== memoryRoot) {
    throw new StepVerificationError('BadMemoryProof', `memory leaf ${mIndex}`)
  }
  const weight = BigInt(lane(weightLeaf, pc % LANES))
  if (!info.finish) {
    acc += weight * BigInt(lane(memoryLeaf, info.memoryAddress % LANES))
    if (acc > INT256_MAX || acc < INT256_MIN) throw new StepVerificationError('Overflow', 'acc left int256')
  } else {
    let y = (acc >> BigInt(layout.shift)) + weight
    if (y > INT256_MAX || y < INT256_MIN) throw new StepVerificationError('Overflow', 'acc + bias left int256')
    if (!info.lastLayer && y < 0n) y = 0n
    const v = clampInt32(y)
    const newLeaf = memoryLeaf.slice()
    new DataView(newLeaf.buffer).setInt32(4 * (info.memoryAddress % LANES), v, false)
    memoryRoot = bytesToHex(rootFromProof(newLeaf, mIndex, memorySiblings))
    if (info.lastLayer) {
      const word = new Uint8Array(4)
      new DataView(word.buffer).setInt32(0, v, false)
      outputHash = keccak256(concatBytes([outBytes, word]))
    }
    acc = 0n
  }
  return hashStateFields(pcBig + 1n, acc, memoryRoot, outputHash)
}

function lane(leaf: Uint8Array, i: number): number {
  return new DataView(leaf.buffer, leaf.byteOffset, 32).getInt32(4 * i, false)
}
