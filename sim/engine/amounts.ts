import { parseEther } from "viem";
import { ScenarioValidationError } from "../scenario/errors.ts";

/**
 * An ETH amount from the scenario that the oracle stores in whole gwei (bonds, reward): parsed to wei,
 * with a clear error naming the field when it has finer digits.
 */
export function toGweiWei(eth: string, field: string): bigint {
  const wei = parseEther(eth);
  if (wei % 10n ** 9n !== 0n) {
    throw new ScenarioValidationError("scenario", [{ field, value: eth, problem: "must be a whole number of gwei (at most 9 decimals): the oracle stores it in gwei" }]);
  }
  return wei;
}
