import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BaseError } from "../errors/index.ts";
import { scenarioSchema, type Scenario } from "../scenario/index.ts";

/** metadata.json of a run folder, as the report uses it. */
export type RunMetadata = {
  scenarioFile: string | null;
  scenarioHash: string;
  seed: number;
  gitCommit: string;
  versions: Record<string, string>;
  model: { name: string; traceLength: number };
  deployment: Record<string, string>;
  rows: Record<string, number>;
  finalBalancesWei: Record<string, string>;
  /** The oracle's books at the end (wei as decimal strings), read from the oracle; absent in run folders written before the claim rule. */
  oracleBooks?: Record<string, string> | undefined;
  assertions: { name: string; passed: boolean; detail: string }[];
  scenario: Scenario;
};

/** The folder is not a complete run folder. */
export class RunFolderError extends BaseError {
  override name = "RunFolderError";
}

/** Reads and checks `<runDir>/metadata.json`; the scenario is re-resolved so that defaults added since the run are filled in. */
export function readRunMetadata(runDir: string): RunMetadata {
  const file = join(runDir, "metadata.json");
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw new RunFolderError(`Cannot read ${file}`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hints: ["Pass the folder that `imo-sim run` wrote (it holds metadata.json and the CSV tables)."],
    });
  }
  const parsed = scenarioSchema.safeParse(raw.scenario);
  const scenario = (parsed.success ? parsed.data : raw.scenario) as Scenario;
  if (typeof scenario !== "object" || scenario === null || typeof raw.finalBalancesWei !== "object") {
    throw new RunFolderError(`${file} has no scenario or no final balances`, { hints: ["Re-run the scenario with this version of imo-sim."] });
  }
  return { ...(raw as Omit<RunMetadata, "scenario">), scenario };
}
