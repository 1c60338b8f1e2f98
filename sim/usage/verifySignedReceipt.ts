import { hexToBigInt, recoverAddress, size, slice, type Address, type Hex } from "viem";
import type { SignedReceipt } from "./types.ts";

/** secp256k1 group order; the contract (OpenZeppelin ECDSA) accepts only s <= N / 2. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export type VerifySignedReceiptReturnType =
  | { valid: true; signer: Address }
  | { valid: false; signer: Address | undefined; problem: string };

/**
 * Checks a signed receipt the way the ledger will (what a user does before accepting it as evidence): 65 bytes,
 * v 27 or 28, low s, and recovering the receipt's operator. An operator that hands out a high-s signature hands
 * out a receipt the ledger would refuse; `toLowS` turns it into the one the ledger accepts.
 */
export async function verifySignedReceipt(signed: SignedReceipt): Promise<VerifySignedReceiptReturnType> {
  const { signature, receipt, digest } = signed;
  if (size(signature) !== 65) return { valid: false, signer: undefined, problem: `signature is ${size(signature)} bytes, not 65` };
  const s = hexToBigInt(slice(signature, 32, 64));
  const v = hexToBigInt(slice(signature, 64, 65));
  if (v !== 27n && v !== 28n) return { valid: false, signer: undefined, problem: `v = ${v}, not 27 or 28` };
  if (s > SECP256K1_N / 2n) return { valid: false, signer: undefined, problem: "high s (malleable): normalize it with toLowS" };
  let signer: Address;
  try {
    signer = await recoverAddress({ hash: digest, signature });
  } catch (cause) {
    return { valid: false, signer: undefined, problem: `no signer recovers: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
  if (signer.toLowerCase() !== receipt.operator.toLowerCase()) {
    return { valid: false, signer, problem: `signed by ${signer}, not by the operator ${receipt.operator}` };
  }
  return { valid: true, signer };
}

/** The low-s twin of a 65-byte signature (the same signer; the form the ledger accepts). */
export function toLowS(signature: Hex): Hex {
  const r = slice(signature, 0, 32);
  const s = hexToBigInt(slice(signature, 32, 64));
  const v = Number(hexToBigInt(slice(signature, 64, 65)));
  if (s <= SECP256K1_N / 2n) return signature;
  const lowS = (SECP256K1_N - s).toString(16).padStart(64, "0");
  const flipped = (v === 27 ? 28 : 27).toString(16);
  return `${r}${lowS}${flipped}` as Hex;
}
