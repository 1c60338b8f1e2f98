import type { Rng } from "../rng/createRng.ts";
import { ageBelief, emptyBelief, sampleBelief, updateBelief, type Belief, type BeliefRule } from "./beliefs.ts";
import { rationalCheck, rationalLie, type ChallengerPayoffs, type SubmitterPayoffs } from "./inspectionGame.ts";

export type InspectionPlayParameters = {
  rounds: number;
  /** n rational challengers. */
  challengers: number;
  submitter: SubmitterPayoffs;
  challenger: ChallengerPayoffs;
  /** The submitter's belief q̂ that a lie is caught. */
  catchRule: BeliefRule;
  /** Each challenger's belief p̂ that a result is a lie. */
  lieRule: BeliefRule;
  /** Each challenger's belief φ̂ that its challenge of a lie it found is the first (a lone challenger's is 1). */
  winRule: BeliefRule;
  rng: Rng;
  /** Rounds before the submitter learns whether a lie was caught (the challenge window, in requests); 0 by default. */
  outcomeDelayRounds?: number;
};

export type InspectionPlayReturnType = {
  /** Per round: whether the submitter lied, how many challengers checked, whether a lie was caught. */
  rounds: readonly { lied: boolean; checks: number; caught: boolean }[];
  catchBelief: Belief;
  lieBeliefs: readonly Belief[];
  winBeliefs: readonly Belief[];
};

/**
 * The repeated inspection game with the learning rule alone, off the chain: one rational submitter answers a
 * request per round, each of n rational challengers decides to check it, a checked lie is caught, and the first
 * of the checkers (drawn uniformly: the order of a block) wins it. What each side observes is what it would on
 * the chain: the submitter whether each of its lies was caught, a challenger whether each result it checked was
 * a lie and whether its challenge of a lie was the first. Every draw comes from `rng`. Used to calibrate and test
 * the learning rule against the equilibrium; the simulator plays the same rules against the contracts.
 */
export function playInspectionGame(p: InspectionPlayParameters): InspectionPlayReturnType {
  let catchBelief = emptyBelief;
  const lieBeliefs: Belief[] = Array.from({ length: p.challengers }, () => emptyBelief);
  const winBeliefs: Belief[] = Array.from({ length: p.challengers }, () => emptyBelief);
  const rounds: { lied: boolean; checks: number; caught: boolean }[] = [];
  const delay = p.outcomeDelayRounds ?? 0;
  for (let round = 0; round < p.rounds; round++) {
    const r = p.rng.fork(`round-${round}`);
    catchBelief = ageBelief(catchBelief, p.catchRule);
    for (let i = 0; i < p.challengers; i++) {
      lieBeliefs[i] = ageBelief(lieBeliefs[i] as Belief, p.lieRule);
      winBeliefs[i] = ageBelief(winBeliefs[i] as Belief, p.winRule);
    }
    const lied = rationalLie(sampleBelief(catchBelief, p.catchRule, r.fork("submitter")), p.submitter);
    const checkers: number[] = [];
    for (let i = 0; i < p.challengers; i++) {
      const own = r.fork(`challenger-${i}`);
      const lie = sampleBelief(lieBeliefs[i] as Belief, p.lieRule, own);
      const win = p.challengers === 1 ? 1 : sampleBelief(winBeliefs[i] as Belief, p.winRule, own);
      if (rationalCheck(lie, win, p.challenger)) checkers.push(i);
    }
    for (const i of checkers) lieBeliefs[i] = updateBelief(lieBeliefs[i] as Belief, lied);
    const caught = lied && checkers.length > 0;
    if (caught) {
      const first = checkers[r.fork("order").int(0, checkers.length - 1)] as number;
      for (const i of checkers) winBeliefs[i] = updateBelief(winBeliefs[i] as Belief, i === first);
    }
    rounds.push({ lied, checks: checkers.length, caught });
    // What the submitter learns this round: the outcome of its lie `delay` rounds ago.
    const learned = rounds[round - delay];
    if (learned?.lied) catchBelief = updateBelief(catchBelief, learned.caught);
  }
  return { rounds, catchBelief, lieBeliefs, winBeliefs };
}
