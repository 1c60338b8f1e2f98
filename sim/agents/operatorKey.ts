import { keccak256, toHex, type Address, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";

/**
 * An operator's signing key, fixed by its agent id (the same in every run, like every agent's address). An
 * operator signs its receipts with it and sends its transactions from its address, as the ledger requires
 * (the receipt's signer is the operator that reports). keccak256 of a label is a valid secp256k1 key but for
 * a negligible share of labels; privateKeyToAddress would throw on one.
 */
export function operatorKey(agentId: string): Hex {
  return keccak256(toHex(`imo-sim:operator-key:${agentId}`));
}

/** The address of `operatorKey(agentId)`. */
export function operatorAddress(agentId: string): Address {
  return privateKeyToAddress(operatorKey(agentId));
}
