import { bytesToHex, encodeAbiParameters, hexToBytes, keccak256, stringToHex, type Hex } from "viem";
import { keccak } from "../vm/bytes.ts";
import type { Receipt, UsageLedgerDomain } from "./types.ts";

const RECEIPT_TYPEHASH = hexToBytes(keccak256(stringToHex("Receipt(uint256 modelId,address operator,address user,uint64 sequence,uint128 price,uint32 period)")));

/** Writes `value` as a 32-byte big-endian word at `offset`. */
function writeWord(out: Uint8Array, offset: number, value: bigint): void {
  let v = value;
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * A receipt hasher for one ledger: the same EIP-712 digest as `receiptDigest` (viem's `hashTypedData`), computed
 * about twenty times faster (the domain separator once, the struct encoded by hand, keccak in WebAssembly). The
 * simulator hashes every receipt an operator issues (they are its sum tree's leaves), so this is its hot path;
 * createReceiptHasher.test.ts checks it against `receiptDigest` on random receipts.
 */
export function createReceiptHasher(domain: UsageLedgerDomain): (receipt: Receipt) => Hex {
  const h = (text: string) => keccak256(stringToHex(text));
  const separator = hexToBytes(
    keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [h("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"), h(domain.name), h(domain.version), BigInt(domain.chainId), domain.verifyingContract],
      ),
    ),
  );
  const struct = new Uint8Array(7 * 32);
  struct.set(RECEIPT_TYPEHASH, 0);
  const outer = new Uint8Array(2 + 32 + 32);
  outer[0] = 0x19;
  outer[1] = 0x01;
  outer.set(separator, 2);
  return (r) => {
    writeWord(struct, 32, r.modelId);
    struct.fill(0, 64, 76);
    struct.set(hexToBytes(r.operator), 76);
    struct.fill(0, 96, 108);
    struct.set(hexToBytes(r.user), 108);
    writeWord(struct, 128, r.sequence);
    writeWord(struct, 160, r.price);
    writeWord(struct, 192, BigInt(r.period));
    outer.set(keccak(struct), 34);
    return bytesToHex(keccak(outer));
  };
}
