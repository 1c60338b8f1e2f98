import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const alice = agentAddress("investor-0");
const bob = agentAddress("investor-1");
const stranger = agentAddress("liquidity-reserve");
const ETH = "0x0000000000000000000000000000000000000000";

describe("token events", () => {
  it("tracks the balances of investors only, through transfers in and out", () => {
    const t = testIndexer();
    t.investors.add(alice.toLowerCase());
    t.investors.add(bob.toLowerCase());
    const transfer = (from: string, to: string, value: bigint) => t.log("token", "Transfer", { from, to, value });
    t.apply([transfer(ETH, alice, 100n), transfer(ETH, stranger, 50n), transfer(alice, bob, 30n), transfer(bob, stranger, 10n)]);
    expect(t.world.token.balances.get(alice.toLowerCase())).toBe(70n);
    expect(t.world.token.balances.get(bob.toLowerCase())).toBe(20n);
    expect(t.world.token.balances.has(stranger.toLowerCase())).toBe(false);
  });

  it("a snapshot sets the id, the next due time (one interval later) and the flag the engine reads claimable amounts on", () => {
    const t = testIndexer({ snapshotInterval: 3_600 });
    t.apply([t.log("token", "Snapshot", { snapshotId: 1n, timestamp: 10_000n, eligibleSupply: 5n }), t.log("token", "Snapshot", { snapshotId: 2n, timestamp: 13_600n, eligibleSupply: 5n })]);
    expect(t.world.token).toMatchObject({ currentSnapshotId: 2, nextSnapshotAt: 17_200, snapshotTimes: [10_000, 13_600], snapshotHappened: true });
  });

  it("a claim removes what was claimable for that snapshot; a burn records the snapshot it happened in", () => {
    const t = testIndexer();
    t.world.token.claimable.set(alice.toLowerCase(), new Map([[1, 5n], [2, 6n]]));
    t.apply([t.log("token", "Snapshot", { snapshotId: 2n, timestamp: 1n, eligibleSupply: 5n })]);
    t.apply([t.log("token", "RevenueClaimed", { account: alice, snapshotId: 1n, asset: ETH, amount: 5n }), t.log("token", "BurnRedeemed", { account: bob, asset: ETH, tokensBurned: 1n, amount: 1n })]);
    expect([...(t.world.token.claimable.get(alice.toLowerCase()) ?? [])]).toEqual([[2, 6n]]);
    expect(t.world.token.lastBurnSnapshot.get(bob.toLowerCase())).toBe(2);
  });
});
