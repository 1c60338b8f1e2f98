import { parseEther, type Address } from "viem";
import type { Population } from "../agents/decide.ts";
import { roles as shippedRoles, type AgentRole, type RoleRegistry } from "../agents/roles.ts";
import type { Agent, AgentStates, AmmView, Role } from "../agents/types.ts";
import { createMarketStats, type MarketStats } from "../market/marketStats.ts";

/** The roles that trade on the token's market (their balances are read for their view of it). */
const TRADER_ROLES: ReadonlySet<Role> = new Set<Role>(["fundamental-trader", "noise-trader", "burn-arbitrageur", "liquidity-provider"]);
import { createExecutor, type Executor } from "../chain/executor.ts";
import type { RpcClient } from "../chain/rpc.ts";
import { createRecorder, type Recorder } from "../metrics/createRecorder.ts";
import { createRng, type Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import { loadModel } from "../vm/index.ts";
import { buildAgents } from "./buildAgents.ts";
import type { ObservationContext } from "./buildObservation.ts";
import { createDeferred, type Deferred } from "./createDeferred.ts";
import { createNameBook, type NameBook } from "./createNameBook.ts";
import { createPairLedger, type PairLedger } from "./pairLedger.ts";
import { createRequestWriter, createTally, type RunTally } from "./createRequestWriter.ts";
import { createVmAccess, type VmCache } from "./createVmAccess.ts";
import { watchedContracts, type Deployment } from "./deployment.ts";
import { deployStack, parties } from "./deployStack.ts";
import type { EncodeContext } from "./encodeAction.ts";
import { fundAgents } from "./fundAgents.ts";
import { readStackConstants } from "./reads/readStackConstants.ts";
import { createUsageRun, type UsageRun } from "./usage/createUsageRun.ts";
import { ledgerGenesis } from "./usage/deployUsageLedger.ts";
import type { ApplyLogsParameters } from "./world/applyLogs.ts";
import { createLogDecoder } from "./world/createLogDecoder.ts";
import { createWorld } from "./world/createWorld.ts";
import type { World } from "./world/types.ts";

/** The parties that flow rows name (contracts and treasuries). */
export type FlowParties = Deployment & { treasury: Address; protocolTreasury: Address; modelOwner: Address };

/** Everything a run holds between turns. Only `states`, `world`, `tally` and what the recorder streams change. */
export type Run = {
  readonly scenario: Scenario;
  readonly rpc: RpcClient;
  readonly executor: Executor;
  readonly deployment: Deployment;
  readonly encodeContext: EncodeContext;
  /** The run's root stream: every agent's, population's and turn's stream is forked from it by name. */
  readonly root: Rng;
  readonly agents: readonly Agent[];
  readonly populations: readonly Population[];
  readonly roles: ReadonlyMap<Role, AgentRole>;
  /** Each agent's state as its policy last returned it. */
  states: AgentStates;
  readonly investors: readonly Agent[];
  /** Agents whose oracle credit the engine reads at each epoch's start. */
  readonly creditHolders: readonly Agent[];
  /** Seconds per turn (block). */
  readonly blockSeconds: number;
  readonly world: World;
  /** How logs become events applied to the world. */
  readonly indexer: ApplyLogsParameters;
  readonly view: ObservationContext;
  readonly vm: VmCache;
  readonly names: NameBook;
  readonly recorder: Recorder;
  readonly flowParties: FlowParties;
  readonly deferred: Deferred;
  readonly tally: RunTally;
  /** The token's market: its traders, and their view of it as read at the epoch's first turn. */
  readonly amm: { view: AmmView | undefined; readonly traders: readonly Agent[]; stats: MarketStats };
  /** The pair's ETH and liquidity positions, when the scenario opens a market. */
  readonly pairLedger: PairLedger | undefined;
  /** Off-chain usage: the ledger's side of the run, when the scenario has an `offchain` section. */
  readonly usage: UsageRun | undefined;
  /** Writes a request's row and forgets it; `endTime` (at the run's end) is when a still-open request is checked against the finality bound. */
  readonly writeRequest: (requestId: bigint, endTime?: number) => void;
};

export type CreateRunParameters = {
  scenario: Scenario;
  rpc: RpcClient;
  /** Where the recorder writes the run's tables. */
  dir: string;
  /** The roles to run: the shipped registry unless a test or an experiment passes its own. */
  roles?: RoleRegistry | undefined;
};

/** Deploys the stack on a fresh chain, builds and funds the agents, and sets up the world, the VM and the recorder. */
export async function createRun({ scenario, rpc, dir, roles = shippedRoles }: CreateRunParameters): Promise<Run> {
  const executor = createExecutor({ rpc });
  const { model, file: modelFile } = loadModel(scenario.model.name);
  const deployment = await deployStack({ rpc, executor, scenario, model, time: scenario.startTimestamp - 3_000 });
  const root = createRng(scenario.seed);
  const built = buildAgents(scenario, roles);
  const { agents, users, investors } = built;
  // the pair is a party of its own in the tables (its ETH, held as WETH, is in the conservation lines)
  const names = createNameBook([...agents, ...users], deployment, deployment.amm ? { ...parties, pair: deployment.amm.pair } : parties);
  await fundAgents(rpc, [...agents, ...users]);
  // Traders start with the scenario's ETH, not the plenty the others get: their budget is part of the market.
  const traderEth = `0x${parseEther(scenario.market.traderEth).toString(16)}`;
  const lpEth = `0x${parseEther(scenario.market.lpEth).toString(16)}`;
  await rpc.batchResults(agents.filter((a) => TRADER_ROLES.has(a.role)).map((a) => ({ method: "anvil_setBalance", params: [a.address, a.role === "liquidity-provider" ? lpEth : traderEth] })));

  const recorder = createRecorder({ dir, nameOf: names.nameOf, roleOf: names.roleOf, market: deployment.amm !== undefined });
  const constants = await readStackConstants(rpc, deployment);
  const world = createWorld({ nextSnapshotAt: constants.nextSnapshotAt });
  const vm = createVmAccess(model, (id) => {
    const request = world.oracle.requests.get(id);
    if (!request) throw new Error(`the VM was asked about request ${id}, which the world does not know`);
    return request.input;
  });
  const roleTable = new Map(roles.agents.map((r) => [r.role, r]));
  const tally: RunTally = createTally();
  const raiseStart = scenario.startTimestamp;
  const usage = deployment.ledger
    ? createUsageRun({
        scenario,
        rpc,
        ledger: deployment.ledger,
        modelId: deployment.modelId,
        chainId: Number(await rpc.request<string>("eth_chainId")),
        genesis: ledgerGenesis(scenario),
        world,
        agents,
        users: built.populations.filter((p) => p.role.role === "offchain-user").flatMap((p) => p.members),
        names,
        dir,
      })
    : undefined;
  return {
    scenario,
    rpc,
    executor,
    deployment,
    encodeContext: { deployment, shape: model.shape },
    root,
    agents,
    populations: built.populations,
    roles: roleTable,
    states: built.states,
    investors,
    creditHolders: agents.filter((a) => roleTable.get(a.role)?.earnsOracleCredit),
    blockSeconds: scenario.epoch.seconds / scenario.epoch.blocks,
    world,
    indexer: {
      world,
      decode: createLogDecoder(watchedContracts(deployment).map(({ address, contract }) => [address, contract] as const)),
      context: {
        deployment,
        snapshotInterval: scenario.token.snapshotIntervalEpochs * scenario.epoch.seconds,
        investors: new Set(investors.map((i) => i.address.toLowerCase())),
        isHonest: (id, hash) => vm.isHonest(id, hash),
        submitterBond: parseEther(scenario.oracle.submitterBond),
      },
    },
    view: {
      scenario,
      vm,
      samples: modelFile.samples.map((s) => s.input),
      investors,
      users,
      token: deployment.token,
      fee: constants.fee,
      submitterBond: parseEther(scenario.oracle.submitterBond),
      challengerBond: parseEther(scenario.oracle.challengerBond),
      mintPrice: constants.mintPrice,
      raiseStart,
      raiseEnd: raiseStart + scenario.raise.windowEpochs * scenario.epoch.seconds,
      usage,
    },
    vm,
    names,
    recorder,
    flowParties: { ...deployment, treasury: parties.treasury, protocolTreasury: parties.protocolTreasury, modelOwner: parties.modelOwner },
    deferred: createDeferred(),
    tally,
    amm: { view: undefined, traders: agents.filter((a) => TRADER_ROLES.has(a.role)), stats: createMarketStats() },
    pairLedger: deployment.amm ? createPairLedger(deployment.amm, deployment.token, parties.liquidity) : undefined,
    writeRequest: createRequestWriter({ scenario, world, recorder, vm, tally, honestChallengers: agents.filter((a) => a.role === "honest-challenger"), root }),
    usage,
  };
}
