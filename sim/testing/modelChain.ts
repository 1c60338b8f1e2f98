import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  decodeErrorResult,
  decodeEventLog,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { bytecodeOf, contractAbis, type ContractName } from "../chain/contracts.ts";
import { startAnvil, type StartAnvilReturnType } from "../chain/startAnvil.ts";
import type { RpcClient } from "../chain/rpc.ts";

/**
 * A real Anvil chain for fast-check model-based tests (`fc.asyncModelRun`): one transaction per block,
 * mined at a clock the test controls, so a TypeScript reference model can mirror `block.timestamp`
 * exactly; reverts come back decoded to the contract's custom error name; `snapshot`/`revert` give
 * every fast-check run the same starting state in a few milliseconds.
 *
 * Gas price and base fee are 0, so only the contracts' own transfers move balances: the model can
 * predict every balance to the wei.
 */
export type ModelChain = {
  readonly rpc: RpcClient;
  /** Chain time of the next transaction's block (seconds). */
  readonly now: number;
  /** Moves the clock forward; the next block is mined at the new time. */
  warp(seconds: number): void;
  deploy(name: ContractName, args?: readonly unknown[], options?: { from?: Address; value?: bigint }): Promise<Address>;
  /** Deploys any forge artifact by its `out/` path, e.g. `BlacklistRevenueToken.sol/BlacklistRevenueToken.json`. */
  deployArtifact(path: string, args?: readonly unknown[], options?: { from?: Address }): Promise<{ address: Address; abi: Abi }>;
  send(call: SendCall): Promise<TxResult>;
  /** A plain ETH transfer with no calldata (hits the recipient's `receive`). */
  sendEth(tx: { from: Address; to: Address; value: bigint }): Promise<TxResult>;
  read<T = unknown>(call: { to: Address; abi: Abi; functionName: string; args?: readonly unknown[] }): Promise<T>;
  /** Many reads in one JSON-RPC batch. */
  readMany(calls: readonly { to: Address; abi: Abi; functionName: string; args?: readonly unknown[] }[]): Promise<unknown[]>;
  balance(address: Address): Promise<bigint>;
  balances(addresses: readonly Address[]): Promise<bigint[]>;
  setBalance(address: Address, wei: bigint): Promise<void>;
  snapshot(): Promise<ChainSnapshot>;
  /** Back to `snapshot`'s state and clock. Anvil consumes a snapshot when it reverts to it: take a new one. */
  revert(snapshot: ChainSnapshot): Promise<void>;
  /** `revert`, then a new snapshot of the same state: what each fast-check run starts with. */
  restore(snapshot: ChainSnapshot): Promise<ChainSnapshot>;
  stop(): Promise<void>;
};

export type ChainSnapshot = { id: string; now: number };

export type SendCall = {
  from: Address;
  to: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
  gas?: bigint;
};

export type TxLog = { address: Address; topics: Hex[]; data: Hex };

export type TxResult =
  | { ok: true; gasUsed: bigint; timestamp: number; logs: TxLog[] }
  | { ok: false; timestamp: number; error: string; args: readonly unknown[] };

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

type AbiError = Extract<Abi[number], { type: "error" }>;

type Receipt = { status: Hex; gasUsed: Hex; contractAddress: Address | null; logs: TxLog[] };

/** Every custom error of the project's contracts (and OpenZeppelin's), for decoding reverts. */
function errorAbi(extra: readonly Abi[]): Abi {
  const seen = new Set<string>();
  const errors: AbiError[] = [];
  for (const abi of [...Object.values(contractAbis), ...extra] as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(item);
    }
  }
  return errors;
}

export async function startModelChain(parameters: { timestamp?: number } = {}): Promise<ModelChain> {
  const start = parameters.timestamp ?? 1_700_000_000;
  const anvil: StartAnvilReturnType = await startAnvil({ timestamp: start - 1, pruneHistory: false });
  const rpc = anvil.rpc;
  const deployer = "0x00000000000000000000000000000000000d3910" as Address;
  await rpc.request("anvil_setBalance", [deployer, `0x${(10n ** 30n).toString(16)}`]);
  let now = start;
  const extraAbis: Abi[] = [];
  let errors = errorAbi([]);

  const mineOne = async (tx: Record<string, unknown>): Promise<{ receipt: Receipt; hash: Hex; timestamp: number }> => {
    const timestamp = now;
    const hash = await rpc.request<Hex>("eth_sendTransaction", [{ gasPrice: 0n, gas: 30_000_000n, ...tx }]);
    await rpc.request("evm_mine", [{ timestamp, blocks: 1 }]);
    now = timestamp + 1;
    const receipt = await rpc.request<Receipt | null>("eth_getTransactionReceipt", [hash]);
    if (receipt === null) throw new Error(`no receipt for ${hash} after evm_mine`);
    return { receipt, hash, timestamp };
  };

  const revertData = async (hash: Hex): Promise<Hex | undefined> => {
    const trace = await rpc.request<{ output?: Hex; error?: string }>("debug_traceTransaction", [hash, { tracer: "callTracer" }]);
    return trace.output;
  };

  const decodeRevert = (data: Hex | undefined): { error: string; args: readonly unknown[] } => {
    if (data === undefined || data === "0x") return { error: "revert without data", args: [] };
    try {
      const decoded = decodeErrorResult({ abi: errors, data });
      return { error: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      return { error: `unknown revert ${data.slice(0, 10)}`, args: [] };
    }
  };

  const deployData = async (data: Hex, label: string, from: Address, value?: bigint): Promise<Address> => {
    const { receipt, hash } = await mineOne({ from, data, ...(value === undefined ? {} : { value }) });
    if (receipt.status !== "0x1" || receipt.contractAddress === null) {
      const { error } = decodeRevert(await revertData(hash));
      throw new Error(`deploying ${label} failed: ${error}`);
    }
    return receipt.contractAddress;
  };

  const encodeCall = (c: { abi: Abi; functionName: string; args?: readonly unknown[] }): Hex =>
    encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args ?? [] } as Parameters<typeof encodeFunctionData>[0]);

  const chain: ModelChain = {
    rpc,
    get now() {
      return now;
    },
    warp(seconds) {
      if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`warp(${seconds}): need a whole number of seconds >= 0`);
      now += seconds;
    },
    async deploy(name, args = [], options = {}) {
      const data = encodeDeployData({ abi: contractAbis[name] as Abi, bytecode: bytecodeOf(name), args } as Parameters<typeof encodeDeployData>[0]);
      return deployData(data, name, options.from ?? deployer, options.value);
    },
    async deployArtifact(path, args = [], options = {}) {
      const artifact = JSON.parse(readFileSync(join(ROOT, "out", path), "utf8")) as { abi: Abi; bytecode: { object: Hex } };
      extraAbis.push(artifact.abi);
      errors = errorAbi(extraAbis);
      const data = encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode.object, args } as Parameters<typeof encodeDeployData>[0]);
      return { address: await deployData(data, path, options.from ?? deployer), abi: artifact.abi };
    },
    async send(call) {
      const data = encodeCall(call);
      const { receipt, hash, timestamp } = await mineOne({
        from: call.from,
        to: call.to,
        data,
        ...(call.value === undefined ? {} : { value: call.value }),
        ...(call.gas === undefined ? {} : { gas: call.gas }),
      });
      if (receipt.status === "0x1") return { ok: true, gasUsed: BigInt(receipt.gasUsed), timestamp, logs: receipt.logs };
      return { ok: false, timestamp, ...decodeRevert(await revertData(hash)) };
    },
    async sendEth(tx) {
      const { receipt, hash, timestamp } = await mineOne({ from: tx.from, to: tx.to, value: tx.value });
      if (receipt.status === "0x1") return { ok: true, gasUsed: BigInt(receipt.gasUsed), timestamp, logs: receipt.logs };
      return { ok: false, timestamp, ...decodeRevert(await revertData(hash)) };
    },
    async read<T>(call: { to: Address; abi: Abi; functionName: string; args?: readonly unknown[] }) {
      const result = await rpc.request<Hex>("eth_call", [{ to: call.to, data: encodeCall(call) }, "latest"]);
      return decodeFunctionResult({ abi: call.abi, functionName: call.functionName, data: result } as Parameters<typeof decodeFunctionResult>[0]) as T;
    },
    async readMany(calls) {
      const answers = await rpc.batchResults<Hex>(calls.map((c) => ({ method: "eth_call", params: [{ to: c.to, data: encodeCall(c) }, "latest"] })));
      return answers.map((data, i) => {
        const c = calls[i] as (typeof calls)[number];
        return decodeFunctionResult({ abi: c.abi, functionName: c.functionName, data } as Parameters<typeof decodeFunctionResult>[0]);
      });
    },
    async balance(address) {
      return BigInt(await rpc.request<Hex>("eth_getBalance", [address, "latest"]));
    },
    async balances(addresses) {
      const answers = await rpc.batchResults<Hex>(addresses.map((a) => ({ method: "eth_getBalance", params: [a, "latest"] })));
      return answers.map((a) => BigInt(a));
    },
    async setBalance(address, wei) {
      await rpc.request("anvil_setBalance", [address, `0x${wei.toString(16)}`]);
    },
    async snapshot() {
      return { id: await rpc.request<string>("evm_snapshot", []), now };
    },
    async revert(snapshot) {
      const ok = await rpc.request<boolean>("evm_revert", [snapshot.id]);
      if (!ok) throw new Error(`evm_revert(${snapshot.id}) failed`);
      now = snapshot.now;
    },
    async restore(snapshot) {
      await chain.revert(snapshot);
      return chain.snapshot();
    },
    stop: () => anvil.stop(),
  };
  return chain;
}

/** Decodes the logs of a successful transaction with `abi`, skipping logs of other contracts' events. */
export function decodeLogs(abi: Abi, logs: readonly TxLog[]): { eventName: string; args: Record<string, unknown>; address: Address }[] {
  const out: { eventName: string; args: Record<string, unknown>; address: Address }[] = [];
  for (const log of logs) {
    try {
      const decoded = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
      out.push({ eventName: String(decoded.eventName), args: decoded.args as unknown as Record<string, unknown>, address: log.address });
    } catch {
      // another contract's event
    }
  }
  return out;
}
