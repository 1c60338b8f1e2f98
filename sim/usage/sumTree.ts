import { bytesToHex, hexToBytes, type Hex } from "viem";
import { keccak } from "../vm/bytes.ts";
import type { SumNode } from "./types.ts";

const MAX_UINT256 = (1n << 256n) - 1n;
const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;
/** abi.encode(leftHash, leftSum, rightHash, rightSum): four words, written by hand (the simulator hashes a node per receipt). */
const parentPreimage = new Uint8Array(128);

function writeWord(offset: number, value: bigint): void {
  let v = value;
  for (let i = offset + 31; i >= offset; i--) {
    parentPreimage[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The padding leaf: after the last receipt, up to the next power of two. */
export const EMPTY_NODE: SumNode = { hash: ZERO_HASH, sum: 0n };

/** A Merkle sum tree: `levels[0]` holds the padded leaves, the last level the root. */
export type SumTree = {
  levels: SumNode[][];
  root: SumNode;
  /** Number of real leaves (before padding). */
  count: number;
  depth: number;
};

/** `ceil(log2(count))`, 0 for zero or one leaf (the contract's `SumTree.depth`). */
export function sumTreeDepth(count: number): number {
  let depth = 0;
  while (2 ** depth < count) depth++;
  return depth;
}

/** `(keccak256(abi.encode(l.hash, l.sum, r.hash, r.sum)), l.sum + r.sum)`, the sum saturating at 2^256 - 1. */
export function parentNode(left: SumNode, right: SumNode): SumNode {
  const sum = left.sum + right.sum;
  parentPreimage.set(hexToBytes(left.hash), 0);
  writeWord(32, left.sum);
  parentPreimage.set(hexToBytes(right.hash), 64);
  writeWord(96, right.sum);
  return { hash: bytesToHex(keccak(parentPreimage)), sum: sum > MAX_UINT256 ? MAX_UINT256 : sum };
}

/** Builds the tree over `leaves` (in sequence order), padded with `EMPTY_NODE` to a power of two. */
export function buildSumTree(leaves: readonly SumNode[]): SumTree {
  const depth = sumTreeDepth(leaves.length);
  if (leaves.length === 0) return { levels: [[]], root: { hash: ZERO_HASH, sum: 0n }, count: 0, depth: 0 };
  const first = [...leaves];
  while (first.length < 2 ** depth) first.push(EMPTY_NODE);
  const levels: SumNode[][] = [first];
  let level = first;
  while (level.length > 1) {
    const next: SumNode[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(parentNode(level[i] as SumNode, level[i + 1] as SumNode));
    levels.push(next);
    level = next;
  }
  return { levels, root: level[0] as SumNode, count: leaves.length, depth };
}

/** The siblings of leaf `index`, leaf level first (what `answerChallenge` takes). */
export function proveInclusion(tree: SumTree, index: number): SumNode[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.count) {
    throw new RangeError(`leaf ${index} is not in a tree of ${tree.count} leaves`);
  }
  const proof: SumNode[] = [];
  let i = index;
  for (let d = 0; d < tree.depth; d++) {
    proof.push((tree.levels[d] as SumNode[])[i ^ 1] as SumNode);
    i >>= 1;
  }
  return proof;
}

/** The root a path leads to (the contract's `computeSumRoot`): what a user checks an answer against. */
export function computeSumRoot(leaf: SumNode, index: number, proof: readonly SumNode[]): SumNode {
  let node = leaf;
  let i = index;
  for (const sibling of proof) {
    node = i % 2 === 0 ? parentNode(node, sibling) : parentNode(sibling, node);
    i = Math.floor(i / 2);
  }
  return node;
}
