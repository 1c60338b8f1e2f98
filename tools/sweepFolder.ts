// What the sweep-summary tools (tools/market*.ts) share: the sweep folder from the command line, its CSV tables,
// and its jobs grouped by sweep point.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { splitCsvLine } from "../sim/report/readCsv.ts";

/** The command line's arguments after the sweep folder, which must come first; exits 2 with `usage` without it. */
export function sweepFolderArgs(usage: string): { dir: string; rest: string[] } {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return { dir, rest };
}

/** A whole CSV table written by the simulator (header line, quoted cells), its rows keyed by column. */
export function readCsvFile(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const columns = splitCsvLine(header ?? "");
  return lines.map((l) => Object.fromEntries(splitCsvLine(l).map((v, i) => [columns[i] as string, v])));
}

export type SweepJob = { job: string; runDir: string; result: Record<string, string>; point: string };

/**
 * The sweep's jobs that have a run folder and a row in results.csv (only those that ran ok with `okOnly`), in job
 * order, each with its point: the swept parameters as `field=value`, space-separated.
 */
export function sweepJobs(dir: string, { okOnly = false } = {}): SweepJob[] {
  const results = readCsvFile(join(dir, "results.csv"));
  const parameters = Object.keys(results[0] ?? {}).filter((k) => k.includes("."));
  const jobs: SweepJob[] = [];
  for (const job of readdirSync(join(dir, "runs")).sort()) {
    const result = results.find((r) => r.job === job && (!okOnly || r.status === "ok"));
    if (!result) continue;
    jobs.push({ job, runDir: join(dir, "runs", job), result, point: parameters.map((p) => `${p}=${result[p]}`).join(" ") });
  }
  return jobs;
}
