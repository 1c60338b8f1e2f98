import { describe, expect, it } from "vitest";
import { revenueBySnapshot } from "./revenueBySnapshot.ts";
import type { RevenueSplit } from "./summarizeFlows.ts";

const split = (toClaimable: bigint, rolled = 0n, pooled = 0n): RevenueSplit => ({ toClaimable, toRedeemPool: toClaimable / 4n, unclaimedRolledForward: rolled, unclaimedToRedeemPool: pooled });

describe("revenue per snapshot", () => {
  it("shows what holders claimed of each pool and what they left to roll forward once its window closed", () => {
    // Window of 2: snapshot 3 closes snapshot 1 (100 left of its 800 roll into 3), 4 closes 2 (300 of 900 + 0).
    const snapshots = [1, 2, 3, 4].map((id) => ({ block: 10 * id, epoch: 5 * id }));
    const splits = new Map([
      [10, split(800n)],
      [20, split(900n)],
      [30, split(400n, 100n)],
      // Snapshot 4's block has a split with nothing to claim (no revenue) but the rest of snapshot 2.
      [40, split(0n, 300n)],
    ]);
    const rows = revenueBySnapshot(snapshots, splits, 2, "roll-forward");
    expect(rows.map((r) => [r.snapshotId, r.poolWei, r.status, r.claimedWei, r.leftUnclaimedWei, r.leftTo])).toEqual([
      [1, 800n, "closed", 700n, 100n, "next snapshot"],
      [2, 900n, "closed", 600n, 300n, "next snapshot"],
      [3, 500n, "open", undefined, undefined, undefined],
      [4, 300n, "open", undefined, undefined, undefined],
    ]);
    expect(rows[2]?.rolledInWei).toBe(100n);
    expect(rows[0]?.toRedeemPoolWei).toBe(200n);
  });

  it("sends what is left to the redeem pool under that policy, and reads a snapshot with no split line as empty", () => {
    const snapshots = [1, 2].map((id) => ({ block: id, epoch: id }));
    const rows = revenueBySnapshot(snapshots, new Map([[2, split(50n, 0n, 0n)]]), 1, "to-redeem-pool");
    expect(rows.map((r) => [r.poolWei, r.status, r.claimedWei, r.leftUnclaimedWei, r.leftTo])).toEqual([
      [0n, "closed", 0n, 0n, "redeem pool"],
      [50n, "open", undefined, undefined, undefined],
    ]);
  });
});
