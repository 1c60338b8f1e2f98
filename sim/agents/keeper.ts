import type { Action, Agent, Observation } from "./types.ts";

/**
 * The keeper does the permissionless chores somebody always does on a live chain: settle the raise when
 * its window ends, release the raise's vested proceeds to the treasury, take snapshots when they are due,
 * harvest the revenue of the sale tokens the launch still holds for investors after each snapshot (so none
 * lapses before they collect), push the model's fee credit into its token, refund the escrow of NFT mints
 * nobody answered before their expiry to their minters, and collect protocol fees for the treasury.
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
  return actions;
}
