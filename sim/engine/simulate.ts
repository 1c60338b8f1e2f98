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
import { observe } from "./observe.ts";
import { orderActions } from "./orderActions.ts";
import { recordEpoch } from "./recordEpoch.ts";
import { recordTurn } from "./recordTurn.ts";
import { applyLogs } from "./world/applyLogs.ts";

export type SimulateParameters = {
  scenario: Scenario;
  rpc: RpcClient;
  /** Where the run's tables and metadata are written. */
  dir: string;
  scenarioFile?: string | undefined;
  roles?: RoleRegistry | undefined;
  /** Called after each epoch. */
  onEpoch?: ((epoch: number, transactions: number) => void) | undefined;
  /** Called with every turn's transactions before they are sent (the benchmark replays them). */
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined;
};

export type SimulateReturnType = FinishRunReturnType & {
  /** Seconds of the epoch loop alone (no deployment or final reads). */
  loopSeconds: number;
  /** Every agent's state at the end. */
  agentStates: AgentStates;
};

/**
 * The run on a chain that is up: deploys and sets up, then once per turn (a block; an epoch has
 * `epoch.blocks` of them) observe → decide → execute → index the block's events → record, and at each
 * epoch's end the epoch's row; finally the run's closing rows, assertions and metadata.
 */
export async function simulate({ scenario, rpc, dir, scenarioFile, roles, onEpoch, onBlock }: SimulateParameters): Promise<SimulateReturnType> {
  const run = await createRun({ scenario, rpc, dir, roles });
  const rngFor = (id: string) => run.root.fork(id);
  const loopStarted = performance.now();
  for (let epoch = 0; epoch < scenario.epochs; epoch++) {
    const stats = createEpochStats();
    for (let turn = 0; turn < scenario.epoch.blocks; turn++) {
      const clock = { now: scenario.startTimestamp + epoch * scenario.epoch.seconds + turn * run.blockSeconds, epoch, turn };
      const observation = await observe(run, clock);
      const decided = decide({ agents: run.agents, populations: run.populations, roles: run.roles, states: run.states, observation, rngFor });
      run.states = decided.states;
      const onchain = run.usage ? await run.usage.take(decided.actions, clock) : decided.actions;
      const actions = orderActions(onchain, run.root.fork(`turn-${epoch}-${turn}`), scenario.submitters.seeMempool);
      const outcomes = await executeTurn(run, actions, clock.now, onBlock);
      const events = applyLogs(run.indexer, outcomes.flatMap((o) => o.logs), clock.now);
      recordTurn(run, stats, clock, outcomes, events);
      run.usage?.recordTurn(events);
    }
    await recordEpoch(run, stats, epoch);
    await run.usage?.recordEpoch(epoch, scenario.startTimestamp + (epoch + 1) * scenario.epoch.seconds - run.blockSeconds);
    onEpoch?.(epoch, run.tally.transactions);
  }
  run.deferred.drain();
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  const finished = await finishRun(run, dir, scenarioFile);
  return { ...finished, loopSeconds, agentStates: run.states };
}
