import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const alice = agentAddress("investor-0");
const treasury = agentAddress("treasury");

describe("launch events", () => {
  it("follows a raise: deposits (the investor's running total), settlement, allocations, vested proceeds, dust", () => {
    const t = testIndexer();
    const deposit = (amount: bigint, investorTotal: bigint) => t.log("launch", "Deposited", { modelId: 1n, investor: alice, amount, investorTotal, totalRaised: investorTotal });
    t.apply([deposit(3n, 3n), deposit(2n, 5n)]);
    expect(t.world.launch.deposited.get(alice.toLowerCase())).toBe(5n);
    expect(t.world.launch.settled).toBe(false);

    t.apply([t.log("launch", "Settled", { modelId: 1n, succeeded: true, totalRaised: 5n, target: 4n, caller: treasury })]);
    expect(t.world.launch).toMatchObject({ settled: true, succeeded: true, target: 4n });

    t.apply([t.log("launch", "AllocationClaimed", { modelId: 1n, investor: alice, tokens: 10n, refund: 1n, accepted: 4n, caller: alice })]);
    expect([...t.world.launch.claimed]).toEqual([alice.toLowerCase()]);

    t.apply([t.log("launch", "ProceedsReleased", { modelId: 1n, treasury, amount: 2n, totalReleased: 2n }), t.log("launch", "ProceedsReleased", { modelId: 1n, treasury, amount: 2n, totalReleased: 4n })]);
    expect(t.world.launch.proceedsReleased).toBe(4n);

    expect(t.world.launch.dustSwept).toBe(false);
    t.apply([t.log("launch", "DustSwept", { modelId: 1n, ethDust: 1n, tokenDust: 0n })]);
    expect(t.world.launch.dustSwept).toBe(true);
  });

  it("a failed raise is settled and not succeeded", () => {
    const t = testIndexer();
    t.apply([t.log("launch", "Settled", { modelId: 1n, succeeded: false, totalRaised: 1n, target: 4n, caller: treasury })]);
    expect(t.world.launch).toMatchObject({ settled: true, succeeded: false, target: 4n });
  });

  it("follows the harvest cursor: set at settlement, moved by each harvest", () => {
    const t = testIndexer();
    expect(t.world.launch.harvestedThrough).toBe(0);
    t.apply([t.log("launch", "HarvestCursorMoved", { modelId: 1n, harvestedThrough: 0n, settledAtSnapshot: 1n })]);
    expect(t.world.launch.harvestedThrough).toBe(0);
    t.apply([t.log("launch", "HarvestCursorMoved", { modelId: 1n, harvestedThrough: 3n, settledAtSnapshot: 1n })]);
    expect(t.world.launch.harvestedThrough).toBe(3);
  });
});
