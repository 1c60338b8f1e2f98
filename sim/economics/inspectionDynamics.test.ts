import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { betaCdf, logGamma } from "./betaCdf.ts";
import { playInspectionGame } from "./inspectionDynamics.ts";
import { inspectionEquilibrium, learningEquilibrium, type ChallengerPayoffs, type SubmitterPayoffs } from "./inspectionGame.ts";

const MILLI = 10n ** 15n;
/** The theory-check scenario's payoffs (scenarios/inspection-game.yaml): p* = 0.0935, q* = 0.3597. */
const submitter: SubmitterPayoffs = { lieValueWei: 50n * MILLI, computeSavedWei: 4_128n * 10n ** 12n, bondWei: 100n * MILLI, rewardWei: MILLI / 2n, caughtCostWei: 0n };
const challenger: ChallengerPayoffs = { slashShareWei: 50n * MILLI, rewardWei: MILLI / 2n, disputeCostWei: 6_361_284_246_575_342n, checkCostWei: 4_128n * 10n ** 12n, duplicateCostWei: 6_360n * 10n ** 12n };
const rule = { priorMean: 0.5, priorWeight: 2, forgetting: 0.999 };

/** Mean lie rate, check rate per challenger and catch rate over the second half of `rounds`, averaged over seeds. */
function measured(n: number, seeds: readonly number[], rounds: number, s = submitter, c = challenger, r = rule) {
  let lie = 0;
  let check = 0;
  let caught = 0;
  for (const seed of seeds) {
    const play = playInspectionGame({ rounds, challengers: n, submitter: s, challenger: c, catchRule: r, lieRule: r, winRule: r, rng: createRng(seed), outcomeDelayRounds: 5 });
    const late = play.rounds.slice(rounds / 2);
    const lies = late.filter((x) => x.lied);
    lie += lies.length / late.length / seeds.length;
    check += late.reduce((t, x) => t + x.checks, 0) / late.length / n / seeds.length;
    caught += lies.filter((x) => x.caught).length / Math.max(1, lies.length) / seeds.length;
  }
  return { lie, check, caught };
}

describe("the beta distribution's CDF", () => {
  it("matches closed forms", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // Beta(2, 5) at 0.3: 1 − (1 − x)^5 (1 + 5x) ... = 0.579825; Beta(1, 1) is uniform; Beta(1/2, 1/2) is the arcsine law.
    expect(betaCdf(0.3, 2, 5)).toBeCloseTo(0.579825, 10);
    expect(betaCdf(0.37, 1, 1)).toBeCloseTo(0.37, 12);
    expect(betaCdf(0.9, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.9)), 10);
    expect(betaCdf(0.5, 300, 300)).toBeCloseTo(0.5, 10);
    expect(betaCdf(0, 2, 2)).toBe(0);
    expect(betaCdf(1, 2, 2)).toBe(1);
  });
});

describe("learning in the repeated inspection game (off the chain)", () => {
  it("is deterministic given the seed", () => {
    const a = playInspectionGame({ rounds: 300, challengers: 2, submitter, challenger, catchRule: rule, lieRule: rule, winRule: rule, rng: createRng(7) });
    const b = playInspectionGame({ rounds: 300, challengers: 2, submitter, challenger, catchRule: rule, lieRule: rule, winRule: rule, rng: createRng(7) });
    expect(a).toEqual(b);
  });

  it("where learners settle tends to (p*, q*) as their memory grows", () => {
    const eq = inspectionEquilibrium(1, submitter, challenger);
    const gaps = [0.99, 0.999, 0.9999, 0.99999].map((forgetting) => {
      const l = learningEquilibrium(submitter, challenger, { ...rule, forgetting });
      return Math.abs(l.checkRate - eq.checkRate) + Math.abs(l.lieRate - eq.lieRate);
    });
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(gaps.at(-1)).toBeLessThan(0.01);
  });

  it("one submitter and one challenger (memory 1,000 decisions): over the last 2,000 of 4,000 rounds, 4 seeds, within 0.02 of where learners settle; the lie rate within 0.02 of p*", () => {
    const eq = inspectionEquilibrium(1, submitter, challenger);
    const settle = learningEquilibrium(submitter, challenger, rule);
    const m = measured(1, [1, 2, 3, 4], 4_000);
    expect(Math.abs(m.lie - settle.lieRate)).toBeLessThan(0.02);
    expect(Math.abs(m.check - settle.checkRate)).toBeLessThan(0.02);
    expect(Math.abs(m.lie - eq.lieRate)).toBeLessThan(0.02);
    // The check rate sits above q* by the price of a finite memory (0.43 against 0.36).
    expect(m.check).toBeGreaterThan(eq.checkRate);
  });

  it("reacts to the parameters as the theory says: a larger bond lowers the check rate, a dearer check raises the lie rate", () => {
    const base = measured(1, [1, 2, 3], 3_000);
    const bond = measured(1, [1, 2, 3], 3_000, { ...submitter, bondWei: 300n * MILLI });
    const cost = measured(1, [1, 2, 3], 3_000, submitter, { ...challenger, checkCostWei: 12_384n * 10n ** 12n });
    expect(bond.check).toBeLessThan(base.check - 0.1);
    expect(cost.lie).toBeGreaterThan(base.lie + 0.1);
  });

  it("four challengers free-ride: each checks less than half as often as a lone one, and a lie is caught about as often", () => {
    const lone = measured(1, [1, 2, 3], 3_000);
    const four = measured(4, [1, 2, 3], 3_000);
    const eq = inspectionEquilibrium(4, submitter, challenger);
    expect(four.check).toBeLessThan(lone.check / 2);
    expect(Math.abs(four.check - eq.checkRate)).toBeLessThan(0.06);
    expect(Math.abs(four.caught - lone.caught)).toBeLessThan(0.1);
  });
});
