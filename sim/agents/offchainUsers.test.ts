import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testOperator, testUsageWorld } from "../testing/usageObservation.ts";
import { checkReport, offchainDemandMean, offchainUsersInitialState, offchainUsersPolicy } from "./offchainUsers.ts";
import type { Action } from "./types.ts";

const seed = fc.integer({ min: 0, max: 2 ** 31 });

describe("off-chain demand", () => {
  it("is usesPerEpoch at the reference price and falls with the price at a constant elasticity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 1.01, max: 10, noNaN: true }), (uses, elasticity, factor) => {
        const demand = { usesPerEpoch: uses, price: "0.001", referencePrice: "0.001", elasticity };
        expect(offchainDemandMean(demand)).toBeCloseTo(uses, 6);
        const dearer = offchainDemandMean({ ...demand, price: String(0.001 * factor) });
        expect(dearer).toBeLessThanOrEqual(uses + 1e-9);
        // Constant elasticity: the log of demand moves by −elasticity × the log of the price.
        expect(Math.log(dearer / uses)).toBeCloseTo(-elasticity * Math.log(Number(String(0.001 * factor)) / 0.001), 6);
      }),
      fcParams(100),
    );
  });
});

describe("checking a report against the receipts", () => {
  const range = fc.record({ first: fc.bigInt({ min: 0n, max: 100n }), length: fc.bigInt({ min: 0n, max: 60n }) });

  it("finds a count lie exactly when a receipt of the period is outside the reported range, and then checks nothing else", () => {
    fc.assert(
      fc.property(range, fc.bigInt({ min: 0n, max: 120n }), fc.bigInt({ min: 0n, max: 80n }), seed, (labelled, start, count, s) => {
        const r = { first: labelled.first, end: labelled.first + labelled.length };
        const checks = checkReport({ report: { start, count, total: 10n ** 30n }, labelled: r, price: 1n, checkProbability: 1, checkOnChainProbability: 0, rng: createRng(s) });
        const outside = [];
        for (let x = r.first; x < r.end; x++) if (x < start || x >= start + count) outside.push(x);
        expect(checks.outOfRange).toBe(outside[0]);
        if (checks.outOfRange !== undefined) expect(checks.checked).toEqual([]);
      }),
      fcParams(200),
    );
  });

  it("proves a price above the total at once, and otherwise checks each receipt in range with the check probability", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 50n }), fc.double({ min: 0, max: 1, noNaN: true }), seed, (n, q, s) => {
        const report = { start: 10n, count: n, total: 5n * n };
        const low = checkReport({ report: { ...report, total: 4n }, labelled: { first: 10n, end: 10n + n }, price: 5n, checkProbability: q, checkOnChainProbability: 0, rng: createRng(s) });
        expect(low.priceAboveTotal).toBe(10n);
        expect(low.checked).toEqual([]);
        const fine = checkReport({ report, labelled: { first: 10n, end: 10n + n }, price: 5n, checkProbability: q, checkOnChainProbability: 0.5, rng: createRng(s) });
        expect(fine.outOfRange).toBeUndefined();
        expect(fine.priceAboveTotal).toBeUndefined();
        for (const c of fine.checked) expect(c.sequence >= 10n && c.sequence < 10n + n).toBe(true);
        if (q === 0) expect(fine.checked).toEqual([]);
        if (q === 1) expect(fine.checked.map((c) => c.sequence)).toEqual(Array.from({ length: Number(n) }, (_, i) => 10n + BigInt(i)));
      }),
      fcParams(200),
    );
  });
});

describe("the off-chain users", () => {
  it("use the model only through serving operators, about the epoch's mean per turn", () => {
    const w = testUsageWorld({ offchain: "{ demand: { usesPerEpoch: 1200 } }", operators: [testOperator("honest-operator", 0), testOperator("honest-operator", 1)] });
    const none = offchainUsersPolicy(w.users, offchainUsersInitialState(), w.observation, createRng(1)).actions;
    expect(none.filter((a) => a.kind === "useOffchain")).toEqual([]);
    w.register(...w.operators);
    let uses = 0;
    for (let turn = 0; turn < 12; turn++) {
      const actions = offchainUsersPolicy(w.users, offchainUsersInitialState(), { ...w.observe(w.observation.now), turn }, createRng(1)).actions;
      for (const a of actions) if (a.kind === "useOffchain") expect(w.operators.map((o) => o.address)).toContain(a.operator);
      uses += actions.filter((a) => a.kind === "useOffchain").length;
    }
    expect(uses).toBeGreaterThan(1200 - 5 * Math.sqrt(1200));
    expect(uses).toBeLessThan(1200 + 5 * Math.sqrt(1200));
  });

  it("prove a count lie at once, once per operator, with a receipt its holder keeps; and check every report once", () => {
    const w = testUsageWorld({ offchain: "{ users: { checkProbability: 0 } }" });
    const op = w.operators[0]!;
    w.register(op);
    w.book.serve(Array.from({ length: 6 }, (_, i) => ({ operator: op.address, user: i })), 0);
    const report = { operator: op.address, period: 0, fromPeriod: 0, start: 0n, count: 4n, total: 4n * w.constants.price, root: "0x01" as const, reportedAt: w.constants.genesis + 3600, paid: 0n, block: 2n };
    w.usage.reports.push(report);
    w.usage.reportsByOperator.set(op.address.toLowerCase(), new Map([[0, report]]));
    const obs = w.observe(w.constants.genesis + 3900);
    const { actions, state } = offchainUsersPolicy(w.users, offchainUsersInitialState(), obs, createRng(3));
    const proofs = actions.filter((a): a is Extract<Action, { kind: "proveOutOfRange" }> => a.kind === "proveOutOfRange");
    expect(proofs).toHaveLength(1);
    expect(proofs[0]?.sequence).toBe(4n);
    expect(proofs[0]?.agent.address).toBe(w.book.receipt(op.address, 4n).user);
    expect(state.reportsSeen).toBe(1);
    const again = offchainUsersPolicy(w.users, state, obs, createRng(3)).actions;
    expect(again.some((a) => a.kind === "proveOutOfRange")).toBe(false);
  });

  it("challenge a receipt whose proof was refused, and slash the challenge once its deadline passes", () => {
    const w = testUsageWorld({ offchain: "{ users: { checkProbability: 1 } }" });
    const op = w.operators[0]!;
    w.register(op);
    w.book.serve(Array.from({ length: 4 }, (_, i) => ({ operator: op.address, user: i })), 0);
    const c = w.book.commit(op.address, 0n, 4n, [2n]);
    w.book.publish(0, c);
    const report = { operator: op.address, period: 0, fromPeriod: 0, start: 0n, count: 4n, total: c.total, root: c.root, reportedAt: w.constants.genesis + 3600, paid: 0n, block: 2n };
    w.usage.reports.push(report);
    w.usage.reportsByOperator.set(op.address.toLowerCase(), new Map([[0, report]]));
    const first = offchainUsersPolicy(w.users, offchainUsersInitialState(), w.observe(report.reportedAt + 300), createRng(4));
    const requests = first.actions.filter((a): a is Extract<Action, { kind: "requestUsageProof" }> => a.kind === "requestUsageProof");
    expect(requests.map((r) => r.sequence)).toEqual([0n, 1n, 2n, 3n]);
    // The engine answers the requests from the published tree: only the hidden receipt is refused.
    for (const r of requests) expect(w.book.requestProof(r.agent.address, r.operator, r.period, r.sequence, r.report)).toBe(r.sequence !== 2n);
    const second = offchainUsersPolicy(w.users, first.state, w.observe(report.reportedAt + 600), createRng(4));
    const challenges = second.actions.filter((a): a is Extract<Action, { kind: "challengeReceipt" }> => a.kind === "challengeReceipt");
    expect(challenges.map((x) => [x.sequence, x.agent.address, x.askedFirst])).toEqual([[2n, w.book.receipt(op.address, 2n).user, true]]);
    const digest = w.book.digest(op.address, 2n);
    w.usage.challenges.set(digest, { digest, operator: op.address, challenger: challenges[0]!.agent.address, sequence: 2n, period: 0, deadline: report.reportedAt + 2400, openedAt: report.reportedAt + 600, status: "open", answerer: undefined, endedAt: undefined });
    const early = offchainUsersPolicy(w.users, second.state, w.observe(report.reportedAt + 2399), createRng(4)).actions;
    expect(early.some((a) => a.kind === "slashUnanswered")).toBe(false);
    const late = offchainUsersPolicy(w.users, second.state, w.observe(report.reportedAt + 2400), createRng(4)).actions;
    expect(late.filter((a) => a.kind === "slashUnanswered")).toHaveLength(1);
  });
});
