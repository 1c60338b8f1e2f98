import type { Address } from "viem";
import type { Receipt, UsageLedgerDomain } from "./types.ts";

/** EIP-712 types of a receipt, as the contract's `RECEIPT_TYPEHASH` spells them. */
export const RECEIPT_TYPES = {
  Receipt: [
    { name: "modelId", type: "uint256" },
    { name: "operator", type: "address" },
    { name: "user", type: "address" },
    { name: "sequence", type: "uint64" },
    { name: "price", type: "uint128" },
    { name: "period", type: "uint32" },
  ],
} as const;

/** The domain of the ledger deployed at `verifyingContract` on `chainId`. */
export function usageLedgerDomain(parameters: { chainId: number; verifyingContract: Address }): UsageLedgerDomain {
  return { name: "UsageLedger", version: "1", chainId: parameters.chainId, verifyingContract: parameters.verifyingContract };
}

/** viem's typed-data arguments for `receipt` under `domain`. */
export function receiptTypedData(domain: UsageLedgerDomain, receipt: Receipt) {
  return {
    domain,
    types: RECEIPT_TYPES,
    primaryType: "Receipt" as const,
    message: {
      modelId: receipt.modelId,
      operator: receipt.operator,
      user: receipt.user,
      sequence: receipt.sequence,
      price: receipt.price,
      period: receipt.period,
    },
  };
}
