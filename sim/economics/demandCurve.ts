import { parseEther } from "viem";
import { demandMean } from "../agents/demand.ts";
import type { Scenario } from "../scenario/schema.ts";

/**
 * What a user pays the oracle for one plain inference (no callback): the model fee plus the oracle's own
 * parts, the submitter reward and the protocol fee. It is the oracle's `estimateFee(modelId, 0)`, which the
 * engine reads into `Observation.oracle.fee`; this computes it from the scenario alone (for reports).
 */
export function requestPriceWei(scenario: Pick<Scenario, "model" | "oracle">): bigint {
  return parseEther(scenario.model.fee) + parseEther(scenario.oracle.submitterReward) + parseEther(scenario.oracle.protocolFee);
}

/**
 * The constant-elasticity demand curve's factor: (price / reference)^(−elasticity). 1 at the reference price;
 * falls as the price rises when elasticity > 0 (a 1 % higher price, elasticity % fewer requests); 1 at any
 * price when elasticity = 0. A price of zero gives an infinite factor for elasticity > 0: the schema keeps the
 * price above zero whenever demand is elastic.
 */
export function elasticityFactor(priceWei: bigint, referenceWei: bigint, elasticity: number): number {
  if (elasticity === 0) return 1;
  if (referenceWei <= 0n) throw new RangeError("the reference price must be > 0");
  return (Number(priceWei) / Number(referenceWei)) ** -elasticity;
}

/**
 * Mean requests in `epoch` at a price per request: the scripted mean (base rate, trend, shock) times the
 * elasticity factor when `demand.strategy` is `elastic`; the scripted mean alone otherwise.
 */
export function expectedRequests(demand: Scenario["demand"], epoch: number, priceWei: bigint): number {
  const base = demandMean(demand, epoch);
  if (demand.strategy !== "elastic") return base;
  return base * elasticityFactor(priceWei, parseEther(demand.referenceFee), demand.elasticity);
}
