import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { csvOptions } from "../metrics/csvOptions.ts";
import { metricsOf, type MetricKey } from "./headlineMetrics.ts";
import { describeValues } from "./loadSweep.ts";
import { writeFileAtomic, writeJsonAtomic, type SweepManifest } from "./manifest.ts";
import { renderSweepHtml, type SweepView } from "./renderSweepHtml.ts";
import type { JobFailure, JobRecord } from "./runJob.ts";
import { STATISTICS, summarizeSample, type SampleSummary } from "./summarizeSample.ts";

export type JobOutcome = JobRecord | JobFailure;

/** The files of a sweep folder that depend only on the sweep and its jobs' outcomes: compare these across machines. */
export const SWEEP_OUTPUT_FILES = ["results.csv", "summary.csv", "summary.json", "failed.json", "report.html"] as const;

export const QUANTILE_METHOD = "linear interpolation between order statistics (R type 7, numpy's default), simple-statistics quantileSorted; stddev is the sample standard deviation (n − 1)";

const cell = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : (v as string | number | boolean));

/**
 * Writes results.csv, summary.csv, summary.json, failed.json and report.html of a sweep folder from the
 * manifest and every job's outcome (in job order). A pure function of those: the same jobs give the same
 * bytes, whether they ran on one machine or on many shards.
 */
export function writeSweepOutputs(dir: string, manifest: SweepManifest, outcomes: readonly JobOutcome[]): void {
  const names = manifest.parameters.map((p) => p.name);
  // A feature's metrics (off-chain usage) only when a job has them: a sweep without it writes what it always did.
  const HEADLINE_METRICS = metricsOf(outcomes.flatMap((o) => (o.status === "failed" ? [] : [o.metrics])));
  const keys = HEADLINE_METRICS.map((m) => m.key);

  const results = manifest.jobs.map((job, i) => {
    const outcome = outcomes[i] as JobOutcome;
    const point = manifest.points[job.point];
    const row: Record<string, unknown> = { job: job.id, point: point?.id, seed: job.seed };
    for (const name of names) row[name] = cell(point?.values[name]);
    for (const key of keys) row[key] = outcome.status === "failed" ? "" : cell(outcome.metrics[key]);
    row.status = outcome.status;
    row.failed_assertions = outcome.status === "failed" ? "" : outcome.failedAssertions.join(";");
    row.error = outcome.status === "failed" ? outcome.error : "";
    return row;
  });
  writeFileAtomic(join(dir, "results.csv"), stringify(results, csvOptions(["job", "point", "seed", ...names, ...keys, "status", "failed_assertions", "error"])));

  const points = manifest.points.map((point) => {
    const mine = manifest.jobs.map((job, i) => ({ job, outcome: outcomes[i] as JobOutcome })).filter((x) => x.job.point === point.index);
    const done = mine.filter((x): x is { job: typeof x.job; outcome: JobRecord } => x.outcome.status !== "failed");
    const metrics = Object.fromEntries(keys.map((key) => [key, summarizeSample(done.map((x) => x.outcome.metrics[key] ?? null))])) as Record<MetricKey, SampleSummary>;
    const seeds = Object.fromEntries(keys.map((key) => [key, done.map((x) => [x.job.seed, x.outcome.metrics[key] ?? null] as [number, number | null])])) as Record<MetricKey, [number, number | null][]>;
    return { point, runs: done.length, failed: mine.length - done.length, metrics, seeds };
  });

  const summaryRows = points.flatMap(({ point, metrics }) =>
    keys.map((key) => {
      const row: Record<string, unknown> = { point: point.id };
      for (const name of names) row[name] = cell(point.values[name]);
      return { ...row, metric: key, ...metrics[key] };
    }),
  );
  writeFileAtomic(join(dir, "summary.csv"), stringify(summaryRows, csvOptions(["point", ...names, "metric", "n", ...STATISTICS])));

  const failures = outcomes.filter((o): o is JobFailure => o.status === "failed").map((o) => ({ job: o.job, point: manifest.points[o.point]?.id, seed: o.seed, error: o.error }));
  const counts = { jobs: outcomes.length, ok: outcomes.filter((o) => o.status === "ok").length, assertionFailed: outcomes.filter((o) => o.status === "assertion-failed").length, failed: failures.length };
  writeJsonAtomic(join(dir, "summary.json"), {
    sweep: { name: manifest.name, description: manifest.description ?? null, hash: manifest.hash, mode: manifest.mode, parameters: manifest.parameters, seeds: manifest.seeds, points: manifest.points.length, jobs: manifest.jobs.length },
    jobs: counts,
    statistics: { quantiles: QUANTILE_METHOD, over: "the seeds of each point whose run completed (status ok or assertion-failed); n counts the runs that have the figure" },
    metrics: HEADLINE_METRICS,
    points: points.map(({ point, runs, failed, metrics }) => ({ point: point.id, values: point.values, runs, failed, metrics })),
  });
  writeJsonAtomic(join(dir, "failed.json"), failures);

  const view: SweepView = {
    title: manifest.name,
    description: manifest.description ?? "",
    meta: [
      ["sweep hash", manifest.hash.slice(0, 16)],
      ["mode", manifest.mode],
      ["points", String(manifest.points.length)],
      ["seeds", manifest.seeds.join(", ")],
      ["jobs", `${counts.jobs} (${counts.ok} ok, ${counts.assertionFailed} assertion failed, ${counts.failed} failed)`],
    ],
    mode: manifest.mode,
    parameters: manifest.parameters,
    metrics: HEADLINE_METRICS.map((m) => ({ key: m.key, label: m.label, unit: m.unit, note: m.note })),
    points: points.map(({ point, metrics, seeds }) => ({
      id: point.id,
      values: Object.fromEntries(names.map((n) => [n, cell(point.values[n])])) as Record<string, string | number | boolean>,
      stats: Object.fromEntries(keys.map((k) => [k, [metrics[k].p5, metrics[k].p50, metrics[k].p95]])),
      seeds: Object.fromEntries(keys.map((k) => [k, seeds[k]])),
    })),
    tables: [
      {
        title: "Median (p50) per point",
        note: "Over the point's seeds; p5–p95 and the other statistics are in summary.csv.",
        columns: ["point", ...names, "runs", ...HEADLINE_METRICS.map((m) => m.key)],
        rows: points.map(({ point, runs, metrics }) => [point.id, ...names.map((n) => String(cell(point.values[n]))), String(runs), ...keys.map((k) => (metrics[k].p50 === null ? "–" : String(metrics[k].p50)))]),
      },
      ...(failures.length === 0
        ? []
        : [{ title: "Failed jobs", note: "Jobs that did not complete; rerun the sweep into the same folder to retry them.", columns: ["job", "point", "values", "error"], rows: failures.map((f) => [f.job, f.point ?? "", describeValues(manifest.points.find((p) => p.id === f.point)?.values ?? {}), f.error]) }]),
      { title: "Metrics", note: `Quantiles: ${QUANTILE_METHOD}.`, columns: ["metric", "unit", "meaning"], rows: HEADLINE_METRICS.map((m) => [m.key, m.unit, m.note]) },
    ],
  };
  const echartsSource = readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8");
  writeFileAtomic(join(dir, "report.html"), renderSweepHtml(view, echartsSource));
}
