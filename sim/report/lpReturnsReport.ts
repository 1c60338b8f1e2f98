import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "./readCsv.ts";
import { weiToEth } from "./weiToEth.ts";

const amount = (wei: bigint) => ({ wei: wei.toString(), eth: weiToEth(wei) });

/** One liquidity position at the run's end (the last row of lp.csv for it). */
export type LpOutcome = {
  lp: string;
  role: string;
  ethDepositedWei: bigint;
  /** Open position at the pool's price plus what removals paid out (at their prices). */
  valueWei: bigint;
  holdWei: bigint;
  impermanentLossWei: bigint;
  feesWei: bigint;
  againstHoldWei: bigint;
};

/** The last row of each position in lp.csv (undefined when the run had no liquidity position). */
export async function readLpOutcomes(runDir: string): Promise<LpOutcome[] | undefined> {
  const path = join(runDir, "lp.csv");
  if (!existsSync(path)) return undefined;
  const last = new Map<string, Record<string, string>>();
  await readCsv(path, (row) => last.set(row.lp ?? "", { ...row }));
  if (last.size === 0) return undefined;
  const big = (v: string | undefined) => BigInt(v || "0");
  return [...last.values()].map((r) => ({
    lp: r.lp ?? "",
    role: r.role ?? "",
    ethDepositedWei: big(r.eth_deposited_wei),
    valueWei: big(r.position_value_wei) + big(r.realized_value_wei),
    holdWei: big(r.hold_value_wei),
    impermanentLossWei: big(r.impermanent_loss_wei),
    feesWei: big(r.fees_wei),
    againstHoldWei: big(r.against_hold_wei),
  }));
}

/** Return against holding as a share of holding (0 when nothing is held). */
export function againstHoldShare(o: Pick<LpOutcome, "againstHoldWei" | "holdWei">): number {
  return o.holdWei === 0n ? 0 : Number((o.againstHoldWei * 1_000_000n) / o.holdWei) / 1e6;
}

/**
 * summary.json's `lpReturns`: each position at the end, and the liquidity providers' totals (how many did better
 * than holding their deposits, and by how much in all).
 */
export function lpReturnsSummary(outcomes: readonly LpOutcome[]) {
  const providers = outcomes.filter((o) => o.role === "liquidity-provider");
  const sum = (key: "valueWei" | "holdWei" | "impermanentLossWei" | "feesWei" | "againstHoldWei" | "ethDepositedWei") => providers.reduce((t, o) => t + o[key], 0n);
  return {
    positions: outcomes.map((o) => ({
      lp: o.lp,
      role: o.role,
      ethDeposited: amount(o.ethDepositedWei),
      value: amount(o.valueWei),
      hold: amount(o.holdWei),
      impermanentLoss: amount(o.impermanentLossWei),
      fees: amount(o.feesWei),
      againstHold: amount(o.againstHoldWei),
      againstHoldShare: againstHoldShare(o),
    })),
    providers: {
      count: providers.length,
      beatHold: providers.filter((o) => o.againstHoldWei > 0n).length,
      ethDeposited: amount(sum("ethDepositedWei")),
      value: amount(sum("valueWei")),
      hold: amount(sum("holdWei")),
      impermanentLoss: amount(sum("impermanentLossWei")),
      fees: amount(sum("feesWei")),
      againstHold: amount(sum("againstHoldWei")),
      againstHoldShare: againstHoldShare({ againstHoldWei: sum("againstHoldWei"), holdWei: sum("holdWei") }),
    },
  };
}

/** The report's table "LP returns against holding" (ETH at the pool's price). */
export function lpReturnsTable(outcomes: readonly LpOutcome[], fmtEth: (x: number) => string) {
  return {
    title: "LP returns against holding",
    note: "Each liquidity position at the end (lp.csv): the open position at the pool's price plus what removals paid out, against just holding what was deposited. Value − hold = impermanent loss (≤ 0) + fees; a removal is valued at its own price. The liquidity recipient's position is the launch's pairing (locked or vesting, never removed).",
    columns: ["position", "role", "ETH deposited", "value", "hold", "impermanent loss", "fees", "against hold", "against hold (%)"],
    rows: outcomes.map((o) => [
      o.lp,
      o.role,
      fmtEth(weiToEth(o.ethDepositedWei)),
      fmtEth(weiToEth(o.valueWei)),
      fmtEth(weiToEth(o.holdWei)),
      fmtEth(weiToEth(o.impermanentLossWei)),
      fmtEth(weiToEth(o.feesWei)),
      fmtEth(weiToEth(o.againstHoldWei)),
      (againstHoldShare(o) * 100).toFixed(2),
    ]),
  };
}
