import { parseEther } from "viem";
import type { Scenario } from "../scenario/schema.ts";

/** Seconds in a year of 365 days, for annual rates. */
const YEAR_SECONDS = 365 * 86_400;

/**
 * What one request is expected to pay into the model's token, in wei: the model fee's share for the token
 * (`model.receiverBps`), plus, for the share of requests that are NFT mints, the mint fee (the NFT contract
 * pays it to the token). Royalties on resales are left out (they depend on a market nobody has seen yet).
 * All of it is public: the model's fee record, the NFT's mint fee, the share of mints the scenario states.
 */
export function revenuePerRequestWei(scenario: Pick<Scenario, "model" | "nft" | "demand">): bigint {
  const modelShare = (parseEther(scenario.model.fee) * BigInt(scenario.model.receiverBps)) / 10_000n;
  const mintShare = BigInt(Math.round(scenario.demand.nftMintProbability * 1e6));
  return modelShare + (parseEther(scenario.nft.mintFee) * mintShare) / 1_000_000n;
}

/**
 * An investor's estimate of requests per epoch: a gamma-Poisson posterior mean. Its prior is the demand the
 * model advertises (`demand.meanRequestsPerEpoch`), worth `priorWeightEpochs` epochs of evidence; the
 * evidence is the requests it has seen since the model went live over the epochs that took:
 * (prior × weight + observed) / (weight + elapsed). With no weight and no time elapsed, the prior.
 */
export function estimatedRequestsPerEpoch(priorMean: number, priorWeightEpochs: number, observedRequests: number, elapsedEpochs: number): number {
  const weight = priorWeightEpochs + elapsedEpochs;
  return weight <= 0 ? priorMean : (priorMean * priorWeightEpochs + observedRequests) / weight;
}

/**
 * The annual yield an investor expects at the sale price: requests per epoch × revenue per request ×
 * epochs per year, over the value at the sale price of the tokens that share revenue (the supply less the
 * liquidity reserve when it earns nothing; price = raise target / tokens sold). The same measure the report
 * calls the holder yield, so the expectation and the outcome compare directly.
 */
export function expectedAnnualYield(requestsPerEpoch: number, scenario: Pick<Scenario, "model" | "nft" | "demand" | "token" | "raise" | "epoch">): number {
  const { supply } = scenario.token;
  const a = scenario.raise.allocation;
  const soldTokens = (supply * a.publicSale) / 10_000;
  const eligibleTokens = (supply * (10_000 - (scenario.raise.liquidityExcluded ? a.liquidity : 0))) / 10_000;
  const target = Number(parseEther(scenario.raise.target));
  if (soldTokens === 0 || target === 0) return 0;
  const eligibleValueWei = (eligibleTokens * target) / soldTokens;
  const revenuePerYearWei = requestsPerEpoch * Number(revenuePerRequestWei(scenario)) * (YEAR_SECONDS / scenario.epoch.seconds);
  return revenuePerYearWei / eligibleValueWei;
}

/** A yield-seeking investor joins the raise only when the yield it expects beats its outside rate (both annual; the rate in basis points). */
export function joinsRaise(expectedYield: number, outsideRateBps: number): boolean {
  return expectedYield > outsideRateBps / 10_000;
}
