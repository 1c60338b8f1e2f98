import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { createExecutor } from "./executor.ts";
import { startAnvil, type StartAnvilReturnType } from "./startAnvil.ts";

const START = 1_800_000_000;
let anvil: StartAnvilReturnType;

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
});

afterAll(async () => {
  await anvil?.stop();
});

const addr = (i: number): Address => `0x${(0x1000 + i).toString(16).padStart(40, "0")}` as Address;

async function balance(a: Address): Promise<bigint> {
  return BigInt(await anvil.rpc.request<Hex>("eth_getBalance", [a, "latest"]));
}

describe("executor", () => {
  it("sends a batch from many senders into one block at the asked time", async () => {
    const senders = Array.from({ length: 20 }, (_, i) => addr(i));
    await anvil.rpc.batchResults(senders.map((s) => ({ method: "anvil_setBalance", params: [s, "0x56bc75e2d63100000"] })));
    const executor = createExecutor({ rpc: anvil.rpc });
    const requests = Array.from({ length: 200 }, (_, k) => ({
      from: senders[k % 20] as Address,
      to: addr(100),
      value: 1_000n,
      gas: 21_000n,
      label: `transfer-${k}`,
    }));
    const outcomes = await executor.execute(requests, { timestamp: START + 12 });
    expect(outcomes).toHaveLength(200);
    expect(outcomes.every((o) => o.status === "success")).toBe(true);
    expect(new Set(outcomes.map((o) => o.blockNumber)).size).toBe(1);
    expect(outcomes[0]?.blockTimestamp).toBe(START + 12);
    expect(outcomes[7]?.request.label).toBe("transfer-7");
    expect(outcomes.every((o) => o.gasUsed === 21_000n)).toBe(true);
    expect(await balance(addr(100))).toBe(200_000n);
    expect(executor.sent).toBe(200);

    // The nonce book carries over to the next block.
    const again = await executor.execute([{ from: senders[0] as Address, to: addr(100), value: 1n, gas: 21_000n }], { timestamp: START + 24 });
    expect(again[0]?.status).toBe("success");
  });

  it("reports a rejected send and recovers the sender's nonces", async () => {
    const poor = addr(500);
    const rich = addr(501);
    await anvil.rpc.request("anvil_setBalance", [rich, "0x56bc75e2d63100000"]);
    await anvil.rpc.request("anvil_setBalance", [poor, "0x10"]);
    const executor = createExecutor({ rpc: anvil.rpc });
    const outcomes = await executor.execute(
      [
        { from: poor, to: rich, value: 1_000_000n, gas: 21_000n },
        { from: poor, to: rich, value: 1n, gas: 21_000n },
        { from: rich, to: poor, value: 5n, gas: 21_000n },
      ],
      { timestamp: START + 100 },
    );
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "dropped", "success"]);
    expect(outcomes[0]?.error).toMatch(/insufficient|funds/i);
    const next = await executor.execute([{ from: poor, to: rich, value: 1n, gas: 21_000n }], { timestamp: START + 112 });
    expect(next[0]?.status).toBe("success");
  });

  it("reports a reverted transaction with its gas", async () => {
    const sender = addr(600);
    await anvil.rpc.request("anvil_setBalance", [sender, "0x56bc75e2d63100000"]);
    // Init code that reverts at once: PUSH1 0 PUSH1 0 REVERT.
    const executor = createExecutor({ rpc: anvil.rpc });
    const [outcome] = await executor.execute([{ from: sender, data: "0x60006000fd", gas: 100_000n }], { timestamp: START + 200 });
    expect(outcome?.status).toBe("reverted");
    expect(outcome?.gasUsed).toBeGreaterThan(53_000n);
  });

  it("executeBlock: the block's logs from its receipts, in request order; the outcomes (status, gas) beside them", async () => {
    // Runtime code that logs its calldata (LOG0) and stops: CALLDATACOPY to memory, then LOG0 over it.
    const logger = addr(700);
    await anvil.rpc.request("anvil_setCode", [logger, "0x366000600037366000a000"]);
    const senders = [addr(701), addr(702), addr(703)];
    await anvil.rpc.batchResults(senders.map((s) => ({ method: "anvil_setBalance", params: [s, "0x56bc75e2d63100000"] })));
    const executor = createExecutor({ rpc: anvil.rpc });
    const requests = Array.from({ length: 9 }, (_, k) => ({ from: senders[k % 3] as Address, to: logger, data: `0x${(k + 1).toString(16).padStart(64, "0")}` as Hex, gas: 100_000n }));
    // A reverting transaction among them: init code PUSH1 0 PUSH1 0 REVERT, no logs.
    requests.splice(4, 0, { from: senders[1] as Address, data: "0x60006000fd" as Hex, gas: 100_000n } as (typeof requests)[number]);
    const block = await executor.executeBlock(requests, { timestamp: START + 300 });
    expect(block.logs.map((l) => BigInt(l.data))).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    const blockNumber = block.logs[0]?.blockNumber;
    expect(block.logs.every((l) => l.blockNumber === blockNumber)).toBe(true);
    const outcomes = await block.outcomes;
    expect(outcomes.map((o) => o.status)).toEqual(["success", "success", "success", "success", "reverted", "success", "success", "success", "success", "success"]);
    // Each outcome carries its own transaction's log: the one that logs its calldata.
    outcomes.forEach((o, i) => expect(o.logs.map((l) => l.data)).toEqual(o.status === "success" ? [o.request.data] : []));
    expect(outcomes.every((o) => o.gasUsed > 21_000n && o.blockNumber === blockNumber)).toBe(true);
  });
});
