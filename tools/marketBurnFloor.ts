// Summarizes a market sweep's runs (`imo-sim sweep scenarios/sweeps/market-burn-floor.yaml --out <dir>`): per
// parameter point, over its seeds, the share of listed epochs whose closing pool price was more than the
// tolerance below what burning a token redeems, and the median, lowest and final price / redeem ratios.
//   npx tsx tools/marketBurnFloor.ts <sweep folder> [toleranceBps=300]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { burnFloor } from "../sim/market/burnFloor.ts";

const [dir, tolerance = "300"] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: npx tsx tools/marketBurnFloor.ts <sweep folder> [toleranceBps]\n");
  process.exit(2);
}
const readCsv = (path: string) => {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [columns[i] as string, v])));
};
const results = readCsv(join(dir, "results.csv"));
const parameters = Object.keys(results[0] ?? {}).filter((k) => k.includes("."));
const byPoint = new Map<string, ReturnType<typeof burnFloor>[]>();
for (const job of readdirSync(join(dir, "runs")).filter((j) => results.some((r) => r.job === j)).sort()) {
  const result = results.find((r) => r.job === job);
  const key = parameters.map((p) => `${p}=${result?.[p]}`).join(" ");
  const floors = byPoint.get(key) ?? [];
  floors.push(burnFloor(readCsv(join(dir, "runs", job, "market.csv")), Number(tolerance)));
  byPoint.set(key, floors);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
process.stdout.write(`point,runs,epochs_below_floor_share,median_price_over_redeem,min_price_over_redeem,final_price_over_redeem\n`);
for (const [key, floors] of byPoint) {
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(`${key},${floors.length},${f(mean(floors.map((x) => x.shareBelow)))},${f(mean(floors.map((x) => x.medianRatio)))},${f(Math.min(...floors.map((x) => x.minRatio)))},${f(mean(floors.map((x) => x.finalRatio)))}\n`);
}
