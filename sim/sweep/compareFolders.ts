import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CompareInputError } from "./errors.ts";
import { HEADLINE_METRICS, headlineMetrics, type HeadlineMetrics } from "./headlineMetrics.ts";
import { readManifest } from "./manifest.ts";

export type FolderKind = "run" | "sweep";
export type MetricDelta = { label: string; a: number | null; b: number | null; delta: number | null; relative: number | null };
export type FileComparison = { file: string; status: "same" | "differs" | "only in A" | "only in B" };

export type CompareFoldersReturnType = {
  kind: FolderKind;
  /** True when every compared file has the same bytes on both sides. */
  identical: boolean;
  metrics: MetricDelta[];
  files: FileComparison[];
};

/** Files never compared: wall-clock timings, shard bookkeeping, work in progress. */
const IGNORED = /(^|\/)(timing\.json|shards\/.*|\.[^/]*)$/;

/** A run folder (metadata.json) or a sweep folder (sweep.json). */
export function folderKind(dir: string): FolderKind {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CompareInputError(`${dir} is not a folder`, { hints: ["Give two run folders (imo-sim run --out) or two sweep folders (imo-sim sweep --out)."] });
  if (existsSync(join(dir, "sweep.json"))) return "sweep";
  if (existsSync(join(dir, "metadata.json"))) return "run";
  throw new CompareInputError(`${dir} is neither a run folder (metadata.json) nor a sweep folder (sweep.json)`, { hints: ["Give two run folders (imo-sim run --out) or two sweep folders (imo-sim sweep --out)."] });
}

/** sha256 of every .csv, .json and .html file under `dir`, by relative path. */
function hashFiles(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      const rel = relative(dir, path);
      if (IGNORED.test(rel)) continue;
      if (entry.isDirectory()) walk(path);
      else if (/\.(csv|json|html)$/.test(entry.name)) hashes.set(rel, createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return hashes;
}

function delta(label: string, a: number | null, b: number | null): MetricDelta {
  const d = a === null || b === null ? null : Number((b - a).toPrecision(10));
  return { label, a, b, delta: d, relative: d === null || a === null || a === 0 ? null : Number((d / Math.abs(a)).toPrecision(6)) };
}

type SweepSummary = { points: { point: string; metrics: Record<string, { p50: number | null }> }[] };

function sweepMetrics(dir: string): Map<string, number | null> {
  const path = join(dir, "summary.json");
  if (!existsSync(path)) throw new CompareInputError(`${dir} has no summary.json`, { hints: ["A sharded sweep has none until it is merged: imo-sim merge <shard folders> --out <dir>."] });
  const summary = JSON.parse(readFileSync(path, "utf8")) as SweepSummary;
  const figures = new Map<string, number | null>();
  for (const point of summary.points) for (const m of HEADLINE_METRICS) figures.set(`${point.point} ${m.key} p50`, point.metrics[m.key]?.p50 ?? null);
  return figures;
}

/**
 * Compares two run folders or two sweep folders: the headline metrics side by side (for sweeps, each
 * point's p50) with B − A and (B − A)/|A|, and every CSV, JSON and HTML file byte for byte (timing.json
 * and shard manifests aside).
 */
export async function compareFolders(a: string, b: string): Promise<CompareFoldersReturnType> {
  const kind = folderKind(a);
  const kindB = folderKind(b);
  if (kind !== kindB) throw new CompareInputError(`${a} is a ${kind} folder but ${b} is a ${kindB} folder`, { hints: ["Compare two run folders or two sweep folders."] });
  let metrics: MetricDelta[];
  if (kind === "run") {
    const read = async (dir: string): Promise<HeadlineMetrics> => {
      try {
        return await headlineMetrics(dir);
      } catch (cause) {
        throw new CompareInputError(`${dir} has no report`, { cause, hints: [`Build it first: imo-sim report ${dir}`] });
      }
    };
    const [ma, mb] = [await read(a), await read(b)];
    metrics = HEADLINE_METRICS.map((m) => delta(m.key, ma[m.key], mb[m.key]));
  } else {
    if (!readManifest(a) || !readManifest(b)) throw new CompareInputError("a sweep folder without a readable sweep.json");
    const [ma, mb] = [sweepMetrics(a), sweepMetrics(b)];
    const labels = [...ma.keys(), ...[...mb.keys()].filter((k) => !ma.has(k))];
    metrics = labels.map((label) => delta(label, ma.get(label) ?? null, mb.get(label) ?? null));
  }
  const [ha, hb] = [hashFiles(a), hashFiles(b)];
  const names = [...new Set([...ha.keys(), ...hb.keys()])].sort();
  const files: FileComparison[] = names.map((file) => ({
    file,
    status: !hb.has(file) ? "only in A" : !ha.has(file) ? "only in B" : ha.get(file) === hb.get(file) ? "same" : "differs",
  }));
  return { kind, identical: files.every((f) => f.status === "same"), metrics, files };
}

const fmt = (x: number | null) => (x === null ? "–" : String(Number(x.toPrecision(8))));

/** The comparison as text: the metric table, then the files that differ. */
export function formatComparison(result: CompareFoldersReturnType, a: string, b: string): string {
  // A sweep has a row per point and metric: show the ones that moved.
  const shown = result.kind === "sweep" ? result.metrics.filter((m) => m.delta !== 0 && !(m.a === null && m.b === null)) : result.metrics;
  const hidden = result.metrics.length - shown.length;
  const rows = [["metric", "A", "B", "B − A", "relative"], ...shown.map((m) => [m.label, fmt(m.a), fmt(m.b), fmt(m.delta), m.relative === null ? "–" : `${(m.relative * 100).toFixed(2)} %`])];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const table = rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")).join("\n");
  const different = result.files.filter((f) => f.status !== "same");
  const same = result.files.length - different.length;
  const bytes = result.identical
    ? `same bytes: all ${result.files.length} CSV/JSON/HTML files are identical`
    : `different bytes: ${different.length} of ${result.files.length} files differ (${same} identical)\n${different.map((f) => `  ${f.status.padEnd(9)} ${f.file}`).join("\n")}`;
  const note = hidden > 0 ? `\n(${hidden} point × metric p50s equal on both sides not shown)` : "";
  return `A: ${a}\nB: ${b}\n\n${table}${note}\n\n${bytes}\n`;
}
