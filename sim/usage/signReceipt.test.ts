import { encodeAbiParameters, keccak256, recoverAddress, stringToHex, type Address, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { commitPeriod } from "./commitPeriod.ts";
import { receiptDigest } from "./receiptDigest.ts";
import { usageLedgerDomain } from "./receiptTypedData.ts";
import { signReceipt } from "./signReceipt.ts";
import type { Receipt } from "./types.ts";
import { SECP256K1_N, toLowS, verifySignedReceipt } from "./verifySignedReceipt.ts";
import { UsageReceiptError } from "./errors.ts";

const key = keccak256(stringToHex("operator test key"));
const operator = privateKeyToAddress(key);
const user: Address = "0x00000000000000000000000000000000000000aa";
const domain = usageLedgerDomain({ chainId: 31337, verifyingContract: "0x0000000000000000000000000000000000001234" });
const receipt = (sequence: bigint, price = 10n ** 15n, period = 3): Receipt => ({ modelId: 1n, operator, user, sequence, price, period });

/** The digest from EIP-712's definition, written out without viem's typed-data helpers. */
function manualDigest(r: Receipt): Hex {
  const h = (s: string) => keccak256(stringToHex(s));
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
      [h("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"), h("UsageLedger"), h("1"), 31337n, domain.verifyingContract],
    ),
  );
  const structHash = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint256" }, { type: "address" }, { type: "address" }, { type: "uint64" }, { type: "uint128" }, { type: "uint32" }],
      [h("Receipt(uint256 modelId,address operator,address user,uint64 sequence,uint128 price,uint32 period)"), r.modelId, r.operator, r.user, r.sequence, r.price, r.period],
    ),
  );
  return keccak256(`0x1901${domainSeparator.slice(2)}${structHash.slice(2)}`);
}

describe("signReceipt", () => {
  it("signs the EIP-712 digest of the receipt with the operator's key", async () => {
    const signed = await signReceipt({ privateKey: key, domain, receipt: receipt(7n) });
    expect(signed.digest).toBe(manualDigest(receipt(7n)));
    expect(await recoverAddress({ hash: signed.digest, signature: signed.signature })).toBe(operator);
    expect(await verifySignedReceipt(signed)).toEqual({ valid: true, signer: operator });
  });

  it("binds every field and the domain", () => {
    const base = receiptDigest(domain, receipt(7n));
    expect(receiptDigest(domain, receipt(8n))).not.toBe(base);
    expect(receiptDigest(domain, receipt(7n, 10n ** 15n + 1n))).not.toBe(base);
    expect(receiptDigest(domain, receipt(7n, 10n ** 15n, 4))).not.toBe(base);
    expect(receiptDigest(domain, { ...receipt(7n), modelId: 2n })).not.toBe(base);
    expect(receiptDigest(domain, { ...receipt(7n), user: operator })).not.toBe(base);
    expect(receiptDigest({ ...domain, chainId: 1 }, receipt(7n))).not.toBe(base);
    expect(receiptDigest({ ...domain, verifyingContract: "0x0000000000000000000000000000000000001235" }, receipt(7n))).not.toBe(base);
  });

  it("refuses a key that is not the receipt's operator, and values that do not fit", async () => {
    const other = keccak256(stringToHex("someone else"));
    await expect(signReceipt({ privateKey: other, domain, receipt: receipt(0n) })).rejects.toThrow(UsageReceiptError);
    await expect(signReceipt({ privateKey: key, domain, receipt: receipt(0n, 1n << 128n) })).rejects.toThrow(/price = .*must fit uint128/);
    await expect(signReceipt({ privateKey: key, domain, receipt: receipt(-1n) })).rejects.toThrow(/sequence = -1/);
    await expect(signReceipt({ privateKey: key, domain, receipt: receipt(0n, 1n, 1.5) })).rejects.toThrow(/period = 1.5/);
  });

  it("flags a high-s signature (the ledger refuses it) and toLowS repairs it", async () => {
    const signed = await signReceipt({ privateKey: key, domain, receipt: receipt(1n) });
    const s = BigInt(`0x${signed.signature.slice(66, 130)}`);
    const v = Number.parseInt(signed.signature.slice(130), 16);
    const high = `${signed.signature.slice(0, 66)}${(SECP256K1_N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
    const verdict = await verifySignedReceipt({ ...signed, signature: high });
    expect(verdict.valid).toBe(false);
    expect(verdict.valid === false && verdict.problem).toMatch(/high s/);
    expect(toLowS(high)).toBe(signed.signature);
    const wrongSigner = await verifySignedReceipt({ ...signed, receipt: { ...signed.receipt, operator: user } });
    expect(wrongSigner.valid).toBe(false);
  });
});

describe("commitPeriod", () => {
  it("commits a period's gap-free run and proves each receipt at leaf sequence - start", async () => {
    const signed = await Promise.all([12n, 10n, 11n].map((q) => signReceipt({ privateKey: key, domain, receipt: receipt(q, q * 100n) })));
    const c = commitPeriod({ receipts: signed, start: 10n, period: 3 });
    expect(c.count).toBe(3n);
    expect(c.total).toBe(3300n);
    expect(c.receipts.map((r) => r.receipt.sequence)).toEqual([10n, 11n, 12n]);
    expect(c.proofOf(11n)).toHaveLength(2);
  });

  it("refuses a gap, a duplicate sequence or a receipt of another period, naming it", async () => {
    const signed = await Promise.all([10n, 12n].map((q) => signReceipt({ privateKey: key, domain, receipt: receipt(q) })));
    expect(() => commitPeriod({ receipts: signed, start: 10n, period: 3 })).toThrow(/leaf 1 has sequence 12, expected 11/);
    expect(() => commitPeriod({ receipts: signed.slice(0, 1), start: 10n, period: 4 })).toThrow(/labelled period 3, not 4/);
  });
});
