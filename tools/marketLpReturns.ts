// Summarizes a market sweep's liquidity positions (`imo-sim sweep scenarios/sweeps/market-lp.yaml --out <dir>`):
// per parameter point, over its seeds whose raise listed the token (runs), the providers' positions at the end (lp.csv's last row of each): how many
// deposited, how many did better than holding their deposits, and, summed over them, the ETH deposited, fees,
// impermanent loss and return against holding (as a share of holding); and the same share for the liquidity
// recipient's position (the launch's pairing, never removed).
//   npx tsx tools/marketLpReturns.ts <sweep folder>
import { join } from "node:path";
import { readCsvFile, sweepFolderArgs, sweepJobs } from "./sweepFolder.ts";

const { dir } = sweepFolderArgs("npx tsx tools/marketLpReturns.ts <sweep folder>");
type Point = { runs: number; providers: number; deposited: number; beatHold: number; ethIn: bigint; fees: bigint; loss: bigint; against: bigint; hold: bigint; recipientAgainst: bigint; recipientHold: bigint };
const byPoint = new Map<string, Point>();
for (const { runDir, result, point: key } of sweepJobs(dir, { okOnly: true })) {
  const point = byPoint.get(key) ?? { runs: 0, providers: 0, deposited: 0, beatHold: 0, ethIn: 0n, fees: 0n, loss: 0n, against: 0n, hold: 0n, recipientAgainst: 0n, recipientHold: 0n };
  const last = new Map<string, Record<string, string>>();
  for (const row of readCsvFile(join(runDir, "lp.csv"))) last.set(row.lp ?? "", row);
  byPoint.set(key, point);
  // a raise that missed its target listed nothing: no position, not a run of the market
  if (last.size === 0) continue;
  point.runs++;
  point.providers += Number(result?.["market.liquidityProviders"] ?? 0);
  for (const row of last.values()) {
    const big = (k: string) => BigInt(row[k] || "0");
    if (row.role === "liquidity-provider") {
      point.deposited++;
      if (big("against_hold_wei") > 0n) point.beatHold++;
      point.ethIn += big("eth_deposited_wei");
      point.fees += big("fees_wei");
      point.loss += big("impermanent_loss_wei");
      point.against += big("against_hold_wei");
      point.hold += big("hold_value_wei");
    } else {
      point.recipientAgainst += big("against_hold_wei");
      point.recipientHold += big("hold_value_wei");
    }
  }
  byPoint.set(key, point);
}
const eth = (wei: bigint) => (Number(wei / 10n ** 12n) / 1e6).toFixed(4);
const pct = (a: bigint, b: bigint) => (b === 0n ? "–" : ((Number((a * 1_000_000n) / b) / 1e6) * 100).toFixed(2));
process.stdout.write("point,runs,providers,deposited,beat_hold,eth_deposited,fees_eth,impermanent_loss_eth,against_hold_eth,against_hold_pct,recipient_against_hold_pct\n");
for (const [key, p] of byPoint) {
  process.stdout.write(`${key},${p.runs},${p.providers},${p.deposited},${p.beatHold},${eth(p.ethIn)},${eth(p.fees)},${eth(p.loss)},${eth(p.against)},${pct(p.against, p.hold)},${pct(p.recipientAgainst, p.recipientHold)}\n`);
}
