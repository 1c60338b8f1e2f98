import type { Address, Hex, Log } from "viem";
import { readBlockResults, runResultsWay, type ResultsWay, type TxResult } from "./blockResults.ts";
import type { RpcClient } from "./rpc.ts";

/** A transaction to send, as data. `label` travels with it into the outcome (e.g. "OpmlOracle.submit"). */
export type TxRequest = {
  from: Address;
  to?: Address | undefined;
  data?: Hex | undefined;
  value?: bigint | undefined;
  gas?: bigint | undefined;
  label?: string | undefined;
};

export type TxStatus = "success" | "reverted" | "rejected" | "dropped";

export type TxOutcome = {
  request: TxRequest;
  status: TxStatus;
  hash: Hex | undefined;
  gasUsed: bigint;
  blockNumber: bigint;
  blockTimestamp: number;
  logs: readonly Log[];
  contractAddress: Address | undefined;
  /** Why a send was rejected or a transaction dropped. */
  error: string | undefined;
};

export type ExecuteParameters = {
  /** Timestamp of the block these transactions are mined in (unix seconds). */
  timestamp: number;
  /**
   * Work to do while anvil mines the block (anvil runs on the other core): called right after evm_mine
   * is sent, before its answer is awaited.
   */
  whileMining?: (() => void) | undefined;
  /** Work to do while anvil builds the block's receipts: called right after they are asked for. */
  whileReceipts?: (() => void) | undefined;
  /**
   * Where to add the milliseconds spent sending, mining, and fetching the block's receipts (from asking to having
   * them), and node's own work done meanwhile (the benchmark's profile).
   */
  timings?: ExecuteTimings | undefined;
};

/** Milliseconds of one `execute`, added to what the object holds. */
export type ExecuteTimings = { send: number; mine: number; whileMining: number; mineIdle: number; receipts: number; whileReceipts: number; receiptsIdle: number };

/**
 * A mined block: its logs (what the world is built from) and the outcomes (status and gas of each transaction),
 * both from one batch of reads after mining (`readBlockResults`: the block's logs and the tracer's per-transaction
 * results, linear in the block's transactions, where anvil 1.7.1's receipts are quadratic). Node does the work of
 * earlier blocks meanwhile (`whileReceipts`). `outcomes` is a promise because a rejected send's nonces are repaired
 * (from the chain) before it resolves.
 */
export type MinedBlock = {
  /** The block's logs in request order (a transaction's logs in their order), as `outcomes` carry them. */
  logs: readonly Log[];
  /** Every request's outcome, in request order, once the block's results are in. */
  outcomes: Promise<TxOutcome[]>;
};

export type Executor = {
  /**
   * Sends every request in one JSON-RPC batch with nonces from the executor's own book, mines exactly
   * one block at `timestamp`, and reads every transaction's result. Outcomes come back in request order.
   */
  execute(requests: readonly TxRequest[], parameters: ExecuteParameters): Promise<TxOutcome[]>;
  /**
   * As `execute`, but returns the block's logs beside the outcomes' promise (which resolves once a rejected
   * send's nonces are repaired). The next `executeBlock` waits for it.
   */
  executeBlock(requests: readonly TxRequest[], parameters: ExecuteParameters): Promise<MinedBlock>;
  /** Mines one empty block at `timestamp` (moves time). */
  mine(timestamp: number): Promise<{ blockNumber: bigint }>;
  /** Transactions sent so far (successful or reverted). */
  readonly sent: number;
};

export type CreateExecutorParameters = {
  rpc: RpcClient;
  /** Gas limit for requests that give none. There is no block gas limit, so a generous default is free. */
  defaultGas?: bigint | undefined;
  /**
   * How a block's results are read (`blockResults.ts`). Default `traces` (linear in the block's transactions), or
   * what `IMO_RESULTS` asks for; a block with a contract creation is always read from its receipts (for the created
   * address).
   */
  results?: ResultsWay | undefined;
};

/** JSON-RPC logs carry hex quantities; viem's Log type (and everyone downstream) wants bigints and numbers. */
function formatLog(log: Log): Log {
  const raw = log as unknown as Record<string, unknown>;
  const quantity = (v: unknown) => (typeof v === "string" ? BigInt(v) : v);
  return {
    ...log,
    blockNumber: quantity(raw.blockNumber) as bigint,
    logIndex: raw.logIndex === undefined ? log.logIndex : Number(quantity(raw.logIndex)),
    transactionIndex: raw.transactionIndex === undefined ? log.transactionIndex : Number(quantity(raw.transactionIndex)),
  } as Log;
}

/**
 * The only code of the simulator that sends transactions. Agents never touch the chain: the engine
 * hands their actions, turned into requests, to `execute`. Anvil must mine by hand (no automine: the
 * executor's `evm_mine` makes the block, and "latest" is that block).
 */
export function createExecutor(parameters: CreateExecutorParameters): Executor {
  const { rpc } = parameters;
  const defaultGas = parameters.defaultGas ?? 10_000_000n;
  const resultsWay = parameters.results ?? runResultsWay();
  const nonces = new Map<string, bigint>();
  let sent = 0;

  const loadNonces = async (senders: readonly string[]) => {
    const unknown = [...new Set(senders)].filter((s) => !nonces.has(s));
    if (unknown.length === 0) return;
    const counts = await rpc.batchResults<Hex>(unknown.map((s) => ({ method: "eth_getTransactionCount", params: [s, "latest"] })));
    unknown.forEach((s, i) => nonces.set(s, BigInt(counts[i] as Hex)));
  };

  const mineAt = async (timestamp: number, whileMining?: () => void, timings?: ExecuteTimings) => {
    const started = performance.now();
    const mined = rpc.request("evm_mine", [{ timestamp, blocks: 1 }]);
    let idleFrom = started;
    if (whileMining) {
      // One turn of the event loop puts the request on the socket before the work blocks the thread.
      await new Promise((resolve) => setImmediate(resolve));
      const working = performance.now();
      whileMining();
      idleFrom = performance.now();
      if (timings) timings.whileMining += idleFrom - working;
    }
    await mined;
    if (timings) {
      const done = performance.now();
      timings.mine += done - started;
      timings.mineIdle += done - idleFrom;
    }
  };

  // The last block's outcomes: its stale nonces are repaired when they arrive, so the next block waits for them.
  let previous: Promise<unknown> = Promise.resolve();

  const executeBlock = async (requests: readonly TxRequest[], { timestamp, whileMining, whileReceipts, timings }: ExecuteParameters): Promise<MinedBlock> => {
    await previous.catch(() => undefined);
    if (requests.length === 0) {
      await mineAt(timestamp, undefined, timings);
      return { logs: [], outcomes: Promise.resolve([]) };
    }
    const sendStarted = performance.now();
    const senders = requests.map((r) => r.from.toLowerCase());
    await loadNonces(senders);

    const calls = requests.map((request, i) => {
      const sender = senders[i] as string;
      const nonce = nonces.get(sender) as bigint;
      nonces.set(sender, nonce + 1n);
      return {
        method: "eth_sendTransaction",
        params: [
          {
            from: request.from,
            ...(request.to === undefined ? {} : { to: request.to }),
            data: request.data ?? "0x",
            value: request.value ?? 0n,
            gas: request.gas ?? defaultGas,
            gasPrice: 0n,
            nonce,
          },
        ],
      };
    });
    const answers = await rpc.batch(calls);
    const hashes = answers.map((a) => (a.error ? undefined : (a.result as Hex)));
    if (timings) timings.send += performance.now() - sendStarted;

    await mineAt(timestamp, whileMining, timings);

    // With manual mining, "latest" is the block just mined. Its results are one batch of reads per block, as raw's:
    // status, gas and logs of every transaction. Node has nothing to do meanwhile that the next decision does not
    // need the block for, except the work given as `whileReceipts` (rows of earlier blocks).
    const receiptsAsked = performance.now();
    const way: ResultsWay = requests.some((r) => r.to === undefined) ? "receipts" : resultsWay;
    const resultsAnswer = readBlockResults(rpc, way);
    if (whileReceipts) {
      await new Promise((resolve) => setImmediate(resolve));
      const working = performance.now();
      whileReceipts();
      if (timings) timings.whileReceipts += performance.now() - working;
    }
    const idleFrom = performance.now();
    const results = await resultsAnswer;
    if (timings) {
      const done = performance.now();
      timings.receipts += done - receiptsAsked;
      timings.receiptsIdle += done - idleFrom;
    }
    const resultOf: Map<Hex, TxResult> = results.byHash;
    // Logs in request order (block order is the same with equal gas prices; request order makes it a rule), each
    // request's logs in their own order.
    const logsByIndex: Log[][] = [];
    const logs: Log[] = [];
    for (let i = 0; i < requests.length; i++) {
      const h = hashes[i];
      const result = h === undefined ? undefined : resultOf.get(h);
      const mine = result ? result.logs.map(formatLog) : [];
      logsByIndex.push(mine);
      for (const log of mine) logs.push(log);
    }

    const blockTimestamp = timestamp;
    const settle = async (): Promise<TxOutcome[]> => {
      const blockNumber = results.blockNumber;
      // A rejected send leaves a nonce gap: later transactions of that sender wait in the pool forever.
      // Drop whatever did not make it into the block and resync those senders' nonces from the chain.
      const stale = new Set<string>();
      answers.forEach((a, i) => {
        const h = hashes[i];
        if (a.error || h === undefined || !resultOf.has(h)) stale.add(senders[i] as string);
      });
      if (stale.size > 0) {
        for (const h of hashes) {
          if (h !== undefined && !resultOf.has(h)) await rpc.request("anvil_dropTransaction", [h]);
        }
        for (const s of stale) nonces.delete(s);
        await loadNonces([...stale]);
      }
      return requests.map((request, i): TxOutcome => {
        const answer = answers[i];
        const hash = hashes[i];
        if (answer?.error) {
          return { request, status: "rejected", hash: undefined, gasUsed: 0n, blockNumber, blockTimestamp, logs: [], contractAddress: undefined, error: answer.error.message };
        }
        const result = hash === undefined ? undefined : resultOf.get(hash);
        if (!result) {
          return { request, status: "dropped", hash, gasUsed: 0n, blockNumber, blockTimestamp, logs: [], contractAddress: undefined, error: "not mined: an earlier transaction of the same sender was rejected" };
        }
        sent++;
        return {
          request,
          status: result.success ? "success" : "reverted",
          hash,
          gasUsed: result.gasUsed,
          blockNumber,
          blockTimestamp,
          logs: logsByIndex[i] ?? [],
          contractAddress: result.contractAddress,
          error: undefined,
        };
      });
    };
    const outcomes = settle();
    previous = outcomes;
    // A caller that never awaits the outcomes must not crash the process; one that does sees the error.
    outcomes.catch(() => undefined);
    return { logs, outcomes };
  };

  return {
    get sent() {
      return sent;
    },

    async mine(timestamp) {
      await mineAt(timestamp);
      const number = await rpc.request<Hex>("eth_blockNumber");
      return { blockNumber: BigInt(number) };
    },

    async execute(requests, parameters) {
      const block = await executeBlock(requests, parameters);
      return block.outcomes;
    },

    executeBlock,
  };
}
