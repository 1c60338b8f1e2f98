import type { Action, Agent, GameView, Observation } from "./types.ts";

/** Midpoint of a disputed range, as BisectionGame computes it. */
export function midpoint(game: Pick<GameView, "lo" | "hi">): number {
  return game.lo + Math.floor((game.hi - game.lo) / 2);
}

/** Whether the side to move in `game` has run out of time at `now`. */
export function expired(game: GameView, now: number): boolean {
  return now > game.deadline;
}

export type DefenderPlan = {
  /** The defender's trace: honest, or with this fault. */
  fault: { step: number; delta: bigint } | undefined;
  /** Whether it answers at all. */
  plays: boolean;
};

/**
 * Moves of the defender (the submitter of the challenged result) in every game it is in, and the
 * timeouts it may claim. `planFor` says which trace the defender holds for a request and whether it plays.
 */
export function defenderMoves(agent: Agent, obs: Observation, planFor: (requestId: bigint, gameId: bigint) => DefenderPlan): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const game of obs.games.values()) {
    if (game.defender.toLowerCase() !== me) continue;
    if (game.phase === "challenger-to-respond") {
      if (expired(game, obs.now)) actions.push({ kind: "timeout", agent, gameId: game.id });
      continue;
    }
    if (game.phase !== "defender-to-bisect" && game.phase !== "defender-to-step") continue;
    const plan = planFor(game.requestId, game.id);
    if (!plan.plays || expired(game, obs.now)) continue;
    if (game.phase === "defender-to-bisect") {
      actions.push({ kind: "bisect", agent, gameId: game.id, midHash: obs.vm.commitment(game.requestId, midpoint(game), plan.fault) });
    } else if (plan.fault === undefined) {
      // Only an honest trace wins the step; a liar lets the deadline pass rather than pay for a losing proof.
      actions.push({ kind: "step", agent, gameId: game.id, proof: obs.vm.proveStep(game.requestId, game.lo).proof });
    }
  }
  return actions;
}

/**
 * Moves of a challenger in its games: it agrees with a midpoint exactly when the honest trace has the same
 * commitment there (`honest`), or disagrees always (a griefer playing on), and claims timeouts.
 */
export function challengerMoves(agent: Agent, obs: Observation, mode: (gameId: bigint) => "honest" | "disagree" | "abandon"): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const game of obs.games.values()) {
    if (game.challenger.toLowerCase() !== me) continue;
    if (game.phase === "defender-to-bisect" || game.phase === "defender-to-step") {
      if (expired(game, obs.now)) actions.push({ kind: "timeout", agent, gameId: game.id });
      continue;
    }
    if (game.phase !== "challenger-to-respond" || expired(game, obs.now)) continue;
    const how = mode(game.id);
    if (how === "abandon") continue;
    const agree = how === "honest" && obs.vm.commitment(game.requestId, midpoint(game)) === game.midHash;
    actions.push({ kind: "respond", agent, gameId: game.id, agree });
  }
  return actions;
}

/**
 * Results this agent owns (it submitted them, or its winning challenge replaced them) whose window has
 * passed with no game open: finalizing pays its bond and reward back into its credit.
 */
export function finalizeOwn(agent: Agent, obs: Observation): Action[] {
  const me = agent.address.toLowerCase();
  const ready = obs.pending.filter((r) => r.submitter?.toLowerCase() === me && r.windowEnd < obs.now && r.openGames === 0).map((r) => r.id);
  return ready.length > 0 ? [{ kind: "finalize", agent, requestIds: ready.slice(0, 100) }] : [];
}
