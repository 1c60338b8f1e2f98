import { parseEther } from "viem";
import type { Scenario } from "../scenario/schema.ts";

/**
 * The scenario's cost model in the units the cost functions take: wei, gas, basis points. Everything an
 * agent or a report needs to put a price on what is not on the chain's books (compute, locked capital,
 * the value of a lie) and on gas, which the chain books in gas units and the model values at the scenario's
 * gas price. Pure data, built once per run (or per report) from the resolved scenario.
 */
export type CostParameters = {
  /** Steps of one run of the model (its trace length): what one inference computes. */
  traceLength: number;
  /** Off-chain compute: wei per million VM steps (`costs.computePerMillionSteps`). */
  computeWeiPerMillionSteps: bigint;
  /** Share of one inference's compute a dispute-game move costs its mover, in basis points (`costs.gameMoveComputeBps`). */
  gameMoveComputeBps: number;
  /** Share of one inference's compute a lying submitter saves, in basis points (`costs.lieComputeSavedBps`). */
  lieComputeSavedBps: number;
  /** The gas price gas is valued at, in wei (`gas.priceGwei`). */
  gasPriceWei: bigint;
  /** Annual cost of capital locked in bonds, in basis points (`costs.capitalRateBps`). */
  capitalRateBps: number;
  /** What one wrong final result is worth to the agent whose result it is, in wei (`costs.lieValue`). */
  lieValueWei: bigint;
  /** Gas an agent expects a transaction to use (`costs.gasEstimates`). */
  gasEstimates: Scenario["costs"]["gasEstimates"];
};

/** The gas price of a scenario in wei (`gas.priceGwei` may have decimals: rounded to the wei). */
export function gasPriceWeiOf(scenario: Pick<Scenario, "gas">): bigint {
  return BigInt(Math.round(scenario.gas.priceGwei * 1e9));
}

/** The cost model of a scenario for a model of `traceLength` steps (the run's metadata records it; `VmAccess.traceLength` in a policy). */
export function costParameters(scenario: Pick<Scenario, "costs" | "gas">, traceLength: number): CostParameters {
  const c = scenario.costs;
  return {
    traceLength,
    computeWeiPerMillionSteps: parseEther(c.computePerMillionSteps),
    gameMoveComputeBps: c.gameMoveComputeBps,
    lieComputeSavedBps: c.lieComputeSavedBps,
    gasPriceWei: gasPriceWeiOf(scenario),
    capitalRateBps: c.capitalRateBps,
    lieValueWei: parseEther(c.lieValue),
    gasEstimates: c.gasEstimates,
  };
}
