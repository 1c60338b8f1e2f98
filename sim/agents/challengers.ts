import type { Rng } from "../rng/createRng.ts";
import { claimsOf, isTrueClaim, targetsOf } from "./claims.ts";
import { challengerMoves, claimTimeouts, defenderMoves, finalizeBackstop, honestChallenge, releaseOwn, withdrawCredit } from "./games.ts";
import { blockSeconds } from "./timing.ts";
import type { Action, Agent, Observation, RequestView } from "./types.ts";

/** When an honest party posts a copy of a true claim although no claim is wrong (`challengers.vouch`). */
export type VouchPolicy = "never" | "late" | "always";

/**
 * Whether a challenger is offline in `epoch` (then it does nothing at all). `rng` is the challenger's own
 * stream; the engine asks the same question to know whether an honest challenger was online.
 */
export function offlineInEpoch(epoch: number, offlineProbability: number, rng: Rng): boolean {
  return rng.fork(`offline-${epoch}`).bool(offlineProbability);
}

/** Whether this challenger checks a given request: honest ones always, lazy ones with probability q (once per request). */
function checks(agent: Agent, obs: Observation, request: RequestView, rng: Rng): boolean {
  if (agent.role === "honest-challenger") return true;
  // Once it holds a claim there, it follows the request through.
  if (claimsOf(request, agent.address).length > 0) return true;
  // (The label keeps the `-0` that rounds of the former rule had, so runs compare draw for draw with those before it.)
  return rng.fork(`check-${request.id}-0`).bool(obs.scenario.challengers.checkProbability);
}

/**
 * The claims an honest party posts on one request this turn: the strategy docs/oracle.md proves safe. With a
 * first claim of its own at index h (all its claims are true), it challenges every undefeated wrong claim below h
 * that it does not attack yet; with none, it challenges every undefeated wrong claim (the first of those
 * challenges becomes h, and every wrong claim then standing is below it), or, when every standing claim is true,
 * vouches for the leader if its vouch policy says so. It never attacks a true claim. Only within the window.
 */
export function honestClaims(agent: Agent, obs: Observation, request: RequestView, vouch: VouchPolicy): Action[] {
  if (request.status !== "submitted" || request.claims.length === 0 || obs.now > request.windowEnd) return [];
  const truth = obs.vm.honestFinal(request.id);
  const first = claimsOf(request, agent.address)[0];
  const attacked = targetsOf(request, agent.address);
  const bond = obs.oracle.challengerBond;
  const actions: Action[] = [];
  for (const claim of request.claims) {
    if (claim.defeated || attacked.has(claim.index) || isTrueClaim(obs, request, claim)) continue;
    if (first !== undefined && claim.index > first) continue;
    actions.push({ kind: "challenge", agent, requestId: request.id, target: claim.index, output: truth.output, finalState: truth.preimage, bond });
  }
  if (first === undefined && actions.length === 0 && wantsVouch(obs, request, vouch)) {
    actions.push({ kind: "vouch", agent, requestId: request.id, claimIndex: request.leader, bond });
  }
  return actions;
}

/**
 * A vouch costs a bond held until finality and two transactions (vouch, releaseBond); it buys safety when the
 * owner of the true claim may be offline and a wrong claim lands in the window's last block. `always` vouches at
 * once; `late` in the window's second-to-last block (the last one left to answer claims included with it).
 */
function wantsVouch(obs: Observation, request: RequestView, vouch: VouchPolicy): boolean {
  if (vouch === "never") return false;
  if (vouch === "always") return true;
  return obs.now + 2 * blockSeconds(obs.scenario) > request.windowEnd;
}

/**
 * Honest and lazy challengers: re-execute results (all, or a share), post the true final state as the honest
 * strategy says, play their games honestly (abandoning one whose target fell: it is void), defend their claims,
 * and release their bonds once requests are final. Timeouts and finalization are the keeper's, with theirs as a
 * backstop a block later.
 */
export function challengerPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  if (offlineInEpoch(obs.epoch, obs.scenario.challengers.offlineProbability, rng)) return [];
  const actions: Action[] = [];
  for (const request of obs.pending) {
    if (request.submitter?.toLowerCase() === agent.address.toLowerCase()) continue;
    if (!checks(agent, obs, request, rng)) continue;
    actions.push(...honestClaims(agent, obs, request, obs.scenario.challengers.vouch));
  }
  actions.push(...challengerMoves(agent, obs, honestChallenge(obs)));
  actions.push(...defenderMoves(agent, obs, () => ({ fault: undefined, plays: true })));
  actions.push(...claimTimeouts(agent, obs));
  actions.push(...finalizeBackstop(agent, obs));
  actions.push(...releaseOwn(agent, obs));
  actions.push(...withdrawCredit(agent, obs));
  return actions;
}

/** The made-up final state a griefer claims: the honest trace with a fault at its last step (which always shows). */
function griefClaim(obs: Observation, requestId: bigint) {
  return obs.vm.faultyFinal(requestId, obs.vm.traceLength - 1, GRIEF_DELTA);
}

const GRIEF_DELTA = 1n << 20n;

/**
 * Griefers: post a made-up claim against the leader of a correct result to delay it (a delay attack, once per
 * request with probability griefProbability), then play on (always disagreeing) or abandon, as challenger and as
 * defender of the made-up claim when someone attacks it.
 */
export function grieferPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  const { griefProbability, abandonProbability } = obs.scenario.challengers;
  for (const request of obs.pending) {
    if (obs.now > request.windowEnd || request.claims.length === 0 || claimsOf(request, agent.address).length > 0) continue;
    const leader = request.claims[request.leader];
    if (!leader || leader.owner.toLowerCase() === agent.address.toLowerCase() || !isTrueClaim(obs, request, leader)) continue;
    if (!rng.fork(`grief-${request.id}-0`).bool(griefProbability)) continue;
    const fake = griefClaim(obs, request.id);
    if (!fake) continue;
    actions.push({ kind: "challenge", agent, requestId: request.id, target: leader.index, output: fake.output, finalState: fake.preimage, bond: obs.oracle.challengerBond });
  }
  const abandons = (gameId: bigint) => rng.fork(`abandon-${gameId}`).bool(abandonProbability);
  actions.push(...challengerMoves(agent, obs, (game) => (abandons(game.id) ? "abandon" : "disagree")));
  actions.push(...defenderMoves(agent, obs, (_, gameId) => ({ fault: { step: obs.vm.traceLength - 1, delta: GRIEF_DELTA }, plays: !abandons(gameId) })));
  actions.push(...claimTimeouts(agent, obs));
  actions.push(...releaseOwn(agent, obs));
  actions.push(...withdrawCredit(agent, obs));
  return actions;
}
