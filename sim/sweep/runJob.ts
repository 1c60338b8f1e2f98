import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { onInterrupt } from "../chain/startAnvil.ts";
import { runScenario } from "../engine/runScenario.ts";
import { AnvilStartError } from "../errors/index.ts";
import { buildReport } from "../report/index.ts";
import type { Scenario } from "../scenario/index.ts";
import { headlineMetrics, type HeadlineMetrics } from "./headlineMetrics.ts";

export type JobSpec = {
  job: string;
  point: number;
  seed: number;
  sweepHash: string;
  scenario: Scenario;
  /** Recorded in the run's metadata.json (relative to the repository). */
  scenarioFile: string;
  /** `<out>/runs`. */
  runsDir: string;
};

/** A finished job, as `runs/<job>/job.json` records it. */
export type JobRecord = {
  job: string;
  point: number;
  seed: number;
  sweepHash: string;
  /** ok, or assertion-failed: the run is complete but a scenario assertion failed (its metrics are there). */
  status: "ok" | "assertion-failed";
  failedAssertions: string[];
  metrics: HeadlineMetrics;
};

/** A job that did not complete, as `failures/<job>.json` records it. */
export type JobFailure = { job: string; point: number; seed: number; sweepHash: string; status: "failed"; error: string };

/** The folder a job's run is built in before it is moved into `runs/<job>` in one rename. */
export const partialDirOf = (runsDir: string, job: string) => join(runsDir, ".partial", job);

/**
 * Runs one job: the scenario on its own anvil into `runs/.partial/<job>`, its report (report.html is left
 * out: `imo-sim report runs/<job>` rebuilds it), its headline metrics into job.json, then one rename to
 * `runs/<job>`. A job folder that exists is complete. An anvil that fails to start is retried once.
 */
export async function runJob(spec: JobSpec): Promise<JobRecord> {
  const partial = partialDirOf(spec.runsDir, spec.job);
  const forget = onInterrupt(() => rmSync(partial, { recursive: true, force: true }));
  try {
    const run = () => runScenario({ scenario: spec.scenario, outDir: partial, scenarioFile: spec.scenarioFile });
    const result = await run().catch((error: unknown) => {
      if (error instanceof AnvilStartError) return run();
      throw error;
    });
    await buildReport(partial);
    rmSync(join(partial, "report", "report.html"), { force: true });
    const failedAssertions = result.assertions.filter((a) => !a.passed).map((a) => a.name);
    const record: JobRecord = {
      job: spec.job,
      point: spec.point,
      seed: spec.seed,
      sweepHash: spec.sweepHash,
      status: failedAssertions.length === 0 ? "ok" : "assertion-failed",
      failedAssertions,
      metrics: await headlineMetrics(partial),
    };
    writeFileSync(join(partial, "job.json"), `${JSON.stringify(record, null, 2)}\n`);
    const final = join(spec.runsDir, spec.job);
    if (existsSync(final)) rmSync(final, { recursive: true, force: true });
    mkdirSync(spec.runsDir, { recursive: true });
    renameSync(partial, final);
    return record;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    forget();
  }
}
