import { join } from "node:path";
import type { Scenario } from "../scenario/schema.ts";
import { summarizeUsage, type UsageEconomics, type UsageSummary } from "./summarizeUsage.ts";
import { weiToEth } from "./weiToEth.ts";
import { writeCsvTable } from "./writeCsvTable.ts";

/** What report.html shows of off-chain usage (only for runs that had it). */
export type UsageReportView = {
  /** Per ledger period: the token's share of the true off-chain revenue, and what reached the token for it (ETH). */
  periods: { periods: number[]; owed: number[]; paid: number[]; slashed: number[]; recoveryPct: (number | null)[] };
  /** Per epoch: lies committed and detected, slashes, challenges. */
  lies: { epochs: number[]; committed: number[]; detected: number[]; missedReports: number[]; challenges: number[] };
};

export type UsageReportParts = {
  summary: Record<string, unknown>;
  headline: [string, string][];
  view: UsageReportView;
  tables: { title: string; note: string; columns: string[]; rows: string[][] }[];
  totals: UsageSummary["totals"];
};

const amount = (wei: bigint) => ({ wei: wei.toString(), eth: weiToEth(wei) });
const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(2)} %`);
const eth = (wei: bigint) => weiToEth(wei);
const fmtEth = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(4) : x.toPrecision(4).replace(/\.?0+$/, "").replace(/^0$/, "0"));

/**
 * The off-chain usage part of a run's report: its tables (usage_by_period.csv, usage_by_epoch.csv,
 * usage_agents.csv), its summary, headline figures, charts and HTML tables. `tokenRevenueWei` is all revenue
 * that reached the token (on-chain and off-chain), for the off-chain share of the holders' revenue; `economics`
 * prices operators' serving compute and bond capital with the scenario's cost model (docs/economics.md).
 */
export async function usageReport(runDir: string, reportDir: string, scenario: Scenario & { offchain: NonNullable<Scenario["offchain"]> }, tokenRevenueWei: bigint, economics: UsageEconomics): Promise<UsageReportParts> {
  const u = await summarizeUsage(runDir, scenario, economics);
  const t = u.totals;
  const share = tokenRevenueWei === 0n ? null : Math.round((Number(t.revenueToTokenWei) / Number(tokenRevenueWei)) * 1e9) / 1e9;

  writeCsvTable(
    join(reportDir, "usage_by_period.csv"),
    ["period", "uses", "true_revenue_wei", "owed_wei", "reported_total_wei", "paid_wei", "hidden_receipts", "hidden_revenue_wei", "slashed_to_token_wei", "recovery_rate", "due"],
    u.periods.map((p) => ({
      period: p.period,
      uses: p.uses,
      true_revenue_wei: p.trueRevenueWei,
      owed_wei: p.owedWei,
      reported_total_wei: p.reportedTotalWei,
      paid_wei: p.paidWei,
      hidden_receipts: p.hiddenReceipts,
      hidden_revenue_wei: p.hiddenRevenueWei,
      slashed_to_token_wei: p.slashedToTokenWei,
      recovery_rate: p.recoveryRate ?? undefined,
      due: p.due,
    })),
  );
  const epochColumns = ["epoch", "uses", "true_revenue_wei", "owed_wei", "paid_by_reports_wei", "slashed_to_token_wei", "revenue_to_token_wei", "escrow_wei", "lies_committed", "lies_detected", "missed_reports", "challenges", "answered", "checks", "refused_proofs", "serving_operators"];
  writeCsvTable(join(reportDir, "usage_by_epoch.csv"), epochColumns, u.epochs.map((r) => Object.fromEntries(epochColumns.map((c) => [c, r[c] ?? ""]))) as never);
  writeCsvTable(
    join(reportDir, "usage_agents.csv"),
    ["agent", "role", "offchain_revenue_wei", "paid_to_token_wei", "kept_share_wei", "bond_lost_wei", "rewards_wei", "challenge_bonds_lost_wei", "answer_income_wei", "gas_used", "gas_cost_wei", "net_profit_wei", "net_profit_eth", "compute_cost_wei", "bond_wei_seconds", "capital_cost_wei", "economic_profit_wei", "economic_profit_eth"],
    u.agents.map((a) => ({
      agent: a.agent,
      role: a.role,
      offchain_revenue_wei: a.offchainRevenueWei,
      paid_to_token_wei: a.paidToTokenWei,
      kept_share_wei: a.keptShareWei,
      bond_lost_wei: a.bondLostWei,
      rewards_wei: a.rewardsWei,
      challenge_bonds_lost_wei: a.challengeBondsLostWei,
      answer_income_wei: a.answerIncomeWei,
      gas_used: a.gasUsed,
      gas_cost_wei: a.gasCostWei,
      net_profit_wei: a.netProfitWei,
      net_profit_eth: weiToEth(a.netProfitWei),
      compute_cost_wei: a.computeCostWei,
      bond_wei_seconds: a.bondWeiSeconds,
      capital_cost_wei: a.capitalCostWei,
      economic_profit_wei: a.economicProfitWei,
      economic_profit_eth: weiToEth(a.economicProfitWei),
    })),
  );

  const summary = {
    uses: t.uses,
    trueRevenue: amount(t.trueRevenueWei),
    owedOnDuePeriods: amount(t.owedWei),
    paidByReports: amount(t.paidWei),
    slashedToToken: amount(t.slashedToTokenWei),
    recoveryRate: t.recoveryRate,
    reportedRate: t.reportedRate,
    revenueToToken: amount(t.revenueToTokenWei),
    shareOfTokenRevenue: share,
    liesCommitted: t.liesCommitted,
    liesDetected: t.liesDetected,
    missedReports: t.missedReports,
    hiddenRevenue: amount(t.hiddenRevenueWei),
    checks: t.checks,
    challenges: t.challenges,
    answered: t.answered,
    profitPerOperatorEth: t.profitPerOperator,
    economicProfitPerOperatorEth: t.economicProfitPerOperator,
    operatorComputeCost: amount(t.computeCostWei),
    operatorCapitalCost: amount(t.capitalCostWei),
    underReportingVsHonestEth: t.underReportingGain,
    strategicVsHonestEth: t.strategicGain,
    lieGainPerOperatorEth: t.lieGain,
    strategicLies: t.strategicLies,
    proverProfitEth: t.proverProfit,
  };
  const headline: [string, string][] = [
    ["Off-chain revenue (true)", `${fmtEth(eth(t.trueRevenueWei))} ETH`],
    ["Off-chain recovery rate", `${pct(t.recoveryRate)} (reports alone ${pct(t.reportedRate)})`],
    ["Off-chain revenue into the token", `${fmtEth(eth(t.revenueToTokenWei))} ETH (${pct(share)} of the token's revenue)`],
    ["Under-reporting: lies committed / detected", `${t.liesCommitted} / ${t.liesDetected}`],
  ];
  const view: UsageReportView = {
    periods: {
      periods: u.periods.map((p) => p.period),
      owed: u.periods.map((p) => eth(p.owedWei)),
      paid: u.periods.map((p) => eth(p.paidWei)),
      slashed: u.periods.map((p) => eth(p.slashedToTokenWei)),
      recoveryPct: u.periods.map((p) => (p.recoveryRate === null || !p.due ? null : Math.round(p.recoveryRate * 1e8) / 1e6)),
    },
    lies: {
      epochs: u.epochs.map((r) => Number(r.epoch)),
      committed: u.epochs.map((r) => Number(r.lies_committed || "0")),
      detected: u.epochs.map((r) => Number(r.lies_detected || "0")),
      missedReports: u.epochs.map((r) => Number(r.missed_reports || "0")),
      challenges: u.epochs.map((r) => Number(r.challenges || "0")),
    },
  };
  const tables = [
    {
      title: "Off-chain usage: operators and provers",
      note: `Operators: off-chain revenue − share paid − bond lost + answers' challenge bonds − gas. Provers (users, keeper): rewards − challenge bonds lost to answers − gas. Gas at ${scenario.gas.priceGwei} gwei. Modelled (the scenario's costs): operators run the model once per use served (compute) and lock their bond (capital at ${economics.costs.capitalRateBps / 100} % a year); economic profit = net profit − compute − capital.`,
      columns: ["agent", "role", "off-chain revenue", "paid to token", "kept share", "bond lost", "rewards", "gas cost", "net profit", "compute", "capital", "economic profit (ETH)"],
      rows: u.agents.map((a) => [a.agent, a.role, fmtEth(eth(a.offchainRevenueWei)), fmtEth(eth(a.paidToTokenWei)), fmtEth(eth(a.keptShareWei)), fmtEth(eth(a.bondLostWei)), fmtEth(eth(a.rewardsWei)), fmtEth(eth(a.gasCostWei)), fmtEth(eth(a.netProfitWei)), fmtEth(eth(a.computeCostWei)), fmtEth(eth(a.capitalCostWei)), fmtEth(eth(a.economicProfitWei))]),
    },
  ];
  return { summary, headline, view, tables, totals: t };
}
