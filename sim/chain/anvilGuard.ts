import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Anvil dies with the process that started it. Anvil has no option for that, so on Linux it is started through
 * util-linux's `setpriv --pdeathsig KILL`, which asks the kernel (prctl PR_SET_PDEATHSIG) to kill it when its
 * parent dies, even by SIGKILL, and then execs anvil in place (same pid). Where setpriv is missing, a registry of
 * running anvils lets the next run find the ones whose parent is gone and stop them (cleanOrphanAnvils).
 */

let setpriv: string | null | undefined;

/** util-linux's setpriv, if it is installed and knows --pdeathsig (util-linux 2.33 and later). */
export function pdeathsigWrapper(): string | undefined {
  if (setpriv === undefined) {
    setpriv = null;
    if (process.platform === "linux") {
      for (const candidate of ["/usr/bin/setpriv", "/bin/setpriv"]) {
        if (!existsSync(candidate)) continue;
        const probe = spawnSync(candidate, ["--pdeathsig", "KILL", "--", "true"], { stdio: "ignore" });
        if (probe.status === 0) {
          setpriv = candidate;
          break;
        }
      }
    }
  }
  return setpriv ?? undefined;
}

/** `[binary, args]` to start anvil so that it dies with this process (as is where no wrapper exists). */
export function guardedCommand(binary: string, args: readonly string[]): [string, string[]] {
  const wrapper = pdeathsigWrapper();
  return wrapper ? [wrapper, ["--pdeathsig", "KILL", "--", binary, ...args]] : [binary, [...args]];
}

type Entry = { anvilPid: number; ownerPid: number; port: number };

const registryDir = () => join(tmpdir(), `imo-sim-anvils-${process.getuid?.() ?? "user"}`);

/** Records a running anvil and the process that owns it; returns a function that forgets it. */
export function registerAnvil(anvilPid: number | undefined, port: number): () => void {
  if (anvilPid === undefined) return () => undefined;
  const path = join(registryDir(), `${anvilPid}.json`);
  try {
    mkdirSync(registryDir(), { recursive: true });
    writeFileSync(path, JSON.stringify({ anvilPid, ownerPid: process.pid, port } satisfies Entry));
  } catch {
    return () => undefined;
  }
  return () => rmSync(path, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process is the anvil that was registered: its command line names anvil and the registered port. */
function isRegisteredAnvil(entry: Entry): boolean {
  try {
    const args = readFileSync(`/proc/${entry.anvilPid}/cmdline`, "utf8").split("\0");
    return args.some((a) => /(^|\/)anvil$/.test(a)) && args.some((a, i) => a === "--port" && args[i + 1] === String(entry.port));
  } catch {
    return false;
  }
}

/**
 * Stops anvils that an imo-sim process started and left running when it was killed (its owner is gone), and
 * forgets finished entries. Returns what it did, to print. Only a process whose command line is that anvil's
 * (same binary name, same port) is signalled, so a reused pid is never touched.
 */
export function cleanOrphanAnvils(): string[] {
  const dir = registryDir();
  if (!existsSync(dir)) return [];
  const notes: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const path = join(dir, file);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(path, "utf8")) as Entry;
    } catch {
      rmSync(path, { force: true });
      continue;
    }
    if (alive(entry.ownerPid)) continue;
    if (alive(entry.anvilPid) && isRegisteredAnvil(entry)) {
      try {
        process.kill(entry.anvilPid, "SIGKILL");
        notes.push(`stopped an orphaned anvil (pid ${entry.anvilPid}, port ${entry.port}) left by a killed imo-sim (pid ${entry.ownerPid})`);
      } catch (error) {
        notes.push(`could not stop the orphaned anvil pid ${entry.anvilPid} (port ${entry.port}): ${(error as Error).message}`);
        continue;
      }
    }
    rmSync(path, { force: true });
  }
  return notes;
}
