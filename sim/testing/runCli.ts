import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root and its imo-sim launcher. IMO_SIM_TEST_BIN points the process tests at another checkout's
 * launcher: that is how a regression test is shown to fail on the code before its fix.
 */
export const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
export const BIN = process.env.IMO_SIM_TEST_BIN ?? join(ROOT, "bin", "imo-sim.mjs");

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Test helper: runs `imo-sim <args>` as a real process (stdout and stderr piped) and collects what it printed. */
export function runCli(args: readonly string[], options: SpawnOptions & { bin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Test helper: starts `imo-sim <args>` as a real process (stdio piped) and returns it. */
export function spawnCli(args: readonly string[], { bin = BIN, ...options }: SpawnOptions & { bin?: string } = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], ...options });
}

/** Every file and link under `dir`, by relative path, with the sha256 of its bytes (a link: its target): a byte-for-byte picture. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      const stat = lstatSync(path);
      const rel = relative(dir, path);
      if (stat.isSymbolicLink()) out[rel] = `link → ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[`${rel}/`] = "folder";
        walk(path);
      } else out[rel] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Whether a process runs (a zombie, dead but not yet reaped by its parent, does not). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** The anvil processes whose parent is `pid` (Linux /proc). */
export function anvilChildrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => {
      try {
        const stat = readFileSync(`/proc/${child}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid && readFileSync(`/proc/${child}/comm`, "utf8").trim() === "anvil";
      } catch {
        return false;
      }
    });
}

/** Waits until `check` holds (polling), or the time is up; returns whether it held. */
export async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** A tiny scenario (about a second on Anvil): a raise, snapshots, NFT mints and resales, a malicious submitter. */
export const TINY_SCENARIO = `# A tiny scenario for tests of the command line.
seed: 5
epochs: 6
epoch: { seconds: 3600, blocks: 4 }
token: { snapshotIntervalEpochs: 2 }
raise: { target: "20", windowEpochs: 2 }
investors: { count: 8, meanDeposit: "5" }
holders: { claimEverySnapshot: 3, claimLate: 1, neverClaim: 1, burnAfterSnapshot: 1, burnBeforeSnapshot: 1 }
demand: { users: 6, meanRequestsPerEpoch: 4, nftMintProbability: 0.3 }
submitters: { honest: 2, malicious: 1, wrongProbability: 0.5 }
oracle: { challengeWindow: 1800, responseDeadline: 900 }
nft: { resaleProbability: 0.5 }
`;
