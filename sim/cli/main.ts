import { writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { ScenarioAssertionError, runScenario } from "../engine/runScenario.ts";
import { ensureArtifacts } from "../chain/contracts.ts";
import { interruptHandled, interrupted } from "../chain/startAnvil.ts";
import { BaseError } from "../errors/index.ts";
import { buildReport } from "../report/index.ts";
import { loadScenario, scenarioJsonSchema } from "../scenario/index.ts";
import { CompareDifferenceError, compareFolders, formatComparison, loadSweep, mergeSweeps, runSweep, sweepJsonSchema, SweepJobsFailedError } from "../sweep/index.ts";
import { parseArgs, USAGE } from "./parseArgs.ts";
import { createProgress } from "./progress.ts";

/** The imo-sim command line. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.command) {
      case "help":
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case "schema": {
        const text = `${JSON.stringify(command.sweep ? sweepJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
        if (command.out) writeFileSync(command.out, text);
        else process.stdout.write(text);
        return 0;
      }
      case "report": {
        const report = await buildReport(command.dir);
        process.stdout.write(`${report.conserved ? "" : "WARNING: ETH is not conserved; see the conservation table\n"}report: ${report.htmlPath}\n`);
        return 0;
      }
      case "run": {
        // Validate everything before anything is written: bad input leaves no run folder behind.
        const { scenario, file } = loadScenario(command.scenario, command.seed === undefined ? {} : { seed: command.seed });
        const name = basename(file, extname(file));
        const outDir = command.out ?? join("reports", name);
        ensureArtifacts();
        const progress = createProgress(scenario.epochs);
        const result = await runScenario({ scenario, outDir, scenarioFile: file, onProgress: progress.update }).finally(() => progress.done());
        const report = await buildReport(result.outDir);
        const failed = result.assertions.filter((a) => !a.passed);
        process.stdout.write(
          [
            `${name}: ${scenario.epochs} epochs, ${result.requests} requests, ${result.transactions} transactions in ${result.wallSeconds.toFixed(1)} s (${(result.transactions / result.wallSeconds).toFixed(0)} tx/s)`,
            `wrong results finalized: ${result.wrongFinalized}`,
            `peak memory: node ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB${result.anvilRssMb === undefined ? "" : `, anvil ${result.anvilRssMb.toFixed(0)} MB`}`,
            ...result.assertions.map((a) => `${a.passed ? "ok  " : "FAIL"} ${a.name}: ${a.detail}`),
            ...(report.conserved ? [] : ["WARNING: ETH is not conserved; see the report's conservation table"]),
            `run folder: ${result.outDir}`,
            `report: ${report.htmlPath}`,
          ].join("\n") + "\n",
        );
        if (failed.length > 0) throw new ScenarioAssertionError(`${failed.length} scenario assertion(s) failed`, { exitCode: 1, details: failed.map((a) => a.name).join(", ") });
        return 0;
      }
      case "sweep": {
        // Validate the sweep and every point before anything runs or is written.
        const sweep = loadSweep(command.file);
        ensureArtifacts();
        const outDir = command.out ?? join("reports", "sweeps", sweep.name);
        const shardText = command.shard ? ` shard ${command.shard.index}/${command.shard.count}` : "";
        process.stderr.write(`${sweep.name}${shardText}: ${sweep.points.length} points × ${sweep.seeds.length} seeds = ${sweep.jobs.length} jobs, ${command.parallel} at a time\n`);
        const result = await runSweep({
          sweep,
          outDir,
          parallel: command.parallel,
          shard: command.shard,
          onJob: (e) => process.stderr.write(`[${e.done}/${e.total}] ${e.job.id} ${e.status}${e.seconds === undefined ? "" : ` ${e.seconds.toFixed(1)} s`}${e.error ? `: ${e.error}` : ""}\n`),
        });
        process.stdout.write(
          [
            `${sweep.name}${shardText}: ${result.jobs} jobs: ${result.ran.length} run, ${result.skipped.length} already complete, ${result.failed.length} failed, ${result.assertionFailed.length} with a failed assertion; ${result.wallSeconds.toFixed(1)} s`,
            ...(result.wroteOutputs
              ? [`results: ${join(outDir, "results.csv")}`, `summary: ${join(outDir, "summary.csv")}`, `report: ${join(outDir, "report.html")}`]
              : [`shard written to ${outDir}; when every shard is done: imo-sim merge <shard folders> --out <dir>`]),
          ].join("\n") + "\n",
        );
        if (result.failed.length > 0 || result.assertionFailed.length > 0) {
          throw new SweepJobsFailedError(`${result.failed.length} job(s) failed, ${result.assertionFailed.length} had a failed scenario assertion`, {
            exitCode: 1,
            details: [...result.failed.slice(0, 10), ...result.assertionFailed.slice(0, 10)].join(", "),
            hints: ["The other jobs and the outputs are written; failed.json and results.csv (status, error) say what happened. Rerun into the same --out to retry failed jobs."],
          });
        }
        return 0;
      }
      case "merge": {
        const result = mergeSweeps(command.dirs, command.out);
        process.stdout.write(`merged ${result.jobs} jobs (${result.copied} run folders copied) into ${command.out}\nresults: ${join(command.out, "results.csv")}\nreport: ${join(command.out, "report.html")}\n`);
        if (result.failed.length > 0 || result.assertionFailed.length > 0) {
          throw new SweepJobsFailedError(`${result.failed.length} job(s) failed, ${result.assertionFailed.length} had a failed scenario assertion`, { exitCode: 1, details: [...result.failed, ...result.assertionFailed].slice(0, 20).join(", ") });
        }
        return 0;
      }
      case "compare": {
        const result = await compareFolders(command.a, command.b);
        process.stdout.write(formatComparison(result, command.a, command.b));
        if (command.failOnDiff && !result.identical) throw new CompareDifferenceError("The two folders differ (--fail-on-diff)", { exitCode: 1 });
        return 0;
      }
    }
  } catch (error) {
    const signal = interrupted();
    if (signal) {
      await interruptHandled();
      process.stderr.write(`imo-sim: interrupted (${signal}); anvil stopped; unfinished runs removed, finished sweep jobs kept\n`);
      return signal === "SIGINT" ? 130 : 143;
    }
    if (error instanceof BaseError) {
      process.stderr.write(`${error.name}: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(await main(process.argv.slice(2)));
}
