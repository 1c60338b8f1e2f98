import { hashTypedData, type Hex } from "viem";
import { receiptTypedData } from "./receiptTypedData.ts";
import type { Receipt, UsageLedgerDomain } from "./types.ts";

/** The receipt's EIP-712 digest (equal to the contract's `receiptDigest`). */
export function receiptDigest(domain: UsageLedgerDomain, receipt: Receipt): Hex {
  return hashTypedData(receiptTypedData(domain, receipt));
}
