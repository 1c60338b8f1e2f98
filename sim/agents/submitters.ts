import type { Rng } from "../rng/createRng.ts";
import { claimTimeouts, defenderMoves, finalizeBackstop, finalizeOwn, releaseOwn, withdrawCredit, type DefenderPlan } from "./games.ts";
import type { Action, Agent, Observation, RequestView } from "./types.ts";

/** Where a malicious submitter's lie starts, as a step of the trace. */
export function lieStep(position: "early" | "middle" | "late" | "random", traceLength: number, rng: Rng): number {
  const last = traceLength - 1;
  const at = (from: number, to: number) => rng.int(Math.floor(from * last), Math.floor(to * last));
  switch (position) {
    case "early":
      return at(0, 0.1);
    case "middle":
      return at(0.45, 0.55);
    case "late":
      return at(0.9, 1);
    case "random":
      return at(0, 1);
  }
}

/** Large enough to survive the model's floor and ReLU in most places; the VM says when it does not. */
export const LIE_DELTA = 1n << 20n;

/** A fault at `step` of the trace, or at the last step (which always shows) when the model's floor or ReLU absorbs it. */
export function visibleFault(obs: Observation, requestId: bigint, step: number): { step: number; delta: bigint } {
  if (obs.vm.faultyFinal(requestId, step, LIE_DELTA)) return { step, delta: LIE_DELTA };
  return { step: obs.vm.traceLength - 1, delta: LIE_DELTA };
}

/** The fault a malicious submitter uses for a request, or undefined when it answers honestly. */
export function lieFor(agent: Agent, obs: Observation, requestId: bigint, rng: Rng): { step: number; delta: bigint } | undefined {
  if (agent.role !== "malicious-submitter") return undefined;
  const own = rng.fork(`lie-${requestId}`);
  if (!own.bool(obs.scenario.submitters.wrongProbability)) return undefined;
  return visibleFault(obs, requestId, lieStep(obs.scenario.submitters.liePosition, obs.vm.traceLength, own));
}

/**
 * Whether this submitter goes for a request this turn. Submitters compete (honest, malicious and colluding
 * ones): each goes for a fresh request with probability 1/n, so on average one does; when two do, the later one
 * in the block reverts and pays its gas for nothing; when none does, each tries again next turn (the coin is
 * drawn per turn).
 */
export function wantsRequest(agent: Agent, obs: Observation, request: RequestView, rng: Rng): boolean {
  const competitors = obs.scenario.submitters.honest + obs.scenario.submitters.malicious + obs.scenario.colluders.submitters;
  const waited = obs.now - request.requestedAt;
  const delay = obs.scenario.submitters.responseDelayEpochs * obs.scenario.epoch.seconds;
  if (waited < delay) return false;
  return rng.fork(`compete-${request.id}-${obs.now}`).bool(1 / Math.max(1, competitors));
}

/**
 * Honest and malicious submitters: answer requests (the malicious ones sometimes wrongly), defend their
 * results (claim 0) in dispute games, finalize them when their window has passed (disputed ones are the
 * keeper's, theirs a block later), and withdraw their credit.
 */
export function submitterPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  const bond = obs.oracle.submitterBond;
  for (const request of obs.unanswered) {
    if (!wantsRequest(agent, obs, request, rng)) continue;
    const fault = lieFor(agent, obs, request.id, rng);
    const final = fault ? obs.vm.faultyFinal(request.id, fault.step, fault.delta) : obs.vm.honestFinal(request.id);
    if (!final) continue;
    actions.push({ kind: "submit", agent, requestId: request.id, output: final.output, finalState: final.preimage, bond, lie: fault !== undefined });
  }

  const planFor = (requestId: bigint, gameId: bigint): DefenderPlan => {
    const fault = lieFor(agent, obs, requestId, rng);
    if (!fault) return { fault: undefined, plays: true };
    const refuses = rng.fork(`refuse-${gameId}`).bool(obs.scenario.submitters.refuseToPlayProbability);
    return { fault, plays: !refuses };
  };
  actions.push(...defenderMoves(agent, obs, planFor));
  actions.push(...claimTimeouts(agent, obs));
  actions.push(...finalizeOwn(agent, obs));
  actions.push(...finalizeBackstop(agent, obs));
  actions.push(...releaseOwn(agent, obs));
  actions.push(...withdrawCredit(agent, obs));
  return actions;
}
