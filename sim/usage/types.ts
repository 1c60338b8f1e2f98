import type { Address, Hex } from "viem";

/** What an operator signs for each paid use (the contract's `IUsageLedger.Receipt`). */
export type Receipt = {
  modelId: bigint;
  operator: Address;
  user: Address;
  /** The operator's receipt number for this model: 0, 1, 2, ... with no gap. */
  sequence: bigint;
  /** What the user paid, in wei (fits 128 bits). */
  price: bigint;
  /** The ledger period the receipt belongs to. */
  period: number;
};

/** A receipt with the operator's EIP-712 signature and its digest. */
export type SignedReceipt = {
  receipt: Receipt;
  signature: Hex;
  /** EIP-712 digest: what was signed, the receipt's leaf hash, its challenge key. */
  digest: Hex;
};

/** A node of a Merkle sum tree (the contract's `IUsageLedger.SumNode`). */
export type SumNode = { hash: Hex; sum: bigint };

/** A period's report as the ledger hashes it (`IUsageLedger.Report`); every field is in the `Reported` event. */
export type Report = {
  start: bigint;
  count: bigint;
  total: bigint;
  root: Hex;
  reportedAt: number;
};

/** The ledger's EIP-712 domain. */
export type UsageLedgerDomain = {
  name: "UsageLedger";
  version: "1";
  chainId: number;
  verifyingContract: Address;
};
