import { existsSync } from "node:fs";
import { join } from "node:path";
import { createHolderLedger, holderReturnRows, returnsByRole, type HolderMarks, type HolderReturnRow, type RoleReturns } from "./holderReturns.ts";
import { readCsv } from "./readCsv.ts";
import { weiToEth } from "./weiToEth.ts";

export type ReadHolderReturnsReturnType = { rows: HolderReturnRow[]; byRole: RoleReturns[]; marks: HolderMarks };

/**
 * Every holder's return and its split (holderReturns.ts) from a run folder's flows.csv, token_moves.csv,
 * claimable_end.csv and lp.csv (its LP positions at the end, when the run had a market), marked at market.csv's last
 * listed epoch (zeros when the token never traded). Holders are the names that received the token or owned an LP
 * position, less the run's contracts (`contractNames`: the pair, the launch, …) and addresses without a name.
 */
export async function readHolderReturns(runDir: string, contractNames: ReadonlySet<string>): Promise<ReadHolderReturnsReturnType> {
  const ledger = createHolderLedger();
  await readCsv(join(runDir, "flows.csv"), ledger.flow);
  await readCsv(join(runDir, "token_moves.csv"), ledger.move);
  await readCsv(join(runDir, "claimable_end.csv"), ledger.claimable);
  if (existsSync(join(runDir, "lp.csv"))) await readCsv(join(runDir, "lp.csv"), ledger.lp);
  let marks: HolderMarks = { priceWeiPerToken: 0n, redeemWeiPerToken: 0n };
  await readCsv(join(runDir, "market.csv"), (row) => {
    if (row.listed === "true") marks = { priceWeiPerToken: BigInt(row.price_wei_per_token || "0"), redeemWeiPerToken: BigInt(row.redeem_wei_per_token || "0") };
  });
  const rows = holderReturnRows(ledger, marks, (name) => name !== "none" && !name.startsWith("0x") && !contractNames.has(name));
  return { rows, byRole: returnsByRole(rows), marks };
}

/**
 * The names of a run's contracts, which are not holders: the deployment's (metadata.json `deployment`), and with a
 * market the token's pair (the name book calls it "pair") and Uniswap's contracts.
 */
export function contractNamesOf(deployment: Readonly<Record<string, unknown>>): Set<string> {
  const amm = deployment.amm;
  return new Set([...Object.keys(deployment), ...(amm && typeof amm === "object" ? ["pair", ...Object.keys(amm)] : [])]);
}

/** holder_returns.csv's columns (wei; the split revenue + burn + liquidity + price = total holds exactly). */
export const HOLDER_RETURN_COLUMNS = [
  "agent",
  "role",
  "deposited_wei",
  "refunded_wei",
  "pool_buys_eth_wei",
  "lp_deposited_eth_wei",
  "paid_in_wei",
  "revenue_claimed_wei",
  "burn_redeemed_wei",
  "pool_sales_eth_wei",
  "lp_withdrawn_eth_wei",
  "received_wei",
  "tokens_bought",
  "tokens_sold",
  "tokens_burned",
  "tokens_lp_deposited",
  "tokens_lp_withdrawn",
  "tokens_end",
  "held_at_price_wei",
  "held_at_redeem_wei",
  "lp_value_end_wei",
  "claimable_unclaimed_wei",
  "total_return_wei",
  "revenue_return_wei",
  "burn_return_wei",
  "liquidity_return_wei",
  "price_return_wei",
] as const;

export function holderReturnCsvRow(r: HolderReturnRow): Record<(typeof HOLDER_RETURN_COLUMNS)[number], string | bigint> {
  const a = r.account;
  return {
    agent: r.agent,
    role: r.role,
    deposited_wei: a.depositedWei,
    refunded_wei: a.refundedWei,
    pool_buys_eth_wei: a.poolBuyEthWei,
    lp_deposited_eth_wei: a.lpDepositedEthWei,
    paid_in_wei: r.paidInWei,
    revenue_claimed_wei: a.claimedWei,
    burn_redeemed_wei: a.burnRedeemedWei,
    pool_sales_eth_wei: a.poolSellEthWei,
    lp_withdrawn_eth_wei: a.lpWithdrawnEthWei,
    received_wei: r.receivedWei,
    tokens_bought: a.tokensBoughtWei,
    tokens_sold: a.tokensSoldWei,
    tokens_burned: a.tokensBurnedWei,
    tokens_lp_deposited: a.tokensLpDepositedWei,
    tokens_lp_withdrawn: a.tokensLpWithdrawnWei,
    tokens_end: r.tokensEndWei,
    held_at_price_wei: r.heldAtPriceWei,
    held_at_redeem_wei: r.heldAtRedeemWei,
    lp_value_end_wei: r.lpValueEndWei,
    claimable_unclaimed_wei: a.claimableWei,
    total_return_wei: r.totalReturnWei,
    revenue_return_wei: r.revenueReturnWei,
    burn_return_wei: r.burnReturnWei,
    liquidity_return_wei: r.liquidityReturnWei,
    price_return_wei: r.priceReturnWei,
  };
}

const eth = (wei: bigint) => ({ wei: wei.toString(), eth: weiToEth(wei) });

/** summary.json's `holderReturns`: the marks, and per role (then `all`) the sums and the shares of the return's size. */
export function holderReturnsSummary({ byRole, marks }: ReadHolderReturnsReturnType) {
  return {
    closingPriceWeiPerToken: marks.priceWeiPerToken.toString(),
    closingRedeemWeiPerToken: marks.redeemWeiPerToken.toString(),
    byRole: byRole.map((r) => ({
      role: r.role,
      holders: r.holders,
      paidIn: eth(r.paidInWei),
      received: eth(r.receivedWei),
      heldAtPrice: eth(r.heldAtPriceWei),
      lpValueEnd: eth(r.lpValueEndWei),
      totalReturn: eth(r.totalReturnWei),
      revenue: eth(r.revenueReturnWei),
      burn: eth(r.burnReturnWei),
      liquidity: eth(r.liquidityReturnWei),
      price: eth(r.priceReturnWei),
      revenueShare: r.revenueShare,
      burnShare: r.burnShare,
      liquidityShare: r.liquidityShare,
      priceShare: r.priceShare,
    })),
  };
}

/** The report's stacked chart: per role, revenue, burn, liquidity and price parts of the return (ETH). */
export type HolderReturnsChart = { roles: string[]; revenue: number[]; burn: number[]; liquidity: number[]; price: number[]; total: number[] };

export function holderReturnsChart({ byRole }: ReadHolderReturnsReturnType): HolderReturnsChart {
  const roles = byRole.filter((r) => r.role !== "all");
  return {
    roles: roles.map((r) => r.role),
    revenue: roles.map((r) => weiToEth(r.revenueReturnWei)),
    burn: roles.map((r) => weiToEth(r.burnReturnWei)),
    liquidity: roles.map((r) => weiToEth(r.liquidityReturnWei)),
    price: roles.map((r) => weiToEth(r.priceReturnWei)),
    total: roles.map((r) => weiToEth(r.totalReturnWei)),
  };
}
