import { expectedRequests } from "../economics/demandCurve.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { HolderYieldRow } from "./holderYield.ts";
import type { RevenueSplit } from "./summarizeFlows.ts";

export type DemandEpoch = {
  epoch: number;
  /** Requests made in the epoch (inferences and NFT mints, epochs.csv). */
  requests: number;
  /** The demand curve's mean for the epoch at the run's price (demand.strategy; the scripted mean when not elastic). */
  expectedRequests: number;
  /** What a user paid per request: model fee + submitter reward + protocol fee. */
  priceWei: bigint;
  tokenRevenueWei: bigint;
  claimedWei: bigint;
  /** Revenue left unclaimed in windows closed by the epoch's snapshot, rolled into the next pool or moved to the redeem pool. */
  unclaimedRolledForwardWei: bigint;
  unclaimedToRedeemPoolWei: bigint;
};

export type DemandByEpochParameters = {
  demand: Scenario["demand"];
  priceWei: bigint;
  /** epochs.csv rows: epoch and requests. */
  epochRequests: readonly { epoch: number; requests: number }[];
  yields: readonly HolderYieldRow[];
  snapshots: readonly { block: number; epoch: number }[];
  splits: ReadonlyMap<number, RevenueSplit>;
};

/** Per epoch: demand against the fee (requests made and the curve's mean at the price), and the token's revenue, claims and unclaimed revenue. */
export function demandByEpoch({ demand, priceWei, epochRequests, yields, snapshots, splits }: DemandByEpochParameters): DemandEpoch[] {
  const yieldOf = new Map(yields.map((y) => [y.epoch, y]));
  const unclaimed = new Map<number, { rolled: bigint; pooled: bigint }>();
  for (const snapshot of snapshots) {
    const split = splits.get(snapshot.block);
    if (!split) continue;
    const u = unclaimed.get(snapshot.epoch) ?? { rolled: 0n, pooled: 0n };
    u.rolled += split.unclaimedRolledForward;
    u.pooled += split.unclaimedToRedeemPool;
    unclaimed.set(snapshot.epoch, u);
  }
  return epochRequests.map(({ epoch, requests }) => ({
    epoch,
    requests,
    expectedRequests: Math.round(expectedRequests(demand, epoch, priceWei) * 1e6) / 1e6,
    priceWei,
    tokenRevenueWei: yieldOf.get(epoch)?.tokenRevenueWei ?? 0n,
    claimedWei: yieldOf.get(epoch)?.claimedWei ?? 0n,
    unclaimedRolledForwardWei: unclaimed.get(epoch)?.rolled ?? 0n,
    unclaimedToRedeemPoolWei: unclaimed.get(epoch)?.pooled ?? 0n,
  }));
}
