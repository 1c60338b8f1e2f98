import { concatBytes, keccak } from './bytes.ts'

const ZERO: Uint8Array[] = [new Uint8Array(32)]
/** Root of an all-zero subtree of height d. */
export function zeroHash(d: number): Uint8Array {
  while (ZERO.length <= d) {
    const z = ZERO[ZERO.length - 1] as Uint8Array
    ZERO.push(keccak(concatBytes([z, z])))
  }
  return ZERO[d] as Uint8Array
}

/** Smallest d >= 1 with 2^d >= leaves. */
export function treeDepth(leaves: number): number {
  let d = 1
  while (2 ** d < leaves) d++
  return d
}

/**
 * A fixed-depth binary Merkle tree over 32-byte leaves; node = keccak256(left || right).
 * Every level is one contiguous buffer, so hashing a pair is one keccak over a subarray.
 */
export class MerkleTree {
  readonly levels: Uint8Array[]

  private constructor(
    readonly depth: number,
    levels: Uint8Array[],
  ) {
    this.levels = levels
  }

  /** Builds from `leafBytes` (a whole number of 32-byte leaves, the rest zero) in O(leaves + depth) hashes. */
  static fromLeaves(leafBytes: Uint8Array, depth: number): MerkleTree {
    const levels: Uint8Array[] = []
    const leaves = new Uint8Array(32 * 2 ** depth)
    leaves.set(leafBytes)
    levels.push(leaves)
    let filled = Math.ceil(leafBytes.length / 32)
    for (let d = 1; d <= depth; d++) {
      const below = levels[d - 1] as Uint8Array
      const level = new Uint8Array(32 * 2 ** (depth - d))
      const m = Math.ceil(filled / 2)
      for (let i = 0; i < m; i++) level.set(keccak(below.subarray(64 * i, 64 * i + 64)), 32 * i)
      const z = zeroHash(d)
      for (let i = m; i < 2 ** (depth - d); i++) level.set(z, 32 * i)
      levels.push(level)
      filled = m
    }
    return new MerkleTree(depth, levels)
  }

  root(): Uint8Array {
    return (this.levels[this.depth] as Uint8Array).slice(0, 32)
  }

  leaf(index: number): Uint8Array {
    return (this.levels[0] as Uint8Array).slice(32 * index, 32 * index + 32)
  }

  /** Siblings of leaf `index`, bottom first, concatenated. */
  siblings(index: number): Uint8Array {
    const out = new Uint8Array(32 * this.depth)
    for (let d = 0; d < this.depth; d++) {
      const s = (index >> d) ^ 1
      out.set((this.levels[d] as Uint8Array).subarray(32 * s, 32 * s + 32), 32 * d)
    }
    return out
  }

  /** Replaces one leaf and rehashes its path (depth hashes). */
  setLeaf(index: number, leaf: Uint8Array): void {
    ;(this.levels[0] as Uint8Array).set(leaf, 32 * index)
    let i = index
    for (let d = 1; d <= this.depth; d++) {
      const p = i >> 1
      const below = this.levels[d - 1] as Uint8Array
      ;(this.levels[d] as Uint8Array).set(keccak(below.subarray(64 * p, 64 * p + 64)), 32 * p)
      i = p
    }
  }
}

/** Root from a leaf, its index and its concatenated siblings (bottom first). */
export function rootFromProof(leaf: Uint8Array, index: number, siblings: Uint8Array): Uint8Array {
  let node = leaf
  let i = index
  const pair = new Uint8Array(64)
  for (let o = 0; o < siblings.length; o += 32) {
    const s = siblings.subarray(o, o + 32)
    if ((i & 1) === 0) {
      pair.set(node, 0)
      pair.set(s, 32)
    } else {
      pair.set(s, 0)
      pair.set(node, 32)
    }
    node = keccak(pair)
    i = Math.floor(i / 2)
  }
  return node
}
