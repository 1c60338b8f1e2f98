import type { Rng } from "../rng/createRng.ts";

/**
 * A learned belief that some event happens (a lie is caught; a result is a lie; my challenge is the first):
 * a beta posterior over its probability, from exponentially weighted counts of what the agent observed.
 * Plain data, kept in the agent's state.
 *
 * The rule: a prior of mean m worth w observations; each observation adds itself to the counts, and at each
 * decision the agent takes (each answer it gives, each result it sees) the counts so far are multiplied by the
 * forgetting factor λ (1: every observation counts the same, fictitious play; below 1: recent ones count more,
 * and an agent that stopped observing, because it stopped lying or checking, drifts back to its prior and tests
 * again, so the belief follows an opponent that changes). The belief's mean is
 * (m·w + hits) / (w + trials); the agent decides on a draw from Beta(m·w + hits, (1 − m)·w + trials − hits)
 * (Thompson sampling), so it acts on what it knows and keeps testing what it is unsure of.
 */
export type Belief = { readonly hits: number; readonly trials: number };

/** The prior and the forgetting factor of a belief (the scenario's, per population). */
export type BeliefRule = {
  /** m: the prior mean, strictly between 0 and 1. */
  readonly priorMean: number;
  /** w: how many observations the prior is worth, > 0. */
  readonly priorWeight: number;
  /** λ in (0, 1]: the weight an observation keeps per later observation. */
  readonly forgetting: number;
};

export const emptyBelief: Belief = { hits: 0, trials: 0 };

/** The belief's mean: (m·w + hits) / (w + trials). */
export function beliefMean(b: Belief, rule: BeliefRule): number {
  return (rule.priorMean * rule.priorWeight + b.hits) / (rule.priorWeight + b.trials);
}

/** The belief after one more observation: 1 trial, and 1 hit if the event happened. */
export function updateBelief(b: Belief, happened: boolean): Belief {
  return { hits: b.hits + (happened ? 1 : 0), trials: b.trials + 1 };
}

/** The belief one decision later: its counts × λ (it forgets at the pace it acts, whether or not it observes). */
export function ageBelief(b: Belief, rule: Pick<BeliefRule, "forgetting">): Belief {
  return rule.forgetting === 1 ? b : { hits: b.hits * rule.forgetting, trials: b.trials * rule.forgetting };
}

/** A draw from the belief's beta posterior, from the seeded stream `rng` (Thompson sampling). */
export function sampleBelief(b: Belief, rule: BeliefRule, rng: Rng): number {
  const alpha = rule.priorMean * rule.priorWeight + b.hits;
  const beta = (1 - rule.priorMean) * rule.priorWeight + (b.trials - b.hits);
  return sampleBeta(alpha, beta, rng);
}

/** A Beta(α, β) draw (α, β > 0) as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β). */
export function sampleBeta(alpha: number, beta: number, rng: Rng): number {
  if (!(alpha > 0) || !(beta > 0)) throw new RangeError(`a beta distribution needs alpha, beta > 0, got ${alpha} and ${beta}`);
  const x = sampleGamma(alpha, rng);
  const y = sampleGamma(beta, rng);
  return x + y === 0 ? (alpha >= beta ? 1 : 0) : x / (x + y);
}

/** A Gamma(shape, 1) draw: Marsaglia and Tsang's method (shape ≥ 1), boosted by U^(1/shape) below 1. */
function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) return sampleGamma(shape + 1, rng) * (1 - rng.float()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.float();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
