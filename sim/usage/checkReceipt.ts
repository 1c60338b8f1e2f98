import { UsageReceiptError } from "./errors.ts";
import type { Receipt } from "./types.ts";

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT128 = (1n << 128n) - 1n;
const MAX_UINT32 = 2 ** 32 - 1;

/** Throws a `UsageReceiptError` naming the field if `receipt` does not fit the contract's types. */
export function checkReceipt(receipt: Receipt): void {
  const problems: string[] = [];
  if (receipt.modelId < 0n || receipt.modelId >= 1n << 256n) problems.push(`modelId = ${receipt.modelId}: must fit uint256`);
  if (receipt.sequence < 0n || receipt.sequence > MAX_UINT64) problems.push(`sequence = ${receipt.sequence}: must fit uint64`);
  if (receipt.price < 0n || receipt.price > MAX_UINT128) problems.push(`price = ${receipt.price}: must fit uint128 (wei)`);
  if (!Number.isInteger(receipt.period) || receipt.period < 0 || receipt.period > MAX_UINT32) {
    problems.push(`period = ${receipt.period}: must be a whole number that fits uint32`);
  }
  if (problems.length > 0) {
    throw new UsageReceiptError(`Receipt does not fit the ledger's types (${problems.length} problem${problems.length > 1 ? "s" : ""})`, {
      details: problems.join("; "),
      hints: ["Prices are in wei (bigint), sequences count from 0 per operator and model, periods come from the ledger's `currentPeriod()`."],
    });
  }
}
