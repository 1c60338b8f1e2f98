import type { RevenueSplit } from "./summarizeFlows.ts";

export type SnapshotRevenue = {
  snapshotId: number;
  epoch: number;
  block: number;
  /** Revenue the snapshot split: its claimable share and the share for the burn-redeem pool. */
  toClaimableWei: bigint;
  toRedeemPoolWei: bigint;
  /** What the window it closed left unclaimed and rolled into this snapshot's pool (roll-forward only). */
  rolledInWei: bigint;
  /** What holders of this snapshot could claim: its claimable share plus what rolled in. */
  poolWei: bigint;
  /** `closed` once a later snapshot closed its window within the run; `open` at the run's end. */
  status: "closed" | "open";
  claimedWei: bigint | undefined;
  /** What was left unclaimed when its window closed (rounding dust included), and where it went. */
  leftUnclaimedWei: bigint | undefined;
  leftTo: "next snapshot" | "redeem pool" | undefined;
};

const NONE: RevenueSplit = { toClaimable: 0n, toRedeemPool: 0n, unclaimedRolledForward: 0n, unclaimedToRedeemPool: 0n };

/**
 * Revenue per snapshot: what each made claimable, and, once its window closed (the snapshot `claimWindow`
 * later), how much of it was claimed and how much was left to roll forward (or go to the redeem pool). From the
 * token's RevenueSplit lines in flows.csv at each snapshot's block (a snapshot closes the window of the one
 * `claimWindow` before it) and the snapshots' blocks in snapshots.csv.
 */
export function revenueBySnapshot(
  snapshots: readonly { block: number; epoch: number }[],
  splits: ReadonlyMap<number, RevenueSplit>,
  claimWindow: number,
  unclaimedPolicy: "roll-forward" | "to-redeem-pool",
): SnapshotRevenue[] {
  const splitAt = (index: number) => {
    const snapshot = snapshots[index];
    return snapshot === undefined ? undefined : (splits.get(snapshot.block) ?? NONE);
  };
  return snapshots.map((snapshot, index) => {
    const split = splitAt(index) ?? NONE;
    const pool = split.toClaimable + split.unclaimedRolledForward;
    const closer = splitAt(index + claimWindow);
    const left = closer === undefined ? undefined : closer.unclaimedRolledForward + closer.unclaimedToRedeemPool;
    return {
      snapshotId: index + 1,
      epoch: snapshot.epoch,
      block: snapshot.block,
      toClaimableWei: split.toClaimable,
      toRedeemPoolWei: split.toRedeemPool,
      rolledInWei: split.unclaimedRolledForward,
      poolWei: pool,
      status: closer === undefined ? "open" : "closed",
      claimedWei: left === undefined ? undefined : pool - left,
      leftUnclaimedWei: left,
      leftTo: closer === undefined ? undefined : unclaimedPolicy === "roll-forward" ? "next snapshot" : "redeem pool",
    };
  });
}
