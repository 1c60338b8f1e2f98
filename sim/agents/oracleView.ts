import type { Rng } from "../rng/createRng.ts";
import { honestClaims } from "./challengers.ts";
import { isTrueClaim } from "./claims.ts";
import { challengerMoves, claimTimeouts, defenderMoves, finalizeBackstop, finalizeOwn, honestChallenge, releaseOwn, withdrawCredit, type DefenderPlan } from "./games.ts";
import { lieStep, visibleFault } from "./submitters.ts";
import type { Action, Agent, Observation, RequestView } from "./types.ts";

// What the rational strategies need to know of the oracle's claim rule (docs/oracle.md), in one place: how a lie is
// made, whether a submission was challenged, whether a challenge was the first, and the chores every submitter and
// challenger does.

/** The fault of a lie on `requestId`: at a step drawn by `submitters.liePosition`, or the last step when the model absorbs it. */
export function lieFault(obs: Observation, requestId: bigint, rng: Rng): { step: number; delta: bigint } {
  return visibleFault(obs, requestId, lieStep(obs.scenario.submitters.liePosition, obs.vm.traceLength, rng));
}

/** Whether anyone has challenged the submission (claim 0): a challenge leaves a trace on chain, a check does not. */
export function isChallenged(request: RequestView): boolean {
  return request.claims.some((c) => c.kind === "challenge" && c.parent === 0);
}

/** Whether the submission (claim 0) is a lie (the honest final state differs): what a check finds. */
export function isLie(obs: Observation, request: RequestView): boolean {
  const submission = request.claims[0];
  return submission !== undefined && !isTrueClaim(obs, request, submission);
}

/** The honest strategy's claims on a request whose submission is a lie (docs/oracle.md): the true final state against every wrong claim below its own. */
export function challengeLie(agent: Agent, obs: Observation, request: RequestView): Action[] {
  return honestClaims(agent, obs, request, "never");
}

/**
 * Whether `me`'s challenge of the submission was the first: undefined while its claim is not in view. The first
 * challenge of a lie holds the earliest true claim (it takes the reward) and its game defeats the lie first (it
 * takes the winner's share); a later one's game ends void.
 */
export function isFirstChallenger(request: RequestView, me: string): boolean | undefined {
  const challenges = request.claims.filter((c) => c.kind === "challenge" && c.parent === 0);
  const mine = challenges.find((c) => c.owner.toLowerCase() === me);
  if (mine === undefined) return undefined;
  return challenges.every((c) => c.index >= mine.index);
}

/** A submitter's moves in its games (plays honestly unless `lied`: a caught liar lets its game time out) and its chores. */
export function submitterChores(agent: Agent, obs: Observation, lied: (requestId: bigint) => boolean): Action[] {
  const plan = (requestId: bigint): DefenderPlan => (lied(requestId) ? { fault: undefined, plays: false } : { fault: undefined, plays: true });
  return [...defenderMoves(agent, obs, plan), ...claimTimeouts(agent, obs), ...finalizeOwn(agent, obs), ...finalizeBackstop(agent, obs), ...releaseOwn(agent, obs), ...withdrawCredit(agent, obs)];
}

/** A challenger's honest moves in its games, the defence of its claims, timeouts, finalization, its bonds and its credit. */
export function challengerChores(agent: Agent, obs: Observation): Action[] {
  return [
    ...challengerMoves(agent, obs, honestChallenge(obs)),
    ...defenderMoves(agent, obs, () => ({ fault: undefined, plays: true })),
    ...claimTimeouts(agent, obs),
    ...finalizeBackstop(agent, obs),
    ...releaseOwn(agent, obs),
    ...withdrawCredit(agent, obs),
  ];
}
