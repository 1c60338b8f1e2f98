import fc from "fast-check";
import { keccak256, stringToHex, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { buildSumTree, computeSumRoot, EMPTY_NODE, parentNode, proveInclusion, sumTreeDepth } from "./sumTree.ts";
import type { SumNode } from "./types.ts";

const leafArb = fc.record({
  hash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString("hex")}` as Hex),
  sum: fc.bigInt({ min: 0n, max: (1n << 100n) - 1n }),
});

describe("sumTree", () => {
  it("has depth ceil(log2(count))", () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 1 << 20, (1 << 20) + 1].map(sumTreeDepth)).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 20, 21]);
  });

  it("hashes a parent as keccak256(abi.encode(leftHash, leftSum, rightHash, rightSum))", () => {
    const left: SumNode = { hash: keccak256(stringToHex("l")), sum: 5n };
    const right: SumNode = { hash: keccak256(stringToHex("r")), sum: 7n };
    const word = (n: bigint) => n.toString(16).padStart(64, "0");
    const packed = `0x${left.hash.slice(2)}${word(5n)}${right.hash.slice(2)}${word(7n)}` as Hex;
    expect(parentNode(left, right)).toEqual({ hash: keccak256(packed), sum: 12n });
  });

  it("saturates sums instead of wrapping (a forged sibling cannot bring a total back down)", () => {
    const max = (1n << 256n) - 1n;
    expect(parentNode({ hash: EMPTY_NODE.hash, sum: max - 1n }, { hash: EMPTY_NODE.hash, sum: 5n }).sum).toBe(max);
  });

  it("proves every leaf to the root, whose sum is the leaves' sum", () => {
    fc.assert(
      fc.property(fc.array(leafArb, { minLength: 1, maxLength: 40 }), (leaves) => {
        const tree = buildSumTree(leaves);
        expect(tree.root.sum).toBe(leaves.reduce((a, l) => a + l.sum, 0n));
        expect(tree.depth).toBe(sumTreeDepth(leaves.length));
        leaves.forEach((leaf, i) => {
          const proof = proveInclusion(tree, i);
          expect(proof).toHaveLength(tree.depth);
          expect(computeSumRoot(leaf, i, proof)).toEqual(tree.root);
        });
      }),
      fcParams(100),
    );
  });

  it("misses the root with an altered sum or another index", () => {
    fc.assert(
      fc.property(
        fc.array(leafArb, { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.bigInt({ min: 1n, max: 1n << 64n }),
        (leaves, pick, delta) => {
          const tree = buildSumTree(leaves);
          const i = pick % leaves.length;
          const leaf = leaves[i] as SumNode;
          const proof = proveInclusion(tree, i);
          expect(computeSumRoot({ hash: leaf.hash, sum: leaf.sum + delta }, i, proof).hash).not.toBe(tree.root.hash);
          const other = i ^ 1;
          const differs = leaves[other] === undefined || leaves[other].hash !== leaf.hash || leaves[other].sum !== leaf.sum;
          if (differs) expect(computeSumRoot(leaf, other, proof).hash).not.toBe(tree.root.hash);
        },
      ),
      fcParams(100),
    );
  });

  it("refuses to prove a leaf that is not there", () => {
    const tree = buildSumTree([{ hash: keccak256("0x01"), sum: 1n }]);
    expect(() => proveInclusion(tree, 1)).toThrow(/not in a tree of 1 leaves/);
    expect(buildSumTree([]).root).toEqual({ hash: EMPTY_NODE.hash, sum: 0n });
  });
});
