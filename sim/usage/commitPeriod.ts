import type { Hex } from "viem";
import { UsageReceiptError } from "./errors.ts";
import { buildSumTree, proveInclusion, type SumTree } from "./sumTree.ts";
import type { SignedReceipt, SumNode } from "./types.ts";

export type CommitPeriodParameters = {
  /** The period's receipts, in any order; their sequences must be exactly `[start, start + count)`. */
  receipts: readonly SignedReceipt[];
  /** The operator's `nextSequence` on the ledger (the first sequence of this period). */
  start: bigint;
  period: number;
};

export type PeriodCommitment = {
  period: number;
  start: bigint;
  count: bigint;
  total: bigint;
  /** `root.hash` (zero for an empty period). */
  root: Hex;
  tree: SumTree;
  /** Receipts in leaf order (`leaf i` = sequence `start + i`). */
  receipts: readonly SignedReceipt[];
  /** The inclusion proof of the receipt with `sequence` (what `answerChallenge` takes). */
  proofOf(sequence: bigint): SumNode[];
};

/**
 * What an honest operator reports for a period: the Merkle sum tree over its receipts, leaf i being the receipt
 * with sequence `start + i` as `(digest, price)`. Throws a `UsageReceiptError` if the receipts are not one
 * period's gap-free run from `start` (a report built from them would be slashable).
 */
export function commitPeriod({ receipts, start, period }: CommitPeriodParameters): PeriodCommitment {
  const ordered = [...receipts].sort((a, b) => (a.receipt.sequence < b.receipt.sequence ? -1 : a.receipt.sequence > b.receipt.sequence ? 1 : 0));
  const problems: string[] = [];
  ordered.forEach((s, i) => {
    const expected = start + BigInt(i);
    if (s.receipt.sequence !== expected) problems.push(`leaf ${i} has sequence ${s.receipt.sequence}, expected ${expected}`);
    if (s.receipt.period !== period) problems.push(`sequence ${s.receipt.sequence} is labelled period ${s.receipt.period}, not ${period}`);
  });
  const first = ordered[0];
  for (const s of ordered) {
    if (first !== undefined && (s.receipt.operator.toLowerCase() !== first.receipt.operator.toLowerCase() || s.receipt.modelId !== first.receipt.modelId)) {
      problems.push(`sequence ${s.receipt.sequence} belongs to another operator or model`);
    }
  }
  if (problems.length > 0) {
    throw new UsageReceiptError(`Receipts of period ${period} do not form one gap-free run from sequence ${start}`, {
      details: problems.slice(0, 5).join("; ") + (problems.length > 5 ? `; and ${problems.length - 5} more` : ""),
      hints: ["Pass every receipt of the period exactly once; `start` is the operator's `nextSequence` on the ledger."],
    });
  }
  const tree = buildSumTree(ordered.map((s) => ({ hash: s.digest, sum: s.receipt.price })));
  return {
    period,
    start,
    count: BigInt(ordered.length),
    total: tree.root.sum,
    root: tree.root.hash,
    tree,
    receipts: ordered,
    proofOf(sequence) {
      return proveInclusion(tree, Number(sequence - start));
    },
  };
}
