import type { EpochRow, MarketRow } from "../metrics/createRecorder.ts";
import type { Run } from "./createRun.ts";
import type { EpochStats } from "./epochStats.ts";
import { encodeFunctionData, type Hex } from "viem";
import { contractAbis } from "../chain/contracts.ts";
import { spotPrice } from "../market/amm.ts";
import { createMarketStats } from "../market/marketStats.ts";
import { lpPosition, lpReturn } from "../market/lpReturns.ts";
import type { NameBook } from "./createNameBook.ts";
import type { PairLedger } from "./pairLedger.ts";
import type { Recorder } from "../metrics/createRecorder.ts";
import type { Reserves } from "../market/amm.ts";
import { readAmm } from "./reads/readAmm.ts";
import { readTokenBooks, type TokenBooks } from "./reads/readTokenBooks.ts";
import { recordAgentStates } from "./recordAgentStates.ts";

const WHOLE = 10n ** 18n;

/**
 * Writes an epoch's row: its stats and the token's books as they stand at its end (`booksAhead`: read as soon as
 * the epoch's last block was mined); then the market's row; then what agents' states record. Without a market the
 * engine does not wait for it (the books are the only read, and they were asked for at the epoch's end): `run`
 * must then carry the epoch's own `states`, not the engine's live ones.
 */
export async function recordEpoch(
  run: Pick<Run, "rpc" | "deployment" | "scenario" | "world" | "recorder" | "blockSeconds" | "agents" | "populations" | "states"> & Partial<Pick<Run, "amm" | "pairLedger" | "names">>,
  stats: EpochStats,
  epoch: number,
  booksAhead?: Promise<TokenBooks> | undefined,
): Promise<void> {
  const { scenario } = run;
  // What the row takes from the world is taken now: the books may arrive while later turns run.
  const snapshotId = run.world.token.currentSnapshotId;
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
    snapshot_id: snapshotId,
    token_pending_wei: books.pending,
    token_open_claimable_wei: books.openClaimable,
    token_redeem_pool_wei: books.redeemPool,
    token_claimed_wei: books.claimed,
    token_redeemed_wei: books.redeemed,
  };
  run.recorder.epoch(row);
  if (run.deployment.amm && run.amm) await recordMarket(run as Parameters<typeof recordMarket>[0], row.time as number, epoch);
  else run.recorder.market(noMarketRow(epoch, row.time as number));
  recordAgentStates(run, epoch);
}

/** A run without a market still writes one market row per epoch: not listed, every figure zero. */
function noMarketRow(epoch: number, time: number): MarketRow {
  return {
    epoch,
    time,
    listed: false,
    price_wei_per_token: 0n,
    reserve_tokens: 0n,
    reserve_eth_wei: 0n,
    redeem_wei_per_token: 0n,
    fundamental_value_wei_per_token: 0n,
    market_cap_wei: 0n,
    revenue_implied_cap_wei: 0n,
    swaps: 0,
    buys: 0,
    sells: 0,
    volume_eth_wei: 0n,
    fees_eth_wei: 0n,
  };
}

/** The market's row of the epoch (see the `market` table), then its swap counts start again. */
async function recordMarket(run: Pick<Run, "rpc" | "deployment" | "world" | "recorder" | "agents" | "states" | "amm"> & Partial<Pick<Run, "pairLedger" | "names">>, time: number, epoch: number): Promise<void> {
  const amm = run.deployment.amm;
  if (!amm) return;
  const view = await readAmm(run.rpc, amm, run.deployment.token, [], run.world.token.currentSnapshotId);
  const supply = BigInt(await run.rpc.request<Hex>("eth_call", [{ to: run.deployment.token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "totalSupply" }) }, "latest"]));
  const price = spotPrice(view.reserves);
  const values = run.agents.filter((a) => a.role === "fundamental-trader").map((a) => BigInt(String(run.states.get(a.id)?.value ?? "0")));
  const value = values.length === 0 ? 0n : values.reduce((t, v) => t + v, 0n) / BigInt(values.length);
  const s = run.amm.stats;
  run.recorder.market({
    epoch,
    time,
    listed: view.listed,
    price_wei_per_token: price,
    reserve_tokens: view.reserves.tokens,
    reserve_eth_wei: view.reserves.eth,
    redeem_wei_per_token: view.redeemPerToken,
    fundamental_value_wei_per_token: value,
    market_cap_wei: (price * supply) / WHOLE,
    revenue_implied_cap_wei: (value * supply) / WHOLE,
    swaps: s.swaps,
    buys: s.buys,
    sells: s.sells,
    volume_eth_wei: s.volumeEthWei,
    fees_eth_wei: s.feesEthWei,
  });
  if (run.pairLedger && run.names) {
    if (view.listed) run.pairLedger.feesByEpoch.push(s.feesEthWei);
    recordLpPositions(run.pairLedger, run.names, run.recorder, view.reserves, view.lpSupply, time, epoch);
  }
  run.amm.stats = createMarketStats();
}

/** One `lp` row per liquidity position (sorted by owner's name) at the epoch's end, valued at the pool's price. */
function recordLpPositions(ledger: PairLedger, names: NameBook, recorder: Recorder, pool: Reserves, lpSupply: bigint, time: number, epoch: number): void {
  const owners = [...ledger.positions.keys()].map((owner) => ({ owner, name: names.nameOf(owner as Hex) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { owner, name } of owners) {
    const holding = ledger.positions.get(owner);
    if (!holding) continue;
    const { book, lpTokens } = holding;
    const position = lpPosition(book, lpTokens, lpSupply, pool);
    const total = lpReturn(book, position);
    recorder.lp({
      epoch,
      time,
      lp: name,
      role: names.roleOf(owner as Hex),
      lp_tokens: lpTokens,
      lp_supply: lpSupply,
      eth_deposited_wei: book.ethDeposited,
      tokens_deposited: book.tokensDeposited,
      eth_withdrawn_wei: book.ethWithdrawn,
      tokens_withdrawn: book.tokensWithdrawn,
      position_value_wei: position.value,
      realized_value_wei: book.realizedValue,
      hold_value_wei: total.hold,
      impermanent_loss_wei: total.impermanentLoss,
      fees_wei: total.fees,
      against_hold_wei: total.againstHold,
    });
  }
}
