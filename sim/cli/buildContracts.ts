import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { contractAbis, type ContractName } from "../chain/contracts.ts";
import { ArtifactNotFoundError } from "../errors/index.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

/** Files whose change can change the bytecode: the contract sources, forge's settings, the compiler wrapper, the locked dependencies. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".sol")) files.push(path);
    }
  };
  const src = join(root, "contracts", "src");
  if (existsSync(src)) walk(src);
  for (const file of ["foundry.toml", "remappings.txt", "package-lock.json", "tools/solc-wasm.mjs"]) if (existsSync(join(root, file))) files.push(join(root, file));
  return files;
}

export type StaleArtifacts = { reason: string } | undefined;

/** Touched after every successful build: forge confirmed then that the artifacts match the sources. */
const stampOf = (root: string) => join(root, "cache", "imo-sim-build.stamp");

/** Why the artifacts of the deployed contracts may be stale (one missing, or a source newer than the oldest), or undefined. */
export function staleArtifacts(root = ROOT): StaleArtifacts {
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of Object.keys(contractAbis) as ContractName[]) {
    const artifact = join(root, "out", `${name}.sol`, `${name}.json`);
    if (!existsSync(artifact)) return { reason: `no compiled artifact for ${name}` };
    oldest = Math.min(oldest, statSync(artifact).mtimeMs);
  }
  const stamp = stampOf(root);
  const checked = Math.max(oldest, existsSync(stamp) ? statSync(stamp).mtimeMs : 0);
  const newer = sourceFiles(root).filter((file) => statSync(file).mtimeMs > checked);
  if (newer.length === 0) return undefined;
  const shown = newer.slice(0, 3).map((f) => relative(root, f));
  return { reason: `${shown.join(", ")}${newer.length > 3 ? ` and ${newer.length - 3} more` : ""} changed since the last build` };
}

export type BuildContractsReturnType = { built: boolean; compiled: boolean; reason: string | undefined };

/**
 * Makes sure a run deploys the contracts as they are: when a source is newer than the artifacts (or one is
 * missing), runs `node tools/forge.mjs build` (tests and scripts skipped), and forge's own cache decides what to
 * recompile. A failed compile stops the run (exit 2): nothing runs on stale bytecode. Progress goes to stderr.
 */
export function buildContracts(root = ROOT, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): BuildContractsReturnType {
  const stale = staleArtifacts(root);
  if (stale === undefined) return { built: false, compiled: false, reason: undefined };
  log(`imo-sim: ${stale.reason}: compiling the contracts (node tools/forge.mjs build)…`);
  const started = performance.now();
  const startedAt = new Date();
  const result = spawnSync(process.execPath, [join(root, "tools", "forge.mjs"), "build", "--skip", "test", "--skip", "script"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0) {
    throw new ArtifactNotFoundError("Compiling the contracts failed: the run would use stale bytecode, so it does not start", {
      details: output.split("\n").slice(-15).join("\n"),
      hints: ["Fix the compiler errors above (`npm run build:contracts` shows them all), then run again."],
    });
  }
  const compiled = !/No files changed, compilation skipped/.test(output);
  mkdirSync(join(root, "cache"), { recursive: true });
  // Dated when the build started: a source saved while forge ran is newer, and the next run builds again.
  writeFileSync(stampOf(root), `${startedAt.toISOString()}\n`);
  utimesSync(stampOf(root), startedAt, startedAt);
  log(`imo-sim: ${compiled ? "compiled" : "nothing to recompile"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { built: true, compiled, reason: stale.reason };
}
