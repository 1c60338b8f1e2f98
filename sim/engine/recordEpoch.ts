import type { EpochRow } from "../metrics/createRecorder.ts";
import type { Run } from "./createRun.ts";
import type { EpochStats } from "./epochStats.ts";
import { readTokenBooks, type TokenBooks } from "./reads/readTokenBooks.ts";
import { recordAgentStates } from "./recordAgentStates.ts";

/**
 * Writes an epoch's row: its stats and the token's books as they stand at its end (`booksAhead`: read as soon as
 * the epoch's last block was mined, while its receipts were built); then what agents' states record.
 */
export async function recordEpoch(
  run: Pick<Run, "rpc" | "deployment" | "scenario" | "world" | "recorder" | "blockSeconds" | "agents" | "populations" | "states">,
  stats: EpochStats,
  epoch: number,
  booksAhead?: Promise<TokenBooks> | undefined,
): Promise<void> {
  const { scenario } = run;
  const books = await (booksAhead ?? readTokenBooks(run.rpc, run.deployment.token));
  const row: EpochRow = {
    epoch,
    time: scenario.startTimestamp + (epoch + 1) * scenario.epoch.seconds - run.blockSeconds,
    block: stats.lastBlock,
    transactions: stats.transactions,
    reverted: stats.reverted,
    gas_used: stats.gas,
    requests: stats.requests,
    submissions: stats.submissions,
    wrong_submissions: stats.wrong,
    challenges: stats.challenges,
    finalized: stats.finalized,
    wrong_finalized: stats.wrongFinalized,
    snapshot_id: run.world.token.currentSnapshotId,
    token_pending_wei: books.pending,
    token_open_claimable_wei: books.openClaimable,
    token_redeem_pool_wei: books.redeemPool,
    token_claimed_wei: books.claimed,
    token_redeemed_wei: books.redeemed,
  };
  run.recorder.epoch(row);
  recordAgentStates(run, epoch);
}
