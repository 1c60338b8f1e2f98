import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { quantileSorted } from "simple-statistics";
import { readCsv } from "../report/readCsv.ts";
import { weiToEth } from "../report/weiToEth.ts";

/** The figures a protocol designer compares across runs; each comes from the run's report. */
export const HEADLINE_METRICS = [
  { key: "requests", unit: "count", label: "Requests", note: "requests made (inferences and NFT mints)" },
  { key: "finalized", unit: "count", label: "Finalized", note: "requests whose result finalized" },
  { key: "wrong_first_results", unit: "count", label: "Wrong first results", note: "requests whose first submitted result was wrong" },
  { key: "wrong_finalized", unit: "count", label: "Wrong results finalized", note: "requests that finalized a wrong result (safety failures)" },
  { key: "disputed_requests", unit: "count", label: "Disputed requests", note: "requests with at least one game" },
  { key: "games", unit: "count", label: "Games", note: "dispute games opened" },
  { key: "dispute_latency_mean_s", unit: "seconds", label: "Dispute latency, mean", note: "disputed requests: first submission to finality, mean (chain seconds)" },
  { key: "dispute_latency_p50_s", unit: "seconds", label: "Dispute latency, p50", note: "disputed requests: first submission to finality, median" },
  { key: "dispute_latency_p95_s", unit: "seconds", label: "Dispute latency, p95", note: "disputed requests: first submission to finality, 95th percentile" },
  { key: "time_to_finality_p50_s", unit: "seconds", label: "Time to finality, p50", note: "all finalized requests: request to finality, median" },
  { key: "honest_submitter_profit_eth", unit: "ETH", label: "Honest submitters' net profit", note: "rewards + callback gas + slash income − bonds lost − gas cost, all honest submitters" },
  { key: "malicious_submitter_profit_eth", unit: "ETH", label: "Malicious submitters' net profit", note: "the same, all malicious submitters" },
  { key: "challenger_profit_eth", unit: "ETH", label: "Challengers' net profit", note: "the same, honest and lazy challengers" },
  { key: "holder_yield_annualized", unit: "ratio", label: "Holder yield, annualized", note: "revenue into the token over the eligible tokens' value at sale price, annualized (0.05 = 5 %)" },
  { key: "protocol_revenue_eth", unit: "ETH", label: "Protocol revenue", note: "protocol fees + slashed bonds sent to the treasury" },
  { key: "gas_per_inference", unit: "gas", label: "Gas per inference", note: "request + submit + share of finalize, end to end" },
  { key: "money_conserved", unit: "0/1", label: "Money conserved", note: "1 if every contract's ETH in − out equals its balance and the oracle's books (credits, fees, burned, escrow, bonds held) equal its balance, to the wei" },
  { key: "finality_past_bound", unit: "count", label: "Requests past the finality bound", note: "requests with a result not final two blocks after windowEnd + (2⌈log2 T⌉ + 1)·D (finalized later, or open past it at the end)" },
  { key: "finality_over_bound_max_s", unit: "seconds", label: "Finality past windowEnd + G, max", note: "finalized requests: the latest finality minus windowEnd + (2⌈log2 T⌉ + 1)·D (negative: before the bound)" },
  { key: "attacked_requests", unit: "count", label: "Attacked requests", note: "requests whose submission was a coalition liar's wrong result" },
  { key: "attacked_finality_mean_s", unit: "seconds", label: "Attacked: submission to finality, mean", note: "attacked requests that finalized: first submission to finality, mean (chain seconds)" },
  { key: "attacked_finality_p95_s", unit: "seconds", label: "Attacked: submission to finality, p95", note: "the same, 95th percentile" },
  { key: "attacked_finality_max_s", unit: "seconds", label: "Attacked: submission to finality, max", note: "the same, the longest" },
  { key: "coalition_burned_eth", unit: "ETH", label: "Coalition: bonds burned", note: "slashed (burned or to the treasury) part of the coalition's defeated bonds" },
  { key: "coalition_paid_to_others_eth", unit: "ETH", label: "Coalition: paid to others", note: "winner's part of the coalition's defeated bonds paid to parties outside it (the honest side)" },
  { key: "coalition_gas_eth", unit: "ETH", label: "Coalition: gas", note: "gas of every coalition transaction at the scenario's gas price" },
  { key: "coalition_net_cost_eth", unit: "ETH", label: "Coalition: net cost", note: "bonds lost + gas − rewards and slash income collected, all coalition members" },
  { key: "price_per_request_eth", unit: "ETH", label: "Price per request", note: "what a user pays per request: model fee + submitter reward + protocol fee" },
  { key: "requests_per_epoch", unit: "count", label: "Requests per epoch", note: "requests made per epoch, mean over the run (demand at that price)" },
  { key: "token_revenue_eth", unit: "ETH", label: "Revenue into the token", note: "model fees, NFT mint fees and royalties paid into the token: what holders earn (claimable and redeem-pool shares)" },
  { key: "revenue_claimed_eth", unit: "ETH", label: "Revenue claimed", note: "revenue holders claimed from the token" },
  { key: "revenue_rolled_forward_eth", unit: "ETH", label: "Revenue rolled forward", note: "revenue left unclaimed when its window closed and rolled into a later snapshot (counted each time it rolls)" },
  { key: "holder_claim_gas_eth", unit: "ETH", label: "Holders' claim gas", note: "gas of every revenue claim, at the scenario's gas price" },
  { key: "holders_joined", unit: "count", label: "Investors who joined", note: "investors who deposited in the raise" },
  { key: "honest_submitter_economic_profit_eth", unit: "ETH", label: "Honest submitters' economic profit", note: "net profit − compute − capital locked in bonds + lie value (modelled costs), all honest submitters" },
  { key: "malicious_submitter_economic_profit_eth", unit: "ETH", label: "Malicious submitters' economic profit", note: "the same, all malicious submitters" },
  { key: "challenger_economic_profit_eth", unit: "ETH", label: "Challengers' economic profit", note: "the same, honest and lazy challengers" },
  { key: "compute_cost_eth", unit: "ETH", label: "Compute cost", note: "off-chain compute of every submitter, challenger, griefer and colluder at costs.computePerMillionSteps (modelled)" },
  { key: "capital_cost_eth", unit: "ETH", label: "Capital cost of bonds", note: "bonds' wei × seconds locked at costs.capitalRateBps a year, every submitter, challenger, griefer and colluder (modelled)" },
  // Off-chain usage: only runs whose scenario has an `offchain` section have these (sweeps show them only then).
  { key: "offchain_recovery_rate", unit: "ratio", feature: "offchain", label: "Off-chain recovery rate", note: "(reports' payments + slashes to the token) / the token's share of the true off-chain revenue, over periods due in the run" },
  { key: "offchain_reported_rate", unit: "ratio", feature: "offchain", label: "Off-chain reported rate", note: "reports' payments alone / the token's share of the true off-chain revenue, over periods due in the run" },
  { key: "offchain_revenue_eth", unit: "ETH", feature: "offchain", label: "Off-chain revenue (true)", note: "what off-chain users paid operators" },
  { key: "offchain_share_of_token_revenue", unit: "ratio", feature: "offchain", label: "Off-chain share of token revenue", note: "off-chain revenue that reached the token / all revenue that reached it (the off-chain share of holders' yield)" },
  { key: "lies_committed", unit: "count", feature: "offchain", label: "Lies committed", note: "operator reports that left revenue out" },
  { key: "lies_detected", unit: "count", feature: "offchain", label: "Lies detected", note: "operators slashed for a proven lie (missed reports aside)" },
  { key: "underreporting_lie_gain_eth", unit: "ETH", feature: "offchain", label: "Under-reporting: what lying earned", note: "per under-reporting operator: the token's share it kept by leaving revenue out − bonds it lost (negative: lying did not pay, even before the business a removed operator loses)" },
  { key: "underreporting_vs_honest_eth", unit: "ETH", feature: "offchain", label: "Under-reporting vs honest profit", note: "mean net profit of an under-reporting operator − of an honest one (off-chain revenue − share paid − bond lost − gas)" },
  { key: "strategic_lies", unit: "count", feature: "offchain", label: "Strategic operators' lies", note: "reports of strategic operators that left revenue out" },
  { key: "strategic_lie_gain_eth", unit: "ETH", feature: "offchain", label: "Strategic: what lying earned", note: "per strategic operator: the share it kept − bonds it lost" },
  { key: "honest_operator_profit_eth", unit: "ETH", feature: "offchain", label: "Honest operator's profit", note: "mean net profit of an honest operator" },
  { key: "honest_operator_economic_profit_eth", unit: "ETH", feature: "offchain", label: "Honest operator's economic profit", note: "mean net profit of an honest operator − its serving compute (a model run per use) − the capital cost of its bond (modelled, costs section)" },
  { key: "prover_profit_eth", unit: "ETH", feature: "offchain", label: "Provers' profit", note: "off-chain users and the usage keeper: rewards − challenge bonds lost to answers − gas" },
  // Rational submitters and challengers: only runs that have them (sweeps show them only then).
  { key: "lie_rate", unit: "ratio", feature: "rational", label: "Lie rate", note: "rational malicious submitters: lies / answers over the run's second half (null without rational submitters)" },
  { key: "check_rate", unit: "ratio", feature: "rational", label: "Check rate", note: "rational challengers: checks / results seen over the run's second half, per challenger" },
  { key: "catch_rate", unit: "ratio", feature: "rational", label: "Caught share of lies", note: "rational submitters' lies whose window closed in the run's second half that were challenged" },
  { key: "lie_rate_theory", unit: "ratio", feature: "rational", label: "Lie rate, theory", note: "the inspection game's equilibrium lie rate with the scenario's rational challengers (p* for one; docs/economics.md)" },
  { key: "check_rate_theory", unit: "ratio", feature: "rational", label: "Check rate, theory", note: "the equilibrium check rate per rational challenger (q* for one)" },
  { key: "lie_rate_learning", unit: "ratio", feature: "rational", label: "Lie rate, learners settle", note: "where one rational submitter and one rational challenger with the scenario's memory settle (learningEquilibrium)" },
  { key: "check_rate_learning", unit: "ratio", feature: "rational", label: "Check rate, learners settle", note: "the same, check rate" },
  { key: "active_submitters_end", unit: "count", feature: "rational", label: "Active submitters at the end", note: "rational submitters still in business at the last epoch" },
  { key: "active_challengers_end", unit: "count", feature: "rational", label: "Active challengers at the end", note: "rational challengers still in business at the last epoch" },
] as const;

export type MetricKey = (typeof HEADLINE_METRICS)[number]["key"];
/** Metrics that only runs with a feature have (`feature: "offchain"`). */
export type FeatureMetricKey = Extract<(typeof HEADLINE_METRICS)[number], { feature: string }>["key"];
/** A run's headline figures; null where the run has no such figure (no disputes: no dispute latency); a feature's only with the feature. */
export type HeadlineMetrics = Record<Exclude<MetricKey, FeatureMetricKey>, number | null> & Partial<Record<FeatureMetricKey, number | null>>;

/**
 * The metrics of a set of runs: every metric without a feature, and a feature's metrics when one of the runs has
 * them, so a sweep or comparison without off-chain usage shows exactly the metrics it always did.
 */
export function metricsOf(runs: readonly Partial<Record<MetricKey, number | null>>[]): (typeof HEADLINE_METRICS)[number][] {
  return HEADLINE_METRICS.filter((m) => !("feature" in m) || runs.some((r) => m.key in r));
}

type Amount = { wei: string; eth: number };
/** summary.json as the report writes it; the sections added later are optional so that older reports still read (their figures are null). */
type Summary = {
  conservation: { ok: boolean };
  /** null for a run folder written before the oracle's books were recorded. */
  oracleBooks: { balanced: boolean | null };
  coalition: { bondsBurned: Amount; bondsToTreasury: Amount; paidToOthers: Amount; gasCost: Amount; netCost: Amount };
  protocolRevenue: { total: Amount };
  holderYield: { annualizedRevenueYield: number };
  agents: { role: string; netProfit: Amount; economicProfit?: Amount }[];
  fees: { tokenRevenue: Amount; revenueClaimed: Amount; unclaimedRolledForward: Amount };
  demand?: { pricePerRequest: Amount; requestsPerEpoch: number };
  holders?: { joined: number; claimGasCost: Amount };
  costs?: { totals: { computeCost: Amount; capitalCost: Amount } };
  rational?: {
    measured: { lieRate: number | null; checkRate: number | null; catchRate: number | null; activeSubmittersAtEnd: number; activeChallengersAtEnd: number };
    theory: { lieRate: number; checkRate: number; learningLieRate: number | null; learningCheckRate: number | null };
  };
  latency: {
    counts: { requests: number; finalized: number; wrongFirstResults: number; wrongFinalized: number; disputedRequests: number };
    timeToFinality: { all: { seconds: { median: number | null } } };
    disputes: { submitToFinal: { seconds: { mean: number | null; median: number | null } } };
    games: { count: number };
    finalityBound: { pastBound: number; openPastBound: number; overBoundSeconds: { max: number | null } };
    attacked: { count: number; submitToFinalSeconds: { mean: number | null; max: number | null }; submitToFinalP95Seconds: number | null };
  };
  gas: { perInference: { gas: number } };
  offchain?: {
    recoveryRate: number | null;
    reportedRate: number | null;
    trueRevenue: Amount;
    shareOfTokenRevenue: number | null;
    liesCommitted: number;
    liesDetected: number;
    underReportingVsHonestEth: number | null;
    lieGainPerOperatorEth: { "under-reporting-operator": number | null; "strategic-operator": number | null };
    strategicLies: number;
    profitPerOperatorEth: { "honest-operator": number | null };
    economicProfitPerOperatorEth?: { "honest-operator": number | null };
    proverProfitEth: number;
  };
};

/** Sum of the net profit of the given roles, in ETH (summed in wei first). */
function profitOf(summary: Summary, roles: readonly string[]): number {
  return weiToEth(summary.agents.filter((a) => roles.includes(a.role)).reduce((t, a) => t + BigInt(a.netProfit.wei), 0n));
}

/** Sum of the economic profit of the given roles, in ETH; null in a report that has none. */
function economicProfitOf(summary: Summary, roles: readonly string[]): number | null {
  const list = summary.agents.filter((a) => roles.includes(a.role));
  if (list.some((a) => a.economicProfit === undefined)) return null;
  return weiToEth(list.reduce((t, a) => t + BigInt(a.economicProfit?.wei ?? "0"), 0n));
}

/** The headline metrics of a run folder, read from its report (report/summary.json and report/dispute_latency.csv). */
export async function headlineMetrics(runDir: string): Promise<HeadlineMetrics> {
  const summaryPath = join(runDir, "report", "summary.json");
  if (!existsSync(summaryPath)) throw new Error(`${summaryPath} is missing; build the run's report first (imo-sim report <run folder>)`);
  const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Summary;
  const latencies: number[] = [];
  await readCsv(join(runDir, "report", "dispute_latency.csv"), (row) => {
    if (row.submit_to_final_seconds) latencies.push(Number(row.submit_to_final_seconds));
  });
  latencies.sort((a, b) => a - b);
  const c = summary.latency.counts;
  return {
    requests: c.requests,
    finalized: c.finalized,
    wrong_first_results: c.wrongFirstResults,
    wrong_finalized: c.wrongFinalized,
    disputed_requests: c.disputedRequests,
    games: summary.latency.games.count,
    dispute_latency_mean_s: summary.latency.disputes.submitToFinal.seconds.mean,
    dispute_latency_p50_s: summary.latency.disputes.submitToFinal.seconds.median,
    dispute_latency_p95_s: latencies.length === 0 ? null : Math.round(quantileSorted(latencies, 0.95) * 1e6) / 1e6,
    time_to_finality_p50_s: summary.latency.timeToFinality.all.seconds.median,
    honest_submitter_profit_eth: profitOf(summary, ["honest-submitter"]),
    malicious_submitter_profit_eth: profitOf(summary, ["malicious-submitter"]),
    challenger_profit_eth: profitOf(summary, ["honest-challenger", "lazy-challenger"]),
    holder_yield_annualized: summary.holderYield.annualizedRevenueYield,
    protocol_revenue_eth: summary.protocolRevenue.total.eth,
    gas_per_inference: summary.gas.perInference.gas,
    money_conserved: summary.conservation.ok && summary.oracleBooks.balanced !== false ? 1 : 0,
    finality_past_bound: summary.latency.finalityBound.pastBound + summary.latency.finalityBound.openPastBound,
    finality_over_bound_max_s: summary.latency.finalityBound.overBoundSeconds.max,
    attacked_requests: summary.latency.attacked.count,
    attacked_finality_mean_s: summary.latency.attacked.submitToFinalSeconds.mean,
    attacked_finality_p95_s: summary.latency.attacked.submitToFinalP95Seconds,
    attacked_finality_max_s: summary.latency.attacked.submitToFinalSeconds.max,
    coalition_burned_eth: weiToEth(BigInt(summary.coalition.bondsBurned.wei) + BigInt(summary.coalition.bondsToTreasury.wei)),
    coalition_paid_to_others_eth: summary.coalition.paidToOthers.eth,
    coalition_gas_eth: summary.coalition.gasCost.eth,
    coalition_net_cost_eth: summary.coalition.netCost.eth,
    price_per_request_eth: summary.demand?.pricePerRequest.eth ?? null,
    requests_per_epoch: summary.demand?.requestsPerEpoch ?? null,
    token_revenue_eth: summary.fees.tokenRevenue.eth,
    revenue_claimed_eth: summary.fees.revenueClaimed.eth,
    revenue_rolled_forward_eth: summary.fees.unclaimedRolledForward.eth,
    holder_claim_gas_eth: summary.holders?.claimGasCost.eth ?? null,
    holders_joined: summary.holders?.joined ?? null,
    honest_submitter_economic_profit_eth: economicProfitOf(summary, ["honest-submitter"]),
    malicious_submitter_economic_profit_eth: economicProfitOf(summary, ["malicious-submitter"]),
    challenger_economic_profit_eth: economicProfitOf(summary, ["honest-challenger", "lazy-challenger"]),
    compute_cost_eth: summary.costs?.totals.computeCost.eth ?? null,
    capital_cost_eth: summary.costs?.totals.capitalCost.eth ?? null,
    ...offchainMetrics(summary.offchain),
    ...rationalMetrics(summary.rational),
  };
}

function rationalMetrics(r: Summary["rational"]): Partial<HeadlineMetrics> {
  if (!r) return {};
  return {
    lie_rate: r.measured.lieRate,
    check_rate: r.measured.checkRate,
    catch_rate: r.measured.catchRate,
    lie_rate_theory: r.theory.lieRate,
    check_rate_theory: r.theory.checkRate,
    lie_rate_learning: r.theory.learningLieRate,
    check_rate_learning: r.theory.learningCheckRate,
    active_submitters_end: r.measured.activeSubmittersAtEnd,
    active_challengers_end: r.measured.activeChallengersAtEnd,
  };
}

function offchainMetrics(o: Summary["offchain"]): Partial<HeadlineMetrics> {
  if (!o) return {};
  return {
    offchain_recovery_rate: o.recoveryRate,
    offchain_reported_rate: o.reportedRate,
    offchain_revenue_eth: o.trueRevenue.eth,
    offchain_share_of_token_revenue: o.shareOfTokenRevenue,
    lies_committed: o.liesCommitted,
    lies_detected: o.liesDetected,
    underreporting_lie_gain_eth: o.lieGainPerOperatorEth["under-reporting-operator"],
    underreporting_vs_honest_eth: o.underReportingVsHonestEth,
    strategic_lies: o.strategicLies,
    strategic_lie_gain_eth: o.lieGainPerOperatorEth["strategic-operator"],
    honest_operator_profit_eth: o.profitPerOperatorEth["honest-operator"],
    honest_operator_economic_profit_eth: o.economicProfitPerOperatorEth?.["honest-operator"] ?? null,
    prover_profit_eth: o.proverProfitEth,
  };
}
