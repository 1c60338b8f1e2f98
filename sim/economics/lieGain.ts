import { lieComputeSavedWei } from "./computeCost.ts";
import type { CostParameters } from "./costParameters.ts";

/**
 * What a lie gains its submitter if it is not caught: the value of the wrong final result (`costs.lieValue`)
 * plus the compute it saved by not running the model. The left side of a rational submitter's rule,
 * (1 − q̂)·(lieValue + computeSaved) > q̂·(bond + lost reward + game costs).
 */
export function lieGainWei(p: CostParameters): bigint {
  return p.lieValueWei + lieComputeSavedWei(p);
}
