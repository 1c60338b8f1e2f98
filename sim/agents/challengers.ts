import type { Rng } from "../rng/createRng.ts";
import { challengerMoves, defenderMoves, finalizeOwn } from "./games.ts";
import type { Action, Agent, Observation } from "./types.ts";

/**
 * Whether a challenger is offline in `epoch` (then it does nothing at all). `rng` is the challenger's own
 * stream; the engine asks the same question to know whether an honest challenger was online.
 */
export function offlineInEpoch(epoch: number, offlineProbability: number, rng: Rng): boolean {
  return rng.fork(`offline-${epoch}`).bool(offlineProbability);
}

/** Whether this challenger checks a given result: honest ones always, lazy ones with probability q. */
function checks(agent: Agent, obs: Observation, requestId: bigint, round: number, rng: Rng): boolean {
  if (agent.role === "honest-challenger") return true;
  return rng.fork(`check-${requestId}-${round}`).bool(obs.scenario.challengers.checkProbability);
}

/**
 * Honest and lazy challengers: re-execute results (all, or some), challenge wrong ones with the true
 * result, and play their games honestly.
 */
export function challengerPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  if (offlineInEpoch(obs.epoch, obs.scenario.challengers.offlineProbability, rng)) return [];
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const request of obs.pending) {
    if (request.windowEnd < obs.now || request.challengers.has(me)) continue;
    if (request.submitter?.toLowerCase() === me) continue;
    if (!checks(agent, obs, request.id, request.round, rng)) continue;
    const honest = obs.vm.honestFinal(request.id);
    if (honest.stateHash === request.resultStateHash) continue;
    actions.push({ kind: "challenge", agent, requestId: request.id, output: honest.output, finalState: honest.preimage, bond: obs.oracle.challengerBond });
  }
  actions.push(...challengerMoves(agent, obs, () => "honest"));
  // A won challenge makes the challenger the owner of the corrected result: it defends and finalizes it.
  actions.push(...defenderMoves(agent, obs, () => ({ fault: undefined, plays: true })));
  actions.push(...finalizeOwn(agent, obs));
  if (obs.turn === 0 && (obs.oracle.credits.get(me) ?? 0n) > 0n) actions.push({ kind: "withdrawCredit", agent });
  return actions;
}

/**
 * Griefers: challenge correct results with a made-up claim to delay them (a delay attack), then play on
 * (always disagreeing) or abandon the game.
 */
export function grieferPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  const { griefProbability, abandonProbability } = obs.scenario.challengers;
  for (const request of obs.pending) {
    if (request.windowEnd < obs.now || request.challengers.has(me) || request.submitter?.toLowerCase() === me) continue;
    const honest = obs.vm.honestFinal(request.id);
    if (honest.stateHash !== request.resultStateHash) continue;
    if (!rng.fork(`grief-${request.id}-${request.round}`).bool(griefProbability)) continue;
    const fake = obs.vm.faultyFinal(request.id, obs.vm.traceLength - 1, 1n << 20n);
    if (!fake) continue;
    actions.push({ kind: "challenge", agent, requestId: request.id, output: fake.output, finalState: fake.preimage, bond: obs.oracle.challengerBond });
  }
  actions.push(...challengerMoves(agent, obs, (gameId) => (rng.fork(`abandon-${gameId}`).bool(abandonProbability) ? "abandon" : "disagree")));
  if (obs.turn === 0 && (obs.oracle.credits.get(me) ?? 0n) > 0n) actions.push({ kind: "withdrawCredit", agent });
  return actions;
}
