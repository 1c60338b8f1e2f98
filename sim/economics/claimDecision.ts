import { claimGas } from "./gasCost.ts";

export type ClaimDecisionParameters = {
  /** What the holder can claim, per open snapshot (snapshot id → wei). */
  claimable: ReadonlyMap<number, bigint>;
  gasPriceWei: bigint;
  /** Gas of a claim of one snapshot, and what each further snapshot in the same claim adds. */
  gas: { claim: number; claimPerExtraSnapshot: number };
};

/**
 * A rational holder's claim: the snapshots to claim in one transaction, or none. A claim of n snapshots costs
 * (claim + (n − 1) × claimPerExtraSnapshot) gas at the gas price; its net worth, Σ amounts − that cost, is
 * largest when it takes exactly the snapshots whose amount beats the gas one more snapshot adds, so those are
 * taken (oldest first), and the claim is made only if it is worth more than its whole gas. What is not
 * claimed stays in the token: when its window closes it rolls forward (or goes to the redeem pool).
 * Pure; the result is sorted by snapshot id.
 */
export function rationalClaim({ claimable, gasPriceWei, gas }: ClaimDecisionParameters): number[] {
  const extra = BigInt(gas.claimPerExtraSnapshot) * gasPriceWei;
  const worth = [...claimable.entries()].filter(([, amount]) => amount > extra).sort(([a], [b]) => a - b);
  // With no snapshot beating the marginal gas, the best single snapshot may still beat a whole claim's gas.
  const chosen = worth.length > 0 ? worth : [...claimable.entries()].sort(([, a], [, b]) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, 1);
  const total = chosen.reduce((sum, [, amount]) => sum + amount, 0n);
  const cost = BigInt(claimGas(chosen.length, gas)) * gasPriceWei;
  return total > cost ? chosen.map(([id]) => id).sort((a, b) => a - b) : [];
}
