import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAnvil } from "@viem/anvil";
import { AnvilStartError } from "../errors/index.ts";
import { anvilBinary } from "./anvilBinary.ts";
import { guardedCommand, registerAnvil } from "./anvilGuard.ts";
import { freePort } from "./freePort.ts";
import { createRpcClient, type RpcClient } from "./rpc.ts";

export type StartAnvilParameters = {
  /** Chain start time (unix seconds); the run's clock starts here so runs are reproducible. */
  timestamp?: number | undefined;
  /** Keep no historical states in memory (long runs). Default true. */
  pruneHistory?: boolean | undefined;
  /** Automine each transaction (the naive way, for comparison). Default false: the executor mines. */
  automine?: boolean | undefined;
  /** Base fee per gas in wei. Default 0, so agents' gas does not move their balances. */
  baseFee?: bigint | undefined;
  /**
   * More anvil options, camelCase as `@viem/anvil` takes them (`{ transactionBlockKeeper: 64 }` is
   * `--transaction-block-keeper 64`): for experiments with anvil's settings (npm run bench:scale -- --anvil key=value).
   */
  extraOptions?: Readonly<Record<string, string | number | boolean>> | undefined;
  /**
   * Run anvil as a fork of a second, empty anvil (started here and stopped with it), so that no block computes a
   * state root. Anvil 1.7.1 rebuilds the root from every storage slot it ever touched at each block (zeros
   * included), so a block costs more as the chain's history grows; a fork builds none (its blocks' stateRoot is
   * zero), and pays instead one read from the empty anvil the first time a slot is touched.
   */
  forkEmpty?: boolean | undefined;
  /**
   * Keep the transactions and receipts of only this many recent blocks (`--transaction-block-keeper`); by default
   * anvil keeps every one, and its memory grows with the run. The simulator reads a block's receipts right after
   * mining it and never again.
   */
  keepBlocks?: number | undefined;
};

/**
 * How the simulator runs anvil for a scenario (and the benchmarks, for their references): a fork of an empty anvil
 * (no state root per block) that keeps the transactions of its last 64 blocks. Its blocks are the same but for
 * their state root (zero), so runs are byte-identical either way; `IMO_ANVIL_PLAIN=1` runs a plain anvil instead.
 */
export function runAnvilSettings(): Pick<StartAnvilParameters, "forkEmpty" | "keepBlocks"> {
  return process.env.IMO_ANVIL_PLAIN === "1" ? {} : { forkEmpty: true, keepBlocks: 64 };
}

export type StartAnvilReturnType = {
  rpc: RpcClient;
  url: string;
  port: number;
  /** Process id of anvil, for memory measurements. */
  pid: number | undefined;
  stop(): Promise<void>;
};

let upstreams = 0;
const running = new Set<() => Promise<void>>();
const cleanups = new Set<() => void>();
let interruptedBy: NodeJS.Signals | undefined;
let stopping: Promise<void> = Promise.resolve();

/** Resolves when the work started by an interruption (stopping anvil) is done. */
export function interruptHandled(): Promise<void> {
  return stopping;
}

/** The signal that interrupted this process, if one did (work in flight then fails on purpose). */
export function interrupted(): NodeJS.Signals | undefined {
  return interruptedBy;
}

/**
 * Registers work to undo if the process is interrupted (Ctrl-C, SIGTERM), e.g. removing a half-written
 * run folder. Returns a function that unregisters it.
 */
export function onInterrupt(cleanup: () => void): () => void {
  installExitHooks();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
/**
 * Registers asynchronous work to wait for when the process is interrupted, after the synchronous
 * cleanups (e.g. child processes stopping their own anvils). Returns a function that unregisters it.
 */
export function onInterruptWait(stop: () => Promise<void>): () => void {
  installExitHooks();
  running.add(stop);
  return () => running.delete(stop);
}
let exitHooksInstalled = false;
let interruptReport: ((signal: NodeJS.Signals) => string) | undefined;

/**
 * What to print when the process is interrupted, once every cleanup is done and before it exits (what was kept,
 * what was removed). The CLI sets it; the last one set wins.
 */
export function onInterruptReport(report: (signal: NodeJS.Signals) => string): void {
  interruptReport = report;
}

/** Stops every anvil this process started, on every exit path (normal exit, error, Ctrl-C). */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const stopAll = async () => {
    // Synchronous cleanups first: the process may not live through an await.
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // keep undoing the rest
      }
    }
    await Promise.allSettled([...running].map((stop) => stop()));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // `on`, not `once`: with our listener gone, signal-exit (used by the anvil launcher) would re-raise the
    // signal and kill the process before anvil is stopped.
    process.on(signal, () => {
      if (interruptedBy) return; // a second Ctrl-C while stopping: the first one's cleanup goes on
      interruptedBy = signal;
      stopping = stopAll().then(() => {
        try {
          if (interruptReport) process.stderr.write(interruptReport(signal));
        } catch {
          // the report is a courtesy: the exit code still says what happened
        }
      });
      void stopping.finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}

/**
 * Starts anvil on a free port with manual mining, no block gas limit, auto-impersonation (any
 * address can send, so agents need no keys), and the given start time.
 */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<StartAnvilReturnType> {
  installExitHooks();
  let upstream: StartAnvilReturnType | undefined;
  let forkOptions = {};
  if (parameters.forkEmpty) {
    const ipc = process.platform === "win32" ? undefined : join(tmpdir(), `imo-anvil-${process.pid}-${++upstreams}.ipc`);
    upstream = await startAnvil({ timestamp: parameters.timestamp, baseFee: parameters.baseFee, extraOptions: ipc ? { ipc } : {} });
    forkOptions = { forkUrl: ipc ?? upstream.url, noStorageCaching: true, noRateLimit: true };
  }
  const port = await freePort();
  const anvil = createAnvil({
    anvilBinary: anvilBinary(),
    port,
    host: "127.0.0.1",
    noMining: !(parameters.automine ?? false),
    autoImpersonate: true,
    disableBlockGasLimit: true,
    disableCodeSizeLimit: true,
    blockBaseFeePerGas: parameters.baseFee ?? 0n,
    pruneHistory: parameters.pruneHistory ?? true,
    chainId: 31337,
    ...(parameters.timestamp === undefined ? {} : { timestamp: BigInt(parameters.timestamp) }),
    startTimeout: 30_000,
    ...forkOptions,
    ...(parameters.keepBlocks === undefined ? {} : { transactionBlockKeeper: parameters.keepBlocks }),
    ...parameters.extraOptions,
    // Anvil dies with this process, even on SIGKILL (setpriv --pdeathsig where it exists; see anvilGuard.ts).
    execArgs: ([binary, args, options]: [string, string[], object]) => [...guardedCommand(binary, args), options] as const,
  } as unknown as Parameters<typeof createAnvil>[0]);
  try {
    await anvil.start();
  } catch (cause) {
    await upstream?.stop();
    throw new AnvilStartError(`Anvil did not start on port ${port}`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hints: ["Check that `npx anvil --version` works.", "Another process may have taken the port: try again."],
      cause,
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const rpc = createRpcClient(url);
  let stopped = false;
  let forget = () => undefined as void;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    await anvil.stop().catch(() => undefined);
    forget();
    await upstream?.stop();
  };
  running.add(stop);
  const pid = await findPid(port);
  forget = registerAnvil(pid, port);
  return { rpc, url, port, pid, stop };
}

/** The pid of the process listening on `port` (Linux /proc), for RSS measurements; undefined elsewhere. */
async function findPid(port: number): Promise<number | undefined> {
  if (process.platform !== "linux") return undefined;
  const { readdir, readFile, readlink } = await import("node:fs/promises");
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
    const tcp = await readFile("/proc/net/tcp", "utf8");
    const line = tcp.split("\n").find((l) => l.includes(`:${hexPort} `) && l.trim().split(/\s+/)[3] === "0A");
    const inode = line?.trim().split(/\s+/)[9];
    if (!inode) return undefined;
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
      for (const fd of fds) {
        const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => "");
        if (target === `socket:[${inode}]`) return Number(entry);
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}
