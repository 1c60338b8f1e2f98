import type { Hex } from "viem";
import type { MinedBlock, TxOutcome } from "../chain/executor.ts";
import { tokenMovesOf } from "../market/tokenMoves.ts";
import { flowsOf } from "../metrics/createRecorder.ts";
import { recordLaunchLiquidity, recordPairTransaction } from "./pairLedger.ts";
import type { Clock } from "./buildObservation.ts";
import type { Run } from "./createRun.ts";
import type { EpochStats } from "./epochStats.ts";
import type { WorldEvent } from "./world/types.ts";

type RecordRun = Pick<Run, "recorder" | "deferred" | "names" | "flowParties" | "world" | "vm" | "tally" | "writeRequest"> & Partial<Pick<Run, "deployment" | "pairLedger">>;

/**
 * Step 4 of a turn: counts the block into the epoch's stats now, and queues its rows (transactions, flows
 * of ETH and credit, snapshots, finished requests and games) for the deferred queue, which runs while the next block
 * is mined. Rows keep the order of the block's receipts and events.
 */
export function recordTurn(run: RecordRun, stats: EpochStats, clock: Clock, outcomes: readonly TxOutcome[], events: readonly WorldEvent[]): void {
  recordOutcomes(run, stats, clock, outcomes, run.deferred.defer);
  recordEvents(run, stats, clock, events);
}

/**
 * Step 4 with the block's outcomes still to come (engine/executeTurn.ts asks for the receipts and goes on): the
 * events are counted and their rows queued now, behind a place kept for the transactions' rows, which are queued
 * there, and counted, when the outcomes arrive. The returned promise resolves then; the engine awaits it before
 * the queue is drained and before the epoch's row.
 */
export function recordMinedBlock(run: RecordRun, stats: EpochStats, clock: Clock, block: Pick<MinedBlock, "outcomes">, events: readonly WorldEvent[]): Promise<void> {
  const rows: (() => void)[] = [];
  let arrived = false;
  run.deferred.defer(() => {
    if (!arrived) throw new Error(`the outcomes of the block of epoch ${clock.epoch}, turn ${clock.turn} were drained before they arrived`);
    for (const row of rows) row();
  });
  recordEvents(run, stats, clock, events);
  return block.outcomes.then((outcomes) => {
    recordOutcomes(run, stats, clock, outcomes, (row) => rows.push(row));
    arrived = true;
  });
}

/** The transactions of a block: counted into the epoch, their rows and the ETH they moved queued with `defer`. */
function recordOutcomes(run: RecordRun, stats: EpochStats, { now, epoch, turn }: Clock, outcomes: readonly TxOutcome[], defer: (job: () => void) => void): void {
  const { recorder, names } = run;
  for (const outcome of outcomes) {
    defer(() => recorder.transaction(epoch, turn, outcome));
    stats.transactions++;
    stats.gas += outcome.gasUsed;
    const ledger = run.pairLedger;
    if (outcome.status !== "success") stats.reverted++;
    else if (ledger && outcome.request.to?.toLowerCase() === ledger.router) {
      // A router transaction: the ETH that reached the pair or left it, from the pair's events (the router wraps,
      // unwraps and refunds what an add did not use; none of that is the pair's).
      const from = outcome.request.from;
      for (const f of recordPairTransaction(ledger, from, outcome.logs)) {
        const [payer, payee] = f.kind === "swap-eth-in" || f.kind === "lp-deposit" ? [from, ledger.pair] : [ledger.pair, from];
        defer(() =>
          recorder.flow({ epoch, block: outcome.blockNumber, time: now, movement: "eth", kind: f.kind, from: names.nameOf(payer), to: names.nameOf(payee), amount_wei: f.amount, request_id: undefined, from_address: payer, to_address: payee }),
        );
      }
    } else if ((outcome.request.value ?? 0n) > 0n && outcome.request.to) {
      defer(() =>
        recorder.flow({
          epoch,
          block: outcome.blockNumber,
          time: now,
          movement: "eth",
          kind: outcome.request.label ?? "transfer",
          from: names.nameOf(outcome.request.from),
          to: names.nameOf(outcome.request.to),
          amount_wei: outcome.request.value ?? 0n,
          request_id: undefined,
          from_address: outcome.request.from,
          to_address: outcome.request.to,
        }),
      );
    }
    if (outcome.status === "success") recordTokenMoves(run, outcome, now, epoch, defer);
    stats.lastBlock = outcome.blockNumber;
  }
  run.tally.transactions += outcomes.length;
}

/** The token's Transfers in a successful transaction (token_moves.csv), pool swaps with their ETH side. */
function recordTokenMoves(run: RecordRun, outcome: TxOutcome, now: number, epoch: number, defer: (job: () => void) => void): void {
  const token = run.flowParties.token;
  const amm = run.deployment?.amm;
  const moves = tokenMovesOf(outcome.logs, { token, pair: amm?.pair, tokenIsToken0: amm ? token.toLowerCase() < amm.weth.toLowerCase() : false });
  if (moves.length === 0) return;
  const { recorder, names } = run;
  defer(() => {
    for (const m of moves) {
      recorder.tokenMove({
        epoch,
        block: outcome.blockNumber,
        time: now,
        kind: m.kind,
        from: names.nameOf(m.from),
        to: names.nameOf(m.to),
        amount_wei: m.amount,
        eth_wei: m.ethWei,
        from_address: m.from,
        to_address: m.to,
      });
    }
  });
}

/** A block's events: counted into the epoch; their flows, finished requests and ended games queued. */
function recordEvents(run: RecordRun, stats: EpochStats, { epoch }: Clock, events: readonly WorldEvent[]): void {
  const { recorder, names, flowParties, world, vm, writeRequest } = run;
  const defer = run.deferred.defer;
  for (const event of events) {
    defer(() => {
      for (const row of flowsOf(event, epoch, flowParties, names.nameOf)) recorder.flow(row);
    });
    switch (`${event.contract}.${event.name}`) {
      case "OpmlOracle.AICallbackRequest":
        stats.requests++;
        break;
      case "OpmlOracle.AICallbackResult":
        // Round 1 is the callback run again at finality with another claim's output, not a submission.
        if (Number(event.args.round) !== 0) break;
        stats.submissions++;
        if (!vm.isHonest(event.args.requestId as bigint, event.args.finalStateHash as Hex)) stats.wrong++;
        break;
      case "OpmlOracle.ClaimPosted":
        if (Number(event.args.kind) === 1) stats.challenges++;
        break;
      case "ImoLaunch.LiquidityAdded":
        if (run.pairLedger) recordLaunchLiquidity(run.pairLedger, event.args.tokens as bigint, event.args.eth as bigint, event.args.lpTokens as bigint);
        break;
      case "RevShareToken.Snapshot": {
        const row = { snapshot_id: event.args.snapshotId as bigint, epoch, block: event.blockNumber, time: event.time, eligible_supply: event.args.eligibleSupply as bigint };
        defer(() => recorder.snapshot(row));
        break;
      }
      case "OpmlOracle.RequestExpired": {
        const id = event.args.requestId as bigint;
        defer(() => writeRequest(id));
        break;
      }
      case "OpmlOracle.ResultFinalized": {
        stats.finalized++;
        const id = event.args.requestId as bigint;
        if (world.oracle.records.get(id)?.finalWrong) stats.wrongFinalized++;
        defer(() => writeRequest(id));
        break;
      }
    }
  }
  for (const record of [...world.game.records.values()]) {
    // A game's row is complete once the oracle has settled it (defeat or void, in the transaction that ended it).
    if (record.outcome !== undefined) {
      defer(() => recorder.dispute(record));
      world.game.records.delete(record.id);
    }
  }
}
