import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runScenario } from "../engine/runScenario.ts";
import { loadScenario, parseScenario } from "../scenario/index.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

function buildContractsIfMissing(): void {
  if (!existsSync(join(ROOT, "out", "OpmlOracle.sol"))) execFileSync(process.execPath, ["tools/forge.mjs", "build", "--quiet"], { cwd: ROOT, stdio: "inherit" });
}

/** Test helper: runs a shipped scenario (e.g. "malicious-submitters") as it is into a temporary run folder. */
export async function runShippedScenario(name: string): Promise<string> {
  buildContractsIfMissing();
  const { scenario, file } = loadScenario(join(ROOT, "scenarios", name));
  const outDir = join(mkdtempSync(join(tmpdir(), "imo-report-")), "run");
  await runScenario({ scenario, outDir, scenarioFile: file });
  return outDir;
}

/**
 * Test helper: runs a tiny scenario (plus `extra` YAML lines; a top-level key of `extra` replaces the tiny
 * scenario's line for it) on a fresh anvil into a temporary run folder. Builds the contracts first if out/ is missing.
 */
export async function runTinyScenario(extra = ""): Promise<string> {
  buildContractsIfMissing();
  const replaced = new Set([...extra.matchAll(/^(\w+):/gm)].map((m) => m[1]));
  const base = `seed: 5
epochs: 6
epoch: { seconds: 3600, blocks: 4 }
token: { snapshotIntervalEpochs: 2 }
raise: { target: "20", windowEpochs: 2 }
investors: { count: 8, meanDeposit: "5" }
holders: { claimEverySnapshot: 3, claimLate: 1, neverClaim: 1, burnAfterSnapshot: 1, burnBeforeSnapshot: 1 }
demand: { users: 6, meanRequestsPerEpoch: 4, nftMintProbability: 0.3 }
oracle: { challengeWindow: 1800, responseDeadline: 900 }
nft: { resaleProbability: 0.5 }
`;
  const kept = base.split("\n").filter((line) => !replaced.has(/^(\w+):/.exec(line)?.[1]));
  const scenario = parseScenario(`${kept.join("\n")}\n${extra}`, "tiny.yaml");
  const outDir = join(mkdtempSync(join(tmpdir(), "imo-report-")), "run");
  await runScenario({ scenario, outDir });
  return outDir;
}
