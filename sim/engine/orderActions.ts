import type { Action } from "../agents/types.ts";
import type { Rng } from "../rng/createRng.ts";

/** Fisher-Yates with the run's generator: who wins a race for a request is the seed's decision. */
function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/**
 * Submitters who see the mempool do not send a second submission for a request already being answered
 * in this block: the first in block order stays, the others are dropped (in place).
 */
function dropDuplicateSubmits(actions: Action[]): void {
  const taken = new Set<bigint>();
  let kept = 0;
  for (const action of actions) {
    if (action.kind === "submit") {
      if (taken.has(action.requestId)) continue;
      taken.add(action.requestId);
    }
    actions[kept++] = action;
  }
  actions.length = kept;
}

/**
 * The block order of one turn's actions, as a mempool would give it: shuffled with the turn's stream, then,
 * when submitters see the mempool, without second submissions for the same request. Reorders `actions` in
 * place (the engine's own array) and returns it.
 */
export function orderActions(actions: Action[], rng: Rng, seeMempool: boolean): Action[] {
  shuffle(actions, rng);
  if (seeMempool) dropDuplicateSubmits(actions);
  return actions;
}
