import { isDisputed } from "./claims.ts";
import { expired } from "./games.ts";
import { blockSeconds, overdue } from "./timing.ts";
import type { Action, Agent, Observation } from "./types.ts";

/** Disputed requests per finalizeBatch: their finalization may run the callback again (up to the paid gas limit each). */
const DISPUTED_BATCH = 16;
const UNDISPUTED_BATCH = 100;

/**
 * The oracle's chores: at the first block where they are due, time out every game whose side to move missed its
 * deadline, and finalize every disputed request whose window has passed with no game open (whoever calls it; the
 * winner is paid either way). As a backstop a block later, finalize undisputed results that their submitter has not
 * finalized, and release bonds that their owners have not pulled back. So no request waits on a party that does
 * not want it final, and the time to finality the reports show is the first block the rule allows.
 */
export function oracleChores(agent: Agent, obs: Observation): Action[] {
  const b = blockSeconds(obs.scenario);
  const actions: Action[] = [];
  for (const game of obs.games.values()) {
    if (expired(game, obs.now)) actions.push({ kind: "timeout", agent, gameId: game.id });
  }
  const ready = obs.pending.filter((r) => r.openGames === 0 && r.windowEnd < obs.now);
  const disputed = ready.filter(isDisputed).map((r) => r.id);
  const stale = ready.filter((r) => !isDisputed(r) && overdue(obs.now, r.windowEnd, b)).map((r) => r.id);
  if (disputed.length > 0) actions.push({ kind: "finalize", agent, requestIds: disputed.slice(0, DISPUTED_BATCH) });
  if (stale.length > 0) actions.push({ kind: "finalize", agent, requestIds: stale.slice(0, UNDISPUTED_BATCH) });
  for (const bond of obs.oracle.releasable) {
    if (overdue(obs.now, bond.finalizedAt, b)) actions.push({ kind: "releaseBond", agent, requestId: bond.requestId, claimIndex: bond.claimIndex });
  }
  return actions;
}

/**
 * The keeper does the permissionless chores somebody always does on a live chain: settle the raise when
 * its window ends, release the raise's vested proceeds to the treasury, take snapshots when they are due,
 * harvest the revenue of the sale tokens the launch still holds for investors after each snapshot (so none
 * lapses before they collect), push the model's fee credit into its token, refund the escrow of NFT mints
 * nobody answered before their expiry to their minters, collect protocol fees for the treasury, and the
 * oracle's chores (`oracleChores`).
 */
export function keeperPolicy(agent: Agent, obs: Observation): Action[] {
  const actions: Action[] = [];
  if (!obs.raise.settled && obs.now >= obs.raise.end) actions.push({ kind: "settleRaise", agent });
  if (obs.raise.settled && obs.raise.succeeded) {
    if (obs.turn === 0 && obs.oracle.tokenCredit > 0n) actions.push({ kind: "flush", agent, account: obs.token.address });
    if (obs.turn === 0 && obs.raise.proceedsPending) actions.push({ kind: "releaseProceeds", agent });
    if (obs.turn === 0 && obs.raise.dustPending) actions.push({ kind: "sweepRaiseDust", agent });
    if (obs.turn === 0 && obs.raise.harvestPending) actions.push({ kind: "harvestLaunch", agent });
    if (obs.now >= obs.token.nextSnapshotAt) actions.push({ kind: "snapshot", agent });
  }
  if (obs.turn === 0) {
    const timeout = obs.scenario.oracle.requestTimeout;
    for (const request of obs.unanswered) {
      const tokenId = obs.nft.tokenOfRequest.get(request.id);
      if (tokenId !== undefined && obs.now > request.requestedAt + timeout) actions.push({ kind: "reclaimExpiredMint", agent, tokenId });
    }
  }
  if (obs.turn === 0 && obs.epoch % 10 === 9) actions.push({ kind: "collectProtocolFees", agent });
  actions.push(...oracleChores(agent, obs));
  return actions;
}
