import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { EnvironmentVariableError, RpcError } from "../errors/index.ts";
import { readBlockResults, type BlockResults } from "./blockResults.ts";
import { createExecutor } from "./executor.ts";
import type { RpcClient } from "./rpc.ts";
import { runAnvilSettings, startAnvil, type StartAnvilReturnType } from "./startAnvil.ts";

// The two ways of reading a mined block must agree on every transaction: success, gas (refunds, out-of-gas and
// reverts included) and logs (with their block-wide log indexes). Checked on anvil as the simulator runs it (a fork
// of an empty anvil) and on a plain one.

const START = 1_800_000_000;
const word = (n: bigint) => n.toString(16).padStart(64, "0");
const addr = (i: number): Address => `0x${(0x2000 + i).toString(16).padStart(40, "0")}` as Address;

// store(key, value): reverts when key is 7; else SSTORE(key, value) and LOG0 over no data.
// PUSH1 0 CALLDATALOAD DUP1 PUSH1 7 EQ PUSH1 0x15 JUMPI PUSH1 32 CALLDATALOAD SWAP1 SSTORE PUSH1 0 PUSH1 0 LOG0 STOP
// JUMPDEST PUSH1 0 PUSH1 0 REVERT
const STORE_CODE = "0x6000358060071460155760203590556000600" + "0a0005b60006000fd";
// Logs its calldata (LOG1 with the first word as topic, the calldata as data).
// CALLDATASIZE PUSH1 0 PUSH1 0 CALLDATACOPY PUSH1 0 CALLDATALOAD CALLDATASIZE PUSH1 0 LOG1 STOP
const LOGGER_CODE = "0x3660006000376000353660" + "00a100";

function sameResults(a: BlockResults, b: BlockResults): void {
  expect(a.blockNumber).toBe(b.blockNumber);
  expect([...a.byHash.keys()].sort()).toEqual([...b.byHash.keys()].sort());
  for (const [hash, x] of a.byHash) {
    const y = b.byHash.get(hash);
    expect({ hash, success: x.success, gasUsed: x.gasUsed, logs: x.logs }).toEqual({ hash, success: y?.success, gasUsed: y?.gasUsed, logs: y?.logs });
  }
}

for (const [name, settings] of [
  ["as the simulator runs anvil", runAnvilSettings()],
  ["on a plain anvil", {}],
] as const) {
  describe(`readBlockResults ${name}`, () => {
    let anvil: StartAnvilReturnType;
    const store = addr(1);
    const logger = addr(2);
    const senders = Array.from({ length: 12 }, (_, i) => addr(100 + i));

    beforeAll(async () => {
      anvil = await startAnvil({ timestamp: START, ...settings });
      await anvil.rpc.request("anvil_setCode", [store, STORE_CODE]);
      await anvil.rpc.request("anvil_setCode", [logger, LOGGER_CODE]);
      await anvil.rpc.batchResults(senders.map((s) => ({ method: "anvil_setBalance", params: [s, "0x56bc75e2d63100000"] })));
    });
    afterAll(async () => {
      await anvil?.stop();
    });

    it("traces and receipts agree on a mixed block, refunds, reverts and out-of-gas included", async () => {
      const executor = createExecutor({ rpc: anvil.rpc });
      // A seeded mix over several blocks: the first fills slots, later ones clear some (refunds), rewrite others.
      let seed = 0x9e3779b9;
      const next = (n: number) => {
        seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
        return seed % n;
      };
      let reverted = 0;
      let refunded = 0;
      let outOfGas = 0;
      for (let block = 0; block < 6; block++) {
        const size = 20 + next(140);
        const requests = Array.from({ length: size }, (_, k) => {
          const from = senders[next(senders.length)] as Address;
          const kind = next(10);
          if (kind < 4) {
            const key = BigInt(next(40));
            const value = block > 0 && next(2) === 0 ? 0n : BigInt(1 + next(1000));
            return { from, to: store, data: `0x${word(key)}${word(value)}` as Hex, gas: kind === 0 ? 30_000n : 200_000n };
          }
          if (kind < 7) return { from, to: logger, data: `0x${word(BigInt(k))}${word(BigInt(block))}` as Hex, gas: 100_000n };
          if (kind < 8) return { from, to: store, data: `0x${word(7n)}${word(1n)}` as Hex, gas: 100_000n };
          return { from, to: addr(900 + next(5)), value: BigInt(1 + next(1000)), gas: 21_000n };
        });
        const outcomes = await executor.execute(requests, { timestamp: START + 12 * (block + 1) });
        const traces = await readBlockResults(anvil.rpc, "traces");
        const receipts = await readBlockResults(anvil.rpc, "receipts");
        sameResults(traces, receipts);
        expect(traces.byHash.size).toBe(size);
        // The executor's outcomes are the traced results, in request order.
        outcomes.forEach((o) => {
          const r = receipts.byHash.get(o.hash as Hex);
          expect(o.status).toBe(r?.success ? "success" : "reverted");
          expect(o.gasUsed).toBe(r?.gasUsed);
        });
        for (const [i, o] of outcomes.entries()) {
          const request = requests[i];
          if (o.status === "reverted") {
            if (request?.gas === 30_000n) outOfGas++;
            else reverted++;
          }
          // A store of zero over a set slot is refunded: its gas falls below the cost of the call and the write.
          if (o.status === "success" && request?.to === store && o.gasUsed < 21_000n + 2_200n) refunded++;
        }
      }
      // The mix did reach every case the comparison is about.
      expect(reverted).toBeGreaterThan(0);
      expect(outOfGas).toBeGreaterThan(0);
      expect(refunded).toBeGreaterThan(0);
    });

    it("a node without the debug namespace: the error names the call and points to IMO_RESULTS=receipts, which works", async () => {
      // Anvil has the debug namespace, so a node without it is this anvil behind a client that refuses those calls.
      const refusing: RpcClient = {
        ...anvil.rpc,
        batch: async (calls) => {
          const answers = await anvil.rpc.batch(calls);
          return answers.map((a, i) => (calls[i]?.method.startsWith("debug_") ? { error: { code: -32601, message: "Method not found" } } : a));
        },
      };
      await createExecutor({ rpc: anvil.rpc }).execute([{ from: senders[0] as Address, to: logger, data: `0x${word(1n)}` as Hex, gas: 100_000n }], { timestamp: START + 900 });
      const error = await readBlockResults(refusing, "traces").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).method).toBe("debug_traceBlockByNumber");
      expect((error as RpcError).message).toMatch(/Method not found[\s\S]*Hint: IMO_RESULTS=receipts/);
      const receipts = await readBlockResults(refusing, "receipts");
      expect(receipts.byHash.size).toBe(1);
      sameResults(receipts, await readBlockResults(anvil.rpc, "traces"));
    });

    it("an empty block has no results, and a block read twice reads the same", async () => {
      await anvil.rpc.request("evm_mine", [{ timestamp: START + 1_000, blocks: 1 }]);
      const empty = await readBlockResults(anvil.rpc, "traces");
      expect(empty.byHash.size).toBe(0);
      sameResults(empty, await readBlockResults(anvil.rpc, "receipts"));
    });
  });
}

describe("runResultsWay", () => {
  it("reads IMO_RESULTS, and names the variable and its values when it holds something else", async () => {
    const { runResultsWay } = await import("./blockResults.ts");
    const saved = process.env.IMO_RESULTS;
    try {
      delete process.env.IMO_RESULTS;
      expect(runResultsWay()).toBe("traces");
      process.env.IMO_RESULTS = "receipts";
      expect(runResultsWay()).toBe("receipts");
      process.env.IMO_RESULTS = "logs";
      expect(() => runResultsWay()).toThrow(EnvironmentVariableError);
      expect(() => runResultsWay()).toThrow(/IMO_RESULTS=logs is not[\s\S]*IMO_RESULTS=traces[\s\S]*IMO_RESULTS=receipts/);
    } finally {
      if (saved === undefined) delete process.env.IMO_RESULTS;
      else process.env.IMO_RESULTS = saved;
    }
  });
});
