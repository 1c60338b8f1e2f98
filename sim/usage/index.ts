// Off-chain side of the usage ledger: operators sign receipts, build each period's commitment and answer
// challenges; users check receipts and inclusion proofs. Pure functions; see docs/usage.md.
export type { Receipt, Report, SignedReceipt, SumNode, UsageLedgerDomain } from "./types.ts";
export { RECEIPT_TYPES, receiptTypedData, usageLedgerDomain } from "./receiptTypedData.ts";
export { receiptDigest } from "./receiptDigest.ts";
export { checkReceipt } from "./checkReceipt.ts";
export { signReceipt, type SignReceiptParameters } from "./signReceipt.ts";
export { SECP256K1_N, toLowS, verifySignedReceipt, type VerifySignedReceiptReturnType } from "./verifySignedReceipt.ts";
export { EMPTY_NODE, buildSumTree, computeSumRoot, parentNode, proveInclusion, sumTreeDepth, type SumTree } from "./sumTree.ts";
export { commitPeriod, type CommitPeriodParameters, type PeriodCommitment } from "./commitPeriod.ts";
export { owedToToken } from "./owedToToken.ts";
export { createReceiptHasher } from "./createReceiptHasher.ts";
export { UsageReceiptError } from "./errors.ts";
