import { betaCdf } from "./betaCdf.ts";
import { exactRatio } from "./exactRatio.ts";

/**
 * The verifier's dilemma as an inspection game (docs/economics.md, "The inspection game"). Notation as in the
 * issue: p is the lie rate (how often a submitter lies), q the check rate (how likely a lie is caught); a
 * belief is written with a hat (p̂, q̂). Amounts are wei, compared exactly (beliefs are doubles, turned into
 * exact fractions by `exactRatio`), so a decision never depends on rounding.
 */

/** What a lie means to its submitter, each measured against answering honestly, in wei. */
export type SubmitterPayoffs = {
  /** V: what a wrong final result is worth to it (`costs.lieValue`), if nobody catches the lie. */
  lieValueWei: bigint;
  /** S: the compute it saves by not running the model; kept whether or not the lie is caught. */
  computeSavedWei: bigint;
  /** Bs: its bond, lost when caught (the winner's share to the challenger, the rest burned). */
  bondWei: bigint;
  /** R: the reward an honest result earns, lost when caught (the challenger's claim takes it). */
  rewardWei: bigint;
  /** Ks: what being caught costs it beyond the bond and the reward (game moves it plays; 0 for a liar that lets its game time out). */
  caughtCostWei: bigint;
};

/** What checking a result means to a challenger, in wei. */
export type ChallengerPayoffs = {
  /** ⌊w·Bs⌋: the winner's share of a liar's bond (`oracle.slashWinnerBps` of `oracle.submitterBond`). */
  slashShareWei: bigint;
  /** R: the reward its winning claim takes. */
  rewardWei: bigint;
  /** Kc: what a won dispute costs it (challenge and move gas, game compute, the capital of its locked bond). */
  disputeCostWei: bigint;
  /** C: what one check costs (one run of the model: `inferenceComputeWei`). Checking needs no transaction. */
  checkCostWei: bigint;
  /** D: what a challenge costs that another challenger's made void (its gas; its bond comes back). */
  duplicateCostWei: bigint;
};

/** Bs + R + Ks: what a caught lie costs its submitter, against answering honestly, before the compute it saved. */
export function caughtLossWei(s: SubmitterPayoffs): bigint {
  return s.bondWei + s.rewardWei + s.caughtCostWei;
}

/**
 * A rational submitter's rule: lie exactly when the expected gain beats the expected loss,
 *
 *     (1 − q̂)·V + S  >  q̂·(Bs + R + Ks)
 *
 * (uncaught, a lie earns V + S more than the truth; caught, S − (Bs + R + Ks)). `checkBelief` is q̂, its
 * belief that a lie is caught. Equivalently V + S > q̂·(V + Bs + R + Ks): it lies exactly when q̂ < q*.
 */
export function rationalLie(checkBelief: number, s: SubmitterPayoffs): boolean {
  if (checkBelief > 1) throw new RangeError(`a belief is a probability, got ${checkBelief}`);
  const [num, den] = exactRatio(checkBelief);
  return (s.lieValueWei + s.computeSavedWei) * den > num * (s.lieValueWei + caughtLossWei(s));
}

/**
 * q* = (V + S) / (V + Bs + R + Ks): the check rate at which a submitter is indifferent between lying and not.
 * Below it a rational submitter lies, at or above it it does not. A value ≥ 1 means no check rate deters it
 * (the compute it saves is worth more than everything a caught lie costs).
 */
export function equilibriumCheckRate(s: SubmitterPayoffs): number {
  const denominator = s.lieValueWei + caughtLossWei(s);
  if (denominator === 0n) return 0;
  return Number(s.lieValueWei + s.computeSavedWei) / Number(denominator);
}

/** P = ⌊w·Bs⌋ + R − Kc: what catching a lie is worth to the challenger that catches it (may be ≤ 0). */
export function challengerPrizeWei(c: ChallengerPayoffs): bigint {
  return c.slashShareWei + c.rewardWei - c.disputeCostWei;
}

/**
 * A rational challenger's rule: check a result exactly when the expected slash income beats the cost of checking,
 *
 *     p̂·(φ̂·(P + D) − D)  >  C
 *
 * where p̂ (`lieBelief`) is its belief that a result is a lie, and φ̂ (`winBelief`) its belief that, having found
 * a lie, its challenge is the one that wins (the first: the prize P is not shared, a later challenge of the same
 * lie is made void and costs D). A lone challenger has φ̂ = 1: it checks exactly when p̂·P > C.
 */
export function rationalCheck(lieBelief: number, winBelief: number, c: ChallengerPayoffs): boolean {
  if (lieBelief > 1 || winBelief > 1) throw new RangeError(`a belief is a probability, got ${lieBelief} and ${winBelief}`);
  const [pn, pd] = exactRatio(lieBelief);
  const [wn, wd] = exactRatio(winBelief);
  const prize = challengerPrizeWei(c);
  return pn * (wn * (prize + c.duplicateCostWei) - wd * c.duplicateCostWei) > c.checkCostWei * pd * wd;
}

/**
 * p* = C / P: the lie rate at which a lone challenger is indifferent between checking and not. Above it a rational
 * challenger checks, at or below it it does not. A value ≥ 1 (or P ≤ 0) means checking never pays.
 */
export function equilibriumLieRate(c: ChallengerPayoffs): number {
  const prize = challengerPrizeWei(c);
  if (prize <= 0n) return c.checkCostWei === 0n && prize === 0n ? 0 : Number.POSITIVE_INFINITY;
  return Number(c.checkCostWei) / Number(prize);
}

/** φ(q) = (1 − (1 − q)^n) / (n·q): the chance that one of n challengers who each check with probability q is the first to find a lie, given it checks. */
export function firstFinderChance(n: number, q: number): number {
  if (n <= 1 || q <= 0) return 1;
  return -Math.expm1(n * Math.log1p(-q)) / (n * q);
}

/** The equilibrium of the inspection game between rational submitters and n rational challengers. */
export type InspectionEquilibrium = {
  /**
   * mixed: both sides mix (0 < lie rate < 1); honest: nothing to gain from a lie (V + S = 0), nobody lies or
   * checks; always-lie: checking never pays at any lie rate, or no check rate deters the lie.
   */
  kind: "mixed" | "honest" | "always-lie";
  /** The lie rate p. */
  lieRate: number;
  /** Each challenger's check rate. */
  checkRate: number;
  /** The chance that a lie is caught, 1 − (1 − check rate)^n. */
  catchRate: number;
};

/** The check rate q of each of n challengers at which they are indifferent when every result is a lie: φ(q)·(P + D) − D = C. */
function checkRateWhenAllLie(n: number, prize: number, c: { checkCost: number; duplicateCost: number }): number {
  const target = (c.checkCost + c.duplicateCost) / (prize + c.duplicateCost);
  if (target >= 1) return 0;
  if (firstFinderChance(n, 1) >= target) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (firstFinderChance(n, mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The symmetric equilibrium with n challengers (docs/economics.md, "Several challengers: free-riding").
 * The submitters' indifference fixes the catch rate at Q* = q* of the lone game, whatever n: each challenger
 * checks with q_n = 1 − (1 − Q*)^(1/n), less the more of them there are. The challengers' indifference,
 * p·(φ(q_n)·(P + D) − D) = C, then fixes the lie rate p_n = C / (φ(q_n)·(P + D) − D), which rises with n
 * (φ(q_n) = Q* ÷ (n·q_n) falls): more challengers check less each, and the lie rate goes up, towards
 * C·Q*⁻¹·ln(1/(1 − Q*)) / P as n grows when D = 0. For n = 1 it is the lone game: q* and p* = C/P.
 */
export function inspectionEquilibrium(n: number, s: SubmitterPayoffs, c: ChallengerPayoffs): InspectionEquilibrium {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the number of challengers must be a whole number >= 1, got ${n}`);
  const prize = Number(challengerPrizeWei(c));
  const checkCost = Number(c.checkCostWei);
  const duplicateCost = Number(c.duplicateCostWei);
  const qStar = equilibriumCheckRate(s);
  if (s.lieValueWei + s.computeSavedWei === 0n && caughtLossWei(s) > 0n) return { kind: "honest", lieRate: 0, checkRate: 0, catchRate: 0 };
  const allLie = (): InspectionEquilibrium => {
    const q = prize > 0 ? checkRateWhenAllLie(n, prize, { checkCost, duplicateCost }) : 0;
    return { kind: "always-lie", lieRate: 1, checkRate: q, catchRate: 1 - (1 - q) ** n };
  };
  if (qStar >= 1) return allLie();
  const checkRate = n === 1 ? qStar : -Math.expm1(Math.log1p(-qStar) / n);
  const earned = firstFinderChance(n, checkRate) * (prize + duplicateCost) - duplicateCost;
  if (earned <= 0 || checkCost / earned >= 1) return allLie();
  return { kind: "mixed", lieRate: checkCost / earned, checkRate, catchRate: qStar };
}

/**
 * The rates where learners settle (docs/economics.md, "Where learners settle"): one rational submitter and one
 * rational challenger who decide on draws from beta beliefs (`beliefs.ts`) with prior mean m worth w
 * observations and forgetting λ per decision, so a memory of M = 1 / (1 − λ) decisions. In a steady state with lie
 * rate p and check rate q, the submitter's belief holds about p·M observations of which q·p·M were caught, and
 * it lies when its draw falls below q*; the challenger's holds about q·M checks of which p·q·M found lies, and it
 * checks when its draw is above p*. So p = P(Beta(m·w + q·p·M, (1 − m)·w + (1 − q)·p·M) < q*) and
 * q = P(Beta(m·w + p·q·M, (1 − m)·w + (1 − p)·q·M) > p*), solved here for (p, q) (expected counts, fluctuations
 * left out). As M grows the draws concentrate and the point tends to (p*, q*): the gap is the price of learning
 * from a finite memory, like a quantal-response equilibrium's. Only for a mixed equilibrium (`kind: "mixed"`).
 */
export function learningEquilibrium(s: SubmitterPayoffs, c: ChallengerPayoffs, rule: { priorMean: number; priorWeight: number; forgetting: number }): { lieRate: number; checkRate: number } {
  const qStar = equilibriumCheckRate(s);
  const pStar = equilibriumLieRate(c);
  const memory = rule.forgetting >= 1 ? 1e9 : 1 / (1 - rule.forgetting);
  const { priorMean: m, priorWeight: w } = rule;
  const lieRate = (q: number, p: number) => betaCdf(qStar, m * w + q * p * memory, (1 - m) * w + (1 - q) * p * memory);
  const checkRate = (p: number, q: number) => 1 - betaCdf(pStar, m * w + p * q * memory, (1 - m) * w + (1 - p) * q * memory);
  // Each side's rate depends on its own through the number of observations: iterate each to its fixed point, then
  // find the check rate whose implied lie rate brings the challenger back to it (one root: the composition falls).
  const solve = (f: (x: number) => number) => {
    let x = 0.5;
    for (let i = 0; i < 200; i++) x = 0.5 * x + 0.5 * f(x);
    return x;
  };
  const pOf = (q: number) => solve((p) => lieRate(q, p));
  const qOf = (p: number) => solve((q) => checkRate(p, q));
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (qOf(pOf(mid)) > mid) lo = mid;
    else hi = mid;
  }
  const checkRateAt = (lo + hi) / 2;
  return { lieRate: pOf(checkRateAt), checkRate: checkRateAt };
}
