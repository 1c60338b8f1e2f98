// Summarizes a market sweep's runs (`imo-sim sweep scenarios/sweeps/market-burn-floor.yaml --out <dir>`): per
// parameter point, over its seeds, the share of listed epochs whose closing pool price was more than the
// tolerance below what burning a token redeems, and the median, lowest and final price / redeem ratios.
//   npx tsx tools/marketBurnFloor.ts <sweep folder> [toleranceBps=300]
import { join } from "node:path";
import { burnFloor } from "../sim/market/burnFloor.ts";
import { readCsvFile, sweepFolderArgs, sweepJobs } from "./sweepFolder.ts";

const { dir, rest } = sweepFolderArgs("npx tsx tools/marketBurnFloor.ts <sweep folder> [toleranceBps]");
const [tolerance = "300"] = rest;
const byPoint = new Map<string, ReturnType<typeof burnFloor>[]>();
for (const { runDir, point: key } of sweepJobs(dir)) {
  const floors = byPoint.get(key) ?? [];
  floors.push(burnFloor(readCsvFile(join(runDir, "market.csv")), Number(tolerance)));
  byPoint.set(key, floors);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
process.stdout.write(`point,runs,epochs_below_floor_share,median_price_over_redeem,min_price_over_redeem,final_price_over_redeem\n`);
for (const [key, floors] of byPoint) {
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(`${key},${floors.length},${f(mean(floors.map((x) => x.shareBelow)))},${f(mean(floors.map((x) => x.medianRatio)))},${f(Math.min(...floors.map((x) => x.minRatio)))},${f(mean(floors.map((x) => x.finalRatio)))}\n`);
}
