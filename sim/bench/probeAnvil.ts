/**
 * `npm run bench:anvil`: what one mined block costs anvil as its state grows, with no simulator around it.
 * A store contract (hand-assembled: `store(start, count, value)` writes `value` to `count` consecutive slots
 * from `start`) fills storage in steps; after each step, empty blocks are mined and timed (`evm_mine` round
 * trips, the median of them), and `anvil_dumpState` is counted. Then every slot written is set back to zero,
 * and fresh slots are touched with zero (what a read of an unset mapping entry leaves behind), and both are
 * timed again. Writes reports/bench/anvil-probe.json. Figures are printed, never asserted.
 *
 *   npm run bench:anvil -- --steps 50000,100000,200000,400000 [--empty-blocks 15]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Address, Hex } from "viem";
import type { RpcClient } from "../chain/rpc.ts";
import { startAnvil } from "../chain/startAnvil.ts";
import { measureAnvilState, type AnvilStateSize } from "./anvilState.ts";
import { anvilVersion } from "./anvilVersion.ts";

// store(start, count, value): calldata words 0, 1, 2. A loop of SSTOREs, then STOP.
const STORE_RUNTIME = ("0x604035602035600035" + "5b8115601e57828155600101906001900390600956" + "5b00") as Hex;
const STORE: Address = "0x00000000000000000000000000000000005702e5";
const SENDER: Address = "0x000000000000000000000000000000000000a11c";
const SLOTS_PER_TX = 500;
const TXS_PER_BLOCK = 20;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const word = (n: bigint) => n.toString(16).padStart(64, "0");

async function mineTimed(rpc: RpcClient, time: { t: number }): Promise<number> {
  time.t += 900;
  const started = performance.now();
  await rpc.request("evm_mine", [{ timestamp: time.t, blocks: 1 }]);
  return performance.now() - started;
}

/** Writes `value` to slots [from, to) in blocks of TXS_PER_BLOCK transactions; returns ms per block spent mining. */
async function store(rpc: RpcClient, nonce: { n: bigint }, time: { t: number }, from: bigint, to: bigint, value: bigint): Promise<number> {
  let mined = 0;
  let blocks = 0;
  for (let start = from; start < to; ) {
    const calls = [];
    for (let k = 0; k < TXS_PER_BLOCK && start < to; k++) {
      const count = to - start < BigInt(SLOTS_PER_TX) ? to - start : BigInt(SLOTS_PER_TX);
      calls.push({
        method: "eth_sendTransaction",
        params: [{ from: SENDER, to: STORE, data: `0x${word(start)}${word(count)}${word(value)}`, gas: 30_000_000n, gasPrice: 0n, nonce: nonce.n++ }],
      });
      start += count;
    }
    const answers = await rpc.batch(calls);
    const failed = answers.find((a) => a.error);
    if (failed?.error) throw new Error(`store: ${failed.error.message}`);
    mined += await mineTimed(rpc, time);
    blocks++;
  }
  return blocks === 0 ? 0 : mined / blocks;
}

async function emptyBlocks(rpc: RpcClient, time: { t: number }, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await mineTimed(rpc, time));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

type Row = { stage: string; slotsWritten: number; emptyBlockMs: number; storeBlockMs: number | undefined; state: AnvilStateSize; load1: number };

const steps = arg("steps", "50000,100000,200000,400000").split(",").map(Number);
const emptyCount = Number(arg("empty-blocks", "15"));
const extra: Record<string, string | number | boolean> = {};
process.argv.forEach((a, i) => {
  if (a !== "--anvil") return;
  const [key, value = "true"] = (process.argv[i + 1] ?? "").split("=");
  if (key) extra[key] = value === "true" ? true : /^\d+$/.test(value) ? Number(value) : value;
});
const ipc = process.argv.includes("--fork-ipc") ? `/tmp/imo-probe-${process.pid}.ipc` : undefined;
const upstream = process.argv.includes("--fork") || ipc ? await startAnvil({ timestamp: 1_700_000_000, extraOptions: ipc ? { ipc } : {} }) : undefined;
if (upstream) Object.assign(extra, { forkUrl: ipc ?? upstream.url, noStorageCaching: true, noRateLimit: true });
const anvil = await startAnvil({ timestamp: 1_700_000_000, extraOptions: extra });
const rpc = anvil.rpc;
const rows: Row[] = [];
const time = { t: 1_700_000_000 };
const nonce = { n: 0n };
try {
  await rpc.request("anvil_setCode", [STORE, STORE_RUNTIME]);
  await rpc.request("anvil_setBalance", [SENDER, "0xffffffffffffffffffff"]);
  const record = async (stage: string, slotsWritten: number, storeBlockMs: number | undefined) => {
    const emptyBlockMs = await emptyBlocks(rpc, time, emptyCount);
    const state = await measureAnvilState(rpc);
    const row = { stage, slotsWritten, emptyBlockMs, storeBlockMs, state, load1: loadavg()[0] ?? Number.NaN };
    rows.push(row);
    process.stdout.write(
      `${stage.padEnd(26)} slots in anvil ${String(state.slots).padStart(8)} (zero ${String(state.zeroSlots).padStart(8)})  empty block ${emptyBlockMs.toFixed(2).padStart(8)} ms` +
        `${storeBlockMs === undefined ? "" : `  block of ${TXS_PER_BLOCK * SLOTS_PER_TX} writes ${storeBlockMs.toFixed(1)} ms`}  load ${row.load1.toFixed(2)}\n`,
    );
  };
  await record("start", 0, undefined);
  let written = 0;
  for (const target of steps) {
    const ms = await store(rpc, nonce, time, BigInt(written), BigInt(target), 1n);
    written = target;
    await record(`written ${target}`, written, ms);
  }
  const zeroMs = await store(rpc, nonce, time, 0n, BigInt(written), 0n);
  await record("all set back to zero", written, zeroMs);
  const touchMs = await store(rpc, nonce, time, BigInt(written), BigInt(2 * written), 0n);
  await record("fresh slots touched, 0", written, touchMs);
} finally {
  await anvil.stop();
  await upstream?.stop();
}
const result = { anvil: anvilVersion(), slotsPerTx: SLOTS_PER_TX, txsPerBlock: TXS_PER_BLOCK, emptyBlocksTimed: emptyCount, rows };
mkdirSync("reports/bench", { recursive: true });
writeFileSync("reports/bench/anvil-probe.json", `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`wrote reports/bench/anvil-probe.json (${readFileSync("reports/bench/anvil-probe.json").length} bytes)\n`);
