import { claimsOf, isDisputed } from "./claims.ts";
import { blockSeconds, overdue } from "./timing.ts";
import type { Action, Agent, GameView, Observation } from "./types.ts";

/** Midpoint of a disputed range, as BisectionGame computes it. */
export function midpoint(game: Pick<GameView, "lo" | "hi">): number {
  return game.lo + Math.floor((game.hi - game.lo) / 2);
}

/** Whether the side to move in `game` has run out of time at `now` (anyone may then time it out). */
export function expired(game: GameView, now: number): boolean {
  return now > game.deadline;
}

/** Whether the claim a game disputes has already been defeated by another game: the game is void whatever happens. */
export function targetFallen(obs: Observation, game: GameView): boolean {
  return obs.requests.get(game.requestId)?.claims[game.targetClaim]?.defeated ?? false;
}

export type DefenderPlan = {
  /** The defender's trace: honest, or with this fault. */
  fault: { step: number; delta: bigint } | undefined;
  /** Whether it answers at all. */
  plays: boolean;
};

/**
 * Moves of the defender (the owner of the disputed claim) in every game it defends. `planFor` says which trace
 * the defender holds for a request and whether it plays. Only an honest trace wins the step; a liar lets the
 * deadline pass rather than pay for a losing proof. Timeouts are not claimed here (see `claimTimeouts`).
 */
export function defenderMoves(agent: Agent, obs: Observation, planFor: (requestId: bigint, gameId: bigint) => DefenderPlan): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const game of obs.games.values()) {
    if (game.defender.toLowerCase() !== me) continue;
    if (game.phase !== "defender-to-bisect" && game.phase !== "defender-to-step") continue;
    if (expired(game, obs.now)) continue;
    const plan = planFor(game.requestId, game.id);
    if (!plan.plays) continue;
    if (game.phase === "defender-to-bisect") {
      actions.push({ kind: "bisect", agent, gameId: game.id, midHash: obs.vm.commitment(game.requestId, midpoint(game), plan.fault) });
    } else if (plan.fault === undefined) {
      actions.push({ kind: "step", agent, gameId: game.id, proof: obs.vm.proveStep(game.requestId, game.lo).proof });
    }
  }
  return actions;
}

/**
 * Moves of a challenger in its games: it agrees with a midpoint exactly when the honest trace has the same
 * commitment there (`honest`), disagrees always (a griefer playing on), or does not answer (`abandon`).
 */
export function challengerMoves(agent: Agent, obs: Observation, mode: (game: GameView) => "honest" | "disagree" | "abandon"): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const game of obs.games.values()) {
    if (game.challenger.toLowerCase() !== me) continue;
    if (game.phase !== "challenger-to-respond" || expired(game, obs.now)) continue;
    const how = mode(game);
    if (how === "abandon") continue;
    const agree = how === "honest" && obs.vm.commitment(game.requestId, midpoint(game)) === game.midHash;
    actions.push({ kind: "respond", agent, gameId: game.id, agree });
  }
  return actions;
}

/** How an honest party plays as challenger: honestly, and not at all once the claim it attacks has fallen (the game is void). */
export function honestChallenge(obs: Observation) {
  return (game: GameView): "honest" | "abandon" => (targetFallen(obs, game) ? "abandon" : "honest");
}

/**
 * Timeouts of this agent's games that it wins (the other side missed its deadline), as a backstop: the keeper
 * times every game out at the first block past its deadline, so a party does it only if the deadline passed
 * before the previous block and nobody did (two timeouts of one game in a block would revert one).
 */
export function claimTimeouts(agent: Agent, obs: Observation): Action[] {
  const me = agent.address.toLowerCase();
  const b = blockSeconds(obs.scenario);
  const actions: Action[] = [];
  for (const game of obs.games.values()) {
    if (!overdue(obs.now, game.deadline, b)) continue;
    const defenderToMove = game.phase === "defender-to-bisect" || game.phase === "defender-to-step";
    const winner = defenderToMove ? game.challenger : game.defender;
    if (winner.toLowerCase() === me) actions.push({ kind: "timeout", agent, gameId: game.id });
  }
  return actions;
}

/**
 * Requests this agent submitted that nobody disputed, once their window has passed: finalizing pays its bond and
 * reward back into its credit. (A disputed request is finalized by the keeper; see `finalizeBackstop`.)
 */
export function finalizeOwn(agent: Agent, obs: Observation): Action[] {
  const me = agent.address.toLowerCase();
  const ready = obs.pending.filter((r) => r.submitter?.toLowerCase() === me && !isDisputed(r) && r.windowEnd < obs.now).map((r) => r.id);
  return ready.length > 0 ? [{ kind: "finalize", agent, requestIds: ready.slice(0, 100) }] : [];
}

/**
 * Disputed requests in which this agent holds a claim, ready since before the previous block (window passed,
 * every game ended) and still not final: the agent finalizes them itself (the keeper does it at the first block).
 */
export function finalizeBackstop(agent: Agent, obs: Observation): Action[] {
  const b = blockSeconds(obs.scenario);
  const ready = obs.pending
    .filter((r) => isDisputed(r) && r.openGames === 0 && overdue(obs.now, Math.max(r.windowEnd, r.lastGameEndAt), b) && claimsOf(r, agent.address).length > 0)
    .map((r) => r.id);
  return ready.length > 0 ? [{ kind: "finalize", agent, requestIds: ready.slice(0, 16) }] : [];
}

/** The bonds this agent's undefeated, non-winning claims of final requests hold: it pulls them back. */
export function releaseOwn(agent: Agent, obs: Observation): Action[] {
  const me = agent.address.toLowerCase();
  return obs.oracle.releasable.filter((r) => r.owner.toLowerCase() === me).map((r) => ({ kind: "releaseBond", agent, requestId: r.requestId, claimIndex: r.claimIndex }));
}

/** Withdraws the agent's oracle credit at an epoch's first turn (when the engine has read it). */
export function withdrawCredit(agent: Agent, obs: Observation): Action[] {
  return obs.turn === 0 && (obs.oracle.credits.get(agent.address.toLowerCase()) ?? 0n) > 0n ? [{ kind: "withdrawCredit", agent }] : [];
}
