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
};

export type AgentEconomicsParameters = {
  accounts: ReadonlyMap<string, OracleAccount>;
  agentGas: ReadonlyMap<string, { role: string; gas: number; transactions: number }>;
  bondsLost: ReadonlyMap<string, bigint>;
  gasPriceWei: bigint;
};

/** Profit of every submitter, challenger, griefer, colluder and the keeper: what the oracle paid it against the bonds it lost and the gas it burned. */
export function agentEconomics({ accounts, agentGas, bondsLost, gasPriceWei }: AgentEconomicsParameters): AgentEconomics[] {
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
      const gasCostWei = BigInt(g.gas) * gasPriceWei;
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
        gasCostWei,
        netProfitWei: rewards + callbackGas + slashIncome - lost - gasCostWei,
      };
    });
}
