import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../scenario/schema.ts";
import { anvilBinary } from "../chain/anvilBinary.ts";
import { bytecodeOf, contractAbis, type ContractName } from "../chain/contracts.ts";
import { describeRunFiles } from "../runFolder/runFiles.ts";
import type { Deployment } from "./deployment.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

export type RunMetadataParameters = {
  /** The run folder being written: its tables are complete, and their row counts and sha256 are recorded. */
  dir: string;
  scenario: Scenario;
  scenarioFile: string | undefined;
  deployment: Deployment;
  counts: Record<string, number>;
  balances: Record<string, string>;
  assertions: readonly { name: string; passed: boolean; detail: string }[];
  modelTraceLength: number;
  /** Where every wei the oracle holds is at the end (its credits, accrued fees, burned, escrow, bonds held), read from the oracle. */
  oracleBooks: Record<string, string | number>;
};

/** The hash of a resolved scenario: two runs with the same hash ran the same parameters. */
export function scenarioHash(scenario: Scenario): string {
  return createHash("sha256").update(JSON.stringify(scenario)).digest("hex");
}

function safe(run: () => string): string {
  try {
    return run().trim();
  } catch {
    return "unknown";
  }
}

/** Changed and untracked files of the working tree (`git status --porcelain`), or undefined outside a git checkout. */
export function gitChanges(root = ROOT): string[] | undefined {
  try {
    const text = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString();
    return text.split("\n").filter((line) => line.trim() !== "").map((line) => line.slice(3));
  } catch {
    return undefined;
  }
}

/** sha256 of the creation bytecode of every contract the run deploys, from the artifacts it deployed. */
export function contractCodeHashes(): Record<string, string> {
  return Object.fromEntries((Object.keys(contractAbis) as ContractName[]).sort().map((name) => [name, createHash("sha256").update(bytecodeOf(name)).digest("hex")]));
}

/**
 * metadata.json: the scenario as resolved, its hash and seed, the git commit (and whether the working tree had
 * uncommitted changes, and which), the bytecode of the contracts that ran, tool versions, the deployment, row
 * counts and sha256 of every table, final contract balances and the assertions. No wall-clock figures: two
 * runs of the same scenario and seed in the same tree write the same bytes.
 */
export function runMetadata(p: RunMetadataParameters): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; devDependencies: Record<string, string> };
  const stringify = (d: Deployment) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
  const changes = gitChanges();
  return {
    tool: { name: pkg.name, version: pkg.version },
    scenarioFile: p.scenarioFile ? relative(ROOT, p.scenarioFile) : null,
    scenarioHash: scenarioHash(p.scenario),
    seed: p.scenario.seed,
    gitCommit: safe(() => execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString()),
    gitDirty: changes === undefined ? null : changes.length > 0,
    gitChanges: changes === undefined ? [] : changes.slice(0, 50),
    contractCode: contractCodeHashes(),
    versions: {
      node: process.version,
      anvil: safe(() => execFileSync(anvilBinary(), ["--version"]).toString().split("\n")[0] ?? ""),
      solc: pkg.devDependencies.solc ?? "unknown",
      viem: pkg.devDependencies.viem ?? "unknown",
    },
    model: { name: p.scenario.model.name, traceLength: p.modelTraceLength },
    deployment: stringify(p.deployment),
    rows: p.counts,
    files: describeRunFiles(p.dir),
    finalBalancesWei: p.balances,
    oracleBooks: p.oracleBooks,
    assertions: p.assertions,
    scenario: p.scenario,
  };
}

/** The key metadata.json's own checksum is stored under: sha256 of the file's text without that line. */
export const METADATA_CHECKSUM_KEY = "metadataSha256";

/** metadata.json's text, ending with the sha256 of everything before it, so a report can tell an edited file. */
export function metadataText(metadata: Record<string, unknown>): string {
  const { [METADATA_CHECKSUM_KEY]: _, ...rest } = metadata;
  const body = JSON.stringify(rest, null, 2);
  return `${JSON.stringify({ ...rest, [METADATA_CHECKSUM_KEY]: createHash("sha256").update(body).digest("hex") }, null, 2)}\n`;
}
