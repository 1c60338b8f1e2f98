import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseEther } from "viem";
import { holderStrategies } from "../agents/roles.ts";
import { costParameters } from "../economics/costParameters.ts";
import { inferenceComputeWei } from "../economics/computeCost.ts";
import { requestPriceWei } from "../economics/demandCurve.ts";
import { agentEconomics, ORACLE_WORKER_ROLES, type AgentEconomics } from "./agentEconomics.ts";
import { demandByEpoch } from "./demandByEpoch.ts";
import { rationalByEpoch, rationalSummary, rationalTheory } from "./rationalByEpoch.ts";
import { holderEconomics, type HolderEconomics } from "./holderEconomics.ts";
import { computeLedgers, readAgentRecords } from "./readAgentRecords.ts";
import { revenueBySnapshot } from "./revenueBySnapshot.ts";
import { conservationLines } from "./conservationLines.ts";
import { describeDistribution, type Distribution } from "./describeDistribution.ts";
import { flattenParameters } from "./flattenParameters.ts";
import { categoryRank, FLOW_CATEGORIES } from "./flowCategories.ts";
import { holderYield, holderYieldBasis } from "./holderYield.ts";
import { marketOverTime } from "./marketOverTime.ts";
import { lpReturnsSummary, lpReturnsTable, readLpOutcomes } from "./lpReturnsReport.ts";
import { readCsv } from "./readCsv.ts";
import { contractNamesOf, HOLDER_RETURN_COLUMNS, holderReturnCsvRow, holderReturnsChart, holderReturnsSummary, readHolderReturns } from "./readHolderReturns.ts";
import { readSnapshots } from "./readSnapshots.ts";
import { readRunMetadata } from "./readRunMetadata.ts";
import { renderReportHtml, type ReportView } from "./renderReportHtml.ts";
import { verifyRunFolder } from "./verifyRunFolder.ts";
import { summarizeFlows, type FlowCell } from "./summarizeFlows.ts";
import { summarizeGas } from "./summarizeGas.ts";
import { summarizeLatency, type LatencyPair } from "./summarizeLatency.ts";
import { weiToEth } from "./weiToEth.ts";
import { usageReport } from "./usageReport.ts";
import { writeCsvTable } from "./writeCsvTable.ts";

export type BuildReportReturnType = {
  /** `<runDir>/report`. */
  reportDir: string;
  htmlPath: string;
  summaryPath: string;
  /** Whether every contract's ETH in − out equals its final balance. */
  conserved: boolean;
};

const amount = (wei: bigint) => ({ wei: wei.toString(), eth: weiToEth(wei) });
const flowKey = (c: FlowCell) => `${c.movement}|${c.category}|${c.from}|${c.to}`;
const byFlowOrder = (a: FlowCell, b: FlowCell) =>
  (a.movement === b.movement ? 0 : a.movement === "eth" ? -1 : 1) ||
  categoryRank(a.category) - categoryRank(b.category) ||
  (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
  (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
  (a.to < b.to ? -1 : a.to > b.to ? 1 : 0);
const latencyRows = (metric: string, population: string, p: LatencyPair) => [...statRows(metric, population, "seconds", p.seconds), ...statRows(metric, population, "blocks", p.blocks)];
function statRows(metric: string, population: string, unit: string, d: Distribution) {
  return (["count", "mean", "median", "p90", "p99", "max"] as const).map((statistic) => ({ metric, population, unit, statistic, value: d[statistic] }));
}

/**
 * Builds the report of a run folder from its files alone (metadata.json and the CSV tables), into
 * `<runDir>/report/`: tidy CSV tables, summary.json and a self-contained report.html. The same run
 * folder always gives the same bytes. The folder is first checked against the row counts and sha256 its run
 * recorded (verifyRunFolder): a damaged folder gets no report.
 */
export async function buildReport(runDir: string): Promise<BuildReportReturnType> {
  verifyRunFolder(runDir);
  const meta = readRunMetadata(runDir);
  const s = meta.scenario;
  const reportDir = join(runDir, "report");
  mkdirSync(reportDir, { recursive: true });
  const costs = costParameters(s, meta.model.traceLength);
  const gasPriceWei = costs.gasPriceWei;
  const blockSeconds = s.epoch.seconds / s.epoch.blocks;

  const flows = await summarizeFlows(runDir, { submitterRewardWei: parseEther(s.oracle.submitterReward), slashRemainder: s.oracle.slashRemainder });
  const latency = await summarizeLatency(runDir, {
    challengeWindowSeconds: s.oracle.challengeWindow,
    traceLength: meta.model.traceLength,
    responseDeadline: s.oracle.responseDeadline,
    blockSeconds,
    endTime: s.startTimestamp + s.epochs * s.epoch.seconds - blockSeconds,
  });
  const gas = await summarizeGas(runDir, new Set([...ORACLE_WORKER_ROLES, "investor"]));
  const epochRows: Record<string, string>[] = [];
  await readCsv(join(runDir, "epochs.csv"), (row) => epochRows.push({ ...row }));
  const records = await readAgentRecords(runDir);
  // Bonds and deposits still locked at the end count until the run's last block.
  const endTime = Number(epochRows.at(-1)?.time ?? s.startTimestamp + s.epochs * s.epoch.seconds);

  // Fee flows per epoch and in total.
  const epochs = Array.from({ length: s.epochs }, (_, e) => e);
  for (const e of flows.byEpoch.keys()) if (!epochs.includes(e)) epochs.push(e);
  epochs.sort((a, b) => a - b);
  const totals = new Map<string, FlowCell>();
  const flowsByEpoch: Record<string, unknown>[] = [];
  for (const epoch of epochs) {
    const cells = [...(flows.byEpoch.get(epoch)?.values() ?? [])].sort(byFlowOrder);
    for (const c of cells) {
      flowsByEpoch.push({ epoch, movement: c.movement, category: c.category, from: c.from, to: c.to, amount_wei: c.amount, amount_eth: weiToEth(c.amount), transfers: c.transfers });
      const t = totals.get(flowKey(c));
      if (t) {
        t.amount += c.amount;
        t.transfers += c.transfers;
      } else totals.set(flowKey(c), { ...c });
    }
  }
  const totalCells = [...totals.values()].sort(byFlowOrder);
  const sumOf = (category: string, movement?: "eth" | "credit", to?: string) =>
    totalCells.filter((c) => c.category === category && (movement === undefined || c.movement === movement) && (to === undefined || c.to === to)).reduce((sum, c) => sum + c.amount, 0n);

  const conservation = conservationLines(meta.finalBalancesWei, flows.ethIn, flows.ethOut);
  const conserved = conservation.every((l) => l.ok);
  const basis = holderYieldBasis(s);
  const yields = holderYield(epochs, flows.byEpoch, basis);
  const agents = agentEconomics({
    accounts: flows.oracleAccounts,
    agentGas: gas.agentGas,
    bondsLost: latency.bondsLost,
    bondsLostTimesTime: latency.bondsLostTimesTime,
    compute: computeLedgers(records),
    wrongFinalOwners: latency.wrongFinalOwners,
    costs,
    endTime,
  });
  const strategyOf = holderStrategies(s);
  const holders = holderEconomics({
    holderAccounts: flows.holderAccounts,
    agentGas: gas.agentGas,
    holderStrategyOf: (index) => strategyOf(index).holderStrategy,
    claimStrategy: s.holders.strategy,
    gasPriceWei,
    outsideRateBps: s.investors.outsideRateBps,
    endTime,
  });
  const snapshots = await readSnapshots(runDir);
  const snapshotRevenue = revenueBySnapshot(snapshots, flows.revenueSplits, s.token.claimWindow, s.token.unclaimedPolicy);
  const priceWei = requestPriceWei(s);
  const demand = demandByEpoch({
    demand: s.demand,
    priceWei,
    epochRequests: epochRows.map((r) => ({ epoch: Number(r.epoch), requests: Number(r.requests || "0") })),
    yields,
    snapshots,
    splits: flows.revenueSplits,
  });

  // Gas per request, end to end.
  const fn = (contract: string, name: string) => gas.byFunction.find((g) => g.contract === contract && g.function === name);
  const finalizeGas = (gas.successGas.get("OpmlOracle.finalizeBatch") ?? 0) + (gas.successGas.get("OpmlOracle.finalize") ?? 0);
  const finalizeShare = latency.counts.finalized === 0 ? 0 : Math.round(finalizeGas / latency.counts.finalized);
  const submitMean = fn("OpmlOracle", "submit")?.mean ?? 0;
  const gasPerRequest = [
    { kind: "inference", component: "request (OpmlOracle.requestCallback, mean)", gas: fn("OpmlOracle", "requestCallback")?.mean ?? 0 },
    { kind: "inference", component: "submit (OpmlOracle.submit, mean; runs the callback)", gas: submitMean },
    { kind: "inference", component: "finalize share (finalize gas / finalized requests)", gas: finalizeShare },
    { kind: "nft", component: "mint (AigcNFT.mint, mean; includes the oracle request)", gas: fn("AigcNFT", "mint")?.mean ?? 0 },
    { kind: "nft", component: "submit (OpmlOracle.submit, mean; runs the NFT callback)", gas: submitMean },
    { kind: "nft", component: "finalize share (finalize gas / finalized requests)", gas: finalizeShare },
  ];
  const perKind = (kind: string) => gasPerRequest.filter((g) => g.kind === kind).reduce((sum, g) => sum + g.gas, 0);
  const oracleGasAll = gas.byFunction.filter((g) => g.contract === "OpmlOracle" || g.contract === "BisectionGame").reduce((sum, g) => sum + (gas.successGas.get(`${g.contract}.${g.function}`) ?? 0) + g.revertedGas, 0);
  const gasEth = (g: number) => weiToEth(BigInt(Math.round(g)) * gasPriceWei);

  // Tables.
  writeCsvTable(join(reportDir, "fee_flows_by_epoch.csv"), ["epoch", "movement", "category", "from", "to", "amount_wei", "amount_eth", "transfers"], flowsByEpoch as never);
  writeCsvTable(
    join(reportDir, "fee_flows_total.csv"),
    ["movement", "category", "from", "to", "amount_wei", "amount_eth", "transfers", "description"],
    totalCells.map((c) => ({ movement: c.movement, category: c.category, from: c.from, to: c.to, amount_wei: c.amount, amount_eth: weiToEth(c.amount), transfers: c.transfers, description: (FLOW_CATEGORIES as Record<string, string>)[c.category] ?? "" })),
  );
  writeCsvTable(
    join(reportDir, "conservation.csv"),
    ["contract", "eth_in_wei", "eth_out_wei", "in_minus_out_wei", "final_balance_wei", "difference_wei", "status"],
    conservation.map((l) => ({ contract: l.contract, eth_in_wei: l.inWei, eth_out_wei: l.outWei, in_minus_out_wei: l.inMinusOutWei, final_balance_wei: l.finalBalanceWei, difference_wei: l.differenceWei, status: l.ok ? "ok" : "mismatch" })),
  );
  writeCsvTable(
    join(reportDir, "holder_yield.csv"),
    ["epoch", "token_revenue_wei", "claimed_wei", "burn_redeemed_wei", "revenue_yield", "claimed_yield", "cumulative_claimed_yield", "annualized_revenue_yield"],
    yields.map((y) => ({ epoch: y.epoch, token_revenue_wei: y.tokenRevenueWei, claimed_wei: y.claimedWei, burn_redeemed_wei: y.burnRedeemedWei, revenue_yield: y.revenueYield, claimed_yield: y.claimedYield, cumulative_claimed_yield: y.cumulativeClaimedYield, annualized_revenue_yield: y.annualizedRevenueYield })),
  );
  const agentColumns = [
    "agent",
    "role",
    "transactions",
    "bonds_posted_wei",
    "bonds_returned_wei",
    "bonds_released_wei",
    "bonds_lost_wei",
    "bonds_locked_wei",
    "rewards_wei",
    "callback_gas_income_wei",
    "slash_income_wei",
    "withdrawn_wei",
    "credit_left_wei",
    "gas_used",
    "gas_cost_wei",
    "net_profit_wei",
    "net_profit_eth",
    "model_runs",
    "lie_runs",
    "game_moves",
    "compute_steps",
    "compute_cost_wei",
    "compute_saved_wei",
    "bond_wei_seconds",
    "capital_cost_wei",
    "wrong_final_results",
    "lie_value_wei",
    "economic_profit_wei",
    "economic_profit_eth",
  ];
  writeCsvTable(join(reportDir, "agents.csv"), agentColumns, agents.map(agentRow));
  writeCsvTable(
    join(reportDir, "holders.csv"),
    ["agent", "holder_strategy", "claim_rule", "deposited_wei", "returned_wei", "invested_wei", "claims", "claim_gas", "claim_gas_cost_wei", "claimed_wei", "burn_redeemed_wei", "transactions", "gas_used", "gas_cost_wei", "net_income_wei", "net_income_eth", "outside_return_wei"],
    holders.map(holderRow),
  );
  writeCsvTable(
    join(reportDir, "revenue_by_snapshot.csv"),
    ["snapshot_id", "epoch", "block", "to_claimable_wei", "to_redeem_pool_wei", "rolled_in_wei", "pool_wei", "status", "claimed_wei", "left_unclaimed_wei", "left_to", "claimed_share"],
    snapshotRevenue.map((r) => ({
      snapshot_id: r.snapshotId,
      epoch: r.epoch,
      block: r.block,
      to_claimable_wei: r.toClaimableWei,
      to_redeem_pool_wei: r.toRedeemPoolWei,
      rolled_in_wei: r.rolledInWei,
      pool_wei: r.poolWei,
      status: r.status,
      claimed_wei: r.claimedWei,
      left_unclaimed_wei: r.leftUnclaimedWei,
      left_to: r.leftTo,
      claimed_share: r.claimedWei === undefined || r.poolWei === 0n ? undefined : ratio6(r.claimedWei, r.poolWei),
    })),
  );
  writeCsvTable(
    join(reportDir, "demand_by_epoch.csv"),
    ["epoch", "requests", "expected_requests", "price_wei", "token_revenue_wei", "claimed_wei", "unclaimed_rolled_forward_wei", "unclaimed_to_redeem_pool_wei"],
    demand.map((d) => ({
      epoch: d.epoch,
      requests: d.requests,
      expected_requests: d.expectedRequests,
      price_wei: d.priceWei,
      token_revenue_wei: d.tokenRevenueWei,
      claimed_wei: d.claimedWei,
      unclaimed_rolled_forward_wei: d.unclaimedRolledForwardWei,
      unclaimed_to_redeem_pool_wei: d.unclaimedToRedeemPoolWei,
    })),
  );
  const rational = await rationalByEpoch(runDir);
  writeCsvTable(
    join(reportDir, "rational_by_epoch.csv"),
    ["epoch", "answers", "lies", "lie_rate", "lies_resolved", "lies_caught", "catch_rate", "results_seen", "checks", "check_rate", "lies_found", "challenges", "firsts", "active_submitters", "active_challengers", "belief_catch", "belief_lie", "belief_first"],
    rational.map((r) => ({
      epoch: r.epoch,
      answers: r.answers,
      lies: r.lies,
      lie_rate: r.lieRate,
      lies_resolved: r.liesResolved,
      lies_caught: r.liesCaught,
      catch_rate: r.catchRate,
      results_seen: r.resultsSeen,
      checks: r.checks,
      check_rate: r.checkRate,
      lies_found: r.liesFound,
      challenges: r.challenges,
      firsts: r.firsts,
      active_submitters: r.activeSubmitters,
      active_challengers: r.activeChallengers,
      belief_catch: r.beliefCatch,
      belief_lie: r.beliefLie,
      belief_first: r.beliefFirst,
    })),
  );
  const theory = rational.length > 0 ? rationalTheory(s, meta.model.traceLength) : null;
  // Each holder's return split into revenue, burn, liquidity and price (runs that listed the token also summarize and
  // chart it). Contracts are not holders: the deployment's, and the token's pair (the name book calls it "pair").
  const returns = await readHolderReturns(runDir, contractNamesOf(meta.deployment));
  writeCsvTable(join(reportDir, "holder_returns.csv"), [...HOLDER_RETURN_COLUMNS], returns.rows.map(holderReturnCsvRow));
  // runs recorded before the market section existed have no market.csv (and no market settings)
  const market = await marketOverTime(runDir, (s as Partial<typeof s>).market?.marginBps ?? 0);
  writeCsvTable(
    join(reportDir, "dispute_latency.csv"),
    ["request_id", "kind", "first_submitter", "first_result_wrong", "griefed", "games", "bisection_moves", "corrections", "final_wrong", "submit_to_challenge_seconds", "submit_to_challenge_blocks", "submit_to_game_end_seconds", "submit_to_game_end_blocks", "submit_to_final_seconds", "submit_to_final_blocks"],
    latency.disputedRequests.map((d) => ({
      request_id: d.requestId,
      kind: d.kind,
      first_submitter: d.firstSubmitter,
      first_result_wrong: d.firstResultWrong,
      griefed: d.griefed,
      games: d.games,
      bisection_moves: d.bisectionMoves,
      corrections: d.corrections,
      final_wrong: d.finalWrong,
      submit_to_challenge_seconds: d.submitToChallenge?.seconds,
      submit_to_challenge_blocks: d.submitToChallenge?.blocks,
      submit_to_game_end_seconds: d.submitToGameEnd?.seconds,
      submit_to_game_end_blocks: d.submitToGameEnd?.blocks,
      submit_to_final_seconds: d.submitToFinal?.seconds,
      submit_to_final_blocks: d.submitToFinal?.blocks,
    })),
  );
  const stats = [
    ...latencyRows("time_to_finality", "all", latency.timeToFinality.all),
    ...latencyRows("time_to_finality", "undisputed", latency.timeToFinality.undisputed),
    ...latencyRows("time_to_finality", "disputed", latency.timeToFinality.disputed),
    ...latencyRows("submit_to_challenge", "disputed", latency.disputes.submitToChallenge),
    ...latencyRows("submit_to_game_end", "disputed", latency.disputes.submitToGameEnd),
    ...latencyRows("submit_to_final", "disputed", latency.disputes.submitToFinal),
    ...statRows("bisection_moves", "disputed", "moves", latency.disputes.bisectionMoves),
    ...statRows("griefing_delay", "griefed", "seconds", latency.griefingDelaySeconds),
    ...statRows("game_moves", "games", "moves", latency.games.moves),
    ...statRows("game_duration", "games", "seconds", latency.games.durationSeconds),
  ];
  writeCsvTable(join(reportDir, "latency_stats.csv"), ["metric", "population", "unit", "statistic", "value"], stats);
  writeCsvTable(
    join(reportDir, "gas_by_function.csv"),
    ["contract", "function", "calls", "min", "median", "mean", "p95", "max", "reverted", "reverted_gas", "rejected", "dropped"],
    gas.byFunction.map((g) => ({ contract: g.contract, function: g.function, calls: g.calls, min: g.min, median: g.median, mean: g.mean, p95: g.p95, max: g.max, reverted: g.reverted, reverted_gas: g.revertedGas, rejected: g.rejected, dropped: g.dropped })),
  );
  writeCsvTable(join(reportDir, "gas_per_request.csv"), ["kind", "component", "gas", "cost_eth"], [
    ...gasPerRequest.map((g) => ({ ...g, cost_eth: gasEth(g.gas) })),
    { kind: "inference", component: "total", gas: perKind("inference"), cost_eth: gasEth(perKind("inference")) },
    { kind: "nft", component: "total", gas: perKind("nft"), cost_eth: gasEth(perKind("nft")) },
  ]);

  // Off-chain usage (runs with an `offchain` section only: the others' report is as it was).
  const usage = s.offchain ? await usageReport(runDir, reportDir, { ...s, offchain: s.offchain }, yields.reduce((t, y) => t + y.tokenRevenueWei, 0n), { costs, bondLocks: flows.usageBondLocks, endTime }) : undefined;

  const lpOutcomes = await readLpOutcomes(runDir);
  // summary.json: figures in a fixed key order.
  // One sum over a list of agents' economics, for a role's figures and for the coalition's.
  const sumAgents = (list: readonly AgentEconomics[], k: keyof AgentEconomics) => list.reduce((t, a) => t + (a[k] as bigint), 0n);
  const role = (r: string) => {
    const list = agents.filter((a) => a.role === r);
    const sum = (k: keyof AgentEconomics) => sumAgents(list, k);
    return {
      role: r,
      agents: list.length,
      rewards: amount(sum("rewardsWei") + sum("callbackGasIncomeWei")),
      slashIncome: amount(sum("slashIncomeWei")),
      bondsLost: amount(sum("bondsLostWei")),
      gasCost: amount(sum("gasCostWei")),
      netProfit: amount(sum("netProfitWei")),
      computeCost: amount(sum("computeCostWei")),
      capitalCost: amount(sum("capitalCostWei")),
      lieValue: amount(sum("lieValueWei")),
      economicProfit: amount(sum("economicProfitWei")),
    };
  };
  const closed = snapshotRevenue.filter((r) => r.status === "closed");
  const closedPool = closed.reduce((t, r) => t + r.poolWei, 0n);
  const closedClaimed = closed.reduce((t, r) => t + (r.claimedWei ?? 0n), 0n);
  const holderSum = (list: readonly HolderEconomics[], k: "claimedWei" | "claimGasCostWei" | "gasCostWei" | "netIncomeWei" | "outsideReturnWei" | "investedWei") => list.reduce((t, h) => t + h[k], 0n);
  const holderGroup = (rule: string) => {
    const list = holders.filter((h) => h.claimRule === rule);
    return { claimRule: rule, holders: list.length, claims: list.reduce((t, h) => t + h.claims, 0), claimed: amount(holderSum(list, "claimedWei")), claimGasCost: amount(holderSum(list, "claimGasCostWei")), netIncome: amount(holderSum(list, "netIncomeWei")) };
  };
  const meanOf = (values: readonly number[]) => (values.length === 0 ? 0 : Math.round((values.reduce((t, v) => t + v, 0) / values.length) * 1e6) / 1e6);
  const slashedToTreasury = sumOf("bond-slashed-treasury");
  const lostTotal = [...latency.bondsLost.values()].reduce((t, v) => t + v, 0n);
  const settledSlashes = sumOf("bond-to-winner") + sumOf("bond-slashed-burned") + slashedToTreasury;
  // The oracle's books at the end, read from the oracle by the run (metadata.json), against what the flows say.
  const books = meta.oracleBooks;
  const bookWei = (key: string) => BigInt(books?.[key] ?? "0");
  const bondsPosted = sumOf("submitter-bonds-posted") + sumOf("challenger-bonds-posted");
  const bondsOut = sumOf("bond-returned") + sumOf("bond-released") + lostTotal;
  const oracleBooked = bookWei("credits") + bookWei("protocolFeesAccrued") + bookWei("burned") + bookWei("escrow") + bookWei("bondsHeld");
  const coalitionAgents = agents.filter((a) => a.role === "colluding-submitter" || a.role === "colluding-challenger");
  const coalitionSum = (k: keyof AgentEconomics) => sumAgents(coalitionAgents, k);
  const burnedOf = (b: bigint) => (s.oracle.slashRemainder === "burn" ? b : 0n);
  const summary = {
    run: { scenarioFile: meta.scenarioFile, scenarioHash: meta.scenarioHash, seed: meta.seed, gitCommit: meta.gitCommit, epochs: s.epochs, epochSeconds: s.epoch.seconds, blocksPerEpoch: s.epoch.blocks, gasPriceGwei: s.gas.priceGwei, rows: meta.rows, assertions: meta.assertions },
    conservation: { ok: conserved, lines: conservation.map((l) => ({ contract: l.contract, inWei: l.inWei.toString(), outWei: l.outWei.toString(), finalBalanceWei: l.finalBalanceWei.toString(), differenceWei: l.differenceWei.toString(), ok: l.ok })) },
    fees: {
      requestFeesPaid: amount(sumOf("request-fees") + sumOf("nft-oracle-fee")),
      modelShareToToken: amount(sumOf("model-share-to-token")),
      modelShareToOwner: amount(sumOf("model-share-to-owner")),
      submitterRewards: amount(sumOf("submitter-reward-paid")),
      callbackGas: amount(sumOf("callback-gas-paid")),
      protocolFees: amount(sumOf("protocol-fee")),
      nftMintFees: amount(sumOf("nft-mint-fee")),
      royalties: amount(sumOf("royalties", "eth", "token")),
      tokenRevenue: amount(yields.reduce((t, y) => t + y.tokenRevenueWei, 0n)),
      revenueClaimed: amount(sumOf("revenue-claims")),
      burnRedeemed: amount(sumOf("burn-redemptions")),
      unclaimedRolledForward: amount(sumOf("unclaimed-rolled-forward")),
      unclaimedToRedeemPool: amount(sumOf("unclaimed-to-redeem-pool")),
      expiredEscrowRefunds: amount(sumOf("expired-escrow-refund")),
    },
    bonds: {
      postedBySubmitters: amount(sumOf("submitter-bonds-posted")),
      postedByChallengers: amount(sumOf("challenger-bonds-posted")),
      returned: amount(sumOf("bond-returned")),
      released: amount(sumOf("bond-released")),
      lost: amount(lostTotal),
      toWinners: amount(sumOf("bond-to-winner")),
      burned: amount(sumOf("bond-slashed-burned")),
      toTreasury: amount(slashedToTreasury),
      heldAtEnd: amount(bookWei("bondsHeld")),
      lostMatchesSettlements: lostTotal === settledSlashes,
      // Every bond posted was paid back with a reward, released, lost in a game, or is still held, to the wei
      // (null for a run folder written before the oracle's books were recorded).
      accountedFor: books === undefined ? null : bondsPosted === bondsOut + bookWei("bondsHeld"),
    },
    oracleBooks: {
      balance: amount(bookWei("balance")),
      credits: amount(bookWei("credits")),
      protocolFeesAccrued: amount(bookWei("protocolFeesAccrued")),
      burned: amount(bookWei("burned")),
      escrow: amount(bookWei("escrow")),
      bondsHeld: amount(bookWei("bondsHeld")),
      balanced: books === undefined ? null : bookWei("balance") === oracleBooked,
      burnedMatchesFlows: books === undefined ? null : bookWei("burned") === sumOf("bond-slashed-burned"),
    },
    coalition: {
      agents: coalitionAgents.length,
      attackedRequests: latency.attacked.count,
      bondsLost: amount(latency.coalitionBonds.lost),
      bondsBurned: amount(burnedOf(latency.coalitionBonds.burned)),
      bondsToTreasury: amount(latency.coalitionBonds.burned - burnedOf(latency.coalitionBonds.burned)),
      paidToOthers: amount(latency.coalitionBonds.paidToOthers),
      paidWithinCoalition: amount(latency.coalitionBonds.paidWithinCoalition),
      rewardsCollected: amount(coalitionSum("rewardsWei") + coalitionSum("callbackGasIncomeWei")),
      gasCost: amount(coalitionSum("gasCostWei")),
      netCost: amount(-coalitionSum("netProfitWei")),
    },
    protocolRevenue: { fees: amount(sumOf("protocol-fee")), slashedBonds: amount(slashedToTreasury), total: amount(sumOf("protocol-fee") + slashedToTreasury) },
    raise: {
      deposits: amount(sumOf("raise-deposits")),
      proceeds: amount(sumOf("raise-proceeds")),
      refunds: amount(sumOf("raise-refunds")),
      withdrawals: amount(sumOf("raise-withdrawals")),
      dust: amount(sumOf("raise-dust")),
      revenueHarvested: amount(sumOf("launch-harvests")),
      revenuePaidToInvestors: amount(sumOf("launch-revenue-paid")),
      revenueRecycled: amount(sumOf("launch-revenue-recycled")),
      heldAtEnd: amount(BigInt(meta.finalBalancesWei.launch ?? "0")),
    },
    holderYield: {
      salePriceEth: basis.salePriceEth,
      publicSaleTokens: basis.publicSaleTokens,
      eligibleTokens: basis.eligibleTokens,
      eligibleValueEth: basis.eligibleValueEth,
      revenueYieldTotal: Math.round(yields.reduce((t, y) => t + y.revenueYield, 0) * 1e10) / 1e10,
      claimedYieldTotal: yields.at(-1)?.cumulativeClaimedYield ?? 0,
      annualizedRevenueYield: Math.round((yields.reduce((t, y) => t + y.revenueYield, 0) / Math.max(1, yields.length)) * basis.epochsPerYear * 1e10) / 1e10,
      // A run shorter than one snapshot period paid holders nothing yet: its annual figure is an extrapolation.
      annualizedIsExtrapolation: s.epochs < s.token.snapshotIntervalEpochs,
      runEpochs: s.epochs,
      snapshotIntervalEpochs: s.token.snapshotIntervalEpochs,
    },
    agents: ["honest-submitter", "malicious-submitter", "honest-challenger", "lazy-challenger", "griefer", "colluding-submitter", "colluding-challenger", "keeper"].map(role),
    latency: {
      counts: latency.counts,
      timeToFinality: latency.timeToFinality,
      disputes: latency.disputes,
      griefingDelaySeconds: latency.griefingDelaySeconds,
      games: latency.games,
      finalityBound: latency.finalityBound,
      attacked: latency.attacked,
    },
    gas: {
      priceGwei: s.gas.priceGwei,
      transactions: gas.transactions,
      totalGas: gas.totalGas,
      totalCost: amount(BigInt(gas.totalGas) * gasPriceWei),
      perInference: { gas: perKind("inference"), costEth: gasEth(perKind("inference")) },
      perNftMint: { gas: perKind("nft"), costEth: gasEth(perKind("nft")) },
      oracleGasPerFinalizedRequest: latency.counts.finalized === 0 ? null : Math.round(oracleGasAll / latency.counts.finalized),
    },
    costs: {
      modelTraceLength: costs.traceLength,
      computePerMillionSteps: amount(costs.computeWeiPerMillionSteps),
      computePerInference: amount(inferenceComputeWei(costs)),
      gameMoveComputeBps: costs.gameMoveComputeBps,
      lieComputeSavedBps: costs.lieComputeSavedBps,
      capitalRateBps: costs.capitalRateBps,
      lieValue: amount(costs.lieValueWei),
      gasPriceGwei: s.gas.priceGwei,
      // Compute, capital and lie value are modelled: they move no ETH and are outside the conservation check.
      totals: {
        computeCost: amount(agents.reduce((t, a) => t + a.computeCostWei, 0n)),
        capitalCost: amount(agents.reduce((t, a) => t + a.capitalCostWei, 0n)),
        lieValue: amount(agents.reduce((t, a) => t + a.lieValueWei, 0n)),
      },
    },
    demand: {
      strategy: s.demand.strategy,
      elasticity: s.demand.strategy === "elastic" ? s.demand.elasticity : 0,
      referenceFee: amount(parseEther(s.demand.referenceFee)),
      modelFee: amount(parseEther(s.model.fee)),
      pricePerRequest: amount(priceWei),
      requestsPerEpoch: meanOf(demand.map((d) => d.requests)),
      expectedRequestsPerEpoch: meanOf(demand.map((d) => d.expectedRequests)),
    },
    revenueClaims: {
      snapshots: snapshotRevenue.length,
      closedSnapshots: closed.length,
      // by holders, and by the launch for the sale tokens it holds (it pays investors when they collect)
      claimed: amount(sumOf("revenue-claims") + sumOf("launch-harvests")),
      claimedByLaunch: amount(sumOf("launch-harvests")),
      rolledForward: amount(sumOf("unclaimed-rolled-forward")),
      toRedeemPool: amount(sumOf("unclaimed-to-redeem-pool")),
      closedPools: amount(closedPool),
      closedClaimed: amount(closedClaimed),
      closedClaimedShare: closedPool === 0n ? null : ratio6(closedClaimed, closedPool),
      openClaimableAtEnd: amount(BigInt(epochRows.at(-1)?.token_open_claimable_wei || "0")),
    },
    holders: {
      strategy: s.holders.strategy,
      investorStrategy: s.investors.strategy,
      outsideRateBps: s.investors.outsideRateBps,
      investors: holders.length,
      joined: holders.filter((h) => h.depositedWei > 0n).length,
      invested: amount(holderSum(holders, "investedWei")),
      claims: holders.reduce((t, h) => t + h.claims, 0),
      claimed: amount(holderSum(holders, "claimedWei")),
      claimGasCost: amount(holderSum(holders, "claimGasCostWei")),
      gasCost: amount(holderSum(holders, "gasCostWei")),
      netIncome: amount(holderSum(holders, "netIncomeWei")),
      outsideReturn: amount(holderSum(holders, "outsideReturnWei")),
      byClaimRule: [...new Set(holders.map((h) => h.claimRule))].sort().map(holderGroup),
    },
    ...(usage ? { offchain: usage.summary } : {}),
    ...(market ? { holderReturns: holderReturnsSummary(returns) } : {}),
    // Only market runs with a liquidity position (the launch's pairing, providers) have this section.
    ...(lpOutcomes ? { lpReturns: lpReturnsSummary(lpOutcomes) } : {}),
    // Only runs with rational submitters or challengers have this section (earlier summaries keep their bytes).
    ...(theory === null ? {} : { rational: { submitterStrategy: s.submitters.strategy, challengerStrategy: s.challengers.strategy, measured: rationalSummary(rational), theory } }),
  };
  const summaryPath = join(reportDir, "summary.json");
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);

  // report.html
  const view: ReportView = {
    title: meta.scenarioFile ?? "run",
    description: s.description ?? "",
    meta: [
      ["scenario", meta.scenarioFile ?? "(inline)"],
      ["scenario hash", meta.scenarioHash],
      ["seed", String(meta.seed)],
      ["git commit", meta.gitCommit],
      ["epochs", `${s.epochs} × ${s.epoch.seconds} s (${s.epoch.blocks} blocks)`],
    ],
    headline: [
      ["Requests", String(latency.counts.requests)],
      ["Finalized", String(latency.counts.finalized)],
      ["Wrong results finalized", String(latency.counts.wrongFinalized)],
      ["Correct results delayed by griefing", String(latency.counts.griefedDelayed)],
      ["Median time to finality", fmtSeconds(latency.timeToFinality.all.seconds.median)],
      ["p99 time to finality", fmtSeconds(latency.timeToFinality.all.seconds.p99)],
      ["Revenue into the token", `${fmtEth(summary.fees.tokenRevenue.eth)} ETH`],
      ["Revenue claimed by holders", `${fmtEth(summary.fees.revenueClaimed.eth)} ETH`],
      [
        "Annualized revenue yield at sale price",
        `${(summary.holderYield.annualizedRevenueYield * 100).toFixed(3)} %${summary.holderYield.annualizedIsExtrapolation ? ` (extrapolated: the run, ${s.epochs} epochs, is shorter than one snapshot period, ${s.token.snapshotIntervalEpochs} epochs)` : ""}`,
      ],
      ["Protocol revenue", `${fmtEth(summary.protocolRevenue.total.eth)} ETH`],
      ["Gas per inference", `${perKind("inference").toLocaleString("en-US")} (${fmtEth(gasEth(perKind("inference")))} ETH)`],
      ["Gas per NFT mint", `${perKind("nft").toLocaleString("en-US")} (${fmtEth(gasEth(perKind("nft")))} ETH)`],
      ["Finality within the claim rule's bound", `${latency.finalityBound.pastBound + latency.finalityBound.openPastBound === 0 ? "ok" : "EXCEEDED"} (worst: ${fmtSignedSeconds(latency.finalityBound.overBoundSeconds.max)} from windowEnd + ${fmtSeconds(latency.finalityBound.boundSeconds - s.oracle.challengeWindow)})`],
      ["Money conserved", conserved && summary.oracleBooks.balanced !== false ? "ok" : "MISMATCH"],
      ["Price per request", `${fmtEth(weiToEth(priceWei))} ETH (${s.demand.strategy === "elastic" ? `elastic demand, elasticity ${s.demand.elasticity}` : "scripted demand"})`],
      ["Requests per epoch, mean", `${summary.demand.requestsPerEpoch} (curve: ${summary.demand.expectedRequestsPerEpoch})`],
      ["Revenue left unclaimed, rolled forward", `${fmtEth(summary.revenueClaims.rolledForward.eth)} ETH`],
      ["Holders' claim gas", `${fmtEth(summary.holders.claimGasCost.eth)} ETH (${summary.holders.claims} claims, ${s.holders.strategy})`],
      ...(usage?.headline ?? []),
    ],
    flowsOverTime: {
      epochs,
      series: ["model-share-to-token", "model-share-to-owner", "nft-mint-fee", "royalties", "protocol-fee", "submitter-reward-escrow", "callback-gas-escrow", "usage-revenue"].map((category) => ({
        name: category,
        data: epochs.map((e) => weiToEth([...(flows.byEpoch.get(e)?.values() ?? [])].filter((c) => c.category === category && (category !== "royalties" || c.to === "token")).reduce((t, c) => t + c.amount, 0n))),
      })).filter((series) => series.data.some((x) => x !== 0)), // no legend entry for a flow the run never had
    },
    sankey: sankeyOf(totalCells),
    feeSankey: feeSankeyOf(totalCells),
    finalityCdfHours: latency.finalityCdfHours,
    gasBars: gas.byFunction.filter((g) => g.median !== null).map((g) => ({ name: `${g.contract}.${g.function}`, median: g.median ?? 0, p95: g.p95 ?? 0 })),
    yieldOverTime: { epochs, revenueYieldPct: yields.map((y) => round6(y.revenueYield * 100)), cumulativeClaimedPct: yields.map((y) => round6(y.cumulativeClaimedYield * 100)) },
    demandOverTime: {
      epochs: demand.map((d) => d.epoch),
      requests: demand.map((d) => d.requests),
      expected: demand.map((d) => d.expectedRequests),
      priceEth: weiToEth(priceWei),
    },
    market,
    holderReturns: market ? holderReturnsChart(returns) : undefined,
    claimsBySnapshot: {
      snapshots: snapshotRevenue.map((r) => r.snapshotId),
      claimed: snapshotRevenue.map((r) => (r.claimedWei === undefined ? 0 : weiToEth(r.claimedWei))),
      left: snapshotRevenue.map((r) => (r.leftUnclaimedWei === undefined ? 0 : weiToEth(r.leftUnclaimedWei))),
      open: snapshotRevenue.map((r) => (r.status === "open" ? weiToEth(r.poolWei) : 0)),
    },
    rationalOverTime:
      theory === null
        ? null
        : {
            epochs: rational.map((r) => r.epoch),
            lieRate: rational.map((r) => r.lieRate),
            checkRate: rational.map((r) => r.checkRate),
            catchRate: rational.map((r) => r.catchRate),
            activeSubmitters: rational.map((r) => r.activeSubmitters),
            activeChallengers: rational.map((r) => r.activeChallengers),
            pStar: Math.min(1, theory.lieRate),
            qStar: Math.min(1, theory.checkRate),
            pLearning: theory.learningLieRate,
            qLearning: theory.learningCheckRate,
          },
    books: {
      epochs: epochRows.map((r) => Number(r.epoch)),
      pending: epochRows.map((r) => weiToEth(BigInt(r.token_pending_wei || "0"))),
      claimable: epochRows.map((r) => weiToEth(BigInt(r.token_open_claimable_wei || "0"))),
      redeemPool: epochRows.map((r) => weiToEth(BigInt(r.token_redeem_pool_wei || "0"))),
    },
    ...(usage ? { usage: usage.view } : {}),
    tables: [
      { title: "Conservation of ETH per contract", note: "ETH in − ETH out (eth rows of flows.csv) against the final balance in metadata.json, to the wei.", columns: ["contract", "in (wei)", "out (wei)", "in − out (wei)", "final balance (wei)", "status"], rows: conservation.map((l) => [l.contract, fmtWei(l.inWei), fmtWei(l.outWei), fmtWei(l.inMinusOutWei), fmtWei(l.finalBalanceWei), l.ok ? "ok" : `mismatch (${fmtWei(l.differenceWei)})`]) },
      { title: "Fee flows, totals", note: "eth = ETH moved between addresses; credit = bookkeeping inside the oracle or the token.", columns: ["movement", "category", "from", "to", "ETH", "transfers"], rows: totalCells.map((c) => [c.movement, c.category, c.from, c.to, fmtEth(weiToEth(c.amount)), String(c.transfers)]) },
      { title: "Dispute latency (from the disputed submission)", note: "Chain time; over requests with at least one game.", columns: ["metric", "unit", "count", "mean", "median", "p90", "p99", "max"], rows: stats.reduce<string[][]>(pivotStats, []) },
      { title: "Submitters and challengers", note: "net profit = rewards + callback gas + slash income − bonds lost − gas cost.", columns: ["agent", "role", "txs", "bonds posted", "bonds lost", "locked", "rewards", "slash income", "gas cost", "net profit (ETH)"], rows: agents.map((a) => [a.agent, a.role, String(a.transactions), fmtEth(weiToEth(a.bondsPostedWei)), fmtEth(weiToEth(a.bondsLostWei)), fmtEth(weiToEth(a.bondsLockedWei)), fmtEth(weiToEth(a.rewardsWei + a.callbackGasIncomeWei)), fmtEth(weiToEth(a.slashIncomeWei)), fmtEth(weiToEth(a.gasCostWei)), fmtEth(weiToEth(a.netProfitWei))]) },
      {
        title: "Submitters and challengers: modelled costs",
        note: `Off the chain's books (the scenario's costs section): compute at ${fmtEth(weiToEth(costs.computeWeiPerMillionSteps))} ETH per million steps (${costs.traceLength.toLocaleString("en-US")} steps per inference), capital locked in bonds at ${costs.capitalRateBps / 100} % a year, ${fmtEth(weiToEth(costs.lieValueWei))} ETH per wrong final result. Economic profit = net profit − compute − capital + lie value; compute saved by lying is a memo, already inside compute.`,
        columns: ["agent", "role", "model runs", "lies", "game moves", "compute", "compute saved", "capital", "wrong final", "lie value", "net profit", "economic profit (ETH)"],
        rows: agents.map((a) => [a.agent, a.role, fmtInt(a.compute.modelRuns), fmtInt(a.compute.lieRuns), fmtInt(a.compute.gameMoves), fmtEth(weiToEth(a.computeCostWei)), fmtEth(weiToEth(a.computeSavedWei)), fmtEth(weiToEth(a.capitalCostWei)), fmtInt(a.wrongFinalResults), fmtEth(weiToEth(a.lieValueWei)), fmtEth(weiToEth(a.netProfitWei)), fmtEth(weiToEth(a.economicProfitWei))]),
      },
      {
        title: "Revenue per snapshot",
        note: `What each snapshot made claimable (its claimable share plus what rolled in), and, once its window of ${s.token.claimWindow} snapshot(s) closed, what holders claimed and what they left (${s.token.unclaimedPolicy}). Holders claim ${s.holders.strategy === "rational" ? "only when a claim is worth more than its gas" : "by their scripts"}.`,
        columns: ["snapshot", "epoch", "to claimable", "rolled in", "claimable", "claimed", "left unclaimed", "left to", "claimed share"],
        rows: snapshotRevenue.map((r) => [String(r.snapshotId), String(r.epoch), fmtEth(weiToEth(r.toClaimableWei)), fmtEth(weiToEth(r.rolledInWei)), fmtEth(weiToEth(r.poolWei)), r.claimedWei === undefined ? "open" : fmtEth(weiToEth(r.claimedWei)), r.leftUnclaimedWei === undefined ? "open" : fmtEth(weiToEth(r.leftUnclaimedWei)), r.leftTo ?? "–", r.claimedWei === undefined || r.poolWei === 0n ? "–" : `${(ratio6(r.claimedWei, r.poolWei) * 100).toFixed(1)} %`]),
      },
      {
        title: "Holders",
        note: `Each investor: what it put into the raise, claimed and redeemed, and its gas at ${s.gas.priceGwei} gwei. Net income = claimed + redeemed − gas cost; outside return = what the ETH it kept in the raise would have earned at ${s.investors.outsideRateBps / 100} % a year (modelled).`,
        columns: ["agent", "strategy", "claims by", "invested", "claims", "claimed", "claim gas cost", "redeemed", "gas cost", "net income", "outside return"],
        rows: holders.map((h) => [h.agent, h.holderStrategy, h.claimRule, fmtEth(weiToEth(h.investedWei)), fmtInt(h.claims), fmtEth(weiToEth(h.claimedWei)), fmtEth(weiToEth(h.claimGasCostWei)), fmtEth(weiToEth(h.burnRedeemedWei)), fmtEth(weiToEth(h.gasCostWei)), fmtEth(weiToEth(h.netIncomeWei)), fmtEth(weiToEth(h.outsideReturnWei))]),
      },
      { title: "Gas by function (successful transactions)", note: `Cost at ${s.gas.priceGwei} gwei. Reverted transactions are counted apart.`, columns: ["function", "calls", "min", "median", "mean", "p95", "max", "reverted"], rows: gas.byFunction.map((g) => [`${g.contract}.${g.function}`, String(g.calls), fmtInt(g.min), fmtInt(g.median), fmtInt(g.mean), fmtInt(g.p95), fmtInt(g.max), fmtInt(g.reverted)]) },
      ...(usage?.tables ?? []),
      ...(lpOutcomes ? [lpReturnsTable(lpOutcomes, fmtEth)] : []),
      { title: "Scenario parameters", note: `Resolved scenario (hash ${meta.scenarioHash.slice(0, 12)}…).`, columns: ["parameter", "value"], rows: flattenParameters(s).map((p) => [p.parameter, p.value]) },
    ],
  };
  const echartsSource = readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8");
  const htmlPath = join(reportDir, "report.html");
  writeFileSync(htmlPath, renderReportHtml(view, echartsSource));
  return { reportDir, htmlPath, summaryPath, conserved };
}

function agentRow(a: AgentEconomics) {
  return {
    agent: a.agent,
    role: a.role,
    transactions: a.transactions,
    bonds_posted_wei: a.bondsPostedWei,
    bonds_returned_wei: a.bondsReturnedWei,
    bonds_released_wei: a.bondsReleasedWei,
    bonds_lost_wei: a.bondsLostWei,
    bonds_locked_wei: a.bondsLockedWei,
    rewards_wei: a.rewardsWei,
    callback_gas_income_wei: a.callbackGasIncomeWei,
    slash_income_wei: a.slashIncomeWei,
    withdrawn_wei: a.withdrawnWei,
    credit_left_wei: a.creditLeftWei,
    gas_used: a.gasUsed,
    gas_cost_wei: a.gasCostWei,
    net_profit_wei: a.netProfitWei,
    net_profit_eth: weiToEth(a.netProfitWei),
    model_runs: a.compute.modelRuns,
    lie_runs: a.compute.lieRuns,
    game_moves: a.compute.gameMoves,
    compute_steps: a.computeSteps,
    compute_cost_wei: a.computeCostWei,
    compute_saved_wei: a.computeSavedWei,
    bond_wei_seconds: a.bondWeiSeconds,
    capital_cost_wei: a.capitalCostWei,
    wrong_final_results: a.wrongFinalResults,
    lie_value_wei: a.lieValueWei,
    economic_profit_wei: a.economicProfitWei,
    economic_profit_eth: weiToEth(a.economicProfitWei),
  };
}

function holderRow(h: HolderEconomics) {
  return {
    agent: h.agent,
    holder_strategy: h.holderStrategy,
    claim_rule: h.claimRule,
    deposited_wei: h.depositedWei,
    returned_wei: h.returnedWei,
    invested_wei: h.investedWei,
    claims: h.claims,
    claim_gas: h.claimGas,
    claim_gas_cost_wei: h.claimGasCostWei,
    claimed_wei: h.claimedWei,
    burn_redeemed_wei: h.burnRedeemedWei,
    transactions: h.transactions,
    gas_used: h.gasUsed,
    gas_cost_wei: h.gasCostWei,
    net_income_wei: h.netIncomeWei,
    net_income_eth: weiToEth(h.netIncomeWei),
    outside_return_wei: h.outsideReturnWei,
  };
}

/** a / b as a ratio rounded to 6 decimals (wei amounts; b > 0). */
function ratio6(a: bigint, b: bigint): number {
  return Number((a * 2_000_000n + b) / (2n * b)) / 1e6;
}

const CONTRACTS = new Set(["oracle", "token", "nft", "market", "launch", "game", "registry", "ledger"]);

/**
 * Where the fees went, without the raise and the bonds (which dwarf them): payments for requests, NFT mints and
 * royalties, the oracle's split of each fee (model share, protocol fee, submitter reward and callback gas through
 * escrow), the token's payouts to holders, and the revenue of the sale tokens the launch holds for investors: the
 * launch's harvests (and the redemptions of the sale tokens it burns) net of what it recycled into the token
 * (revenue nobody bought, shared again at the next snapshot and drawn again when it is claimed), and the revenue
 * it paid (or credited) to collecting investors. Credit lines stand for the oracle's splits; the ETH that later
 * leaves the oracle for them (withdrawals, flushes) is not drawn again, nor is the ETH of a payout held as a
 * credit (it is drawn once, to its payee). The raise itself (deposits, refunds, proceeds, dust) is left out.
 */
const FEE_LINKS = new Set([
  "eth|request-fees",
  "eth|nft-mint-payments",
  "eth|nft-oracle-fee",
  "eth|nft-mint-fee",
  "eth|royalties",
  "eth|revenue-claims",
  "eth|burn-redemptions",
  "eth|launch-harvests",
  "eth|launch-burn-redemptions",
  "eth|launch-revenue-recycled",
  "eth|launch-revenue-paid",
  "credit|model-share-to-token",
  "credit|model-share-to-owner",
  "credit|protocol-fee",
  "credit|submitter-reward-escrow",
  "credit|callback-gas-escrow",
  "credit|submitter-reward-paid",
  "credit|callback-gas-paid",
  "eth|usage-report-payments",
  "eth|usage-revenue",
]);

type SankeyLink = { source: string; target: string; value: bigint };

function feeSankeyOf(cells: readonly FlowCell[]): ReportView["sankey"] {
  const links = new Map<string, SankeyLink>();
  for (const c of cells) {
    if (!FEE_LINKS.has(`${c.movement}|${c.category}`) || c.from === c.to) continue;
    const key = `${c.from}→${c.to}`;
    const link = links.get(key) ?? { source: c.from, target: c.to, value: 0n };
    link.value += c.amount;
    links.set(key, link);
  }
  // the token pays the launch its sale tokens' revenue and the launch recycles some of it: shown net
  netContractPairs(links);
  return sankeyView(links);
}

/**
 * Real ETH totals as a DAG for the sankey: contracts are single nodes (two that pay each other are netted); any
 * other party appears as a payer and, apart, as a payee.
 */
function sankeyOf(cells: readonly FlowCell[]): ReportView["sankey"] {
  const links = new Map<string, SankeyLink>();
  for (const c of cells) {
    if (c.movement !== "eth" || c.from === c.to || c.from === "none" || c.to === "none") continue;
    const source = c.from;
    const target = CONTRACTS.has(c.to) ? c.to : `${c.to} (receives)`;
    const key = `${source}→${target}`;
    const link = links.get(key) ?? { source, target, value: 0n };
    link.value += c.amount;
    links.set(key, link);
  }
  netContractPairs(links);
  return sankeyView(links);
}

/**
 * Two contracts that pay each other (the token pays the launch its sale tokens' revenue, the launch recycles
 * some of it back; the oracle pays the NFT its credit, the NFT pays the oracle fees) are shown net, in one
 * direction, so the sankey stays a DAG. Netting keeps each node's in − out unchanged.
 */
function netContractPairs(links: Map<string, SankeyLink>): void {
  for (const link of links.values()) {
    if (!CONTRACTS.has(link.source) || !CONTRACTS.has(link.target)) continue;
    const back = links.get(`${link.target}→${link.source}`);
    if (!back || back.value === 0n || link.value === 0n) continue;
    const net = link.value - back.value;
    link.value = net > 0n ? net : 0n;
    back.value = net < 0n ? -net : 0n;
  }
}

function sankeyView(links: ReadonlyMap<string, SankeyLink>): ReportView["sankey"] {
  const list = [...links.values()].filter((l) => l.value > 0n);
  const nodes = [...new Set(list.flatMap((l) => [l.source, l.target]))].sort();
  return { nodes, links: list.map((l) => ({ source: l.source, target: l.target, value: weiToEth(l.value) })) };
}

function pivotStats(rows: string[][], r: { metric: string; population: string; unit: string; statistic: string; value: number | null }): string[][] {
  const label = `${r.metric} (${r.population})`;
  let row = rows.find((x) => x[0] === label && x[1] === r.unit);
  if (!row) rows.push((row = [label, r.unit]));
  row.push(r.value === null ? "–" : r.statistic === "count" ? fmtInt(r.value) : fmtRounded(r.value));
  return rows;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const fmtEth = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(4) : x.toPrecision(4).replace(/\.?0+$/, "").replace(/^0$/, "0"));
/** A whole figure (gas, counts; a mean rounded to the unit) with thousands separators. */
const fmtInt = (x: number | null) => (x === null ? "–" : Math.round(x).toLocaleString("en-US"));
/** A statistic for reading: thousands separators, one decimal at most. */
const fmtRounded = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
/** Exact wei with thousands separators (the CSV tables keep the bare digits). */
const fmtWei = (wei: bigint): string => (wei < 0n ? `−${fmtWei(-wei)}` : wei.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ","));
function fmtSignedSeconds(x: number | null): string {
  if (x === null) return "–";
  return x < 0 ? `−${fmtSeconds(-x)}` : `+${fmtSeconds(x)}`;
}
function fmtSeconds(x: number | null): string {
  if (x === null) return "–";
  return x >= 3600 ? `${(x / 3600).toFixed(2)} h` : `${(x / 60).toFixed(1)} min`;
}
