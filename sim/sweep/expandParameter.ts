import type { Rng } from "../rng/createRng.ts";
import type { SweepProblem } from "./errors.ts";
import { rangeSchema, valuesSchema } from "./schema.ts";
import type { ScenarioField } from "./scenarioField.ts";
import { zodProblems } from "../scenario/zodProblems.ts";

/** How a parameter's values are made: a finite list (grid; random picks from it), or a continuous draw (random only). */
export type ParameterValues =
  | { kind: "list"; values: unknown[]; scale: "linear" | "log" }
  | { kind: "continuous"; draw: (rng: Rng) => unknown; scale: "linear" | "log" };

export type ExpandParameterReturnType = { ok: true; values: ParameterValues } | { ok: false; problems: SweepProblem[] };

const MAX_VALUES = 1_000;

/** Rounds away binary noise (0.30000000000000004 → 0.3). */
const tidy = (x: number, digits: number) => Number(x.toPrecision(digits));

/** A non-negative number as a decimal string of ETH in whole gwei (at most 9 decimals). */
export function ethString(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, "") || "0";
}

/**
 * Checks one parameter spec and turns it into its values. `field` is the scenario field it sets (its
 * kind decides whether values are whole numbers, numbers or ETH strings). Grid values of a range:
 * `step` gives from, from + step, … ≤ to; `count` gives that many values from `from` to `to`, evenly spaced
 * (linear) or in a geometric progression (log). Computed values are rounded to 12 significant digits
 * (6 for log spacing and random draws); whole-number fields are rounded to whole numbers.
 */
export function expandParameter(name: string, spec: unknown, field: ScenarioField, mode: "grid" | "random"): ExpandParameterReturnType {
  const at = `parameters.${name}`;
  if (Array.isArray(spec)) {
    const parsed = valuesSchema.safeParse(spec, { reportInput: true });
    if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error.issues, spec, valuesSchema).map((p) => ({ ...p, field: at })) };
    const values = spec.map((v) => (field.kind === "eth" && typeof v === "number" ? ethString(v) : v));
    const seen = new Set<string>();
    for (const v of values) {
      const key = JSON.stringify(v);
      if (seen.has(key)) return { ok: false, problems: [{ field: at, value: v, problem: "appears twice in the list; each value once" }] };
      seen.add(key);
    }
    return { ok: true, values: { kind: "list", values, scale: "linear" } };
  }
  if (typeof spec !== "object" || spec === null) {
    return { ok: false, problems: [{ field: at, value: spec, problem: "must be a list of values ([1800, 3600]) or a range ({ from: 1800, to: 7200, step: 1800 })" }] };
  }
  const parsed = rangeSchema.safeParse(spec, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error.issues, spec, rangeSchema).map((p) => ({ ...p, field: `${at}.${p.field}` })) };
  }
  const range = parsed.data;
  const problem = (key: string, value: unknown, text: string): ExpandParameterReturnType => ({ ok: false, problems: [{ field: `${at}.${key}`, value, problem: text }] });
  if (field.kind === "other") return { ok: false, problems: [{ field: at, value: spec, problem: "a range needs a numeric scenario field; give a list of values instead" }] };
  const from = Number(range.from);
  const to = Number(range.to);
  const scale = range.scale ?? "linear";
  if (from > to) return problem("to", range.to, `must be >= from (${range.from})`);
  if (range.step !== undefined && range.count !== undefined) return problem("step", range.step, "give step or count, not both");
  if (scale === "log" && from <= 0) return problem("from", range.from, "a log scale needs from > 0");
  if (scale === "log" && range.step !== undefined) return problem("scale", "log", "a log scale goes with count, not step");
  const finish = (x: number, digits: number): unknown => (field.kind === "integer" ? Math.round(x) : field.kind === "eth" ? ethString(tidy(x, digits)) : tidy(x, digits));

  let raw: number[];
  let digits = 12;
  if (range.step !== undefined) {
    const step = Number(range.step);
    if (!(step > 0)) return problem("step", range.step, "must be > 0");
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_VALUES) return problem("step", range.step, `gives ${n} values; at most ${MAX_VALUES}: use a larger step`);
    raw = Array.from({ length: n }, (_, k) => from + k * step);
  } else if (range.count !== undefined) {
    const count = range.count;
    if (scale === "log") digits = 6;
    raw = Array.from({ length: count }, (_, k) => {
      const t = count === 1 ? 0 : k / (count - 1);
      return scale === "log" ? from * (to / from) ** t : from + (to - from) * t;
    });
  } else {
    if (mode === "grid") return problem("step", undefined, "a range in grid mode needs step or count (a range with only from and to is for mode: random)");
    const draw = (rng: Rng): unknown => {
      if (field.kind === "integer" && scale === "linear") return rng.int(Math.ceil(from), Math.floor(to));
      const t = rng.float();
      const x = scale === "log" ? Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * t) : from + (to - from) * t;
      return finish(x, 6);
    };
    if (field.kind === "integer" && Math.ceil(from) > Math.floor(to)) return problem("to", range.to, `no whole number lies between ${range.from} and ${range.to}`);
    return { ok: true, values: { kind: "continuous", draw, scale } };
  }
  const values = raw.map((x) => finish(x, digits));
  const seen = new Set<string>();
  for (const v of values) {
    const key = JSON.stringify(v);
    if (seen.has(key)) {
      return problem(range.step !== undefined ? "step" : "count", range.step ?? range.count, `gives the value ${key} twice after rounding${field.kind === "integer" ? " to whole numbers" : ""}; use fewer values or a wider range`);
    }
    seen.add(key);
  }
  return { ok: true, values: { kind: "list", values, scale } };
}
