import { capitalCostWei, lockedWeiSecondsUntil } from "../economics/capitalCost.ts";
import { computeCountsCostWei, computeSavedWei, computeSteps, type ComputeCounts } from "../economics/computeCost.ts";
import type { CostParameters } from "../economics/costParameters.ts";
import { gasCostWei } from "../economics/gasCost.ts";
import { economicProfitWei, netProfitWei } from "../economics/profitBreakdown.ts";
import type { OracleAccount } from "./summarizeFlows.ts";

/** Roles whose money runs through the oracle's bonds and rewards. */
export const ORACLE_WORKER_ROLES: ReadonlySet<string> = new Set(["honest-submitter", "malicious-submitter", "honest-challenger", "lazy-challenger", "griefer", "colluding-submitter", "colluding-challenger", "keeper"]);

export type AgentEconomics = {
  agent: string;
  role: string;
  transactions: number;
  bondsPostedWei: bigint;
  bondsReturnedWei: bigint;
  /** Bonds of undefeated claims that did not win, pulled back after finality. */
  bondsReleasedWei: bigint;
  bondsLostWei: bigint;
  /** Bonds still held by the oracle at the end (requests not final, or bonds not yet released). */
  bondsLockedWei: bigint;
  rewardsWei: bigint;
  callbackGasIncomeWei: bigint;
  slashIncomeWei: bigint;
  withdrawnWei: bigint;
  /** Pull credit left at the oracle at the end. */
  creditLeftWei: bigint;
  gasUsed: number;
  gasCostWei: bigint;
  /** rewards + callback gas income + slash income − bonds lost − gas cost (bonds still locked are neither). */
  netProfitWei: bigint;
  // Modelled, off the chain's books (the scenario's `costs` on what the agent did):
  /** Requests whose model it ran, lies it made up, game moves it made (its compute ledger). */
  compute: ComputeCounts;
  computeSteps: bigint;
  computeCostWei: bigint;
  /** What its lies saved against running the model (a memo: already inside computeCostWei). */
  computeSavedWei: bigint;
  /** wei × seconds its bonds were locked, from posting to return, refund or loss (or the run's end). */
  bondWeiSeconds: bigint;
  capitalCostWei: bigint;
  /** Wrong results of its that finalized, and what they are worth to it (× costs.lieValue). */
  wrongFinalResults: number;
  lieValueWei: bigint;
  /** net profit − compute cost − capital cost + lie value. */
  economicProfitWei: bigint;
};

export type AgentEconomicsParameters = {
  accounts: ReadonlyMap<string, OracleAccount>;
  agentGas: ReadonlyMap<string, { role: string; gas: number; transactions: number }>;
  bondsLost: ReadonlyMap<string, bigint>;
  /** Σ lost bond × the time its game ended, per agent (summarizeLatency). */
  bondsLostTimesTime: ReadonlyMap<string, bigint>;
  /** Each agent's compute ledger at the end (agent_epochs.csv); none: nothing computed. */
  compute: ReadonlyMap<string, ComputeCounts>;
  wrongFinalOwners: ReadonlyMap<string, number>;
  costs: CostParameters;
  /** Chain time the run ended: bonds still locked count until then. */
  endTime: number;
};

const NO_COMPUTE: ComputeCounts = { modelRuns: 0, lieRuns: 0, gameMoves: 0 };

/**
 * Profit of every submitter, challenger, griefer, colluder and the keeper, in two books. On the chain's: what the oracle paid it
 * against the bonds it lost (and the gas it burned, valued at the scenario's gas price): `netProfitWei`, whose
 * meaning has not changed. Modelled: the compute it ran, the capital its bonds locked, the value of its wrong
 * results that finalized: `economicProfitWei`. The modelled parts move no ETH and are no part of the
 * conservation check.
 */
export function agentEconomics({ accounts, agentGas, bondsLost, bondsLostTimesTime, compute, wrongFinalOwners, costs, endTime }: AgentEconomicsParameters): AgentEconomics[] {
  return [...agentGas.entries()]
    .filter(([, g]) => ORACLE_WORKER_ROLES.has(g.role))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agent, g]) => {
      const a = accounts.get(agent);
      const posted = a?.bondsPosted ?? 0n;
      const returned = a?.bondsReturned ?? 0n;
      const released = a?.bondsReleased ?? 0n;
      const lost = bondsLost.get(agent) ?? 0n;
      const rewards = a?.rewards ?? 0n;
      const callbackGas = a?.callbackGas ?? 0n;
      const slashIncome = a?.slashIncome ?? 0n;
      const credited = returned + released + rewards + callbackGas + slashIncome + (a?.otherCredits ?? 0n);
      const withdrawn = a?.withdrawn ?? 0n;
      const gasCost = gasCostWei(g.gas, costs.gasPriceWei);
      const counts = compute.get(agent) ?? NO_COMPUTE;
      const bondWeiSeconds = lockedWeiSecondsUntil(
        { locked: posted, lockedTimesTime: a?.bondsPostedTimesTime ?? 0n, released: returned + released + lost, releasedTimesTime: (a?.bondsReleasedTimesTime ?? 0n) + (bondsLostTimesTime.get(agent) ?? 0n) },
        endTime,
      );
      const wrongFinalResults = wrongFinalOwners.get(agent) ?? 0;
      const parts = {
        rewardsWei: rewards,
        callbackGasIncomeWei: callbackGas,
        slashIncomeWei: slashIncome,
        bondsLostWei: lost,
        gasCostWei: gasCost,
        computeCostWei: computeCountsCostWei(counts, costs),
        capitalCostWei: capitalCostWei(bondWeiSeconds, costs.capitalRateBps),
        lieValueWei: BigInt(wrongFinalResults) * costs.lieValueWei,
      };
      return {
        agent,
        role: g.role,
        transactions: g.transactions,
        bondsPostedWei: posted,
        bondsReturnedWei: returned,
        bondsReleasedWei: released,
        bondsLostWei: lost,
        bondsLockedWei: posted - returned - released - lost,
        rewardsWei: rewards,
        callbackGasIncomeWei: callbackGas,
        slashIncomeWei: slashIncome,
        withdrawnWei: withdrawn,
        creditLeftWei: credited - withdrawn,
        gasUsed: g.gas,
        gasCostWei: gasCost,
        netProfitWei: netProfitWei(parts),
        compute: counts,
        computeSteps: computeSteps(counts, costs),
        computeCostWei: parts.computeCostWei,
        computeSavedWei: computeSavedWei(counts, costs),
        bondWeiSeconds,
        capitalCostWei: parts.capitalCostWei,
        wrongFinalResults,
        lieValueWei: parts.lieValueWei,
        economicProfitWei: economicProfitWei(parts),
      };
    });
}
