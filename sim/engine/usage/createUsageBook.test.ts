import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../../testing/fcParams.ts";
import { testOperator, testUsageWorld } from "../../testing/usageObservation.ts";
import { computeSumRoot, receiptDigest, signReceipt, usageLedgerDomain, verifySignedReceipt } from "../../usage/index.ts";
import { operatorKey } from "../../agents/operatorKey.ts";

describe("the off-chain book", () => {
  it("issues gap-free sequences per operator and knows each period's range", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 })), { maxLength: 60 }), (uses) => {
        const ops = [testOperator("honest-operator", 0), testOperator("honest-operator", 1)];
        const w = testUsageWorld({ operators: ops });
        // Periods only move forward: serve the uses grouped by period, in order.
        const byPeriod = [0, 1, 2].map((p) => uses.filter(([period]) => period === p));
        byPeriod.forEach((group, p) => w.book.serve(group.map(([, u]) => ({ operator: ops[u % 2]!.address, user: u })), p));
        for (const [i, op] of ops.entries()) {
          const mine = byPeriod.map((group) => group.filter(([, u]) => u % 2 === i).length);
          expect(w.book.issued(op.address)).toBe(BigInt(mine.reduce((a, b) => a + b, 0)));
          let at = 0n;
          mine.forEach((n, p) => {
            expect(w.book.periodRange(op.address, p)).toEqual({ first: at, end: at + BigInt(n) });
            for (let s = at; s < at + BigInt(n); s++) expect(w.book.receipt(op.address, s)).toMatchObject({ operator: op.address, sequence: s, period: p, price: w.constants.price });
            at += BigInt(n);
          });
          expect(w.book.periodRange(op.address, 7)).toEqual({ first: at, end: at });
        }
      }),
      fcParams(50),
    );
  });

  it("builds trees whose proofs verify for receipts at their price, and not for the ones left out", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 10 }), (n, hide) => {
        const w = testUsageWorld();
        const op = w.operators[0]!;
        w.book.serve(Array.from({ length: n }, (_, i) => ({ operator: op.address, user: i % 20 })), 0);
        const hidden = [...new Set(hide.filter((h) => h < n))].sort((a, b) => a - b).map(BigInt);
        const c = w.book.commit(op.address, 0n, BigInt(n), hidden);
        expect(c.total).toBe(BigInt(n - hidden.length) * w.constants.price);
        const domain = usageLedgerDomain({ chainId: 31337, verifyingContract: w.constants.ledger });
        for (let s = 0n; s < BigInt(n); s++) {
          expect(w.book.digest(op.address, s)).toBe(receiptDigest(domain, w.book.receipt(op.address, s)));
          const proof = c.proofOf(s);
          if (hidden.includes(s)) expect(proof).toBeUndefined();
          else expect(computeSumRoot({ hash: w.book.digest(op.address, s), sum: w.constants.price }, Number(s), proof!)).toEqual({ hash: c.root, sum: c.total });
        }
        w.book.publish(0, c);
        for (let s = 0n; s < BigInt(n); s++) expect(w.book.requestProof(w.users[0]!.address, op.address, 0, s, { start: 0n, root: c.root, total: c.total })).toBe(!hidden.includes(s));
        expect(w.book.checks(op.address, 0)).toEqual({ checks: n, refused: hidden.length });
        expect(w.book.refusals.map((r) => r.sequence)).toEqual(hidden);
      }),
      fcParams(30),
    );
  });

  it("signs a receipt lazily with the operator's key, exactly as signing it when it was issued (RFC 6979)", async () => {
    const w = testUsageWorld();
    const op = w.operators[0]!;
    w.book.serve([{ operator: op.address, user: 4 }, { operator: op.address, user: 5 }], 0);
    const lazy = await w.book.sign(op.address, 1n);
    const domain = usageLedgerDomain({ chainId: 31337, verifyingContract: w.constants.ledger });
    const eager = await signReceipt({ privateKey: operatorKey(op.id), domain, receipt: w.book.receipt(op.address, 1n) });
    expect(lazy).toEqual(eager);
    expect(await verifySignedReceipt(lazy)).toEqual({ valid: true, signer: op.address });
    expect(w.book.locate(lazy.digest)).toEqual({ operator: op.address, sequence: 1n });
  });
});
