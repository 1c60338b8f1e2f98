import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ScenarioNotFoundError, ScenarioSyntaxError, ScenarioValidationError, type ScenarioProblem } from "./errors.ts";
import { scenarioSchema, type Scenario } from "./schema.ts";

export type LoadScenarioReturnType = {
  /** The scenario with every default filled in. */
  scenario: Scenario;
  /** The file it came from. */
  file: string;
};

const EXTENSIONS = [".yaml", ".yml", ".json"];

/** Finds the file for `scenarios/baseline`, `scenarios/baseline.yaml`, or a folder holding scenario.yaml. */
export function resolveScenarioFile(path: string): string {
  const absolute = resolve(path);
  const candidates = [absolute, ...EXTENSIONS.map((ext) => `${absolute}${ext}`), ...EXTENSIONS.map((ext) => join(absolute, `scenario${ext}`))];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new ScenarioNotFoundError(`No scenario at ${path}`, {
    details: `Looked for ${candidates.map((c) => c.replace(`${process.cwd()}/`, "")).join(", ")}.`,
    hints: ["Give the path of a .yaml, .yml or .json scenario file, e.g. scenarios/baseline.yaml."],
  });
}

/** Parses a scenario from text (YAML or JSON; JSON is YAML). */
export function parseScenario(text: string, file: string, overrides: Partial<Pick<Scenario, "seed">> = {}): Scenario {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new ScenarioSyntaxError(`Scenario ${file} is not valid ${extname(file) === ".json" ? "JSON" : "YAML"}`, {
      details: first?.message,
      hints: ["Check indentation and quoting at the line shown."],
    });
  }
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ScenarioValidationError(file, [{ field: "(top level)", value: data, problem: "a scenario is a mapping of fields" }]);
  }
  const input = { ...(data as Record<string, unknown>), ...overrides };
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ScenarioValidationError(file, result.error.issues.flatMap((issue) => toProblems(issue, input)));
  return result.data;
}

/** Reads, parses and validates a scenario file. */
export function loadScenario(path: string, overrides: Partial<Pick<Scenario, "seed">> = {}): LoadScenarioReturnType {
  const file = resolveScenarioFile(path);
  const text = readFileSync(file, "utf8");
  return { scenario: parseScenario(text, file, overrides), file };
}

function toProblems(issue: z.core.$ZodIssue, root: unknown): ScenarioProblem[] {
  const path = issue.path.map(String);
  const field = path.length === 0 ? "(top level)" : path.join(".");
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        field: path.length === 0 ? key : `${field}.${key}`,
        value: valueAt(root, [...path, key]),
        problem: `unknown field; allowed here: ${allowedKeys(path).join(", ")}`,
      }));
    case "too_big":
      return [{ field, value: issue.input, problem: `must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}` }];
    case "too_small":
      return [{ field, value: issue.input, problem: `must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}` }];
    case "invalid_type":
      return [{ field, value: issue.input, problem: `must be ${issue.expected === "int" ? "a whole number" : `a ${issue.expected}`}` }];
    case "invalid_value":
      return [{ field, value: issue.input, problem: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` }];
    case "invalid_format":
      return [{ field, value: issue.input, problem: issue.message.replace(/^Invalid string: /, "must be ") }];
    default:
      return [{ field, value: issue.input ?? valueAt(root, path), problem: issue.message }];
  }
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function allowedKeys(path: readonly string[]): string[] {
  let schema: unknown = scenarioSchema;
  for (const key of path) {
    const shape = shapeOf(schema);
    schema = shape?.[key];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

/** The object shape behind a schema, looking through defaults, optionals and refinements. */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let node = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 5 && node; i++) {
    if (node.shape) return node.shape;
    node = (node.def?.innerType ?? node.def?.in) as typeof node;
  }
  return undefined;
}
