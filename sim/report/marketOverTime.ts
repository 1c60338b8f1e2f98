import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "./readCsv.ts";
import { weiToEth } from "./weiToEth.ts";

/** The market chart's series from the listing on (ETH per whole token, and ETH volume per epoch). */
export type MarketOverTime = {
  epochs: number[];
  price: number[];
  /** The fundamental traders' mean value, and its band: value × (1 ± marginBps / 10000). */
  value: number[];
  valueLow: number[];
  valueHigh: number[];
  redeem: number[];
  volume: number[];
};

/** Reads market.csv; undefined when the run opened no market (no row says listed). */
export async function marketOverTime(runDir: string, marginBps: number): Promise<MarketOverTime | undefined> {
  const path = join(runDir, "market.csv");
  if (!existsSync(path)) return undefined;
  const rows: Record<string, string>[] = [];
  await readCsv(path, (row) => rows.push({ ...row }));
  const listed = rows.filter((r) => r.listed === "true");
  if (listed.length === 0) return undefined;
  const eth = (wei: string | undefined) => weiToEth(BigInt(wei ?? "0"));
  const value = listed.map((r) => eth(r.fundamental_value_wei_per_token));
  return {
    epochs: listed.map((r) => Number(r.epoch)),
    price: listed.map((r) => eth(r.price_wei_per_token)),
    value,
    valueLow: value.map((v) => (v * (10_000 - marginBps)) / 10_000),
    valueHigh: value.map((v) => (v * (10_000 + marginBps)) / 10_000),
    redeem: listed.map((r) => eth(r.redeem_wei_per_token)),
    volume: listed.map((r) => eth(r.volume_eth_wei)),
  };
}
