import { afterAll, describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { startAnvil, type StartAnvilReturnType } from "./startAnvil.ts";

const START = 1_800_000_000;
// Runtime code: SSTORE(CALLDATALOAD(0), CALLDATALOAD(32)), STOP.
const STORE: Hex = "0x6020356000355500";
const CONTRACT: Hex = "0x00000000000000000000000000000000005702e5";
const SENDER: Hex = "0x000000000000000000000000000000000000a11c";
const word = (n: bigint) => n.toString(16).padStart(64, "0");
const started: StartAnvilReturnType[] = [];

afterAll(async () => {
  for (const anvil of started) await anvil.stop();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of the anvils whose parent is this process (the fork and the empty anvil it reads from). */
async function childAnvils(): Promise<number[]> {
  const { readdirSync, readFileSync } = await import("node:fs");
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("anvil");
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function storeAndMine(anvil: StartAnvilReturnType, nonce: number, slot: bigint, value: bigint, timestamp: number): Promise<Hex> {
  const hash = await anvil.rpc.request<Hex>("eth_sendTransaction", [{ from: SENDER, to: CONTRACT, data: `0x${word(slot)}${word(value)}`, gas: "0x30000", gasPrice: "0x0", nonce: `0x${nonce.toString(16)}` }]);
  await anvil.rpc.request("evm_mine", [{ timestamp, blocks: 1 }]);
  return hash;
}

describe("startAnvil", () => {
  it("forkEmpty: a fork of an empty anvil stores and reads like a plain one, builds no state root, and stops with its upstream", async () => {
    const before = process.platform === "linux" ? await childAnvils() : [];
    const anvil = await startAnvil({ timestamp: START, forkEmpty: true });
    started.push(anvil);
    const mine = process.platform === "linux" ? (await childAnvils()).filter((p) => !before.includes(p)) : [];
    if (process.platform === "linux") expect(mine).toHaveLength(2);
    await anvil.rpc.request("anvil_setCode", [CONTRACT, STORE]);
    await anvil.rpc.request("anvil_setBalance", [SENDER, "0xffffffffffffffff"]);
    await storeAndMine(anvil, 0, 7n, 42n, START + 12);
    expect(BigInt(await anvil.rpc.request<Hex>("eth_getStorageAt", [CONTRACT, "0x7", "latest"]))).toBe(42n);
    expect(BigInt(await anvil.rpc.request<Hex>("eth_getStorageAt", [CONTRACT, "0x8", "latest"]))).toBe(0n);
    const block = await anvil.rpc.request<{ stateRoot: Hex; number: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
    expect(BigInt(block.stateRoot)).toBe(0n);
    expect(Number(block.timestamp)).toBe(START + 12);
    await anvil.stop();
    if (process.platform === "linux") for (const pid of mine) expect(alive(pid), `anvil ${pid}`).toBe(false);
  });

  it("a plain anvil builds the state root (the cost forkEmpty avoids)", async () => {
    const anvil = await startAnvil({ timestamp: START });
    started.push(anvil);
    await anvil.rpc.request("anvil_setCode", [CONTRACT, STORE]);
    await anvil.rpc.request("anvil_setBalance", [SENDER, "0xffffffffffffffff"]);
    await storeAndMine(anvil, 0, 7n, 42n, START + 12);
    const block = await anvil.rpc.request<{ stateRoot: Hex }>("eth_getBlockByNumber", ["latest", false]);
    expect(BigInt(block.stateRoot)).not.toBe(0n);
  });

  it("keepBlocks: the receipts of older blocks are dropped, the recent ones kept", async () => {
    const anvil = await startAnvil({ timestamp: START, keepBlocks: 2 });
    started.push(anvil);
    await anvil.rpc.request("anvil_setCode", [CONTRACT, STORE]);
    await anvil.rpc.request("anvil_setBalance", [SENDER, "0xffffffffffffffff"]);
    const hashes: Hex[] = [];
    for (let i = 0; i < 5; i++) hashes.push(await storeAndMine(anvil, i, BigInt(i), 1n, START + 12 * (i + 1)));
    expect(await anvil.rpc.request("eth_getTransactionReceipt", [hashes[0]])).toBeNull();
    expect(await anvil.rpc.request("eth_getTransactionReceipt", [hashes[4]])).not.toBeNull();
  });
});
