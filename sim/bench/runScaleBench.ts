/**
 * `npm run bench:scale`: does a run's cost grow with its work alone? The benchmark's mix
 * (scenarios/bench.yaml, 100 requests per epoch in 4 blocks) run for N requests (N / 100 epochs: the same
 * blocks, a longer history), each size on a fresh anvil, with for each tenth of the run:
 * transactions per second, node's and anvil's memory, the load average, and where the time went
 * (engine/turnProfile.ts: the simulator's phases, anvil's send / mine / receipts), optionally anvil's state
 * size (`--state`: anvil_dumpState counted at each tenth, its time left out of the figures).
 * Writes the `scale` section of reports/bench/bench.json. Figures are printed, never asserted.
 *
 *   npm run bench:scale                                  # 10,000 and 100,000 requests
 *   npm run bench:scale -- --requests 1000000 --keep     # one size; --keep adds it to the sizes already recorded
 *   npm run bench:scale -- --requests 10000 --state --anvil transactionBlockKeeper=64
 *   npm run bench:scale -- --set nft.resaleProbability=0      # a scenario field changed (repeatable)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runAnvilSettings, startAnvil } from "../chain/startAnvil.ts";
import { simulate } from "../engine/simulate.ts";
import { createTurnProfile, profileDelta, TURN_PHASES, type TurnProfile } from "../engine/turnProfile.ts";
import { parse, stringify } from "yaml";
import { parseScenario, resolveScenarioFile, type Scenario } from "../scenario/index.ts";
import { measureAnvilState, type AnvilStateSize } from "./anvilState.ts";
import { anvilVersion } from "./anvilVersion.ts";
import { readProcessCpuMs } from "./readProcessCpu.ts";
import { readProcessMemory } from "./readProcessMemory.ts";

type Tenth = {
  tenth: number;
  /** Epochs [from, to) of this tenth. */
  epochs: [number, number];
  transactions: number;
  blocks: number;
  seconds: number;
  txPerSec: number;
  /** Current and peak resident memory at the tenth's end, MB. */
  nodeRssMb: number;
  nodePeakRssMb: number;
  anvilRssMb: number | undefined;
  anvilPeakRssMb: number | undefined;
  load1: number;
  /**
   * CPU time per transaction, ms: anvil's (the forked anvil that mines) and node's (this process). Wall time per
   * transaction grows when other processes share the cores; CPU time per transaction grows only with the work.
   */
  anvilCpuMsPerTx: number | undefined;
  nodeCpuMsPerTx: number;
  /** Milliseconds per block, by phase (engine/turnProfile.ts). */
  msPerBlock: Record<string, number>;
  /**
   * Share of the tenth's time node spent waiting for anvil (send, and the ends of mine and receipts after node's
   * own work done meanwhile); the rest is node's own work (observe, decide, encode, apply, record, the epoch's row,
   * and what it did while anvil mined and built the receipts).
   */
  anvilWaitShare: number;
  state?: AnvilStateSize | undefined;
};

type SizeResult = {
  requestsTarget: number;
  epochs: number;
  requests: number;
  transactions: number;
  loopSeconds: number;
  wallSeconds: number;
  txPerSec: number;
  lastOverFirstTenth: number;
  /** Anvil's CPU time per transaction, last tenth over first: the run's slope with the machine's load left out. */
  anvilCpuLastOverFirstTenth: number | undefined;
  nodeCpuLastOverFirstTenth: number;
  /** CPU time over the loop (the tenths), seconds: anvil's and node's; what the loop costs with the machine's load left out. */
  cpuSeconds: { anvil: number; node: number };
  nodePeakRssMb: number;
  anvilPeakRssMb: number | undefined;
  loadAtStart: number[];
  loadAtEnd: number[];
  /** How anvil ran: the simulator's settings (chain/startAnvil.ts runAnvilSettings) and any `--anvil` options. */
  anvilOptions: Record<string, string | number | boolean>;
  tenths: Tenth[];
  /** Milliseconds per block over the whole loop, by phase. */
  msPerBlock: Record<string, number>;
};

function args() {
  const get = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const anvil: Record<string, string | number | boolean> = {};
  process.argv.forEach((a, i) => {
    if (a !== "--anvil") return;
    const [key, value = "true"] = (process.argv[i + 1] ?? "").split("=");
    if (!key) return;
    anvil[key] = value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value;
  });
  const set: [string, string][] = [];
  process.argv.forEach((a, i) => {
    if (a !== "--set") return;
    const [key, ...value] = (process.argv[i + 1] ?? "").split("=");
    if (key && value.length > 0) set.push([key, value.join("=")]);
  });
  return {
    set,
    sizes: (get("requests") ?? "10000,100000").split(",").map((s) => Number(s.replace(/_/g, ""))),
    scenario: get("scenario") ?? "scenarios/bench.yaml",
    state: process.argv.includes("--state"),
    keep: process.argv.includes("--keep"),

    anvil,
  };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** The phases in which node waits for anvil (engine/turnProfile.ts). */
const ANVIL_PHASES = ["send", "mineIdle", "receiptsIdle", "receiptsWait"] as const;

function perBlock(p: TurnProfile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const phase of TURN_PHASES) out[phase] = round(p[phase] / Math.max(1, p.blocks), 3);
  return out;
}

function anvilWaitShare(p: TurnProfile, ms: number): number {
  return round(ANVIL_PHASES.reduce((sum, phase) => sum + p[phase], 0) / ms, 3);
}

async function runSize(base: Scenario, requests: number, options: ReturnType<typeof args>): Promise<SizeResult> {
  const epochs = Math.max(10, Math.round(requests / base.demand.meanRequestsPerEpoch));
  const scenario: Scenario = { ...base, epochs };
  const dir = mkdtempSync(join(tmpdir(), "imo-bench-scale-"));
  const loadAtStart = loadavg();
  const started = performance.now();
  const anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600, ...runAnvilSettings(), extraOptions: options.anvil });
  const profile = createTurnProfile();
  const tenths: Tenth[] = [];
  const tenthSize = epochs / 10;
  const cpu = () => ({ node: process.cpuUsage(), anvil: readProcessCpuMs(anvil.pid) });
  let mark = { t: performance.now(), profile: { ...profile }, transactions: 0, epoch: 0, cpu: cpu() };
  process.stderr.write(`bench:scale: ${requests} requests (${epochs} epochs) on ${anvilVersion()}, load ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}\n`);
  try {
    const result = await simulate({
      scenario,
      rpc: anvil.rpc,
      dir,
      profile,
      onEpoch: async (epoch, transactions) => {
        if (epoch === 0) mark = { t: performance.now(), profile: { ...profile }, transactions, epoch: 1, cpu: cpu() };
        const tenth = Math.round((epoch + 1) / tenthSize);
        if (Math.abs((epoch + 1) - tenth * tenthSize) >= 0.5 || tenth === 0 || tenths.length >= tenth) return;
        const now = performance.now();
        const delta = profileDelta(profile, mark.profile);
        const seconds = (now - mark.t) / 1000;
        const node = readProcessMemory(process.pid);
        const anvilMemory = readProcessMemory(anvil.pid);
        const nowCpu = cpu();
        const txs = Math.max(1, transactions - mark.transactions);
        const nodeCpu = process.cpuUsage(mark.cpu.node);
        const row: Tenth = {
          tenth,
          epochs: [mark.epoch, epoch + 1],
          transactions: transactions - mark.transactions,
          blocks: delta.blocks,
          seconds: round(seconds, 2),
          txPerSec: round((transactions - mark.transactions) / seconds),
          nodeRssMb: round(node?.rssMb ?? Number.NaN),
          nodePeakRssMb: round(node?.peakRssMb ?? Number.NaN),
          anvilRssMb: anvilMemory ? round(anvilMemory.rssMb) : undefined,
          anvilPeakRssMb: anvilMemory ? round(anvilMemory.peakRssMb) : undefined,
          load1: round(loadavg()[0] ?? Number.NaN, 2),
          anvilCpuMsPerTx: nowCpu.anvil !== undefined && mark.cpu.anvil !== undefined ? round((nowCpu.anvil - mark.cpu.anvil) / txs, 3) : undefined,
          nodeCpuMsPerTx: round((nodeCpu.user + nodeCpu.system) / 1000 / txs, 3),
          msPerBlock: perBlock(delta),
          anvilWaitShare: anvilWaitShare(delta, now - mark.t),
        };
        if (options.state) row.state = await measureAnvilState(anvil.rpc);
        tenths.push(row);
        process.stderr.write(
          `  tenth ${String(tenth).padStart(2)}: ${String(row.txPerSec).padStart(7)} tx/s  CPU/tx anvil ${row.anvilCpuMsPerTx ?? "?"} ms node ${row.nodeCpuMsPerTx} ms  mine ${row.msPerBlock.mine?.toFixed(1)} ms/block  waiting for anvil ${(row.anvilWaitShare * 100).toFixed(1)} %` +
            `  node ${row.nodeRssMb} MB  anvil ${row.anvilRssMb ?? "?"} MB  load ${row.load1}${row.state ? `  slots ${row.state.slots} (zero ${row.state.zeroSlots})` : ""}\n`,
        );
        mark = { t: performance.now(), profile: { ...profile }, transactions, epoch: epoch + 1, cpu: cpu() };
      },
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const first = tenths[0]?.txPerSec ?? Number.NaN;
    const last = tenths.at(-1)?.txPerSec ?? Number.NaN;
    const cpuSlope = (per: (t: Tenth) => number | undefined) => {
      const a = tenths[0] ? per(tenths[0]) : undefined;
      const b = tenths.at(-1) ? per(tenths.at(-1) as Tenth) : undefined;
      return a !== undefined && b !== undefined ? round(b / a, 3) : undefined;
    };
    const node = readProcessMemory(process.pid);
    return {
      requestsTarget: requests,
      epochs,
      requests: result.requests,
      transactions: result.transactions,
      loopSeconds: round(result.loopSeconds, 2),
      wallSeconds: round(wallSeconds, 2),
      txPerSec: round(result.transactions / result.loopSeconds),
      lastOverFirstTenth: round(last / first, 3),
      anvilCpuLastOverFirstTenth: cpuSlope((t) => t.anvilCpuMsPerTx),
      nodeCpuLastOverFirstTenth: cpuSlope((t) => t.nodeCpuMsPerTx) ?? Number.NaN,
      cpuSeconds: {
        anvil: round(tenths.reduce((sum, t) => sum + (t.anvilCpuMsPerTx ?? Number.NaN) * t.transactions, 0) / 1000, 2),
        node: round(tenths.reduce((sum, t) => sum + t.nodeCpuMsPerTx * t.transactions, 0) / 1000, 2),
      },
      nodePeakRssMb: round(node?.peakRssMb ?? Number.NaN),
      anvilPeakRssMb: tenths.reduce<number | undefined>((m, t) => (t.anvilPeakRssMb === undefined ? m : Math.max(m ?? 0, t.anvilPeakRssMb)), undefined),
      loadAtStart: loadAtStart.map((l) => round(l, 2)),
      loadAtEnd: loadavg().map((l) => round(l, 2)),
      anvilOptions: { ...(runAnvilSettings() as Record<string, string | number | boolean>), ...options.anvil },
      tenths,
      msPerBlock: perBlock(profile),
    };
  } finally {
    await anvil.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scenario file with `--set` fields changed, validated as any scenario is. */
function scenarioWith(path: string, set: readonly [string, string][]): Scenario {
  const file = resolveScenarioFile(path);
  const data = (parse(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  for (const [key, text] of set) {
    const keys = key.split(".");
    let node = data;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1) as string] = text === "true" ? true : text === "false" ? false : Number.isFinite(Number(text)) && text.trim() !== "" ? Number(text) : text;
  }
  return parseScenario(stringify(data), file);
}

const options = args();
const scenario = scenarioWith(options.scenario, options.set);
// Each mix (the scenario and its --set fields) has its own entry in bench.json's `scale` section.
const mix = [options.scenario, ...options.set.map(([k, v]) => `${k}=${v}`)].join(" ");
const out = "reports/bench/bench.json";
const read = () => (existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>) : {});
const previous = ((read().scale ?? {}) as Record<string, { sizes?: SizeResult[] }>)[mix];
const sizes: SizeResult[] = options.keep ? [...(previous?.sizes ?? []).filter((s) => !options.sizes.includes(s.requestsTarget))] : [];
for (const requests of options.sizes) {
  // One size at a time, each on a fresh anvil; node's peak RSS is this process's, so it covers all sizes so far.
  const result = await runSize(scenario, requests, options);
  sizes.push(result);
  sizes.sort((a, b) => a.requestsTarget - b.requestsTarget);
  const ratio = (big: number, small: number, per: (s: SizeResult) => number) => {
    const b = sizes.find((s) => s.requestsTarget === big);
    const s = sizes.find((x) => x.requestsTarget === small);
    return b && s ? round(per(b) / per(s), 2) : undefined;
  };
  const entry = {
    command: `npm run bench:scale -- ${process.argv.slice(2).join(" ")}`.trim(),
    scenario: options.scenario,
    set: Object.fromEntries(options.set),
    machine: { cpus: cpus().length, node: process.version, anvil: anvilVersion() },
    /** Time of the loop, 100k requests over 10k (target ≤ 11), and the same per transaction, × 10. */
    t100kOverT10k: ratio(100_000, 10_000, (s) => s.loopSeconds),
    /** The same with CPU time (anvil's + node's) for time: the loop's cost with the shared machine's load left out. */
    cpu100kOverCpu10k: ratio(100_000, 10_000, (s) => (s.cpuSeconds ? s.cpuSeconds.anvil + s.cpuSeconds.node : Number.NaN)),
    t100kOverT10kPerTransaction: ((r) => (r === undefined ? undefined : round(r * 10, 2)))(ratio(100_000, 10_000, (s) => s.loopSeconds / s.transactions)),
    t1mOverT100k: ratio(1_000_000, 100_000, (s) => s.loopSeconds),
    sizes,
  };
  mkdirSync("reports/bench", { recursive: true });
  const current = read();
  writeFileSync(out, `${JSON.stringify({ ...current, scale: { ...((current.scale ?? {}) as object), [mix]: entry } }, null, 2)}\n`);
  process.stdout.write(
    `${requests} requests: ${result.requests} requests, ${result.transactions} transactions in ${result.loopSeconds} s (${result.txPerSec} tx/s; ${result.wallSeconds} s wall); ` +
      `last tenth / first: ${result.lastOverFirstTenth} (CPU per transaction, last / first: anvil ${result.anvilCpuLastOverFirstTenth ?? "?"}, node ${result.nodeCpuLastOverFirstTenth}); peak RSS node ${result.nodePeakRssMb} MB, anvil ${result.anvilPeakRssMb} MB; load ${result.loadAtStart[0]} → ${result.loadAtEnd[0]}\n`,
  );
  if (entry.t100kOverT10k !== undefined) process.stdout.write(`t(100k) / t(10k) = ${entry.t100kOverT10k} (per transaction, × 10: ${entry.t100kOverT10kPerTransaction}; CPU time: ${entry.cpu100kOverCpu10k})\n`);
}
process.stdout.write(`wrote ${out} (scale: ${mix})\n`);
