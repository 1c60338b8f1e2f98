/** Gas valued in wei at a gas price (the scenario's `gas.priceGwei`, as `gasPriceWeiOf` gives it). */
export function gasCostWei(gas: number | bigint, gasPriceWei: bigint): bigint {
  const units = typeof gas === "bigint" ? gas : BigInt(gas);
  if (units < 0n) throw new RangeError(`gas must be >= 0, got ${gas}`);
  return units * gasPriceWei;
}

/** Gas of one revenue claim of `snapshots` snapshots in one transaction (claim, or claimBatch beyond one). */
export function claimGas(snapshots: number, estimates: { claim: number; claimPerExtraSnapshot: number }): number {
  if (snapshots <= 0) return 0;
  return estimates.claim + (snapshots - 1) * estimates.claimPerExtraSnapshot;
}
