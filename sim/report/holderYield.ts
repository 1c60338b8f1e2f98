import { parseEther } from "viem";
import type { Scenario } from "../scenario/index.ts";
import type { FlowCell } from "./summarizeFlows.ts";
import { weiToEth } from "./weiToEth.ts";

export type HolderYieldBasis = {
  /** Tokens sold in the raise (supply × publicSale). */
  publicSaleTokens: number;
  /** Raise target / public-sale tokens. */
  salePriceEth: number;
  /** Tokens that earn revenue: supply less the liquidity reserve when it is excluded. */
  eligibleTokens: number;
  /** eligibleTokens × salePrice. */
  eligibleValueEth: number;
  epochsPerYear: number;
};

export type HolderYieldRow = {
  epoch: number;
  tokenRevenueWei: bigint;
  /** Revenue holders claimed from the token, plus what investors received from the launch with their tokens. */
  claimedWei: bigint;
  burnRedeemedWei: bigint;
  /** Revenue paid into the token this epoch / value of the eligible tokens at sale price. */
  revenueYield: number;
  /** Revenue claimed by holders this epoch / the same value. */
  claimedYield: number;
  cumulativeClaimedYield: number;
  /** revenueYield × epochs per year (simple, not compounded). */
  annualizedRevenueYield: number;
};

const TOKEN_REVENUE = new Set(["model-fees-flushed", "nft-mint-fee", "royalties", "usage-revenue"]);

export function holderYieldBasis(scenario: Scenario): HolderYieldBasis {
  const supply = scenario.token.supply;
  const a = scenario.raise.allocation;
  const publicSaleTokens = (supply * a.publicSale) / 10_000;
  const salePriceEth = publicSaleTokens === 0 ? 0 : weiToEth(parseEther(scenario.raise.target)) / publicSaleTokens;
  const eligibleTokens = (supply * (10_000 - (scenario.raise.liquidityExcluded ? a.liquidity : 0))) / 10_000;
  return { publicSaleTokens, salePriceEth, eligibleTokens, eligibleValueEth: eligibleTokens * salePriceEth, epochsPerYear: (365 * 86_400) / scenario.epoch.seconds };
}

const ratio = (wei: bigint, valueEth: number) => (valueEth === 0 ? 0 : Math.round((weiToEth(wei) / valueEth) * 1e10) / 1e10);

/**
 * Per epoch: revenue into the token (model fees flushed, NFT mint fees, royalties; revenue the launch recycles is
 * not new), revenue claimed by holders (directly, or through the launch for investors who had not collected
 * yet), burn redemptions, and yields on the tokens' value at sale price.
 */
export function holderYield(epochs: readonly number[], byEpoch: ReadonlyMap<number, ReadonlyMap<string, FlowCell>>, basis: HolderYieldBasis): HolderYieldRow[] {
  let cumulative = 0n;
  return epochs.map((epoch) => {
    let tokenRevenueWei = 0n;
    let claimedWei = 0n;
    let burnRedeemedWei = 0n;
    for (const cell of byEpoch.get(epoch)?.values() ?? []) {
      if (cell.movement !== "eth") continue;
      if (TOKEN_REVENUE.has(cell.category) && cell.to === "token") tokenRevenueWei += cell.amount;
      if (cell.category === "revenue-claims" || cell.category === "launch-revenue-paid") claimedWei += cell.amount;
      if (cell.category === "burn-redemptions") burnRedeemedWei += cell.amount;
    }
    cumulative += claimedWei;
    const revenueYield = ratio(tokenRevenueWei, basis.eligibleValueEth);
    return {
      epoch,
      tokenRevenueWei,
      claimedWei,
      burnRedeemedWei,
      revenueYield,
      claimedYield: ratio(claimedWei, basis.eligibleValueEth),
      cumulativeClaimedYield: ratio(cumulative, basis.eligibleValueEth),
      annualizedRevenueYield: Math.round(revenueYield * basis.epochsPerYear * 1e10) / 1e10,
    };
  });
}
