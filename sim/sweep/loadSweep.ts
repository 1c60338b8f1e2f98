import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { scenarioHash } from "../engine/runMetadata.ts";
import { createRng } from "../rng/createRng.ts";
import { scenarioSchema, type Scenario } from "../scenario/index.ts";
import { zodProblems } from "../scenario/zodProblems.ts";
import { formatValue, SweepFileError, SweepValidationError, type SweepProblem } from "./errors.ts";
import { expandParameter, type ParameterValues } from "./expandParameter.ts";
import { sweepSchema, type SweepFile } from "./schema.ts";
import { scenarioField } from "./scenarioField.ts";

export type SweepParameter = {
  /** Dotted scenario field path, e.g. `oracle.challengeWindow`. */
  name: string;
  /** Whether every value is a number (or a decimal string), so charts put it on a value axis. */
  numeric: boolean;
  scale: "linear" | "log";
};
export type SweepPoint = { index: number; id: string; values: Record<string, unknown> };
export type SweepJob = { index: number; id: string; point: number; seed: number };

export type Sweep = {
  /** The sweep file's name without its extension. */
  name: string;
  /** The sweep file (absolute path; never written into outputs). */
  file: string;
  description: string | undefined;
  mode: "grid" | "random";
  /** sha256 of the resolved sweep: names, parameters, points and every point's resolved scenario. */
  hash: string;
  parameters: SweepParameter[];
  seeds: number[];
  points: SweepPoint[];
  /** Points × seeds, point-major: job index = point index × seeds + seed index. */
  jobs: SweepJob[];
  /** The resolved scenario of a job (the point's scenario with the job's seed). */
  scenarioOf(job: SweepJob): Scenario;
};

const MAX_POINTS = 10_000;
const MAX_JOBS = 100_000;

type Mapping = Record<string, unknown>;
const isMapping = (x: unknown): x is Mapping => typeof x === "object" && x !== null && !Array.isArray(x);

/** `b` over `a`: mappings merge key by key, anything else in `b` replaces. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (!isMapping(a) || !isMapping(b)) return b === undefined ? a : b;
  const out: Mapping = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = deepMerge(a[key], value);
  return out;
}

/** A copy of `root` with the dotted `path` set to `value` (missing mappings on the way are created). */
export function setPath(root: Mapping, path: string, value: unknown): Mapping {
  const [key, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) return { ...root, [key]: value };
  const inner = root[key];
  return { ...root, [key]: setPath(isMapping(inner) ? inner : {}, rest.join("."), value) };
}

function readYaml(file: string, what: string): unknown {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new SweepFileError(`No ${what} at ${file.replace(`${process.cwd()}/`, "")}`, { hints: [what === "sweep file" ? "Give the path of a .yaml or .json sweep file, e.g. scenarios/sweeps/challenge-window-vs-latency.yaml." : "base: is a scenario file path relative to the sweep file."] });
  }
  const document = parseDocument(readFileSync(file, "utf8"), { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new SweepFileError(`The ${what} ${basename(file)} is not valid ${extname(file) === ".json" ? "JSON" : "YAML"}`, { details: document.errors[0]?.message, hints: ["Check indentation and quoting at the line shown."] });
  }
  return document.toJS() ?? {};
}

/** Reads, validates and expands a sweep file. Every point is validated as a scenario before this returns. */
export function loadSweep(path: string): Sweep {
  const file = resolve(path);
  const data = readYaml(file, "sweep file");
  return parseSweep(data, file);
}

/**
 * Validates sweep data and expands it into points and jobs. Problems are collected and thrown together
 * (SweepValidationError): unknown keys, bad field paths, bad ranges, and scenario problems of each point.
 */
export function parseSweep(data: unknown, file: string): Sweep {
  const label = basename(file);
  if (!isMapping(data)) throw new SweepValidationError(label, [{ field: "(top level)", value: data, problem: "a sweep is a mapping of fields (base, parameters, mode, seeds, …)" }]);
  const parsed = sweepSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new SweepValidationError(label, zodProblems(parsed.error.issues, data, sweepSchema));
  const sweep = parsed.data;
  const problems: SweepProblem[] = [];

  if (sweep.mode === "random" && sweep.count === undefined) problems.push({ field: "count", value: undefined, problem: "mode: random needs count, the number of points to draw" });
  if (sweep.mode === "grid" && sweep.count !== undefined) problems.push({ field: "count", value: sweep.count, problem: "count is for mode: random; a grid has every combination of the parameters' values" });
  const seeds = typeof sweep.seeds === "number" ? Array.from({ length: sweep.seeds }, (_, i) => i + 1) : sweep.seeds;
  if (new Set(seeds).size !== seeds.length) problems.push({ field: "seeds", value: sweep.seeds, problem: "a seed appears twice; each seed once" });

  // Parameters: field paths, then values.
  const names = Object.keys(sweep.parameters);
  const expanded = new Map<string, ParameterValues>();
  for (const name of names) {
    const lookup = scenarioField(name);
    if (!lookup.ok) {
      problems.push({ field: `parameters.${name}`, value: sweep.parameters[name], problem: lookup.problem });
      continue;
    }
    const overlap = names.find((other) => other !== name && name.startsWith(`${other}.`));
    if (overlap) problems.push({ field: `parameters.${name}`, value: sweep.parameters[name], problem: `lies inside parameters.${overlap}; sweep one or the other` });
    const result = expandParameter(name, sweep.parameters[name], lookup.field, sweep.mode);
    if (result.ok) expanded.set(name, result.values);
    else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new SweepValidationError(label, problems);

  const base = resolveBase(sweep, file);
  const pointValues = sweep.mode === "grid" ? gridPoints(names, expanded) : randomPoints(names, expanded, sweep.count ?? 0, sweep.samplingSeed);
  if (pointValues.length > MAX_POINTS) throw new SweepValidationError(label, [{ field: "parameters", value: `${pointValues.length} points`, problem: `at most ${MAX_POINTS} points; use fewer values` }]);
  if (pointValues.length * seeds.length > MAX_JOBS) throw new SweepValidationError(label, [{ field: "seeds", value: sweep.seeds, problem: `${pointValues.length} points × ${seeds.length} seeds is more than ${MAX_JOBS} jobs` }]);

  const width = Math.max(3, String(pointValues.length - 1).length);
  const points = pointValues.map((values, index): SweepPoint => ({ index, id: `p${String(index).padStart(width, "0")}`, values }));

  // Every point must be a valid scenario before anything runs.
  const scenarios: Scenario[] = [];
  const grouped = new Map<string, { problem: SweepProblem; points: string[] }>();
  for (const point of points) {
    let input = base;
    for (const name of names) input = setPath(input, name, point.values[name]);
    input = { ...input, seed: seeds[0] };
    const result = scenarioSchema.safeParse(input, { reportInput: true });
    if (result.success) {
      scenarios.push(result.data);
      continue;
    }
    for (const p of zodProblems(result.error.issues, input, scenarioSchema)) {
      const key = `${p.field}|${formatValue(p.value)}|${p.problem}`;
      const entry = grouped.get(key) ?? { problem: p, points: [] };
      entry.points.push(`${point.id} (${describeValues(point.values)})`);
      grouped.set(key, entry);
    }
  }
  if (grouped.size > 0) {
    const pointProblems = [...grouped.values()].map(({ problem, points: where }) => ({
      field: problem.field,
      value: problem.value,
      problem: `${problem.problem}, in ${where.length === points.length ? `every point${names.length === 0 ? "" : `, e.g. ${where[0]}`}` : `point${where.length === 1 ? "" : "s"} ${where.slice(0, 4).join(", ")}${where.length > 4 ? ` and ${where.length - 4} more` : ""}`}`,
    }));
    throw new SweepValidationError(label, pointProblems, ["A point is the base scenario with the swept fields set; each must be a valid scenario."]);
  }

  const jobs: SweepJob[] = points.flatMap((point) => seeds.map((seed, s) => ({ index: point.index * seeds.length + s, id: `${point.id}-s${seed}`, point: point.index, seed })));
  const parameters: SweepParameter[] = names.map((name) => {
    const values = points.map((p) => p.values[name]);
    const numeric = values.every((v) => typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)));
    return { name, numeric, scale: expanded.get(name)?.scale ?? "linear" };
  });
  const name = basename(file, extname(file));
  const hash = createHash("sha256")
    .update(JSON.stringify({ name, mode: sweep.mode, parameters, seeds, points: points.map((p, i) => ({ id: p.id, values: p.values, scenarioHash: scenarioHash(scenarios[i] as Scenario) })) }))
    .digest("hex");
  return {
    name,
    file,
    description: sweep.description,
    mode: sweep.mode,
    hash,
    parameters,
    seeds,
    points,
    jobs,
    scenarioOf: (job) => ({ ...(scenarios[job.point] as Scenario), seed: job.seed }),
  };
}

/** `a=1, b="0.1"`, for messages. */
export function describeValues(values: Record<string, unknown>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? "the base scenario" : entries.map(([k, v]) => `${k}=${formatValue(v)}`).join(", ");
}

function resolveBase(sweep: SweepFile, file: string): Mapping {
  const spec = typeof sweep.base === "string" ? { file: sweep.base } : sweep.base;
  let base: Mapping = {};
  if (spec.file !== undefined) {
    const data = readYaml(resolve(dirname(file), spec.file), "base scenario file");
    if (!isMapping(data)) throw new SweepValidationError(basename(file), [{ field: "base.file", value: spec.file, problem: "the base scenario must be a mapping of scenario fields" }]);
    base = data;
  }
  if ("scenario" in spec && spec.scenario !== undefined) base = deepMerge(base, spec.scenario) as Mapping;
  if (sweep.epochs !== undefined) base = { ...base, epochs: sweep.epochs };
  // The base scenario's own `$schema` line and seed do not carry into the points.
  const { $schema: _schema, seed: _seed, ...rest } = base;
  return rest;
}

/** Every combination, the first parameter varying slowest. */
function gridPoints(names: readonly string[], expanded: ReadonlyMap<string, ParameterValues>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const name of names) {
    const values = expanded.get(name);
    if (values?.kind !== "list") continue;
    points = points.flatMap((point) => values.values.map((v) => ({ ...point, [name]: v })));
  }
  return points;
}

/** `count` points; each parameter draws from its own stream (forked by name), so adding a parameter leaves the others' draws unchanged. */
function randomPoints(names: readonly string[], expanded: ReadonlyMap<string, ParameterValues>, count: number, seed: number): Record<string, unknown>[] {
  const root = createRng(`sweep-${seed}`);
  const streams = new Map(names.map((name) => [name, root.fork(name)]));
  return Array.from({ length: count }, () => {
    const point: Record<string, unknown> = {};
    for (const name of names) {
      const values = expanded.get(name);
      const rng = streams.get(name);
      if (!values || !rng) continue;
      point[name] = values.kind === "list" ? rng.pick(values.values) : values.draw(rng);
    }
    return point;
  });
}
