import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeFunctionResult, encodeFunctionData, parseEther, type Address, type Hex } from "viem";
import { decide } from "../agents/decide.ts";
import type { Action, Agent, HolderStrategy, Observation, Role } from "../agents/types.ts";
import { contractAbis } from "../chain/contracts.ts";
import { createExecutor, type TxRequest } from "../chain/executor.ts";
import { onInterrupt, startAnvil } from "../chain/startAnvil.ts";
import { BaseError } from "../errors/index.ts";
import { createRecorder, flowsOf, type EpochRow } from "../metrics/createRecorder.ts";
import { createRng } from "../rng/createRng.ts";
import { commitRunFolder, createPartialFolder, discardPartialFolder } from "../runFolder/partialFolder.ts";
import type { Scenario } from "../scenario/schema.ts";
import { loadModel } from "../vm/index.ts";
import { agentAddress } from "./agentAddress.ts";
import { createVmAccess } from "./createVmAccess.ts";
import { deployStack, parties } from "./deployStack.ts";
import { encodeAction } from "./encodeAction.ts";
import { metadataText, runMetadata } from "./runMetadata.ts";
import { World } from "./world.ts";

export type RunProgress = { epoch: number; epochs: number; transactions: number; elapsedSeconds: number };

export type RunScenarioParameters = {
  scenario: Scenario;
  /** The run folder; written under a temporary name and moved into place only when the run is complete. */
  outDir: string;
  /** Scenario file, recorded in the metadata. */
  scenarioFile?: string | undefined;
  onProgress?: ((progress: RunProgress) => void) | undefined;
  /** Called with every turn's transactions before they are sent (the benchmark replays them). */
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined;
};

export type AssertionResult = { name: string; passed: boolean; detail: string };

export type RunScenarioReturnType = {
  outDir: string;
  transactions: number;
  requests: number;
  wrongFinalized: number;
  assertions: AssertionResult[];
  wallSeconds: number;
  /** Seconds of the epoch loop alone (no anvil start, deployment or final reads): what the benchmark compares. */
  loopSeconds: number;
  /** Peak resident memory of anvil, in MB, if it could be read. */
  anvilRssMb: number | undefined;
};

/** A scenario assertion failed: the run is complete and written, and the exit code is 1. */
export class ScenarioAssertionError extends BaseError {
  override name = "ScenarioAssertionError";
}

/** Builds the agents of a scenario, each with a fixed address. */
export function buildAgents(scenario: Scenario): { agents: Agent[]; users: Agent[]; investors: Agent[] } {
  const agents: Agent[] = [];
  const add = (role: Role, count: number, strategy?: (i: number) => HolderStrategy): Agent[] => {
    const made = Array.from({ length: count }, (_, index) => {
      const id = `${role}-${index}`;
      return { id, role, index, address: agentAddress(id), holderStrategy: strategy?.(index) };
    });
    agents.push(...made);
    return made;
  };
  const h = scenario.holders;
  const plan: HolderStrategy[] = [
    ...Array<HolderStrategy>(h.claimEverySnapshot).fill("claim-every-snapshot"),
    ...Array<HolderStrategy>(h.claimLate).fill("claim-late"),
    ...Array<HolderStrategy>(h.neverClaim).fill("never-claim"),
    ...Array<HolderStrategy>(h.burnAfterSnapshot).fill("burn-after-snapshot"),
    ...Array<HolderStrategy>(h.burnBeforeSnapshot).fill("burn-before-snapshot"),
  ];
  const investors = add("investor", scenario.investors.count, (i) => plan[i] ?? "passive");
  add("honest-submitter", scenario.submitters.honest);
  add("malicious-submitter", scenario.submitters.malicious);
  add("honest-challenger", scenario.challengers.honest);
  add("lazy-challenger", scenario.challengers.lazy);
  add("griefer", scenario.challengers.griefers);
  add("keeper", 1);
  const users = Array.from({ length: scenario.demand.users }, (_, index): Agent => {
    const id = `user-${index}`;
    return { id, role: "user", index, address: agentAddress(id) };
  });
  return { agents, users, investors };
}

/**
 * Runs a scenario end to end on a fresh anvil: deploys the stack, then once per turn (a block; an epoch
 * has `epoch.blocks` of them) observes, lets every agent decide, executes the actions in one batch and
 * records what happened. Writes the run folder; anvil is stopped on every exit path.
 */
export async function runScenario({ scenario, outDir, scenarioFile, onProgress, onBlock }: RunScenarioParameters): Promise<RunScenarioReturnType> {
  const started = performance.now();
  // The run is written beside outDir and moved into place only when complete; nothing else is deleted (sim/runFolder).
  const partial = createPartialFolder(outDir);
  const forgetCleanup = onInterrupt(() => discardPartialFolder(partial));
  const anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600 }).catch((error: unknown) => {
    discardPartialFolder(partial);
    throw error;
  });
  let anvilRssMb: number | undefined;
  const sampleAnvilRss = () => {
    const rss = readRssMb(anvil.pid);
    if (rss !== undefined) anvilRssMb = Math.max(anvilRssMb ?? 0, rss);
  };
  try {
    const result = await simulate(scenario, anvil.rpc, partial, scenarioFile, onProgress, onBlock, started, sampleAnvilRss);
    sampleAnvilRss();
    await anvil.stop();
    commitRunFolder(partial, outDir);
    forgetCleanup();
    return { ...result, outDir, wallSeconds: (performance.now() - started) / 1000, anvilRssMb };
  } catch (error) {
    await anvil.stop();
    discardPartialFolder(partial);
    forgetCleanup();
    throw error;
  }
}

/** Agents' money: plenty, so that the scenario's economics, not a balance, limit what they do. */
export async function fundAgents(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], agents: readonly Agent[]): Promise<void> {
  await rpc.batchResults(agents.map((agent) => ({ method: "anvil_setBalance", params: [agent.address, `0x${parseEther("1000000").toString(16)}`] })));
}

/** Peak resident memory (VmHWM) of a process, in MB (Linux). */
export function readRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function simulate(
  scenario: Scenario,
  rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"],
  dir: string,
  scenarioFile: string | undefined,
  onProgress: RunScenarioParameters["onProgress"],
  onBlock: RunScenarioParameters["onBlock"],
  started: number,
  sampleAnvilRss: () => void,
): Promise<Omit<RunScenarioReturnType, "outDir" | "wallSeconds" | "anvilRssMb">> {
  const executor = createExecutor({ rpc });
  const { model, file: modelFile } = loadModel(scenario.model.name);
  const deployment = await deployStack({ rpc, executor, scenario, model, time: scenario.startTimestamp - 3_000 });
  const root = createRng(scenario.seed);
  const { agents, users, investors } = buildAgents(scenario);

  // Who is who, for the tables.
  const names = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const agent of [...agents, ...users]) {
    names.set(agent.address.toLowerCase(), agent.id);
    roles.set(agent.address.toLowerCase(), agent.role);
  }
  const contracts: [Address, string][] = [
    [deployment.oracle, "oracle"],
    [deployment.token, "token"],
    [deployment.nft, "nft"],
    [deployment.market, "market"],
    [deployment.launch, "launch"],
    [deployment.game, "game"],
    [deployment.registry, "registry"],
  ];
  for (const [address, name] of [...contracts, ...Object.entries(parties).map(([k, v]) => [v, k] as [Address, string])]) {
    names.set(address.toLowerCase(), name);
    roles.set(address.toLowerCase(), name);
  }
  const nameOf = (a: Address | undefined) => (a ? (names.get(a.toLowerCase()) ?? a) : "none");
  const roleOf = (a: Address | undefined) => (a ? (roles.get(a.toLowerCase()) ?? "other") : "none");

  await fundAgents(rpc, [...agents, ...users]);

  const recorder = createRecorder({ dir, nameOf, roleOf });
  const investorSet = new Set(investors.map((i) => i.address.toLowerCase()));
  const snapshotInterval = scenario.token.snapshotIntervalEpochs * scenario.epoch.seconds;
  const world: World = new World(deployment, snapshotInterval, investorSet, (id, hash) => vm.isHonest(id, hash));
  const vm = createVmAccess(model, (id) => {
    const request = world.requests.get(id);
    if (!request) throw new Error(`the VM was asked about request ${id}, which the world does not know`);
    return request.input;
  });
  world.nextSnapshotAt = await readNumber(rpc, deployment.token, "nextSnapshotAt");

  const fee = await readOracleFee(rpc, deployment);
  const mintPrice = await readBig(rpc, deployment.nft, encodeFunctionData({ abi: contractAbis.AigcNFT, functionName: "mintPrice" }), (data) =>
    decodeFunctionResult({ abi: contractAbis.AigcNFT, functionName: "mintPrice", data }),
  );
  const creditHolders = agents.filter((a) => a.role.includes("submitter") || a.role.includes("challenger") || a.role === "griefer");
  const raiseStart = scenario.startTimestamp;
  const raiseEnd = raiseStart + scenario.raise.windowEpochs * scenario.epoch.seconds;
  const blockSeconds = scenario.epoch.seconds / scenario.epoch.blocks;
  const bonds = { submitter: parseEther(scenario.oracle.submitterBond), challenger: parseEther(scenario.oracle.challengerBond) };
  const flowParties = { ...deployment, treasury: parties.treasury, protocolTreasury: parties.protocolTreasury, modelOwner: parties.modelOwner };

  let transactions = 0;
  let requestCount = 0;
  let wrongFinalized = 0;
  let wrongFinalizedWhileHonestLive = 0;
  const honestChallengers = agents.filter((a) => a.role === "honest-challenger");
  const onlineHonest = (epoch: number) =>
    honestChallengers.some((c) => !root.fork(c.id).fork(`offline-${epoch}`).bool(scenario.challengers.offlineProbability));

  const writeRequest = (id: bigint) => {
    const record = world.records.get(id);
    if (!record) return;
    recorder.request(record);
    requestCount++;
    if (record.finalWrong) {
      wrongFinalized++;
      const fromEpoch = Math.floor(((record.submittedTime ?? record.requestedTime) - scenario.startTimestamp) / scenario.epoch.seconds);
      const toEpoch = Math.floor(((record.finalizedTime ?? 0) - scenario.startTimestamp) / scenario.epoch.seconds);
      let live = false;
      for (let e = fromEpoch; e <= toEpoch && !live; e++) live = onlineHonest(e);
      if (live) wrongFinalizedWhileHonestLive++;
    }
    vm.forget(id);
    world.forget(id);
  };

  // Recording (CSV rows, finished requests) is not needed to decide the next turn, so it waits and runs
  // while anvil mines the next block: the simulator's own work overlaps anvil's on the other core.
  const deferred: (() => void)[] = [];
  const defer = (job: () => void) => deferred.push(job);
  const drain = () => {
    for (const job of deferred.splice(0)) job();
  };

  const loopStarted = performance.now();
  for (let epoch = 0; epoch < scenario.epochs; epoch++) {
    const epochStats = { transactions: 0, reverted: 0, gas: 0n, requests: 0, submissions: 0, wrong: 0, challenges: 0, finalized: 0, wrongFinalized: 0 };
    let lastBlock = 0n;
    for (let turn = 0; turn < scenario.epoch.blocks; turn++) {
      const now = scenario.startTimestamp + epoch * scenario.epoch.seconds + turn * blockSeconds;
      if (turn === 0) await refreshCredits(rpc, deployment, world, creditHolders);
      if (world.snapshotHappened) {
        await refreshClaimable(rpc, deployment, world, investors, scenario.token.claimWindow);
        world.snapshotHappened = false;
      }
      const observation: Observation = {
        scenario,
        now,
        epoch,
        turn,
        requests: world.requests,
        unanswered: world.unanswered(),
        pending: world.pending(),
        games: world.games,
        vm,
        raise: {
          start: raiseStart,
          end: raiseEnd,
          settled: world.raiseSettled,
          succeeded: world.raiseSucceeded,
          claimed: world.claimedAllocation,
          deposited: world.deposited,
          proceedsPending: world.raiseSucceeded && world.proceedsReleased < world.raiseTarget,
          dustPending: world.raiseSucceeded && !world.dustSwept && world.deposited.size > 0 && world.claimedAllocation.size === world.deposited.size,
          harvestPending: world.raiseSucceeded && !world.dustSwept && world.currentSnapshotId > world.harvestedThrough,
        },
        token: {
          address: deployment.token,
          currentSnapshotId: world.currentSnapshotId,
          nextSnapshotAt: world.nextSnapshotAt,
          snapshotTimes: world.snapshotTimes,
          balances: world.balances,
          claimable: world.claimable,
          lastBurnSnapshot: world.lastBurnSnapshot,
        },
        oracle: { credits: world.credits, tokenCredit: world.tokenCredit, fee, submitterBond: bonds.submitter, challengerBond: bonds.challenger },
        nft: {
          enabled: scenario.demand.nftMintProbability > 0,
          mintPrice,
          tokens: world.nftTokens,
          listed: [...world.nftTokens.values()].filter((t) => t.price !== undefined),
          approved: world.approvedMarket,
          marketCredits: world.marketCredits,
          tokenOfRequest: world.nftTokenOfRequest,
        },
        samples: modelFile.samples.map((s) => s.input),
        investors,
        users,
      };
      const turnRng = root.fork(`turn-${epoch}-${turn}`);
      const actions = decide({ agents, users, observation, rngFor: (id) => root.fork(id) });
      shuffle(actions, turnRng);
      if (scenario.submitters.seeMempool) dropDuplicateSubmits(actions);
      const requests = actions.map((action) => encode(action));
      onBlock?.(requests, now);
      const inputs = actions.flatMap((a) => (a.kind === "request" || a.kind === "mintNft" ? [a.input] : []));
      const outcomes = await executor.execute(requests, {
        timestamp: now,
        whileMining: () => {
          vm.precompute(inputs);
          drain();
        },
      });
      const logs = [];
      for (const outcome of outcomes) {
        defer(() => recorder.transaction(epoch, turn, outcome));
        epochStats.transactions++;
        epochStats.gas += outcome.gasUsed;
        if (outcome.status !== "success") epochStats.reverted++;
        else if ((outcome.request.value ?? 0n) > 0n && outcome.request.to) {
          defer(() => recorder.flow({
            epoch,
            block: outcome.blockNumber,
            time: now,
            movement: "eth",
            kind: outcome.request.label ?? "transfer",
            from: nameOf(outcome.request.from),
            to: nameOf(outcome.request.to),
            amount_wei: outcome.request.value ?? 0n,
            request_id: undefined,
            from_address: outcome.request.from,
            to_address: outcome.request.to,
          }));
        }
        logs.push(...outcome.logs);
        lastBlock = outcome.blockNumber;
      }
      transactions += outcomes.length;
      const events = world.apply(logs, now);
      for (const event of events) {
        defer(() => {
          for (const row of flowsOf(event, epoch, flowParties, nameOf)) recorder.flow(row);
        });
        switch (`${event.contract}.${event.name}`) {
          case "OpmlOracle.AICallbackRequest":
            epochStats.requests++;
            break;
          case "OpmlOracle.AICallbackResult":
            epochStats.submissions++;
            if (!vm.isHonest(event.args.requestId as bigint, event.args.finalStateHash as Hex)) epochStats.wrong++;
            break;
          case "OpmlOracle.Challenged":
            epochStats.challenges++;
            break;
          case "OpmlOracle.RequestExpired": {
            const id = event.args.requestId as bigint;
            defer(() => writeRequest(id));
            break;
          }
          case "OpmlOracle.ResultFinalized": {
            epochStats.finalized++;
            const record = world.records.get(event.args.requestId as bigint);
            if (record?.finalWrong) epochStats.wrongFinalized++;
            const id = event.args.requestId as bigint;
            defer(() => writeRequest(id));
            break;
          }
        }
      }
      for (const record of [...world.gameRecords.values()]) {
        if (record.how !== undefined) {
          defer(() => recorder.dispute(record));
          world.gameRecords.delete(record.id);
        }
      }
    }
    const books = await readBooks(rpc, deployment.token);
    const row: EpochRow = {
      epoch,
      time: scenario.startTimestamp + (epoch + 1) * scenario.epoch.seconds - blockSeconds,
      block: lastBlock,
      transactions: epochStats.transactions,
      reverted: epochStats.reverted,
      gas_used: epochStats.gas,
      requests: epochStats.requests,
      submissions: epochStats.submissions,
      wrong_submissions: epochStats.wrong,
      challenges: epochStats.challenges,
      finalized: epochStats.finalized,
      wrong_finalized: epochStats.wrongFinalized,
      snapshot_id: world.currentSnapshotId,
      token_pending_wei: books.pending,
      token_open_claimable_wei: books.openClaimable,
      token_redeem_pool_wei: books.redeemPool,
      token_claimed_wei: books.claimed,
      token_redeemed_wei: books.redeemed,
    };
    recorder.epoch(row);
    if (epoch % 10 === 0) sampleAnvilRss();
    onProgress?.({ epoch: epoch + 1, epochs: scenario.epochs, transactions, elapsedSeconds: (performance.now() - started) / 1000 });
  }

  drain();
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  // Requests still open at the end are written as they stand.
  for (const id of [...world.records.keys()]) writeRequest(id);
  for (const record of world.gameRecords.values()) recorder.dispute(record);

  const balances = await readBalances(rpc, contracts.map(([address]) => address));
  const books = await readBooks(rpc, deployment.token);
  const counts = recorder.counts();
  await recorder.close();

  const assertions: AssertionResult[] = [];
  if (scenario.assertions.noWrongFinalizedWhileHonestChallenger) {
    assertions.push({
      name: "noWrongFinalizedWhileHonestChallenger",
      passed: wrongFinalizedWhileHonestLive === 0,
      detail: `${wrongFinalizedWhileHonestLive} wrong results finalized while an honest challenger was online (${wrongFinalized} wrong results finalized in all)`,
    });
  }
  if (scenario.assertions.maxWrongFinalized !== undefined) {
    assertions.push({
      name: "maxWrongFinalized",
      passed: wrongFinalized <= scenario.assertions.maxWrongFinalized,
      detail: `${wrongFinalized} wrong results finalized (at most ${scenario.assertions.maxWrongFinalized} allowed)`,
    });
  }
  if (scenario.assertions.moneyConserved) {
    const tokenBalance = balances.get(deployment.token.toLowerCase()) ?? 0n;
    // What the token must hold: its pools plus payouts credited to holders that could not take them.
    const booked = books.pending + books.openClaimable + books.redeemPool + books.credited;
    assertions.push({
      name: "moneyConserved",
      passed: tokenBalance === booked,
      detail: `token holds ${tokenBalance} wei, its books say ${booked} wei`,
    });
  }

  const metadata = runMetadata({ dir, scenario, scenarioFile, deployment, counts, balances: Object.fromEntries([...balances].map(([a, b]) => [nameOf(a as Address), b.toString()])), assertions, modelTraceLength: vm.traceLength });
  writeFileSync(join(dir, "metadata.json"), metadataText(metadata));
  return { transactions, requests: requestCount, wrongFinalized, assertions, loopSeconds };

  function encode(action: Action) {
    return encodeAction(action, { deployment, shape: model.shape });
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

/** Fisher-Yates with the run's generator: who wins a race for a request is the seed's decision. */
function shuffle<T>(items: T[], rng: ReturnType<typeof createRng>): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

async function readBig(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], to: Address, data: Hex, decode: (data: Hex) => unknown): Promise<bigint> {
  return decode(await rpc.request<Hex>("eth_call", [{ to, data }, "latest"])) as bigint;
}

async function readNumber(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], token: Address, fn: "nextSnapshotAt" | "currentSnapshotId"): Promise<number> {
  const data = await rpc.request<Hex>("eth_call", [{ to: token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: fn }) }, "latest"]);
  return Number(decodeFunctionResult({ abi: contractAbis.RevShareToken, functionName: fn, data }));
}

async function readOracleFee(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], d: { oracle: Address; modelId: bigint }): Promise<bigint> {
  const data = await rpc.request<Hex>("eth_call", [{ to: d.oracle, data: encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "estimateFee", args: [d.modelId, 0n] }) }, "latest"]);
  return decodeFunctionResult({ abi: contractAbis.OpmlOracle, functionName: "estimateFee", data });
}

async function readBooks(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], token: Address) {
  const data = await rpc.request<Hex>("eth_call", [{ to: token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "books", args: ["0x0000000000000000000000000000000000000000"] }) }, "latest"]);
  return decodeFunctionResult({ abi: contractAbis.RevShareToken, functionName: "books", data });
}

async function readBalances(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], addresses: readonly Address[]): Promise<Map<string, bigint>> {
  const results = await rpc.batchResults<Hex>(addresses.map((a) => ({ method: "eth_getBalance", params: [a, "latest"] })));
  return new Map(addresses.map((a, i) => [a.toLowerCase(), BigInt(results[i] as Hex)]));
}

/**
 * Pull credits at the oracle of the agents that earn them, and of the model's token, and how far the launch
 * harvested its sale tokens' revenue (one batch).
 */
async function refreshCredits(
  rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"],
  d: { oracle: Address; token: Address; launch: Address; modelId: bigint },
  world: World,
  holders: readonly Agent[],
): Promise<void> {
  const accounts = [...holders.map((h) => h.address), d.token];
  const cursorCall = { method: "eth_call", params: [{ to: d.launch, data: encodeFunctionData({ abi: contractAbis.ImoLaunch, functionName: "harvestCursor", args: [d.modelId] }) }, "latest"] };
  const results = await rpc.batchResults<Hex>([
    ...accounts.map((account) => ({
      method: "eth_call",
      params: [{ to: d.oracle, data: encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "creditOf", args: [account] }) }, "latest"],
    })),
    cursorCall,
  ]);
  const credits = new Map<string, bigint>();
  accounts.forEach((account, i) => credits.set(account.toLowerCase(), BigInt(results[i] as Hex)));
  world.tokenCredit = credits.get(d.token.toLowerCase()) ?? 0n;
  world.credits = credits;
  const cursor = decodeFunctionResult({ abi: contractAbis.ImoLaunch, functionName: "harvestCursor", data: results[accounts.length] as Hex });
  world.harvestedThrough = Number(cursor.harvestedThrough);
}

/** What every investor can claim in the open window, after a snapshot (one batch). */
async function refreshClaimable(rpc: Awaited<ReturnType<typeof startAnvil>>["rpc"], d: { token: Address }, world: World, investors: readonly Agent[], window: number): Promise<void> {
  const current = world.currentSnapshotId;
  const ids = Array.from({ length: Math.min(window, current) }, (_, k) => current - k);
  const calls = investors.flatMap((investor) =>
    ids.map((id) => ({
      method: "eth_call",
      params: [{ to: d.token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "claimableRevenue", args: [investor.address, BigInt(id)] }) }, "latest"],
    })),
  );
  const results = await rpc.batchResults<Hex>(calls);
  let k = 0;
  for (const investor of investors) {
    const mine = new Map<number, bigint>();
    for (const id of ids) {
      const amount = BigInt(results[k++] as Hex);
      if (amount > 0n) mine.set(id, amount);
    }
    world.claimable.set(investor.address.toLowerCase(), mine);
  }
}
