import type { Address, Hex, Log } from "viem";
import { EnvironmentVariableError, RpcError } from "../errors/index.ts";
import type { RpcClient } from "./rpc.ts";

/** What a mined transaction left: whether it succeeded, its gas, its logs (raw JSON-RPC form), a created contract. */
export type TxResult = { success: boolean; gasUsed: bigint; logs: Log[]; contractAddress: Address | undefined };

/** The results of the block just mined ("latest"), by transaction hash, with the block's number. */
export type BlockResults = { blockNumber: bigint; byHash: Map<Hex, TxResult> };

/**
 * How the results of a mined block are read:
 * - `traces`: the block's logs (`eth_getLogs`) and the default tracer's result per transaction
 *   (`debug_traceBlockByNumber`: failed or not, and the block's cumulative gas after it), in one batch. Anvil answers
 *   both from what it stored when mining, in time linear in the block's transactions.
 * - `receipts`: `eth_getBlockReceipts`. Anvil 1.7.1 builds each receipt from a copy of the whole block and of every
 *   receipt in it, so a block of n transactions costs time in n²: 8 ms for 100 transactions, 105 ms for 400
 *   (`npm run bench:results`). Receipts are the only way to a created contract's address, so a block with a
 *   creation is read this way.
 */
export type ResultsWay = "traces" | "receipts";

type Receipt = { transactionHash: Hex; status: Hex; gasUsed: Hex; blockNumber: Hex; logs: Log[]; contractAddress: Address | null };
type TraceEntry = { txHash?: Hex; result?: { failed?: boolean; gas?: number | string }; error?: string };

/** The default (struct-log) tracer with everything per step turned off: anvil records no steps unless asked anyway. */
const TRACE_OPTIONS = { disableStack: true, disableMemory: true, disableStorage: true, enableReturnData: false };

async function byReceipts(rpc: RpcClient): Promise<BlockResults> {
  const [number, receipts] = await rpc.batchResults<unknown>([
    { method: "eth_blockNumber" },
    { method: "eth_getBlockReceipts", params: ["latest"] },
  ]);
  const byHash = new Map<Hex, TxResult>();
  for (const r of (receipts as Receipt[] | null) ?? []) {
    byHash.set(r.transactionHash, { success: r.status === "0x1", gasUsed: BigInt(r.gasUsed), logs: r.logs, contractAddress: r.contractAddress ?? undefined });
  }
  return { blockNumber: BigInt(number as Hex), byHash };
}

/** What to do when the node cannot answer the traced way. */
const USE_RECEIPTS = "IMO_RESULTS=receipts reads each block from its receipts instead (slower on full blocks, the same results).";

async function byTraces(rpc: RpcClient): Promise<BlockResults> {
  const calls = [
    { method: "eth_blockNumber" },
    { method: "eth_getLogs", params: [{ fromBlock: "latest", toBlock: "latest" }] },
    { method: "debug_traceBlockByNumber", params: ["latest", TRACE_OPTIONS] },
  ];
  const answers = await rpc.batch(calls);
  answers.forEach((answer, i) => {
    if (answer.error) throw new RpcError(calls[i]?.method ?? "batch", answer.error.message, { hints: [USE_RECEIPTS] });
  });
  const [number, logs, traces] = answers.map((a) => a.result);
  const logsOf = new Map<Hex, Log[]>();
  for (const log of logs as Log[]) {
    const hash = log.transactionHash as Hex;
    const list = logsOf.get(hash);
    if (list) list.push(log);
    else logsOf.set(hash, [log]);
  }
  const byHash = new Map<Hex, TxResult>();
  // The tracer gives the block's gas used up to and including each transaction (the receipt's cumulative gas), in
  // block order: a transaction's own gas is the step from the one before.
  let before = 0n;
  for (const entry of traces as TraceEntry[]) {
    const { txHash, result } = entry;
    if (!txHash || !result || result.gas === undefined) {
      throw new RpcError("debug_traceBlockByNumber", `no result for a transaction of the latest block (${entry.error ?? "empty answer"})`, { hints: [USE_RECEIPTS] });
    }
    const cumulative = BigInt(result.gas);
    byHash.set(txHash, { success: result.failed !== true, gasUsed: cumulative - before, logs: logsOf.get(txHash) ?? [], contractAddress: undefined });
    before = cumulative;
  }
  return { blockNumber: BigInt(number as Hex), byHash };
}

/**
 * The way a run reads blocks: `traces` unless `IMO_RESULTS=receipts` asks for anvil's receipts (to compare the two
 * with `npm run bench`, or for a node without the debug namespace).
 */
export function runResultsWay(): ResultsWay {
  const asked = process.env.IMO_RESULTS;
  if (asked === undefined || asked === "" || asked === "traces") return "traces";
  if (asked === "receipts") return "receipts";
  throw new EnvironmentVariableError(`IMO_RESULTS=${asked} is not a way to read a block's results`, {
    hints: ["Unset IMO_RESULTS, or set IMO_RESULTS=traces (the default: logs and traces) or IMO_RESULTS=receipts (anvil's receipts)."],
  });
}

/** Reads the results of the block just mined (manual mining: "latest" is that block). */
export function readBlockResults(rpc: RpcClient, way: ResultsWay): Promise<BlockResults> {
  return way === "traces" ? byTraces(rpc) : byReceipts(rpc);
}
