/**
 * `npm run bench`: the simulator's throughput against two references measured in the same run on the
 * same machine:
 * - raw: the very same transactions, in the same blocks, sent by a bare loop of JSON-RPC batches to a
 *   fresh anvil run as the simulator runs it (explicit nonces, one evm_mine per block, the block's results read
 *   as the simulator reads them, one batch): the anvil ceiling. Each epoch's blocks are replayed right after the simulator ran that epoch,
 *   its clock stopped, so a load that comes and goes on a shared machine weighs on both alike;
 * - naive: the way most scripts do it: a plain anvil, automine, each transaction sent and its receipt
 *   awaited before the next (a prefix of the same transactions).
 * Writes reports/bench/bench.json. Figures are printed, never asserted: these machines are shared.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import type { Hex } from "viem";
import { readBlockResults, runResultsWay } from "../chain/blockResults.ts";
import { createExecutor, type TxRequest } from "../chain/executor.ts";
import type { RpcClient } from "../chain/rpc.ts";
import { runAnvilSettings, startAnvil } from "../chain/startAnvil.ts";
import { deployStack } from "../engine/deployStack.ts";
import { buildAgents } from "../engine/buildAgents.ts";
import { fundAgents } from "../engine/fundAgents.ts";
import { readRssMb } from "../engine/readRssMb.ts";
import { readProcessCpuMs } from "./readProcessCpu.ts";
import { runScenario } from "../engine/runScenario.ts";
import { createTurnProfile, TURN_PHASES } from "../engine/turnProfile.ts";
import { loadScenario, type Scenario } from "../scenario/index.ts";
import { loadModel } from "../vm/index.ts";

type Block = { t: number; txs: { from: string; to?: string | undefined; data?: string | undefined; value?: string | undefined; gas?: string | undefined }[] };

const NAIVE_LIMIT = Number(process.env.BENCH_NAIVE_TXS ?? 3_000);

/**
 * A fresh anvil with the stack deployed (by the executor, which mines by hand) and the agents funded: run as the
 * simulator runs it for raw, a plain anvil (as scripts start it) for naive.
 */
async function prepare(scenario: Scenario, asTheSimulator: boolean) {
  const anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600, ...(asTheSimulator ? runAnvilSettings() : {}) });
  const executor = createExecutor({ rpc: anvil.rpc });
  const { model } = loadModel(scenario.model.name);
  await deployStack({ rpc: anvil.rpc, executor, scenario, model, time: scenario.startTimestamp - 3_000 });
  const { agents, users } = buildAgents(scenario);
  await fundAgents(anvil.rpc, [...agents, ...users]);
  return anvil;
}

async function* blocks(file: string): AsyncGenerator<Block> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as Block;
}

function sendCall(tx: Block["txs"][number], nonce: bigint) {
  return {
    method: "eth_sendTransaction",
    params: [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.data ?? "0x", value: BigInt(tx.value ?? "0"), gas: BigInt(tx.gas ?? "10000000"), gasPrice: 0n, nonce }],
  };
}

/**
 * The raw reference: a fresh anvil, run as the simulator runs it, to which `replay` sends blocks the simulator
 * made, each as one JSON-RPC batch of sends, one evm_mine and one batch reading the block's results. The benchmark
 * replays each epoch's blocks right after the simulator has run that epoch (its clock stopped meanwhile), so the
 * two share the same moments of a shared machine's load, and their ratio does not move with it.
 */
async function createRaw(scenario: Scenario) {
  const anvil = await prepare(scenario, true);
  const rpc: RpcClient = anvil.rpc;
  const nonces = new Map<string, bigint>();
  let txs = 0;
  let ms = 0;
  let blocksSent = 0;
  // The block's results are read as the simulator reads them (IMO_RESULTS, default: logs and traces in one batch).
  const resultsWay = runResultsWay();
  // Milliseconds spent in each of raw's three calls per block (`receipts`: reading the block's results).
  const phases = { send: 0, mine: 0, receipts: 0 };
  // CPU time spent replaying, ms: this process's and raw anvil's.
  let nodeCpuMs = 0;
  let anvilCpuMs = 0;
  return {
    async replay(pending: readonly Block[]): Promise<void> {
      const started = performance.now();
      const nodeCpu = process.cpuUsage();
      const anvilCpu = readProcessCpuMs(anvil.pid);
      for (const block of pending) {
        const calls = block.txs.map((tx) => {
          const n = nonces.get(tx.from) ?? 0n;
          nonces.set(tx.from, n + 1n);
          return sendCall(tx, n);
        });
        const t0 = performance.now();
        await rpc.batch(calls);
        const t1 = performance.now();
        await rpc.request("evm_mine", [{ timestamp: block.t, blocks: 1 }]);
        const t2 = performance.now();
        await readBlockResults(rpc, resultsWay);
        phases.send += t1 - t0;
        phases.mine += t2 - t1;
        phases.receipts += performance.now() - t2;
        txs += calls.length;
        blocksSent++;
      }
      ms += performance.now() - started;
      const used = process.cpuUsage(nodeCpu);
      nodeCpuMs += (used.user + used.system) / 1000;
      anvilCpuMs += (readProcessCpuMs(anvil.pid) ?? Number.NaN) - (anvilCpu ?? Number.NaN);
    },
    nodeCpuMs: () => nodeCpuMs,
    async finish(): Promise<{ txs: number; seconds: number; anvilRssMb: number | undefined; nodeCpuMs: number; anvilCpuMs: number; blocks: number; phases: typeof phases }> {
      const anvilRssMb = readRssMb(anvil.pid);
      await anvil.stop();
      return { txs, seconds: ms / 1000, anvilRssMb, nodeCpuMs, anvilCpuMs, blocks: blocksSent, phases };
    },
  };
}

async function naive(scenario: Scenario, file: string): Promise<{ txs: number; seconds: number }> {
  const anvil = await prepare(scenario, false);
  const rpc = anvil.rpc;
  await rpc.request("evm_setAutomine", [true]);
  const nonces = new Map<string, bigint>();
  let txs = 0;
  const started = performance.now();
  outer: for await (const block of blocks(file)) {
    for (const tx of block.txs) {
      if (txs >= NAIVE_LIMIT) break outer;
      const n = nonces.get(tx.from) ?? 0n;
      nonces.set(tx.from, n + 1n);
      const call = sendCall(tx, n);
      const hash = await rpc.request<Hex>(call.method, call.params);
      // Await the receipt before the next transaction, polling as tightly as a script would.
      while (!(await rpc.request("eth_getTransactionReceipt", [hash]))) await new Promise((r) => setTimeout(r, 1));
      txs++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await anvil.stop();
  return { txs, seconds };
}

const scenarioPath = process.argv[2] ?? "scenarios/bench.yaml";
const { scenario, file } = loadScenario(scenarioPath);
const work = join(tmpdir(), `imo-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const recorded = join(work, "blocks.jsonl");
const out = createWriteStream(recorded);
process.stderr.write(`bench: simulating ${scenarioPath} (${scenario.epochs} epochs, ~${scenario.demand.meanRequestsPerEpoch * scenario.epochs} requests)...\n`);
const rawReference = await createRaw(scenario);
const pending: Block[] = [];
const loadAtStart = loadavg();
// The simulator's CPU time over its epoch loop (from its first block to its last epoch), raw's replays left out.
let simAnvilPid: number | undefined;
let loopCpu: { node: NodeJS.CpuUsage; anvil: number | undefined; rawNodeMs: number } | undefined;
let simNodeCpuMs = 0;
let simAnvilCpuMs = 0;
const profile = createTurnProfile();
const sim = await runScenario({
  scenario,
  profile,
  scenarioFile: file,
  outDir: join(work, "run"),
  onBlock: (requests: readonly TxRequest[], t: number) => {
    const block: Block = { t, txs: requests.map((r) => ({ from: r.from, to: r.to, data: r.data, value: r.value?.toString(), gas: r.gas?.toString() })) };
    out.write(`${JSON.stringify(block)}\n`);
    pending.push(block);
    loopCpu ??= { node: process.cpuUsage(), anvil: readProcessCpuMs(simAnvilPid), rawNodeMs: rawReference.nodeCpuMs() };
  },
  onAnvil: (pid) => {
    simAnvilPid = pid;
  },
  // Raw replays the epoch's blocks while the simulator's clock is stopped.
  afterEpoch: async (epoch) => {
    if (epoch === scenario.epochs - 1 && loopCpu) {
      const used = process.cpuUsage(loopCpu.node);
      simNodeCpuMs = (used.user + used.system) / 1000 - (rawReference.nodeCpuMs() - loopCpu.rawNodeMs);
      simAnvilCpuMs = (readProcessCpuMs(simAnvilPid) ?? Number.NaN) - (loopCpu.anvil ?? Number.NaN);
    }
    await rawReference.replay(pending.splice(0));
  },
});
const loadAtEnd = loadavg();
await new Promise<void>((resolve) => out.end(resolve));
const nodeRssMb = process.resourceUsage().maxRSS / 1024;
const rawResult = await rawReference.finish();
process.stderr.write(`bench: replaying the first ${NAIVE_LIMIT} transactions the naive way...\n`);
const naiveResult = await naive(scenario, recorded);

// Both rates are over the transaction loop alone (raw's clock also starts after its deployment);
// wallSeconds is the whole run, anvil start and deployment included.
const simTxPerSec = sim.transactions / sim.loopSeconds;
const rawTxPerSec = rawResult.txs / rawResult.seconds;
const naiveTxPerSec = naiveResult.txs / naiveResult.seconds;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const result = {
  simTxPerSec: round(simTxPerSec),
  rawTxPerSec: round(rawTxPerSec),
  naiveTxPerSec: round(naiveTxPerSec),
  ratio: round(simTxPerSec / rawTxPerSec, 3),
  naiveRatio: round(simTxPerSec / naiveTxPerSec, 2),
  nodeRssMb: round(nodeRssMb),
  anvilRssMb: round(sim.anvilRssMb ?? Number.NaN),
  requests: sim.requests,
  transactions: sim.transactions,
  wallSeconds: round(sim.wallSeconds),
  /** Load average (1, 5, 15 min) when the simulator and raw started and when they ended. */
  loadAtStart: loadAtStart.map((l) => round(l, 2)),
  loadAtEnd: loadAtEnd.map((l) => round(l, 2)),
  /**
   * CPU time per transaction, ms, over the loop: node's and anvil's, for the simulator and for raw. On an idle
   * machine node's work overlaps anvil's (two cores); when other processes keep both cores busy, throughput
   * follows the CPU time each needs in all, and the ratio falls toward raw's total over the simulator's.
   */
  cpuMsPerTx: {
    simNode: round(simNodeCpuMs / sim.transactions, 3),
    simAnvil: round(simAnvilCpuMs / sim.transactions, 3),
    rawNode: round(rawResult.nodeCpuMs / rawResult.txs, 3),
    rawAnvil: round(rawResult.anvilCpuMs / rawResult.txs, 3),
  },
  /**
   * Where the time goes, ms per block (wall, node's clock). `simulator.phases` is engine/turnProfile.ts's profile;
   * `simulator.split` sums it into node's own work between two blocks (observe, decide, order, encode, apply,
   * record, the epoch's row: on the critical path, anvil idle), node waiting for anvil (send, and the ends of mine
   * and receipts), and node's work hidden under anvil's (whileMining, whileReceipts). `raw` is raw's three calls.
   */
  msPerBlock: {
    simulator: {
      phases: Object.fromEntries(TURN_PHASES.map((phase) => [phase, round(profile[phase] / Math.max(1, profile.blocks), 3)])),
      split: {
        nodeOwn: round((profile.observe + profile.decide + profile.order + profile.encode + profile.apply + profile.record + profile.epoch) / Math.max(1, profile.blocks), 3),
        waitingForAnvil: round((profile.send + profile.mineIdle + profile.receiptsIdle + profile.receiptsWait) / Math.max(1, profile.blocks), 3),
        hiddenUnderAnvil: round((profile.whileMining + profile.whileReceipts) / Math.max(1, profile.blocks), 3),
      },
      blocks: profile.blocks,
    },
    raw: { ...Object.fromEntries(Object.entries(rawResult.phases).map(([k, v]) => [k, round(v / Math.max(1, rawResult.blocks), 3)])), blocks: rawResult.blocks },
  },
};
mkdirSync("reports/bench", { recursive: true });
// The file's other sections (bench:scale's `scale`) are kept.
const benchFile = "reports/bench/bench.json";
const kept = existsSync(benchFile) ? (JSON.parse(readFileSync(benchFile, "utf8")) as Record<string, unknown>) : {};
writeFileSync(benchFile, `${JSON.stringify({ ...kept, ...result }, null, 2)}\n`);
process.stdout.write(
  [
    `simulator: ${result.simTxPerSec} tx/s over its epoch loop (${sim.transactions} transactions, ${sim.requests} requests; ${result.wallSeconds} s wall, anvil start and deployment included)`,
    `raw anvil: ${result.rawTxPerSec} tx/s (same transactions, same blocks, bare JSON-RPC batches, each epoch replayed right after the simulator ran it)`,
    `naive:     ${result.naiveTxPerSec} tx/s (automine, send and await each receipt; ${naiveResult.txs} transactions)`,
    `ratio sim/raw: ${result.ratio}   sim/naive: ${result.naiveRatio}`,
    `CPU per transaction: simulator node ${result.cpuMsPerTx.simNode} ms + anvil ${result.cpuMsPerTx.simAnvil} ms; raw node ${result.cpuMsPerTx.rawNode} ms + anvil ${result.cpuMsPerTx.rawAnvil} ms`,
    `ms per block: simulator ${JSON.stringify(result.msPerBlock.simulator.split)}; raw ${JSON.stringify(result.msPerBlock.raw)}`,
    `peak RSS: node ${result.nodeRssMb} MB, anvil ${result.anvilRssMb} MB; load ${result.loadAtStart[0]} → ${result.loadAtEnd[0]}`,
    "wrote reports/bench/bench.json",
  ].join("\n") + "\n",
);

