import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { startModelChain, type ModelChain } from "./modelChain.ts";

const abi = contractAbis.RevShareToken;
const alice = agentAddress("alice");
const bob = agentAddress("bob");

describe("modelChain", () => {
  let chain: ModelChain;
  beforeAll(async () => {
    chain = await startModelChain({ timestamp: 1_700_000_000 });
  });
  afterAll(async () => chain?.stop());

  it("mines each transaction at the test's clock, decodes custom errors and restores snapshots", async () => {
    const token = await chain.deploy("RevShareToken", [
      { name: "T", symbol: "T", holders: [alice], amounts: [1000n], revenueExcluded: [], claimableBps: 8000, snapshotInterval: 86_400, claimWindow: 4, unclaimedPolicy: 0, revenueTokens: [] },
    ]);
    const start = await chain.snapshot();
    chain.warp(100);
    const before = chain.now;
    const ok = await chain.send({ from: alice, to: token, abi, functionName: "transfer", args: [bob, 400n] });
    expect(ok).toMatchObject({ ok: true, timestamp: before });
    const failed = await chain.send({ from: bob, to: token, abi, functionName: "transfer", args: [alice, 401n] });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toBe("ERC20InsufficientBalance");
    expect(await chain.read({ to: token, abi, functionName: "balanceOf", args: [bob] })).toBe(400n);
    const again = await chain.restore(start);
    expect(chain.now).toBe(start.now);
    expect(await chain.read({ to: token, abi, functionName: "balanceOf", args: [bob] })).toBe(0n);
    await chain.send({ from: alice, to: token, abi, functionName: "transfer", args: [bob, 1n] });
    await chain.restore(again);
    expect(await chain.readMany([{ to: token, abi, functionName: "balanceOf", args: [bob] }, { to: token, abi, functionName: "balanceOf", args: [alice] }])).toEqual([0n, 1000n]);
  });
});
