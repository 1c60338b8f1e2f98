import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../scenario/schema.ts";
import { anvilBinary } from "../chain/anvilBinary.ts";
import type { Deployment } from "./deployment.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

export type RunMetadataParameters = {
  scenario: Scenario;
  scenarioFile: string | undefined;
  deployment: Deployment;
  counts: Record<string, number>;
  balances: Record<string, string>;
  assertions: readonly { name: string; passed: boolean; detail: string }[];
  modelTraceLength: number;
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

/**
 * metadata.json: the scenario as resolved, its hash and seed, the git commit and tool versions, the
 * deployment, row counts, final contract balances and the assertions. No wall-clock figures: two runs
 * of the same scenario and seed write the same bytes.
 */
export function runMetadata(p: RunMetadataParameters): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; devDependencies: Record<string, string> };
  const stringify = (d: Deployment) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
  return {
    tool: { name: pkg.name, version: pkg.version },
    scenarioFile: p.scenarioFile ? relative(ROOT, p.scenarioFile) : null,
    scenarioHash: scenarioHash(p.scenario),
    seed: p.scenario.seed,
    gitCommit: safe(() => execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString()),
    versions: {
      node: process.version,
      anvil: safe(() => execFileSync(anvilBinary(), ["--version"]).toString().split("\n")[0] ?? ""),
      solc: pkg.devDependencies.solc ?? "unknown",
      viem: pkg.devDependencies.viem ?? "unknown",
    },
    model: { name: p.scenario.model.name, traceLength: p.modelTraceLength },
    deployment: stringify(p.deployment),
    rows: p.counts,
    finalBalancesWei: p.balances,
    assertions: p.assertions,
    scenario: p.scenario,
  };
}
