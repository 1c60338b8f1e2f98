import type { Scenario } from "../scenario/schema.ts";

/** Mean number of requests in `epoch`: the base rate, its trend, and a shock while it lasts. */
export function demandMean(demand: Scenario["demand"], epoch: number): number {
  let mean = demand.meanRequestsPerEpoch * (1 + demand.trendPerEpoch) ** epoch;
  const shock = demand.shock;
  if (shock && epoch >= shock.atEpoch && epoch < shock.atEpoch + shock.durationEpochs) mean *= shock.multiplier;
  return Math.max(0, mean);
}
