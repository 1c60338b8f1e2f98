import type { Observation } from "../agents/types.ts";
import { buildObservation, type Clock } from "./buildObservation.ts";
import type { Run } from "./createRun.ts";
import { readAmm } from "./reads/readAmm.ts";
import { readClaimable } from "./reads/readClaimable.ts";
import { readOracleCredits, type OracleCredits } from "./reads/readOracleCredits.ts";

/**
 * Step 1 of a turn: reads from the chain what events do not say, when it is due (oracle credits at each
 * epoch's start; what holders can claim after a snapshot), into the world; then the agents' view of it.
 * The world itself is kept up to date from each block's events (world/applyLogs.ts).
 */
export async function observe(
  run: Pick<Run, "rpc" | "deployment" | "world" | "view" | "creditHolders" | "investors" | "scenario" | "amm" | "pairLedger">,
  clock: Clock,
  /** The credits read ahead (engine/simulate.ts asks for them as soon as the last epoch's last block is mined). */
  creditsAhead?: Promise<OracleCredits> | undefined,
): Promise<Observation> {
  const { rpc, deployment, world } = run;
  if (clock.turn === 0) {
    const { credits, tokenCredit } = await (creditsAhead ?? readCredits(run));
    world.oracle.tokenCredit = tokenCredit;
    world.oracle.credits = credits;
  }
  if (world.token.snapshotHappened) {
    const claimable = await readClaimable(rpc, deployment.token, run.investors.map((i) => i.address), world.token.currentSnapshotId, run.scenario.token.claimWindow);
    for (const [holder, amounts] of claimable) world.token.claimable.set(holder, amounts);
    world.token.snapshotHappened = false;
  }
  const amm = deployment.amm;
  if (amm && clock.turn === 0) {
    const view = await readAmm(rpc, amm, deployment.token, run.amm.traders.map((t) => t.address), world.token.currentSnapshotId);
    const ledger = run.pairLedger;
    const lpBalances = new Map(ledger ? [...ledger.positions].map(([owner, h]) => [owner, h.lpTokens]) : []);
    run.amm.view = { ...view, lpBalances, feesByEpoch: ledger ? [...ledger.feesByEpoch] : [] };
  }
  const observation = buildObservation(run.view, world, clock);
  return run.amm.view ? { ...observation, amm: run.amm.view } : observation;
}

/** The oracle credits of the agents that earn them, and the token's (one batch). */
export function readCredits(run: Pick<Run, "rpc" | "deployment" | "creditHolders">): Promise<OracleCredits> {
  return readOracleCredits(run.rpc, run.deployment, run.creditHolders.map((h) => h.address));
}
