import type { Rng } from "../rng/createRng.ts";
import { challengerMoves, defenderMoves, finalizeOwn, type DefenderPlan } from "./games.ts";
import { lieStep } from "./submitters.ts";
import type { Action, Agent, Observation, RequestView } from "./types.ts";

// What the rational strategies need to know of the oracle's dispute rule, in one place: how a lie is made, whether a
// result was challenged, whether a challenge was the first, and the chores every submitter and challenger does.

const LIE_DELTA = 1n << 20n;

/** The fault of a lie on `requestId`: at a step drawn by `submitters.liePosition`, or the last step when the model absorbs it. */
export function lieFault(obs: Observation, requestId: bigint, rng: Rng): { step: number; delta: bigint } {
  const step = lieStep(obs.scenario.submitters.liePosition, obs.vm.traceLength, rng);
  if (obs.vm.faultyFinal(requestId, step, LIE_DELTA)) return { step, delta: LIE_DELTA };
  return { step: obs.vm.traceLength - 1, delta: LIE_DELTA };
}

/** Whether anyone has challenged the request's result (a challenge leaves a trace on chain; a check does not). */
export function isChallenged(request: RequestView): boolean {
  return request.round > 0 || request.challengers.size > 0 || request.openGames > 0;
}

/** Whether the result as it stands is a lie (the honest final state differs): what a check finds. */
export function isLie(obs: Observation, request: RequestView): boolean {
  return obs.vm.honestFinal(request.id).stateHash !== request.resultStateHash;
}

/** The challenge of a lie: the true final state against the result, with the challenger's bond. */
export function challengeLie(agent: Agent, obs: Observation, request: RequestView): Action[] {
  const honest = obs.vm.honestFinal(request.id);
  return [{ kind: "challenge", agent, requestId: request.id, output: honest.output, finalState: honest.preimage, bond: obs.oracle.challengerBond }];
}

/**
 * Whether `me`'s challenge of the request was the first: undefined while it cannot tell (its challenge is not in view
 * yet). The result's round moves on when a challenge wins; the first of this round's challengers is the one that
 * challenged alone.
 */
export function isFirstChallenger(request: RequestView, me: string): boolean | undefined {
  if (!request.challengers.has(me)) return request.round > 0 ? false : undefined;
  return request.challengers.size === 1;
}

/** A submitter's moves in its games (plays honestly unless `lied`: a caught liar lets its game time out) and its chores. */
export function submitterChores(agent: Agent, obs: Observation, lied: (requestId: bigint) => boolean): Action[] {
  const plan = (requestId: bigint): DefenderPlan => (lied(requestId) ? { fault: undefined, plays: false } : { fault: undefined, plays: true });
  const actions = [...defenderMoves(agent, obs, plan), ...finalizeOwn(agent, obs)];
  if (obs.turn === 0 && (obs.oracle.credits.get(agent.address.toLowerCase()) ?? 0n) > 0n) actions.push({ kind: "withdrawCredit", agent });
  return actions;
}

/** A challenger's honest moves in its games, the defence of its corrected results, finalization and its credit. */
export function challengerChores(agent: Agent, obs: Observation): Action[] {
  const actions = [...challengerMoves(agent, obs, () => "honest"), ...defenderMoves(agent, obs, () => ({ fault: undefined, plays: true })), ...finalizeOwn(agent, obs)];
  if (obs.turn === 0 && (obs.oracle.credits.get(agent.address.toLowerCase()) ?? 0n) > 0n) actions.push({ kind: "withdrawCredit", agent });
  return actions;
}
