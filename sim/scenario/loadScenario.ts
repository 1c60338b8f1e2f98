import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { ScenarioNotFoundError, ScenarioSyntaxError, ScenarioValidationError } from "./errors.ts";
import { scenarioSchema, type Scenario } from "./schema.ts";
import { zodProblems } from "./zodProblems.ts";

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
  if (!result.success) throw new ScenarioValidationError(file, zodProblems(result.error.issues, input, scenarioSchema));
  return result.data;
}

/** Reads, parses and validates a scenario file. */
export function loadScenario(path: string, overrides: Partial<Pick<Scenario, "seed">> = {}): LoadScenarioReturnType {
  const file = resolveScenarioFile(path);
  const text = readFileSync(file, "utf8");
  return { scenario: parseScenario(text, file, overrides), file };
}
