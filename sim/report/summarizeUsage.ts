import { join } from "node:path";
import { parseEther } from "viem";
import { capitalCostWei, lockedWeiSecondsUntil, type LockTally } from "../economics/capitalCost.ts";
import { computeCostWei } from "../economics/computeCost.ts";
import type { CostParameters } from "../economics/costParameters.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readCsv } from "./readCsv.ts";
import { summarizeGas } from "./summarizeGas.ts";
import { weiToEth } from "./weiToEth.ts";

/** Roles of off-chain usage whose money the report follows. */
export const OPERATOR_ROLES = ["honest-operator", "under-reporting-operator", "strategic-operator"] as const;
export const PROVER_ROLES = ["offchain-user", "usage-keeper"] as const;

/** One ledger period, all operators together: what was owed on the true revenue, and what reached the token for it. */
export type UsagePeriodSummary = {
  period: number;
  uses: number;
  trueRevenueWei: bigint;
  owedWei: bigint;
  reportedTotalWei: bigint;
  paidWei: bigint;
  hiddenReceipts: number;
  hiddenRevenueWei: bigint;
  /** The token's part of the slashes whose evidence is of this period (or whose missed report was this period's). */
  slashedToTokenWei: bigint;
  /** (paid + slashed to the token) / owed; null when nothing was owed. */
  recoveryRate: number | null;
  /** Whether its reports were due before the run ended (only due periods count in the run's recovery rate). */
  due: boolean;
};

/** One operator's or prover's money from off-chain usage (gas valued at the scenario's gas price). */
export type UsageAgentSummary = {
  agent: string;
  role: string;
  /** Operators: what users paid it off chain (uses × price). */
  offchainRevenueWei: bigint;
  /** Operators: the token's share it paid with its reports. */
  paidToTokenWei: bigint;
  /** Operators: the token's share of the revenue it left out of its reports. */
  keptShareWei: bigint;
  bondLostWei: bigint;
  /** Provers: rewards out of slashed bonds. */
  rewardsWei: bigint;
  /** Provers: challenge bonds paid to the answerer (challenges of receipts that were in place). */
  challengeBondsLostWei: bigint;
  /** Operators: challenge bonds earned by answering. */
  answerIncomeWei: bigint;
  gasUsed: number;
  gasCostWei: bigint;
  /** Operators: revenue − paid − bond lost + answer income − gas; provers: rewards − bonds lost − gas. */
  netProfitWei: bigint;
  // Modelled, off the chain's books (the scenario's `costs`, as for submitters and challengers):
  /** Operators: the model run once per use it served (uses × trace length steps at costs.computePerMillionSteps). */
  computeCostWei: bigint;
  /** Operators: wei × seconds its bond was locked in the ledger, from posting to withdrawal or slash (or the run's end). */
  bondWeiSeconds: bigint;
  /** Operators: that at costs.capitalRateBps a year. */
  capitalCostWei: bigint;
  /** net profit − compute − capital. */
  economicProfitWei: bigint;
};

/** The cost model a usage summary prices operators' serving and bonds with (buildReport has them from the run). */
export type UsageEconomics = {
  costs: CostParameters;
  /** Operators' bonds over time (summarizeFlows). */
  bondLocks: ReadonlyMap<string, LockTally>;
  /** Chain time the run ended: bonds still held count until then. */
  endTime: number;
};

export type UsageSummary = {
  epochs: Record<string, string>[];
  periods: UsagePeriodSummary[];
  agents: UsageAgentSummary[];
  totals: {
    uses: number;
    trueRevenueWei: bigint;
    /** Over the periods due in the run. */
    owedWei: bigint;
    paidWei: bigint;
    slashedToTokenWei: bigint;
    /** (paid + slashed to the token) / owed, over due periods. */
    recoveryRate: number | null;
    /** paid / owed, over due periods: what reports alone recovered. */
    reportedRate: number | null;
    /** Off-chain revenue that reached the token (the ledger's payments to it, escrow flushes included). */
    revenueToTokenWei: bigint;
    liesCommitted: number;
    liesDetected: number;
    missedReports: number;
    hiddenRevenueWei: bigint;
    challenges: number;
    answered: number;
    checks: number;
    /** Mean net profit per operator of each role (null without such operators). */
    profitPerOperator: Record<(typeof OPERATOR_ROLES)[number], number | null>;
    /** Mean economic profit per operator of each role (net profit − compute − capital; null without such operators). */
    economicProfitPerOperator: Record<(typeof OPERATOR_ROLES)[number], number | null>;
    /** Operators' serving compute and bond capital, all operators (modelled). */
    computeCostWei: bigint;
    capitalCostWei: bigint;
    /** Mean net profit of under-reporting minus honest operators, per operator (ETH; null without both). */
    underReportingGain: number | null;
    /** The same for strategic operators. */
    strategicGain: number | null;
    /** Lies committed by strategic operators. */
    strategicLies: number;
    /**
     * What lying itself earned, per operator of the role (ETH): the share it kept by leaving revenue out, less the
     * bonds it lost. It leaves out the business a removed operator loses, so it flatters lying.
     */
    lieGain: { "under-reporting-operator": number | null; "strategic-operator": number | null };
    proverProfit: number;
  };
};

const big = (v: string | undefined) => BigInt(v === undefined || v === "" ? "0" : v);
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Math.round((Number(a) / Number(b)) * 1e9) / 1e9);

/** Adds up the run's usage tables (usage_epochs, usage_periods, usage_challenges, usage_slashes) with the agents' gas. */
export async function summarizeUsage(runDir: string, scenario: Scenario & { offchain: NonNullable<Scenario["offchain"]> }, economics: UsageEconomics): Promise<UsageSummary> {
  const o = scenario.offchain;
  const price = parseEther(o.demand.price);
  const challengeBond = parseEther(o.ledger.challengeBond);
  const gasPriceWei = BigInt(Math.round(scenario.gas.priceGwei * 1e9));
  const genesis = scenario.startTimestamp - 2;
  const periodLength = o.ledger.periodEpochs * scenario.epoch.seconds;
  const lastTurn = scenario.startTimestamp + scenario.epochs * scenario.epoch.seconds - scenario.epoch.seconds / scenario.epoch.blocks;

  const epochs: Record<string, string>[] = [];
  await readCsv(join(runDir, "usage_epochs.csv"), (row) => epochs.push({ ...row }));

  const periods = new Map<number, UsagePeriodSummary>();
  const agents = new Map<string, UsageAgentSummary>();
  const agentOf = (agent: string, role: string): UsageAgentSummary => {
    let a = agents.get(agent);
    if (!a) {
      agents.set(
        agent,
        (a = { agent, role, offchainRevenueWei: 0n, paidToTokenWei: 0n, keptShareWei: 0n, bondLostWei: 0n, rewardsWei: 0n, challengeBondsLostWei: 0n, answerIncomeWei: 0n, gasUsed: 0, gasCostWei: 0n, netProfitWei: 0n, computeCostWei: 0n, bondWeiSeconds: 0n, capitalCostWei: 0n, economicProfitWei: 0n }),
      );
    }
    return a;
  };
  let strategicLies = 0;
  const servedUses = new Map<string, bigint>();
  await readCsv(join(runDir, "usage_periods.csv"), (row) => {
    const p = Number(row.period);
    let s = periods.get(p);
    if (!s) {
      const due = genesis + (p + 1) * periodLength <= lastTurn;
      periods.set(p, (s = { period: p, uses: 0, trueRevenueWei: 0n, owedWei: 0n, reportedTotalWei: 0n, paidWei: 0n, hiddenReceipts: 0, hiddenRevenueWei: 0n, slashedToTokenWei: 0n, recoveryRate: null, due }));
    }
    s.uses += Number(row.uses);
    s.trueRevenueWei += big(row.true_revenue_wei);
    s.owedWei += big(row.owed_wei);
    s.reportedTotalWei += big(row.reported_total_wei);
    s.paidWei += big(row.paid_wei);
    s.hiddenReceipts += Number(row.hidden_receipts || "0");
    s.hiddenRevenueWei += big(row.hidden_revenue_wei);
    s.slashedToTokenWei += big(row.slashed_to_token_wei);
    const a = agentOf(row.operator ?? "", row.role ?? "");
    a.offchainRevenueWei += big(row.true_revenue_wei);
    servedUses.set(a.agent, (servedUses.get(a.agent) ?? 0n) + BigInt(Number(row.uses || "0")));
    a.paidToTokenWei += big(row.paid_wei);
    // The share it would have paid on what it left out (its period's owed share, pro rata).
    const trueRevenue = big(row.true_revenue_wei);
    if (trueRevenue > 0n) a.keptShareWei += (big(row.owed_wei) * big(row.hidden_revenue_wei)) / trueRevenue;
    if (row.role === "strategic-operator" && big(row.hidden_revenue_wei) > 0n) strategicLies++;
  });
  for (const s of periods.values()) s.recoveryRate = ratio(s.paidWei + s.slashedToTokenWei, s.owedWei);

  await readCsv(join(runDir, "usage_slashes.csv"), (row) => {
    agentOf(row.operator ?? "", row.operator_role ?? "").bondLostWei += big(row.bond_wei);
    agentOf(row.prover ?? "", row.prover_role ?? "").rewardsWei += big(row.to_prover_wei);
  });
  await readCsv(join(runDir, "usage_challenges.csv"), (row) => {
    if (row.outcome !== "answered") return;
    agentOf(row.challenger ?? "", row.challenger_role ?? "").challengeBondsLostWei += challengeBond;
    agentOf(row.answerer ?? "", row.operator_role ?? "").answerIncomeWei += challengeBond;
  });
  const gas = await summarizeGas(runDir, new Set<string>([...OPERATOR_ROLES, ...PROVER_ROLES]));
  for (const [agent, g] of gas.agentGas) {
    const a = agentOf(agent, g.role);
    a.gasUsed = g.gas;
    a.gasCostWei = BigInt(g.gas) * gasPriceWei;
  }
  const { costs, bondLocks, endTime } = economics;
  for (const a of agents.values()) {
    const operator = (OPERATOR_ROLES as readonly string[]).includes(a.role);
    a.netProfitWei = operator ? a.offchainRevenueWei - a.paidToTokenWei - a.bondLostWei + a.answerIncomeWei - a.gasCostWei : a.rewardsWei - a.challengeBondsLostWei - a.gasCostWei;
    if (operator) {
      // Serving: one run of the model per use, priced once over the whole (as a compute ledger is).
      a.computeCostWei = computeCostWei((servedUses.get(a.agent) ?? 0n) * BigInt(costs.traceLength), costs.computeWeiPerMillionSteps);
      const lock = bondLocks.get(a.agent);
      a.bondWeiSeconds = lock ? lockedWeiSecondsUntil(lock, endTime) : 0n;
      a.capitalCostWei = capitalCostWei(a.bondWeiSeconds, costs.capitalRateBps);
    }
    a.economicProfitWei = a.netProfitWei - a.computeCostWei - a.capitalCostWei;
  }
  const sortedAgents = [...agents.values()].sort((x, y) => (x.agent < y.agent ? -1 : x.agent > y.agent ? 1 : 0));

  const sumEpochs = (column: string) => epochs.reduce((t, r) => t + Number(r[column] || "0"), 0);
  const due = [...periods.values()].filter((p) => p.due);
  const owed = due.reduce((t, p) => t + p.owedWei, 0n);
  const paid = due.reduce((t, p) => t + p.paidWei, 0n);
  const slashed = due.reduce((t, p) => t + p.slashedToTokenWei, 0n);
  const meanProfit = (role: string) => {
    const list = sortedAgents.filter((a) => a.role === role);
    return list.length === 0 ? null : round(weiToEth(list.reduce((t, a) => t + a.netProfitWei, 0n)) / list.length);
  };
  const profitPerOperator = { "honest-operator": meanProfit("honest-operator"), "under-reporting-operator": meanProfit("under-reporting-operator"), "strategic-operator": meanProfit("strategic-operator") };
  const meanEconomicProfit = (role: string) => {
    const list = sortedAgents.filter((a) => a.role === role);
    return list.length === 0 ? null : round(weiToEth(list.reduce((t, a) => t + a.economicProfitWei, 0n)) / list.length);
  };
  const economicProfitPerOperator = { "honest-operator": meanEconomicProfit("honest-operator"), "under-reporting-operator": meanEconomicProfit("under-reporting-operator"), "strategic-operator": meanEconomicProfit("strategic-operator") };
  const honest = profitPerOperator["honest-operator"];
  const lieGainOf = (role: string) => {
    const list = sortedAgents.filter((a) => a.role === role);
    return list.length === 0 ? null : round(weiToEth(list.reduce((t, a) => t + a.keptShareWei - a.bondLostWei, 0n)) / list.length);
  };
  const versus = (x: number | null) => (x === null || honest === null ? null : round(x - honest));
  return {
    epochs,
    periods: [...periods.values()].sort((a, b) => a.period - b.period),
    agents: sortedAgents,
    totals: {
      uses: sumEpochs("uses"),
      trueRevenueWei: epochs.reduce((t, r) => t + big(r.true_revenue_wei), 0n),
      owedWei: owed,
      paidWei: paid,
      slashedToTokenWei: slashed,
      recoveryRate: ratio(paid + slashed, owed),
      reportedRate: ratio(paid, owed),
      revenueToTokenWei: epochs.reduce((t, r) => t + big(r.revenue_to_token_wei), 0n),
      liesCommitted: sumEpochs("lies_committed"),
      liesDetected: sumEpochs("lies_detected"),
      missedReports: sumEpochs("missed_reports"),
      hiddenRevenueWei: epochs.reduce((t, r) => t + big(r.hidden_revenue_wei), 0n),
      challenges: sumEpochs("challenges"),
      answered: sumEpochs("answered"),
      checks: sumEpochs("checks"),
      profitPerOperator,
      economicProfitPerOperator,
      computeCostWei: sortedAgents.reduce((t, a) => t + a.computeCostWei, 0n),
      capitalCostWei: sortedAgents.reduce((t, a) => t + a.capitalCostWei, 0n),
      underReportingGain: versus(profitPerOperator["under-reporting-operator"]),
      strategicGain: versus(profitPerOperator["strategic-operator"]),
      strategicLies,
      lieGain: { "under-reporting-operator": lieGainOf("under-reporting-operator"), "strategic-operator": lieGainOf("strategic-operator") },
      proverProfit: round(weiToEth(sortedAgents.filter((a) => (PROVER_ROLES as readonly string[]).includes(a.role)).reduce((t, a) => t + a.netProfitWei, 0n))),
    },
  };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;
