import fc from "fast-check";
import { getAddress, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { createReceiptHasher } from "./createReceiptHasher.ts";
import { receiptDigest } from "./receiptDigest.ts";
import { usageLedgerDomain } from "./receiptTypedData.ts";

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(`0x${Buffer.from(b).toString("hex")}` as Hex) as Address);

describe("createReceiptHasher", () => {
  it("gives viem's EIP-712 digest for every receipt, domain and field width", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        address,
        fc.record({
          modelId: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
          operator: address,
          user: address,
          sequence: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
          price: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
          period: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        (chainId, verifyingContract, receipt) => {
          const domain = usageLedgerDomain({ chainId, verifyingContract });
          const hash = createReceiptHasher(domain);
          expect(hash(receipt)).toBe(receiptDigest(domain, receipt));
          // The hasher reuses its buffers: a second receipt must not carry anything of the first.
          const other = { ...receipt, sequence: 0n, price: 1n, period: 0 };
          expect(hash(other)).toBe(receiptDigest(domain, other));
          expect(hash(receipt)).toBe(receiptDigest(domain, receipt));
        },
      ),
      fcParams(200),
    );
  });
});
