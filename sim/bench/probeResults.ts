/**
 * `npm run bench:results`: what reading a mined block's results costs anvil, by the block's size, both ways
 * (`sim/chain/blockResults.ts`): its receipts (`eth_getBlockReceipts`), and its logs with the default tracer's
 * per-transaction results (`eth_getLogs` + `debug_traceBlockByNumber`, one batch, what the simulator reads).
 * Blocks of n calls that write a slot and log, on anvil as the simulator runs it; the median of a few blocks per
 * size. Also checks on each block that both ways give the same results. Writes reports/bench/results-probe.json.
 * Figures are printed, never asserted.
 *
 *   npm run bench:results -- [--sizes 25,50,100,200,400,800] [--blocks 5]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Address, Hex } from "viem";
import { readBlockResults, type ResultsWay } from "../chain/blockResults.ts";
import { runAnvilSettings, startAnvil } from "../chain/startAnvil.ts";
import { anvilVersion } from "./anvilVersion.ts";

// store(key, value): SSTORE(key, value), then LOG0 (see blockResults.test.ts; reverts on key 7, not used here).
const STORE_CODE = "0x6000358060071460155760203590556000600" + "0a0005b60006000fd";
const STORE: Address = "0x00000000000000000000000000000000005702e5";
const SENDER: Address = "0x000000000000000000000000000000000000a11c";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const word = (n: bigint) => n.toString(16).padStart(64, "0");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const sizes = arg("sizes", "25,50,100,200,400,800").split(",").map(Number);
const perSize = Number(arg("blocks", "5"));
const anvil = await startAnvil({ timestamp: 1_700_000_000, ...runAnvilSettings() });
const rpc = anvil.rpc;
const rows: { transactions: number; mineMs: number; receiptsMs: number; tracesMs: number; receiptsOverTraces: number }[] = [];
try {
  await rpc.request("anvil_setCode", [STORE, STORE_CODE]);
  await rpc.request("anvil_setBalance", [SENDER, "0xffffffffffffffffffff"]);
  let nonce = 0n;
  let time = 1_700_000_000;
  let key = 100n;
  for (const n of sizes) {
    const times: Record<"mine" | ResultsWay, number[]> = { mine: [], receipts: [], traces: [] };
    for (let b = 0; b < perSize; b++) {
      const calls = Array.from({ length: n }, () => ({
        method: "eth_sendTransaction",
        params: [{ from: SENDER, to: STORE, data: `0x${word(key++)}${word(1n)}` as Hex, gas: 100_000n, gasPrice: 0n, nonce: nonce++ }],
      }));
      await rpc.batchResults(calls);
      time += 12;
      let t = performance.now();
      await rpc.request("evm_mine", [{ timestamp: time, blocks: 1 }]);
      times.mine.push(performance.now() - t);
      // Alternate which way goes first, so neither always meets a warmer anvil.
      const order: ResultsWay[] = b % 2 === 0 ? ["receipts", "traces"] : ["traces", "receipts"];
      const read: Partial<Record<ResultsWay, Awaited<ReturnType<typeof readBlockResults>>>> = {};
      for (const way of order) {
        t = performance.now();
        read[way] = await readBlockResults(rpc, way);
        times[way].push(performance.now() - t);
      }
      for (const [hash, r] of read.receipts?.byHash ?? []) {
        const x = read.traces?.byHash.get(hash);
        if (!x || x.gasUsed !== r.gasUsed || x.success !== r.success || JSON.stringify(x.logs) !== JSON.stringify(r.logs)) throw new Error(`the two ways disagree on ${hash}`);
      }
    }
    const row = { transactions: n, mineMs: round(median(times.mine)), receiptsMs: round(median(times.receipts)), tracesMs: round(median(times.traces)), receiptsOverTraces: round(median(times.receipts) / median(times.traces), 1) };
    rows.push(row);
    process.stdout.write(`${String(n).padStart(5)} transactions: mine ${row.mineMs} ms, receipts ${row.receiptsMs} ms, logs + traces ${row.tracesMs} ms (×${row.receiptsOverTraces})\n`);
  }
} finally {
  await anvil.stop();
}
mkdirSync("reports/bench", { recursive: true });
writeFileSync("reports/bench/results-probe.json", `${JSON.stringify({ anvil: anvilVersion(), blocksPerSize: perSize, load1: round(loadavg()[0] ?? Number.NaN), rows }, null, 2)}\n`);
process.stdout.write("wrote reports/bench/results-probe.json\n");
