import { existsSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { cleanOrphanAnvils } from "../chain/anvilGuard.ts";
import { interruptHandled, interrupted, onInterruptReport } from "../chain/startAnvil.ts";
import { ScenarioAssertionError, runScenario } from "../engine/runScenario.ts";
import { BaseError } from "../errors/index.ts";
import { buildReport } from "../report/index.ts";
import { OutputFolderError } from "../runFolder/errors.ts";
import { checkOutputPath, checkRunOutDir, type RunOutDir } from "../runFolder/outDir.ts";
import { partialPathOf } from "../runFolder/partialFolder.ts";
import { loadScenario, scenarioJsonSchema } from "../scenario/index.ts";
import { CompareDifferenceError, compareFolders, formatComparison, loadSweep, mergeSweeps, runSweep, sweepJsonSchema, SweepJobsFailedError } from "../sweep/index.ts";
import { buildContracts } from "./buildContracts.ts";
import { COMMAND_HELP, parseArgs, USAGE, type Command } from "./parseArgs.ts";
import { createProgress } from "./progress.ts";
import { versionText } from "./versionText.ts";

const note = (line: string) => process.stderr.write(`imo-sim: ${line}\n`);

/** The imo-sim command line. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.command) {
      case "help":
        process.stdout.write(`${command.topic ? COMMAND_HELP[command.topic] : USAGE}\n`);
        return 0;
      case "version":
        process.stdout.write(versionText());
        return 0;
      case "schema": {
        const text = `${JSON.stringify(command.sweep ? sweepJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
        if (command.out !== undefined) {
          const path = checkOutputPath(command.out, "--out", { workingDirectory: "allowed" });
          if (existsSync(path) && statSync(path).isDirectory()) throw new OutputFolderError(`--out ${command.out} is a folder`, { hints: ["schema --out takes a file name, e.g. --out scenarios/scenario.schema.json"] });
          writeFileSync(path, text);
        } else process.stdout.write(text);
        return 0;
      }
      case "report": {
        const report = await buildReport(command.dir);
        process.stdout.write(`${report.conserved ? "" : "WARNING: ETH is not conserved; see the conservation table\n"}report: ${report.htmlPath}\n`);
        return 0;
      }
      case "run":
        return await run(command);
      case "sweep":
        return await sweep(command);
      case "merge": {
        checkOutputPath(command.out, "--out", { workingDirectory: "allowed" });
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
        for (const warning of result.warnings) process.stderr.write(`WARNING: ${warning}\n`);
        if (command.failOnDiff && !result.identical) throw new CompareDifferenceError("The two folders differ (--fail-on-diff)", { exitCode: 1 });
        return 0;
      }
    }
  } catch (error) {
    const signal = interrupted();
    if (signal) {
      // The interrupt handler stops anvil, removes unfinished work, prints what it kept and exits.
      await interruptHandled();
      return signal === "SIGINT" ? 130 : 143;
    }
    if (error instanceof BaseError) {
      process.stderr.write(`${error.name}: ${error.message}\n`);
      return error.exitCode;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    // A system error (a file, a permission) says enough in one line; anything else is a bug: show where.
    process.stderr.write(`${code ? `imo-sim: ${(error as Error).message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

async function run(command: Extract<Command, { command: "run" }>): Promise<number> {
  // Everything that can be refused is refused before anything is written or run: the scenario, then --out.
  const { scenario, file } = loadScenario(command.scenario, command.seed === undefined ? {} : { seed: command.seed });
  const name = basename(file, extname(file));
  const outDir = command.out ?? join("reports", name);
  const target = checkRunOutDir(outDir, { force: command.force, scenarioFile: file });
  for (const line of [...cleanOrphanAnvils(), ...target.notes]) note(line);
  let phase: "building" | "simulating" | "reporting" = "building";
  const progress = createProgress({ epochs: scenario.epochs });
  onInterruptReport((signal) => runInterruptText(signal, phase, progress.epoch, scenario.epochs, outDir, target));
  buildContracts();
  phase = "simulating";
  const result = await runScenario({ scenario, outDir, scenarioFile: file, onProgress: progress.update }).finally(() => progress.done());
  phase = "reporting";
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

/** What an interrupted run kept and removed. */
function runInterruptText(signal: NodeJS.Signals, phase: "building" | "simulating" | "reporting", epoch: number, epochs: number, outDir: string, target: RunOutDir): string {
  const before = target.state === "previous-run" ? `${outDir} still holds the previous run, unchanged` : target.state === "empty" ? `${outDir} is still empty` : `${outDir} was not created`;
  if (phase === "building") return `imo-sim: interrupted (${signal}) while compiling the contracts: nothing was run; ${before}\n`;
  if (phase === "reporting") return `imo-sim: interrupted (${signal}) while building the report: the run folder ${outDir} is complete; rebuild its report with: imo-sim report ${outDir}\n`;
  return `imo-sim: interrupted (${signal}) at epoch ${epoch} of ${epochs}: anvil stopped; removed the unfinished run folder ${partialPathOf(outDir)}; ${before}\n`;
}

async function sweep(command: Extract<Command, { command: "sweep" }>): Promise<number> {
  // Validate the sweep and every point before anything runs or is written.
  const sweepFile = loadSweep(command.file);
  const outDir = command.out ?? join("reports", "sweeps", sweepFile.name);
  checkOutputPath(outDir, "--out", { workingDirectory: "allowed" });
  for (const line of cleanOrphanAnvils()) note(line);
  const shardText = command.shard ? ` shard ${command.shard.index}/${command.shard.count}` : "";
  const running = new Set<string>();
  const finished: string[] = [];
  let skipped = 0;
  let total = 0;
  onInterruptReport((signal) => {
    const notStarted = total - finished.length - skipped - running.size;
    return `imo-sim: interrupted (${signal}): stopped ${running.size} running job(s) and their anvils and removed their unfinished folders${running.size > 0 ? ` (${[...running].join(", ")})` : ""}; kept ${finished.length + skipped} finished job(s) in ${join(outDir, "runs")}${skipped > 0 ? ` (${skipped} from an earlier run)` : ""}; ${Math.max(0, notStarted)} not started. Rerun the same command to resume.\n`;
  });
  buildContracts();
  process.stderr.write(`${sweepFile.name}${shardText}: ${sweepFile.points.length} points × ${sweepFile.seeds.length} seeds = ${sweepFile.jobs.length} jobs, ${command.parallel} at a time\n`);
  const result = await runSweep({
    sweep: sweepFile,
    outDir,
    parallel: command.parallel,
    shard: command.shard,
    onJobStart: (job, jobs) => {
      total = jobs;
      running.add(job.id);
    },
    onJob: (e) => {
      total = e.total;
      running.delete(e.job.id);
      if (e.status === "skipped") skipped++;
      else finished.push(e.job.id);
      process.stderr.write(`[${e.done}/${e.total}] ${e.job.id} ${e.status}${e.seconds === undefined ? "" : ` ${e.seconds.toFixed(1)} s`}${e.error ? `: ${e.error}` : ""}\n`);
    },
  });
  process.stdout.write(
    [
      `${sweepFile.name}${shardText}: ${result.jobs} jobs: ${result.ran.length} run, ${result.skipped.length} already complete, ${result.failed.length} failed, ${result.assertionFailed.length} with a failed assertion; ${result.wallSeconds.toFixed(1)} s`,
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

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(await main(process.argv.slice(2)));
}
