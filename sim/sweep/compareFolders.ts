import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CompareInputError } from "./errors.ts";
import { HEADLINE_METRICS, headlineMetrics, metricsOf, type HeadlineMetrics } from "./headlineMetrics.ts";
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
  /** What differs between the two sides besides the figures (seeds, scenarios, sweeps, contracts, commits), to read before the figures. */
  notes: string[];
  /** Reasons to distrust the comparison: a side ran from a tree with uncommitted changes. */
  warnings: string[];
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

type SweepSummary = { sweep?: { hash?: string }; points: { point: string; values?: Record<string, unknown>; metrics: Record<string, { p50: number | null }> }[] };

function readSweepSummary(dir: string): SweepSummary {
  const path = join(dir, "summary.json");
  if (!existsSync(path)) throw new CompareInputError(`${dir} has no summary.json`, { hints: ["A sharded sweep has none until it is merged: imo-sim merge <shard folders> --out <dir>."] });
  return JSON.parse(readFileSync(path, "utf8")) as SweepSummary;
}

/** A point's parameter values as a label: `oracle.challengeWindow=1800, oracle.submitterBond=0.01`. */
const valuesLabel = (values: Record<string, unknown> | undefined) =>
  Object.entries(values ?? {})
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ") || "(no parameters)";

/** Each point's p50 of every headline metric, labelled by point id (same sweep) or by parameter values (different sweeps). */
function sweepMetrics(summary: SweepSummary, byValues: boolean): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const point of summary.points) {
    const label = byValues ? `[${valuesLabel(point.values)}]` : point.point;
    for (const m of HEADLINE_METRICS) if (!("feature" in m) || m.key in point.metrics) figures.set(`${label} ${m.key} p50`, point.metrics[m.key]?.p50 ?? null);
  }
  return figures;
}

type RunMeta = { seed?: number; scenarioHash?: string; scenarioFile?: string | null; gitCommit?: string; gitDirty?: boolean | null; gitChanges?: string[]; contractCode?: Record<string, string>; scenario?: unknown };

function readRunMeta(dir: string): RunMeta {
  try {
    return JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8")) as RunMeta;
  } catch (cause) {
    throw new CompareInputError(`${dir}/metadata.json is not readable JSON`, { cause, hints: ["Give two run folders written by imo-sim run."] });
  }
}

/** Dotted paths of a value's leaves, for listing the scenario fields that differ. */
function leaves(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(value));
  return out;
}

const dirtyWarning = (side: string, dir: string, meta: RunMeta) =>
  `${side} (${dir}) was run from a working tree with uncommitted changes${meta.gitChanges && meta.gitChanges.length > 0 ? ` (${meta.gitChanges.slice(0, 5).join(", ")}${meta.gitChanges.length > 5 ? ", …" : ""})` : ""}: its commit ${meta.gitCommit?.slice(0, 12) ?? "?"} does not say what code ran`;

/** What differs between two runs besides their figures. */
function runNotes(a: string, b: string): { notes: string[]; warnings: string[] } {
  const [ma, mb] = [readRunMeta(a), readRunMeta(b)];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (ma.seed !== mb.seed) notes.push(`The seeds differ: A ran seed ${ma.seed ?? "?"}, B seed ${mb.seed ?? "?"}.`);
  if (ma.scenarioHash !== mb.scenarioHash) {
    const [la, lb] = [leaves(ma.scenario), leaves(mb.scenario)];
    const differing = [...new Set([...la.keys(), ...lb.keys()])].filter((k) => k !== "seed" && la.get(k) !== lb.get(k)).sort();
    const shown = differing.slice(0, 8).map((k) => `${k} (${la.get(k) ?? "–"} → ${lb.get(k) ?? "–"})`);
    if (differing.length > 0) notes.push(`The scenarios differ in ${differing.length} field(s): ${shown.join(", ")}${differing.length > 8 ? ", …" : ""}.`);
  }
  if (ma.gitCommit !== mb.gitCommit) notes.push(`The commits differ: A ${ma.gitCommit?.slice(0, 12) ?? "?"}, B ${mb.gitCommit?.slice(0, 12) ?? "?"}.`);
  if (ma.contractCode && mb.contractCode) {
    const changed = Object.keys({ ...ma.contractCode, ...mb.contractCode }).filter((k) => ma.contractCode?.[k] !== mb.contractCode?.[k]).sort();
    if (changed.length > 0) notes.push(`The contracts' bytecode differs: ${changed.join(", ")}.`);
  }
  if (ma.gitDirty) warnings.push(dirtyWarning("A", a, ma));
  if (mb.gitDirty) warnings.push(dirtyWarning("B", b, mb));
  return { notes, warnings };
}

/** Jobs of a sweep folder whose run came from a tree with uncommitted changes. */
function dirtyJobs(dir: string): string[] {
  const runs = join(dir, "runs");
  if (!existsSync(runs)) return [];
  return readdirSync(runs)
    .filter((job) => !job.startsWith(".") && existsSync(join(runs, job, "metadata.json")))
    .filter((job) => readRunMeta(join(runs, job)).gitDirty === true)
    .sort();
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
  const notes: string[] = [];
  const warnings: string[] = [];
  if (kind === "run") {
    const read = async (dir: string): Promise<HeadlineMetrics> => {
      try {
        return await headlineMetrics(dir);
      } catch (cause) {
        throw new CompareInputError(`${dir} has no report`, { cause, hints: [`Build it first: imo-sim report ${dir}`] });
      }
    };
    const [ma, mb] = [await read(a), await read(b)];
    metrics = metricsOf([ma, mb]).map((m) => delta(m.key, ma[m.key] ?? null, mb[m.key] ?? null));
    const found = runNotes(a, b);
    notes.push(...found.notes);
    warnings.push(...found.warnings);
  } else {
    const [manifestA, manifestB] = [readManifest(a), readManifest(b)];
    if (!manifestA || !manifestB) throw new CompareInputError("a sweep folder without a readable sweep.json");
    const [sa, sb] = [readSweepSummary(a), readSweepSummary(b)];
    const sameSweep = manifestA.hash === manifestB.hash;
    if (!sameSweep) {
      // Point ids are positions in each sweep's own grid: p003 of one sweep is not p003 of another.
      const namesA = manifestA.parameters.map((p) => p.name).sort().join(", ");
      const namesB = manifestB.parameters.map((p) => p.name).sort().join(", ");
      notes.push(
        namesA === namesB
          ? `A and B are different sweeps (${manifestA.name} ${manifestA.hash.slice(0, 12)}…, ${manifestB.name} ${manifestB.hash.slice(0, 12)}…): points are paired by their parameter values, not by id; a point only one side has is compared with nothing.`
          : `A and B are different sweeps with different parameters (A: ${namesA || "none"}; B: ${namesB || "none"}): points are paired by their parameter values, not by id, so few or none pair.`,
      );
    }
    const seedsA = manifestA.seeds.join(", ");
    const seedsB = manifestB.seeds.join(", ");
    if (seedsA !== seedsB) notes.push(`The seeds differ: A ran seeds ${seedsA}, B seeds ${seedsB}; each p50 is over its own side's seeds.`);
    const [ma, mb] = [sweepMetrics(sa, !sameSweep), sweepMetrics(sb, !sameSweep)];
    const labels = [...ma.keys(), ...[...mb.keys()].filter((k) => !ma.has(k))];
    metrics = labels.map((label) => delta(label, ma.get(label) ?? null, mb.get(label) ?? null));
    for (const [side, dir] of [["A", a], ["B", b]] as const) {
      const dirty = dirtyJobs(dir);
      if (dirty.length > 0) warnings.push(`${side} (${dir}): ${dirty.length} job(s) were run from a working tree with uncommitted changes (${dirty.slice(0, 5).join(", ")}${dirty.length > 5 ? ", …" : ""}): their commit does not say what code ran`);
    }
  }
  const [ha, hb] = [hashFiles(a), hashFiles(b)];
  const names = [...new Set([...ha.keys(), ...hb.keys()])].sort();
  const files: FileComparison[] = names.map((file) => ({
    file,
    status: !hb.has(file) ? "only in A" : !ha.has(file) ? "only in B" : ha.get(file) === hb.get(file) ? "same" : "differs",
  }));
  return { kind, identical: files.every((f) => f.status === "same"), metrics, files, notes, warnings };
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
  const notes = result.notes.length > 0 ? `\n${result.notes.map((n) => `Note: ${n}`).join("\n")}\n` : "";
  return `A: ${a}\nB: ${b}\n${notes}\n${table}${note}\n\n${bytes}\n`;
}
