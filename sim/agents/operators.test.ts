import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testOperator, testUsageWorld } from "../testing/usageObservation.ts";
import { buildSumTree, owedToToken, receiptDigest, usageLedgerDomain } from "../usage/index.ts";
import { operatorInitialState, operatorPolicy, pickSequences, planReport, strategicHidden, underReportedCount, updateBelief, type OperatorState } from "./operators.ts";
import type { Action } from "./types.ts";

const seed = fc.integer({ min: 0, max: 2 ** 31 });
/** Expected profit of hiding k receipts, as the strategic rule states it. */
const expected = (k: number, price: bigint, shareBps: number, bond: bigint, q: number) => (Number(price) * shareBps * k) / 10_000 - Number(bond) * (1 - (1 - q) ** k);

const strategicCase = fc.record({
  receipts: fc.integer({ min: 0, max: 400 }),
  price: fc.bigInt({ min: 1n, max: 10n ** 16n }),
  shareBps: fc.integer({ min: 0, max: 10_000 }),
  bond: fc.bigInt({ min: 1n, max: 10n ** 20n }),
  checkProbability: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("the strategic operator's rule", () => {
  it("never under-reports when the expected slash is at least the gain for every number of receipts left out", () => {
    fc.assert(
      fc.property(strategicCase, (c) => {
        const k = strategicHidden(c);
        const bestOtherwise = Math.max(0, ...Array.from({ length: Math.max(0, c.receipts - 1) }, (_, i) => expected(i + 1, c.price, c.shareBps, c.bond, c.checkProbability)));
        if (bestOtherwise <= 0) expect(k).toBe(0);
        else expect(expected(k, c.price, c.shareBps, c.bond, c.checkProbability)).toBeGreaterThan(0);
      }),
      fcParams(200),
    );
  });

  it("leaves out the number of receipts that maximizes its expected profit, and always keeps one", () => {
    fc.assert(
      fc.property(strategicCase, (c) => {
        const k = strategicHidden(c);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(Math.max(0, c.receipts - 1));
        const value = expected(k, c.price, c.shareBps, c.bond, c.checkProbability);
        for (let j = 1; j < c.receipts; j++) expect(expected(j, c.price, c.shareBps, c.bond, c.checkProbability)).toBeLessThanOrEqual(value + Math.abs(value) * 1e-9 + 1e-6);
      }),
      fcParams(100),
    );
  });

  it("hides all but one receipt or none (its expected profit is convex in the number hidden)", () => {
    fc.assert(
      fc.property(strategicCase, (c) => {
        const k = strategicHidden(c);
        expect(k === 0 || k === c.receipts - 1).toBe(true);
      }),
      fcParams(200),
    );
  });

  it("lies when its bond is below one period's share and users rarely check, and not when the bond is larger", () => {
    const base = { receipts: 500, price: 5n * 10n ** 14n, shareBps: 2000, checkProbability: 0.001 };
    // Hiding 499 receipts keeps 0.0499 ETH; caught with probability 1 − 0.999^499 ≈ 0.39.
    expect(strategicHidden({ ...base, bond: 10n ** 17n })).toBe(499);
    expect(strategicHidden({ ...base, bond: 2n * 10n ** 17n })).toBe(0);
    expect(strategicHidden({ ...base, bond: 10n ** 16n, checkProbability: 0.5 })).toBe(499);
    expect(strategicHidden({ ...base, bond: 10n ** 17n, checkProbability: 0.5 })).toBe(0);
  });

  it("learns the check probability from the checks it sees, period by period, once each", () => {
    const w = testUsageWorld({ operators: [testOperator("strategic-operator")] });
    const op = w.operators[0]!;
    const served = w.book.serve(Array.from({ length: 10 }, (_, i) => ({ operator: op.address, user: i % 3 })), 0);
    expect(served).toHaveLength(10);
    w.usage.reportsByOperator.set(op.address.toLowerCase(), new Map([[0, { operator: op.address, period: 0, fromPeriod: 0, start: 0n, count: 10n, total: 0n, root: "0x", reportedAt: 0, paid: 0n, block: 1n }]]));
    w.book.countCheck(op.address, 0);
    w.book.countCheck(op.address, 0);
    const start: OperatorState = { checked: 1, observed: 10, countedThrough: -1 };
    const once = updateBelief(start, w.observation.usage!, op.address, 0);
    expect(once).toEqual({ checked: 3, observed: 20, countedThrough: 0 });
    expect(updateBelief(once, w.observation.usage!, op.address, 0)).toEqual(once);
  });
});

describe("report plans", () => {
  const scenarioOf = (operators: string) => testUsageWorld({ offchain: `{ operators: ${operators} }` }).observation.scenario.offchain!;

  it("an honest operator's plan commits every receipt, whatever its stream", () => {
    const offchain = scenarioOf("{ honest: 1 }");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.bigInt({ min: 0n, max: 10n ** 9n }), seed, (receipts, start, s) => {
        const plan = planReport({ role: "honest-operator", offchain, start, receipts, usage: { price: 10n ** 15n, shareAt: () => 2000 }, period: 3, bond: 1n, state: operatorInitialState({ offchain } as never), rng: createRng(s) });
        expect(plan).toEqual({ count: BigInt(receipts), hidden: [] });
      }),
      fcParams(100),
    );
  });

  it("an under-reporting operator lies with its probability, leaving out its share of the receipts (all but one at most)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), seed, fc.constantFrom("omit-from-tree", "lower-count"), (receipts, share, s, style) => {
        for (const p of [0, 1]) {
          const offchain = scenarioOf(`{ underReporting: 1, lieProbability: ${p}, hiddenShare: ${share}, lieStyle: ${style} }`);
          const plan = planReport({ role: "under-reporting-operator", offchain, start: 7n, receipts, usage: { price: 1n, shareAt: () => 2000 }, period: 1, bond: 1n, state: operatorInitialState({ offchain } as never), rng: createRng(s) });
          const k = p === 1 ? underReportedCount(receipts, share) : 0;
          expect(k).toBeLessThanOrEqual(Math.max(0, receipts - 1));
          if (style === "lower-count" && k > 0) expect(plan).toEqual({ count: BigInt(receipts - k), hidden: [] });
          else {
            expect(plan.count).toBe(BigInt(receipts));
            expect(plan.hidden).toHaveLength(k);
            expect(new Set(plan.hidden).size).toBe(k);
            for (const h of plan.hidden) expect(h >= 7n && h < 7n + BigInt(receipts)).toBe(true);
          }
        }
      }),
      fcParams(60),
    );
  });

  it("picks distinct sequences in range, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 400 }), seed, (n, k, s) => {
        const picked = pickSequences(100n, n, k, createRng(s));
        expect(picked).toHaveLength(Math.min(n, k));
        expect([...picked].sort((a, b) => (a < b ? -1 : 1))).toEqual(picked);
        expect(new Set(picked).size).toBe(picked.length);
        for (const x of picked) expect(x >= 100n && x < 100n + BigInt(n)).toBe(true);
      }),
      fcParams(100),
    );
  });
});

describe("the operator policy", () => {
  it("a strategic operator records its belief for agent_epochs.csv from its first turn, and the others record nothing", () => {
    const strategic = testOperator("strategic-operator");
    const honest = testOperator("honest-operator");
    const w = testUsageWorld({ operators: [strategic, honest] });
    const start = operatorInitialState(w.observation.scenario);
    const next = operatorPolicy(strategic, start, w.observation, createRng(1)).state;
    expect(next.record).toEqual({ believed_check_probability: start.checked / start.observed, checks_seen: start.checked, receipts_observed: start.observed });
    expect(operatorPolicy(honest, start, w.observation, createRng(1)).state.record).toBeUndefined();
  });

  it("registers with its bond first", () => {
    const w = testUsageWorld();
    const op = w.operators[0]!;
    expect(operatorPolicy(op, operatorInitialState(w.observation.scenario), w.observation, createRng(1)).actions).toEqual([{ kind: "registerOperator", agent: op, bond: w.constants.operatorBond }]);
  });

  it("an honest operator's report commits every receipt of the period at its price, and pays the token's exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 19 }), { minLength: 0, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 19 }), { maxLength: 10 }), seed, (period0, period1, s) => {
        const w = testUsageWorld();
        const op = w.operators[0]!;
        w.register(op);
        w.book.serve(period0.map((user) => ({ operator: op.address, user })), 0);
        w.book.serve(period1.map((user) => ({ operator: op.address, user })), 1);
        const obs = w.observe(w.constants.genesis + 3600);
        const report = operatorPolicy(op, operatorInitialState(obs.scenario), obs, createRng(s)).actions.find((a): a is Extract<Action, { kind: "reportUsage" }> => a.kind === "reportUsage");
        if (!report) throw new Error("no report once period 0 ended");
        expect(report.period).toBe(0);
        expect(report.count).toBe(BigInt(period0.length));
        expect(report.hidden).toEqual([]);
        // The root is the sum tree over viem's digests of the receipts, in sequence order.
        const domain = usageLedgerDomain({ chainId: 31337, verifyingContract: w.constants.ledger });
        const leaves = period0.map((_, i) => ({ hash: receiptDigest(domain, w.book.receipt(op.address, BigInt(i))), sum: w.constants.price }));
        const tree = buildSumTree(leaves);
        expect(report.root).toBe(tree.root.hash);
        expect(report.total).toBe(BigInt(period0.length) * w.constants.price);
        expect(report.value).toBe(owedToToken(report.total, 2000));
      }),
      fcParams(25),
    );
  });

  it("reports nothing before the period ends, and answers a challenge only when its published tree proves the receipt", () => {
    const w = testUsageWorld({ operators: [testOperator("under-reporting-operator")], offchain: "{ operators: { underReporting: 1, lieProbability: 1, hiddenShare: 0.5 } }" });
    const op = w.operators[0]!;
    w.register(op);
    w.book.serve(Array.from({ length: 8 }, (_, i) => ({ operator: op.address, user: i })), 0);
    const early = operatorPolicy(op, operatorInitialState(w.observation.scenario), w.observe(w.constants.genesis + 3599), createRng(2)).actions;
    expect(early.some((a) => a.kind === "reportUsage")).toBe(false);
    const obs = w.observe(w.constants.genesis + 3600);
    const report = operatorPolicy(op, operatorInitialState(obs.scenario), obs, createRng(2)).actions.find((a): a is Extract<Action, { kind: "reportUsage" }> => a.kind === "reportUsage");
    if (!report) throw new Error("no report");
    expect(report.hidden).toHaveLength(4);
    expect(report.total).toBe(4n * w.constants.price);
    const commitment = w.book.commit(op.address, report.start, report.count, report.hidden);
    w.book.publish(0, commitment);
    const record = { operator: op.address, period: 0, fromPeriod: 0, start: 0n, count: report.count, total: report.total, root: report.root, reportedAt: obs.now, paid: report.value, block: 2n };
    w.usage.reportsByOperator.set(op.address.toLowerCase(), new Map([[0, record]]));
    const operatorRecord = w.usage.operators.get(op.address.toLowerCase())!;
    operatorRecord.nextPeriod = 1;
    operatorRecord.nextSequence = 8n;
    const hidden = report.hidden[0]!;
    const shown = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].find((s) => !report.hidden.includes(s))!;
    for (const sequence of [hidden, shown]) {
      w.usage.challenges.set(w.book.digest(op.address, sequence), { digest: w.book.digest(op.address, sequence), operator: op.address, challenger: w.users[0]!.address, sequence, period: 0, deadline: obs.now + 1800, openedAt: obs.now, status: "open", answerer: undefined, endedAt: undefined });
    }
    const answers = operatorPolicy(op, operatorInitialState(obs.scenario), w.observe(obs.now + 300), createRng(2)).actions.filter((a) => a.kind === "answerChallenge");
    expect(answers.map((a) => (a.kind === "answerChallenge" ? a.sequence : -1n))).toEqual([shown]);
  });
});
