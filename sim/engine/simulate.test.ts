import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import type { RpcClient } from "../chain/rpc.ts";
import { runAnvilSettings, startAnvil } from "../chain/startAnvil.ts";
import { smallScenario } from "../testing/smallScenario.ts";
import { simulate } from "./simulate.ts";

const BOOKS = encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "books", args: ["0x0000000000000000000000000000000000000000"] });

/** Runs the small scenario; `slowBooks` holds each read of the token's books back before it reaches anvil. */
async function run(slowBooks: boolean): Promise<string> {
  const scenario = { ...smallScenario(), epochs: 6 };
  const anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600, ...runAnvilSettings() });
  const rpc: RpcClient = {
    ...anvil.rpc,
    async request<T>(method: string, params: readonly unknown[] = []): Promise<T> {
      const call = params[0] as { data?: string } | undefined;
      if (slowBooks && method === "eth_call" && call?.data === BOOKS) await new Promise((resolve) => setTimeout(resolve, 150));
      return anvil.rpc.request<T>(method, params);
    },
  };
  const dir = mkdtempSync(join(tmpdir(), "imo-sim-simulate-"));
  try {
    await simulate({ scenario, rpc, dir });
  } finally {
    await anvil.stop();
  }
  return readFileSync(join(dir, "epochs.csv"), "utf8");
}

describe("simulate", () => {
  // Regression: the epoch's row waits for the token's books off the critical path; the books, read at "latest",
  // must still be answered before the next block is sent. Without that wait this test failed (an eth_call for a
  // block anvil had moved past, or books of the next block).
  it("writes an epoch's books as the epoch left them, however late the read's answer comes", async () => {
    const [fast, slow] = [await run(false), await run(true)];
    expect(fast.split("\n").length).toBeGreaterThan(6);
    expect(slow).toBe(fast);
  }, 180_000);
});
