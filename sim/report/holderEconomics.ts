import { capitalCostWei, lockedWeiSecondsUntil } from "../economics/capitalCost.ts";
import { gasCostWei } from "../economics/gasCost.ts";
import type { AgentGas } from "./summarizeGas.ts";
import type { HolderAccount } from "./summarizeFlows.ts";

export type HolderEconomics = {
  agent: string;
  /** Its holder trait (claim-every-snapshot, …, passive). */
  holderStrategy: string;
  /** How it claims: its script, `rational` (holders.strategy), or `never`. */
  claimRule: string;
  depositedWei: bigint;
  /** Refunds of an oversubscribed raise and withdrawals from a failed one. */
  returnedWei: bigint;
  investedWei: bigint;
  claims: number;
  claimGas: number;
  claimGasCostWei: bigint;
  claimedWei: bigint;
  burnRedeemedWei: bigint;
  transactions: number;
  gasUsed: number;
  gasCostWei: bigint;
  /** claimed + burn redeemed − gas cost (all its transactions), on the chain's books but for gas. */
  netIncomeWei: bigint;
  /** What the ETH it kept in the raise would have earned at the investors' outside rate over the same time (modelled). */
  outsideReturnWei: bigint;
};

export type HolderEconomicsParameters = {
  holderAccounts: ReadonlyMap<string, HolderAccount>;
  agentGas: ReadonlyMap<string, AgentGas>;
  /** The holder trait of investor `index` (the role registry's, from the scenario). */
  holderStrategyOf(index: number): string;
  /** `scripted` or `rational` (holders.strategy). */
  claimStrategy: string;
  gasPriceWei: bigint;
  outsideRateBps: number;
  endTime: number;
};

const CLAIMING_SCRIPTS = new Set(["claim-every-snapshot", "claim-late", "burn-after-snapshot", "burn-before-snapshot"]);

const indexOf = (agent: string) => Number(/-(\d+)$/.exec(agent)?.[1] ?? "0");

/** Every investor's line: what it put in, claimed and redeemed, what its claims and other transactions cost in gas, and its outside option. */
export function holderEconomics({ holderAccounts, agentGas, holderStrategyOf, claimStrategy, gasPriceWei, outsideRateBps, endTime }: HolderEconomicsParameters): HolderEconomics[] {
  const investors = new Set([...holderAccounts.keys(), ...[...agentGas].filter(([, g]) => g.role === "investor").map(([a]) => a)]);
  return [...investors]
    .sort((a, b) => indexOf(a) - indexOf(b))
    .map((agent) => {
      const h = holderAccounts.get(agent);
      const g = agentGas.get(agent);
      const holderStrategy = holderStrategyOf(indexOf(agent));
      const claimRule = holderStrategy === "never-claim" ? "never" : claimStrategy === "rational" ? "rational" : CLAIMING_SCRIPTS.has(holderStrategy) ? holderStrategy : "never";
      const deposited = h?.deposited ?? 0n;
      const returned = h?.returned ?? 0n;
      const claimed = h?.claimed ?? 0n;
      const redeemed = h?.redeemed ?? 0n;
      const gasCost = gasCostWei(g?.gas ?? 0, gasPriceWei);
      const weiSeconds = lockedWeiSecondsUntil({ locked: deposited, lockedTimesTime: h?.depositedTimesTime ?? 0n, released: returned, releasedTimesTime: h?.returnedTimesTime ?? 0n }, endTime);
      return {
        agent,
        holderStrategy,
        claimRule,
        depositedWei: deposited,
        returnedWei: returned,
        investedWei: deposited - returned,
        claims: g?.claims ?? 0,
        claimGas: g?.claimGas ?? 0,
        claimGasCostWei: gasCostWei(g?.claimGas ?? 0, gasPriceWei),
        claimedWei: claimed,
        burnRedeemedWei: redeemed,
        transactions: g?.transactions ?? 0,
        gasUsed: g?.gas ?? 0,
        gasCostWei: gasCost,
        netIncomeWei: claimed + redeemed - gasCost,
        outsideReturnWei: capitalCostWei(weiSeconds, outsideRateBps),
      };
    });
}
