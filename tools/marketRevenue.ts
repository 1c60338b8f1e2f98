// Summarizes a market-revenue sweep (`imo-sim sweep scenarios/sweeps/market-revenue.yaml --out <dir>`): per parameter
// point, over its seeds, how closely the pool's closing price tracks the revenue-implied value per token
// (sim/market/priceTracking.ts: elasticity and correlation of ln price on ln value, median price / value, from the
// first snapshot on), how price and value answered the demand step (value and price before it, in gwei per whole
// token; after / before; and the epochs until each got halfway), and the share of holders' total return that is
// revenue, burn, liquidity (LP positions against holding) and price, by role (report/holderReturns.ts).
//   npx tsx tools/marketRevenue.ts <sweep folder> [window=6]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { median, priceTracking, revenueImpliedValue, stepResponse, type SnapshotRevenue } from "../sim/market/priceTracking.ts";
import { contractNamesOf, readHolderReturns } from "../sim/report/readHolderReturns.ts";
import type { RoleReturns } from "../sim/report/holderReturns.ts";
import { readCsvFile, sweepFolderArgs, sweepJobs } from "./sweepFolder.ts";

const { dir, rest } = sweepFolderArgs("npx tsx tools/marketRevenue.ts <sweep folder> [window epochs]");
const [windowArg = "6"] = rest;
const window = Number(windowArg);

type RunFigures = { tracking: ReturnType<typeof priceTracking>; price: ReturnType<typeof stepResponse>; value: ReturnType<typeof stepResponse>; byRole: RoleReturns[] };

async function runFigures(runDir: string): Promise<RunFigures | undefined> {
  const meta = JSON.parse(readFileSync(join(runDir, "metadata.json"), "utf8")) as { scenario: { epochs: number; token: { snapshotIntervalEpochs: number }; market: { discountRatePerEpoch: number; beliefSmoothing: number }; demand: { shock?: { atEpoch: number } } }; deployment: Record<string, unknown> };
  const s = meta.scenario;
  const market = readCsvFile(join(runDir, "market.csv"));
  if (!market.some((r) => r.listed === "true")) return undefined; // the raise missed its target: nothing traded
  const toClaimable = new Map<number, bigint>();
  for (const f of readCsvFile(join(runDir, "flows.csv"))) if (f.kind === "revenue-to-claimable") toClaimable.set(Number(f.epoch), (toClaimable.get(Number(f.epoch)) ?? 0n) + BigInt(f.amount_wei ?? "0"));
  const snapshots: SnapshotRevenue[] = readCsvFile(join(runDir, "snapshots.csv")).map((r) => ({ epoch: Number(r.epoch), toClaimableWei: toClaimable.get(Number(r.epoch)) ?? 0n, eligibleSupply: BigInt(r.eligible_supply ?? "0") }));
  const value = revenueImpliedValue(snapshots, { epochs: s.epochs, snapshotIntervalEpochs: s.token.snapshotIntervalEpochs, discountRatePerEpoch: s.market.discountRatePerEpoch, beliefSmoothing: s.market.beliefSmoothing });
  const price = market.map((r) => (r.listed === "true" ? Number(r.price_wei_per_token) : 0));
  const shock = s.demand.shock?.atEpoch ?? Math.floor(s.epochs / 2);
  const { byRole } = await readHolderReturns(runDir, contractNamesOf(meta.deployment));
  return { tracking: priceTracking(price, value), price: stepResponse(price, shock, window), value: stepResponse(value, shock, window), byRole };
}

const byPoint = new Map<string, RunFigures[]>();
let missed = 0;
for (const { runDir, point: key } of sweepJobs(dir)) {
  const figures = await runFigures(runDir);
  if (!figures) {
    missed++;
    continue;
  }
  byPoint.set(key, [...(byPoint.get(key) ?? []), figures]);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");
const lag = (xs: (number | null)[]) => xs.map((x) => (x === null ? "never" : String(x))).join("/");

process.stdout.write("point,runs,elasticity,correlation,median_price_over_value,value_before_gwei,price_before_gwei,value_step,price_step,value_halfway_lag,price_halfway_lag\n");
for (const [key, runs] of byPoint) {
  process.stdout.write(
    `${key},${runs.length},${f(mean(runs.map((r) => r.tracking.elasticity)))},${f(mean(runs.map((r) => r.tracking.correlation)))},${f(median(runs.map((r) => r.tracking.medianRatio)))},${f(mean(runs.map((r) => r.value.before / 1e9)))},${f(mean(runs.map((r) => r.price.before / 1e9)))},${f(mean(runs.map((r) => r.value.ratio)))},${f(mean(runs.map((r) => r.price.ratio)))},${lag(runs.map((r) => r.value.halfwayLag))},${lag(runs.map((r) => r.price.halfwayLag))}\n`,
  );
}
process.stdout.write("\npoint,role,holders,paid_in_eth,total_return_eth,revenue_eth,burn_eth,liquidity_eth,price_eth,revenue_share,burn_share,liquidity_share,price_share\n");
for (const [key, runs] of byPoint) {
  const roles = [...new Set(runs.flatMap((r) => r.byRole.map((x) => x.role)))].sort((a, b) => (a === "all" ? 1 : b === "all" ? -1 : a < b ? -1 : a > b ? 1 : 0));
  for (const role of roles) {
    const picked = runs.flatMap((r) => r.byRole.filter((x) => x.role === role));
    const sum = (k: "paidInWei" | "totalReturnWei" | "revenueReturnWei" | "burnReturnWei" | "liquidityReturnWei" | "priceReturnWei") => picked.reduce((t, x) => t + x[k], 0n);
    const eth = (wei: bigint) => (Number(wei) / 1e18).toFixed(4);
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const size = abs(sum("revenueReturnWei")) + abs(sum("burnReturnWei")) + abs(sum("liquidityReturnWei")) + abs(sum("priceReturnWei"));
    const share = (x: bigint) => (size === 0n ? "0.000" : (Number((abs(x) * 1_000_000n) / size) / 1_000_000).toFixed(3));
    process.stdout.write(
      `${key},${role},${picked.reduce((t, x) => t + x.holders, 0)},${eth(sum("paidInWei"))},${eth(sum("totalReturnWei"))},${eth(sum("revenueReturnWei"))},${eth(sum("burnReturnWei"))},${eth(sum("liquidityReturnWei"))},${eth(sum("priceReturnWei"))},${share(sum("revenueReturnWei"))},${share(sum("burnReturnWei"))},${share(sum("liquidityReturnWei"))},${share(sum("priceReturnWei"))}\n`,
    );
  }
}
if (missed > 0) process.stdout.write(`\n${missed} run(s) left out: the raise missed its target and nothing was listed\n`);
