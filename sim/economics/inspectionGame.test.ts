import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { exactRatio } from "./exactRatio.ts";
import { challengerPrizeWei, equilibriumCheckRate, equilibriumLieRate, firstFinderChance, inspectionEquilibrium, rationalCheck, rationalLie, type ChallengerPayoffs, type SubmitterPayoffs } from "./inspectionGame.ts";

const ETH = 10n ** 18n;
const MILLI = 10n ** 15n;
const wei = (max: bigint) => fc.bigInt({ min: 0n, max });
const submitter = fc.record({ lieValueWei: wei(ETH), computeSavedWei: wei(ETH / 10n), bondWei: wei(10n * ETH), rewardWei: wei(ETH / 10n), caughtCostWei: wei(ETH / 10n) });
const challenger = fc.record({ slashShareWei: wei(10n * ETH), rewardWei: wei(ETH / 10n), disputeCostWei: wei(ETH / 10n), checkCostWei: wei(ETH / 10n), duplicateCostWei: wei(ETH / 100n) });
/** A belief as a fraction k / d, so the test's arithmetic is exact and independent of the rule's. */
const fraction = fc.integer({ min: 1, max: 10_000 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d)));

/** Defaults of the shipped scenarios: Bs = 0.1 ETH, w = 0.5, R = 0.0005 ETH. */
const s0: SubmitterPayoffs = { lieValueWei: 50n * MILLI, computeSavedWei: 0n, bondWei: 100n * MILLI, rewardWei: MILLI / 2n, caughtCostWei: 0n };
const c0: ChallengerPayoffs = { slashShareWei: 50n * MILLI, rewardWei: MILLI / 2n, disputeCostWei: 0n, checkCostWei: 5n * MILLI, duplicateCostWei: 0n };

describe("exact ratios", () => {
  it("turn a double into the fraction it is exactly", () => {
    expect(exactRatio(0)).toEqual([0n, 1n]);
    expect(exactRatio(1)).toEqual([1n, 1n]);
    expect(exactRatio(0.5)).toEqual([1n, 2n]);
    expect(exactRatio(3)).toEqual([3n, 1n]);
    expect(exactRatio(Number.MIN_VALUE)).toEqual([1n, 1n << 1074n]);
    expect(() => exactRatio(-0.1)).toThrow(RangeError);
    expect(() => exactRatio(Number.NaN)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (x) => {
        const [n, d] = exactRatio(x);
        // Divide exactly back: n / d is x (both sides exact in binary).
        expect(Number(n) / Number(d) === x || (d > 1n << 1000n && x < 1e-290)).toBe(true);
        expect(d & (d - 1n)).toBe(0n);
      }),
      fcParams(500),
    );
  });
});

describe("a rational submitter", () => {
  it("never lies when q̂·(Bs + R + Ks) ≥ (1 − q̂)·V + S, and always lies when the gain is larger (the exact inspection-game rule)", () => {
    fc.assert(
      fc.property(submitter, fraction, (s, [k, d]) => {
        // q̂ = k / d: the loss side q̂·(Bs + R + Ks) against the gain side (1 − q̂)·V + S, times d.
        const loss = BigInt(k) * (s.bondWei + s.rewardWei + s.caughtCostWei);
        const gain = BigInt(d - k) * s.lieValueWei + BigInt(d) * s.computeSavedWei;
        // k / d is not always a double: decide on the nearest double and compare with the exact value only when it is exact.
        const q = k / d;
        const [qn, qd] = exactRatio(q);
        if (qn * BigInt(d) !== BigInt(k) * qd) return;
        expect(rationalLie(q, s)).toBe(gain > loss);
      }),
      fcParams(1_000),
    );
    // At the boundary itself (gain = loss) it does not lie: q̂ = k / 2^m, V = k·x, Bs + R + Ks = (2^m − k)·x.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }).chain((m) => fc.tuple(fc.integer({ min: 1, max: 2 ** m - 1 }), fc.constant(m))), fc.bigInt({ min: 1n, max: ETH }), ([k, m], x) => {
        const d = 2 ** m;
        const s = { lieValueWei: BigInt(k) * x, computeSavedWei: 0n, bondWei: BigInt(d - k) * x, rewardWei: 0n, caughtCostWei: 0n };
        expect(rationalLie(k / d, s)).toBe(false);
        expect(rationalLie((k - 1) / d, s)).toBe(true);
      }),
      fcParams(300),
    );
  });

  it("in the issue's form: never lies when q̂·(B + lost reward + game costs) ≥ (1 − q̂)·(lieValue + computeSaved) and lying saves no compute", () => {
    fc.assert(
      fc.property(submitter, fc.integer({ min: 0, max: 1024 }), (s0_, k) => {
        const s = { ...s0_, computeSavedWei: 0n };
        const q = k / 1024;
        if (BigInt(k) * (s.bondWei + s.rewardWei + s.caughtCostWei) >= BigInt(1024 - k) * (s.lieValueWei + s.computeSavedWei)) expect(rationalLie(q, s)).toBe(false);
      }),
      fcParams(1_000),
    );
    // With compute saved, the form is not exact: a caught liar keeps the compute it saved, so the exact rule
    // lies a little more. Here q̂ = 1/2, V = 0, S = 1, Bs + R = 1.5: the form says 0.5·1.5 ≥ 0.5·1 (no
    // lie), the exact rule 0.5·0 + 1 > 0.5·1.5 (lie: it is caught half the time and saves 1 every time).
    expect(rationalLie(0.5, { lieValueWei: 0n, computeSavedWei: 2n, bondWei: 2n, rewardWei: 1n, caughtCostWei: 0n })).toBe(true);
  });

  it("lies less the more it believes it is checked, the larger its bond and the smaller the value of a lie", () => {
    fc.assert(
      fc.property(submitter, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), wei(ETH), (s, a, b, extra) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (rationalLie(hi, s)) expect(rationalLie(lo, s)).toBe(true);
        if (rationalLie(a, { ...s, bondWei: s.bondWei + extra })) expect(rationalLie(a, s)).toBe(true);
        if (rationalLie(a, s)) expect(rationalLie(a, { ...s, lieValueWei: s.lieValueWei + extra })).toBe(true);
      }),
      fcParams(1_000),
    );
  });

  it("lies exactly when its belief is below q* = (V + S)/(V + Bs + R + Ks)", () => {
    // q* = 0.05 / 0.1505 for the defaults with a lie worth 0.05 ETH.
    expect(equilibriumCheckRate(s0)).toBeCloseTo(50 / 150.5, 12);
    expect(rationalLie(0.332, s0)).toBe(true);
    expect(rationalLie(0.333, s0)).toBe(false);
    fc.assert(
      fc.property(submitter, fc.double({ min: 0, max: 1, noNaN: true }), (s, q) => {
        const qStar = equilibriumCheckRate(s);
        // Away from the boundary (the double q* is rounded), the rule and q* agree.
        if (Math.abs(q - qStar) > 1e-9 * Math.max(1, qStar)) expect(rationalLie(q, s)).toBe(q < qStar);
      }),
      fcParams(1_000),
    );
    // Nothing to gain: never lies, whatever it believes.
    expect(rationalLie(0, { ...s0, lieValueWei: 0n })).toBe(false);
  });
});

describe("a rational challenger", () => {
  it("alone, checks exactly when p̂·(⌊w·Bs⌋ + R − Kc) > C", () => {
    fc.assert(
      fc.property(challenger, fraction, (c, [k, d]) => {
        const p = k / d;
        const [pn, pd] = exactRatio(p);
        if (pn * BigInt(d) !== BigInt(k) * pd) return;
        const prize = c.slashShareWei + c.rewardWei - c.disputeCostWei;
        expect(rationalCheck(p, 1, c)).toBe(BigInt(k) * prize > BigInt(d) * c.checkCostWei);
      }),
      fcParams(1_000),
    );
    // At the boundary (p̂·P = C) it does not check: p̂ = k / 2^m, P = 2^m·x, C = k·x.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }).chain((m) => fc.tuple(fc.integer({ min: 1, max: 2 ** m }), fc.constant(m))), fc.bigInt({ min: 1n, max: ETH }), ([k, m], x) => {
        const c = { ...c0, slashShareWei: BigInt(2 ** m) * x, rewardWei: 0n, checkCostWei: BigInt(k) * x };
        expect(rationalCheck(k / 2 ** m, 1, c)).toBe(false);
        if (k < 2 ** m) expect(rationalCheck((k + 1) / 2 ** m, 1, c)).toBe(true);
      }),
      fcParams(300),
    );
  });

  it("checks less as its compute cost rises: if it checks at a cost, it checks at every lower one", () => {
    fc.assert(
      fc.property(challenger, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), wei(ETH), (c, p, w, extra) => {
        if (rationalCheck(p, w, { ...c, checkCostWei: c.checkCostWei + extra })) expect(rationalCheck(p, w, c)).toBe(true);
      }),
      fcParams(1_000),
    );
    // Over a spread of beliefs (the draws it decides on), the share of checks falls as C rises.
    const beliefs = Array.from({ length: 101 }, (_, i) => i / 100);
    const share = (cost: bigint) => beliefs.filter((p) => rationalCheck(p, 1, { ...c0, checkCostWei: cost })).length;
    const shares = [0n, 1n, 5n, 20n, 50n, 60n].map((m) => share(m * MILLI));
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares[0]).toBe(100);
    expect(shares.at(-1)).toBe(0);
  });

  it("checks more the likelier it thinks a lie and the likelier it thinks to be first; never when the prize is not worth the check", () => {
    fc.assert(
      fc.property(challenger, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, a, b, w) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (rationalCheck(lo, w, c)) expect(rationalCheck(hi, w, c)).toBe(true);
        if (rationalCheck(w, lo, c)) expect(rationalCheck(w, hi, c)).toBe(true);
        if (challengerPrizeWei(c) <= c.checkCostWei) expect(rationalCheck(hi, w, c)).toBe(false);
      }),
      fcParams(1_000),
    );
  });

  it("is indifferent at p* = C / P", () => {
    expect(equilibriumLieRate(c0)).toBeCloseTo(5 / 50.5, 12);
    expect(rationalCheck(0.098, 1, c0)).toBe(false);
    expect(rationalCheck(0.1, 1, c0)).toBe(true);
    expect(equilibriumLieRate({ ...c0, checkCostWei: 0n })).toBe(0);
    expect(equilibriumLieRate({ ...c0, slashShareWei: 0n, rewardWei: 0n })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("the equilibrium", () => {
  it("of one submitter and one challenger is (p*, q*) = (C/P, (V + S)/(V + Bs + R + Ks)), and it is one: neither side gains by moving", () => {
    const eq = inspectionEquilibrium(1, s0, c0);
    expect(eq.kind).toBe("mixed");
    expect(eq.lieRate).toBeCloseTo(equilibriumLieRate(c0), 12);
    expect(eq.checkRate).toBeCloseTo(equilibriumCheckRate(s0), 12);
    // At q*, lying and not lying are worth the same to the submitter; at p*, checking and not to the challenger.
    const q = eq.checkRate;
    const lie = (1 - q) * Number(s0.lieValueWei + s0.computeSavedWei) + q * Number(s0.computeSavedWei - s0.bondWei - s0.rewardWei - s0.caughtCostWei);
    expect(Math.abs(lie)).toBeLessThan(1e3);
    const check = eq.lieRate * Number(challengerPrizeWei(c0)) - Number(c0.checkCostWei);
    expect(Math.abs(check)).toBeLessThan(1e3);
  });

  it("does not depend on the bond for the lie rate, only for the check rate (the inspection game's paradox)", () => {
    const high = { ...s0, bondWei: 1_000n * MILLI };
    const c = { ...c0 };
    expect(inspectionEquilibrium(1, high, c).lieRate).toBe(inspectionEquilibrium(1, s0, c).lieRate);
    expect(inspectionEquilibrium(1, high, c).checkRate).toBeLessThan(inspectionEquilibrium(1, s0, c).checkRate);
  });

  it("with several challengers: each checks less, a lie is caught as often as with one, and the lie rate rises (free-riding)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 40 }), (n, lieValueMilli, checkMilli) => {
        const s = { ...s0, lieValueWei: BigInt(lieValueMilli) * MILLI };
        const c = { ...c0, checkCostWei: (BigInt(checkMilli) * MILLI) / 10n };
        const one = inspectionEquilibrium(n, s, c);
        const more = inspectionEquilibrium(n + 1, s, c);
        if (one.kind !== "mixed" || more.kind !== "mixed") return;
        expect(more.checkRate).toBeLessThan(one.checkRate);
        expect(more.catchRate).toBeCloseTo(one.catchRate, 12);
        expect(1 - (1 - more.checkRate) ** (n + 1)).toBeCloseTo(more.catchRate, 9);
        expect(more.lieRate).toBeGreaterThan(one.lieRate);
        // Bounded by the limit C·ln(1/(1 − Q*)) / (Q*·P).
        const Q = one.catchRate;
        expect(more.lieRate).toBeLessThanOrEqual((Number(c.checkCostWei) * -Math.log1p(-Q)) / (Q * Number(challengerPrizeWei(c))) + 1e-12);
      }),
      fcParams(500),
    );
    const [one, two, four] = [1, 2, 4].map((n) => inspectionEquilibrium(n, s0, c0));
    expect(one?.lieRate).toBeCloseTo(0.099, 3);
    expect(two?.lieRate).toBeCloseTo(0.109, 3);
    expect(four?.lieRate).toBeCloseTo(0.114, 3);
    expect(two?.checkRate).toBeCloseTo(0.183, 3);
  });

  it("a wasted duplicate challenge makes checking worth less, so the lie rate rises further", () => {
    const plain = inspectionEquilibrium(3, s0, c0);
    const costly = inspectionEquilibrium(3, s0, { ...c0, duplicateCostWei: 5n * MILLI });
    expect(costly.checkRate).toBeCloseTo(plain.checkRate, 12);
    expect(costly.lieRate).toBeGreaterThan(plain.lieRate);
    // Alone, there is nobody to duplicate.
    expect(inspectionEquilibrium(1, s0, { ...c0, duplicateCostWei: 5n * MILLI }).lieRate).toBeCloseTo(inspectionEquilibrium(1, s0, c0).lieRate, 12);
  });

  it("names the corner cases: nothing to gain, checking never pays, no check rate deters", () => {
    expect(inspectionEquilibrium(1, { ...s0, lieValueWei: 0n }, c0)).toEqual({ kind: "honest", lieRate: 0, checkRate: 0, catchRate: 0 });
    expect(inspectionEquilibrium(2, s0, { ...c0, checkCostWei: 60n * MILLI })).toMatchObject({ kind: "always-lie", lieRate: 1, checkRate: 0 });
    // The compute a lie saves beats the bond and the reward: everyone lies, and challengers check while it pays.
    const reckless = inspectionEquilibrium(1, { ...s0, computeSavedWei: 200n * MILLI }, c0);
    expect(reckless).toMatchObject({ kind: "always-lie", lieRate: 1, checkRate: 1 });
    // Several challengers with every result a lie: they check until being first is worth just the check.
    const crowd = inspectionEquilibrium(30, { ...s0, computeSavedWei: 200n * MILLI }, c0);
    expect(crowd.kind).toBe("always-lie");
    expect(firstFinderChance(30, crowd.checkRate) * Number(challengerPrizeWei(c0))).toBeCloseTo(Number(c0.checkCostWei), -3);
  });

  it("computes the first finder's chance φ(q) = (1 − (1 − q)^n)/(n·q)", () => {
    expect(firstFinderChance(1, 0.3)).toBe(1);
    expect(firstFinderChance(2, 1)).toBe(0.5);
    expect(firstFinderChance(2, 0.5)).toBeCloseTo(0.75, 12);
    expect(firstFinderChance(5, 0)).toBe(1);
  });
});
