import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { ageBelief, beliefMean, emptyBelief, sampleBelief, sampleBeta, updateBelief, type Belief, type BeliefRule } from "./beliefs.ts";

const rule = fc.record({ priorMean: fc.double({ min: 0.001, max: 0.999, noNaN: true }), priorWeight: fc.double({ min: 0.01, max: 100, noNaN: true }), forgetting: fc.double({ min: 0.5, max: 1, noNaN: true }) });
const history = fc.array(fc.boolean(), { maxLength: 200 });
/** One decision per outcome: the belief ages, then learns the outcome. */
const replay = (outcomes: readonly boolean[], r: Pick<BeliefRule, "forgetting">): Belief => outcomes.reduce((b, happened) => updateBelief(ageBelief(b, r), happened), emptyBelief);

describe("a learned belief", () => {
  it("is the prior before any observation, and the observed frequency in the limit of fictitious play (no forgetting)", () => {
    const r = { priorMean: 0.3, priorWeight: 4, forgetting: 1 };
    expect(beliefMean(emptyBelief, r)).toBe(0.3);
    // 3 hits in 6 trials on top of 1.2 prior hits in 4: (1.2 + 3) / 10.
    expect(beliefMean(replay([true, false, true, false, true, false], r), r)).toBeCloseTo(0.42, 12);
    const many = replay(Array.from({ length: 10_000 }, (_, i) => i % 4 === 0), r);
    expect(beliefMean(many, r)).toBeCloseTo(0.25, 3);
  });

  it("stays a probability, moves toward what it observed, and forgets at the rate λ", () => {
    fc.assert(
      fc.property(rule, history, fc.boolean(), (r, outcomes, next) => {
        const b = replay(outcomes, r);
        const before = beliefMean(b, r);
        const after = beliefMean(updateBelief(b, next), r);
        expect(before).toBeGreaterThan(0);
        expect(before).toBeLessThan(1);
        if (next) expect(after).toBeGreaterThanOrEqual(before - 1e-12);
        else expect(after).toBeLessThanOrEqual(before + 1e-12);
        // Total weight of observations: 1 + λ + λ² + ... ≤ 1 / (1 − λ).
        if (r.forgetting < 1) expect(b.trials).toBeLessThanOrEqual(1 / (1 - r.forgetting) + 1e-9);
        expect(b.hits).toBeLessThanOrEqual(b.trials + 1e-12);
      }),
      fcParams(500),
    );
  });

  it("drifts back to its prior while the agent decides without observing, so an agent that stopped testing tests again", () => {
    const r = { priorMean: 0.5, priorWeight: 2, forgetting: 0.99 };
    let b = replay(Array.from({ length: 100 }, () => true), r);
    expect(beliefMean(b, r)).toBeGreaterThan(0.95);
    for (let i = 0; i < 1_000; i++) b = ageBelief(b, r);
    expect(Math.abs(beliefMean(b, r) - 0.5)).toBeLessThan(0.05);
    // Fictitious play (λ = 1) never forgets.
    const fp = { ...r, forgetting: 1 };
    expect(ageBelief(b, fp)).toBe(b);
  });

  it("weighs recent observations more with forgetting: after a change of the opponent it follows faster", () => {
    const before = Array.from({ length: 500 }, () => false);
    const after = Array.from({ length: 50 }, () => true);
    const slow = { priorMean: 0.5, priorWeight: 2, forgetting: 1 };
    const fast = { ...slow, forgetting: 0.95 };
    expect(beliefMean(replay([...before, ...after], fast), fast)).toBeGreaterThan(0.8);
    expect(beliefMean(replay([...before, ...after], slow), slow)).toBeLessThan(0.1);
  });

  it("decides on a draw from its beta posterior: the same stream gives the same draw, and draws average the mean", () => {
    const r = { priorMean: 0.5, priorWeight: 2, forgetting: 1 };
    const b = replay([true, false, false, false, true, false, false, false], r);
    expect(sampleBelief(b, r, createRng("x"))).toBe(sampleBelief(b, r, createRng("x")));
    const rng = createRng("beta");
    const draws = Array.from({ length: 20_000 }, () => sampleBelief(b, r, rng));
    const mean = draws.reduce((t, x) => t + x, 0) / draws.length;
    // Beta(3, 7): mean 0.3, variance 21 / 1,100 (the mean of 20,000 draws is within 0.003 with 5-sigma margin).
    expect(mean).toBeCloseTo(beliefMean(b, r), 2);
    const variance = draws.reduce((t, x) => t + (x - mean) ** 2, 0) / draws.length;
    expect(variance).toBeCloseTo(21 / 1_100, 2);
    for (const x of draws) expect(x >= 0 && x <= 1).toBe(true);
  });

  it("draws from shapes below 1 too (a sharp prior near 0 or 1), and refuses shapes that are not positive", () => {
    const rng = createRng("small");
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(0.2, 0.8, rng));
    expect(draws.reduce((t, x) => t + x, 0) / draws.length).toBeCloseTo(0.2, 2);
    expect(() => sampleBeta(0, 1, rng)).toThrow(RangeError);
    expect(() => sampleBeta(1, Number.NaN, rng)).toThrow(RangeError);
  });
});
