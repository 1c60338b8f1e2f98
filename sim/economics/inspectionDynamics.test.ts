import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { playInspectionGame } from "./inspectionDynamics.ts";
import { inspectionEquilibrium, type ChallengerPayoffs, type SubmitterPayoffs } from "./inspectionGame.ts";

const MILLI = 10n ** 15n;
const submitter: SubmitterPayoffs = { lieValueWei: 50n * MILLI, computeSavedWei: 0n, bondWei: 100n * MILLI, rewardWei: MILLI / 2n, caughtCostWei: 0n };
const challenger: ChallengerPayoffs = { slashShareWei: 50n * MILLI, rewardWei: MILLI / 2n, disputeCostWei: 0n, checkCostWei: 5n * MILLI, duplicateCostWei: 0n };
const rule = { priorMean: 0.5, priorWeight: 2, forgetting: 0.99 };

/** Mean lie rate, check rate per challenger and catch rate over the second half of `rounds`, averaged over seeds. */
function measured(n: number, seeds: readonly number[], rounds: number, s = submitter, c = challenger) {
  let lie = 0;
  let check = 0;
  for (const seed of seeds) {
    const play = playInspectionGame({ rounds, challengers: n, submitter: s, challenger: c, catchRule: rule, lieRule: rule, winRule: rule, rng: createRng(seed) });
    const late = play.rounds.slice(rounds / 2);
    lie += late.filter((r) => r.lied).length / late.length / seeds.length;
    check += late.reduce((t, r) => t + r.checks, 0) / late.length / n / seeds.length;
  }
  return { lie, check };
}

describe("learning in the repeated inspection game (off the chain)", () => {
  it("is deterministic given the seed", () => {
    const a = playInspectionGame({ rounds: 300, challengers: 2, submitter, challenger, catchRule: rule, lieRule: rule, winRule: rule, rng: createRng(7) });
    const b = playInspectionGame({ rounds: 300, challengers: 2, submitter, challenger, catchRule: rule, lieRule: rule, winRule: rule, rng: createRng(7) });
    expect(a).toEqual(b);
  });

  it("one submitter and one challenger: the rates over the last 2,000 of 4,000 rounds come within 0.05 of p* and q* (mean of 4 seeds)", () => {
    const eq = inspectionEquilibrium(1, submitter, challenger);
    const m = measured(1, [1, 2, 3, 4], 4_000);
    expect(Math.abs(m.lie - eq.lieRate)).toBeLessThan(0.05);
    expect(Math.abs(m.check - eq.checkRate)).toBeLessThan(0.05);
  });

  it("reacts to the parameters as the theory says: a larger bond lowers the check rate, a dearer check raises the lie rate", () => {
    const base = measured(1, [1, 2, 3], 3_000);
    const bond = measured(1, [1, 2, 3], 3_000, { ...submitter, bondWei: 300n * MILLI });
    const cost = measured(1, [1, 2, 3], 3_000, submitter, { ...challenger, checkCostWei: 15n * MILLI });
    expect(bond.check).toBeLessThan(base.check - 0.1);
    expect(cost.lie).toBeGreaterThan(base.lie + 0.1);
  });

  it("four challengers free-ride: each checks less than a lone one, near q_4", () => {
    const eq = inspectionEquilibrium(4, submitter, challenger);
    const lone = measured(1, [1, 2, 3], 3_000);
    const four = measured(4, [1, 2, 3], 3_000);
    expect(four.check).toBeLessThan(lone.check / 2);
    expect(Math.abs(four.check - eq.checkRate)).toBeLessThan(0.05);
    expect(Math.abs(four.lie - eq.lieRate)).toBeLessThan(0.05);
  });
});
