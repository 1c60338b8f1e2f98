import type { Hex } from "viem";
import { privateKeyToAddress, signTypedData } from "viem/accounts";
import { checkReceipt } from "./checkReceipt.ts";
import { receiptDigest } from "./receiptDigest.ts";
import { receiptTypedData } from "./receiptTypedData.ts";
import { UsageReceiptError } from "./errors.ts";
import type { Receipt, SignedReceipt, UsageLedgerDomain } from "./types.ts";

export type SignReceiptParameters = {
  /** The operator's key; its address must be `receipt.operator`. */
  privateKey: Hex;
  domain: UsageLedgerDomain;
  receipt: Receipt;
};

/** Signs a receipt with viem's EIP-712 `signTypedData` (low-s, 65 bytes), as an operator does for each use. */
export async function signReceipt({ privateKey, domain, receipt }: SignReceiptParameters): Promise<SignedReceipt> {
  checkReceipt(receipt);
  const signer = privateKeyToAddress(privateKey);
  if (signer.toLowerCase() !== receipt.operator.toLowerCase()) {
    throw new UsageReceiptError("The signing key is not the receipt's operator", {
      details: `key of ${signer}, receipt.operator = ${receipt.operator}`,
      hints: ["The ledger accepts a receipt only when its operator signed it: sign with the operator's own key."],
    });
  }
  const signature = await signTypedData({ privateKey, ...receiptTypedData(domain, receipt) });
  return { receipt, signature, digest: receiptDigest(domain, receipt) };
}
