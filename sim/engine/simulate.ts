import { countSwaps } from "../market/marketStats.ts";
import { decide } from "../agents/decide.ts";
import type { RoleRegistry } from "../agents/roles.ts";
import type { AgentStates } from "../agents/types.ts";
import type { TxRequest } from "../chain/executor.ts";
import type { RpcClient } from "../chain/rpc.ts";
import type { Scenario } from "../scenario/schema.ts";
import { createRun } from "./createRun.ts";
import { createEpochStats } from "./epochStats.ts";
import { executeTurn } from "./executeTurn.ts";
import { finishRun, type FinishRunReturnType } from "./finishRun.ts";
import { observe, readCredits } from "./observe.ts";
import { readTokenBooks } from "./reads/readTokenBooks.ts";
import type { OracleCredits } from "./reads/readOracleCredits.ts";
import type { TokenBooks } from "./reads/readTokenBooks.ts";
import { orderActions } from "./orderActions.ts";
import { recordEpoch } from "./recordEpoch.ts";
import { recordMinedBlock } from "./recordTurn.ts";
import { createTurnProfile, type TurnProfile } from "./turnProfile.ts";
import { applyLogs } from "./world/applyLogs.ts";

export type SimulateParameters = {
  scenario: Scenario;
  rpc: RpcClient;
  /** Where the run's tables and metadata are written. */
  dir: string;
  scenarioFile?: string | undefined;
  roles?: RoleRegistry | undefined;
  /** Called after each epoch; a promise it returns is awaited (outside the profile's phases). */
  onEpoch?: ((epoch: number, transactions: number) => void | Promise<void>) | undefined;
  /** Where the turns' time is summed (created if not given; the benchmark reads it along the way). */
  profile?: TurnProfile | undefined;
  /** Called with every turn's transactions before they are sent (the benchmark replays them). */
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined;
};

export type SimulateReturnType = FinishRunReturnType & {
  /** Seconds of the epoch loop alone (no deployment or final reads). */
  loopSeconds: number;
  /** Every agent's state at the end. */
  agentStates: AgentStates;
  /** Where the epoch loop's time went, phase by phase. */
  profile: TurnProfile;
};

/**
 * The run on a chain that is up: deploys and sets up, then once per turn (a block; an epoch has
 * `epoch.blocks` of them) observe → decide → execute → index the block's events → record, and at each
 * epoch's end the epoch's row; finally the run's closing rows, assertions and metadata.
 */
export async function simulate({ scenario, rpc, dir, scenarioFile, roles, onEpoch, onBlock, profile = createTurnProfile() }: SimulateParameters): Promise<SimulateReturnType> {
  const run = await createRun({ scenario, rpc, dir, roles });
  const rngFor = (id: string) => run.root.fork(id);
  let paused = 0;
  const loopStarted = performance.now();
  let t = loopStarted;
  // Milliseconds since the last call, for the profile.
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  // The last block's outcomes (its results): asked for as soon as it is mined, awaited before the next is sent.
  let settled: Promise<void> = Promise.resolve();
  // Reads of the chain as an epoch's last block leaves it (the token's books for the epoch's row, the credits for the
  // next epoch's first observation): asked for with that block's results, answered while the simulator works.
  let creditsAhead: Promise<OracleCredits> | undefined;
  // The epochs' rows written so far (engine/recordEpoch.ts), in order.
  let epochRows: Promise<void> = Promise.resolve();
  // The last epoch's books, settled or failed (a failure is the epoch row's error).
  let booksRead: Promise<unknown> | undefined;
  for (let epoch = 0; epoch < scenario.epochs; epoch++) {
    const stats = createEpochStats();
    let booksAhead: Promise<TokenBooks> | undefined;
    for (let turn = 0; turn < scenario.epoch.blocks; turn++) {
      const clock = { now: scenario.startTimestamp + epoch * scenario.epoch.seconds + turn * run.blockSeconds, epoch, turn };
      lap();
      const observation = await observe(run, clock, turn === 0 ? creditsAhead : undefined);
      profile.observe += lap();
      const decided = decide({ agents: run.agents, populations: run.populations, roles: run.roles, states: run.states, observation, rngFor });
      run.states = decided.states;
      profile.decide += lap();
      // Off-chain usage (sim/usage) takes the actions it handles off the chain; the rest are sent.
      const onchain = run.usage ? await run.usage.take(decided.actions, clock) : decided.actions;
      const actions = orderActions(onchain, run.root.fork(`turn-${epoch}-${turn}`), scenario.submitters.seeMempool);
      profile.order += lap();
      // The last epoch's books are read at "latest": answered before this block is sent, or they would race it.
      const block = await executeTurn(run, actions, clock.now, turn === 0 && booksRead ? Promise.all([settled, booksRead]).then(() => undefined) : settled, onBlock, profile);
      if (turn === scenario.epoch.blocks - 1) {
        booksAhead = readTokenBooks(run.rpc, run.deployment.token);
        creditsAhead = epoch + 1 < scenario.epochs ? readCredits(run) : undefined;
        // Awaited by the epoch's row and the next observation; an error there is the run's error.
        booksAhead.catch(() => undefined);
        booksRead = booksAhead.catch(() => undefined);
        creditsAhead?.catch(() => undefined);
      }
      lap();
      const events = applyLogs(run.indexer, block.logs, clock.now);
      profile.apply += lap();
      settled = recordMinedBlock(run, stats, clock, block, events);
      run.usage?.recordTurn(events);
      const amm = run.deployment.amm;
      if (amm) countSwaps(run.amm.stats, block.logs, amm.pair, run.deployment.token.toLowerCase() < amm.weth.toLowerCase());
      profile.record += lap();
      profile.blocks++;
      profile.transactions += actions.length;
    }
    await settled;
    profile.receiptsWait += lap();
    if (run.deployment.amm) {
      // The market's row reads the pool as the epoch leaves it: before the next block.
      await epochRows;
      await recordEpoch(run, stats, epoch, booksAhead);
    } else {
      // The epoch's row waits for the books (asked for at its last block) off the critical path, rows in epoch
      // order, with the states as the epoch left them.
      const asLeft = { ...run, states: run.states };
      epochRows = epochRows.then(() => recordEpoch(asLeft, stats, epoch, booksAhead));
      epochRows.catch(() => undefined);
    }
    await run.usage?.recordEpoch(epoch, scenario.startTimestamp + (epoch + 1) * scenario.epoch.seconds - run.blockSeconds);
    profile.epoch += lap();
    const waited = onEpoch?.(epoch, run.tally.transactions);
    if (waited) {
      await waited;
      paused += lap();
    }
  }
  await settled;
  await epochRows;
  run.deferred.drain();
  const loopSeconds = (performance.now() - loopStarted - paused) / 1000;
  const finished = await finishRun(run, dir, scenarioFile);
  return { ...finished, loopSeconds, agentStates: run.states, profile };
}
