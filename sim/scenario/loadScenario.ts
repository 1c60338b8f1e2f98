import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { isMap, isScalar, parseDocument } from "yaml";
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

/**
 * Parses a scenario from text: YAML, or strict JSON when the file name ends in .json (a trailing comma or a
 * comment there is an error, not YAML's leniency). An empty file is refused, as is a seed written other than
 * in decimal digits (`0x10`, `1e3`): a seed is an identity, and a reader should see the number that ran.
 */
export function parseScenario(text: string, file: string, overrides: Partial<Pick<Scenario, "seed">> = {}): Scenario {
  const json = extname(file).toLowerCase() === ".json";
  if (text.trim() === "" || (!json && isOnlyComments(text))) {
    throw new ScenarioSyntaxError(`Scenario ${file} is empty`, {
      hints: ["A scenario needs at least one field, e.g. `epochs: 20`; every other field has its default (scenarios/scenario.schema.json lists them)."],
    });
  }
  if (json) checkStrictJson(text, file);
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new ScenarioSyntaxError(`Scenario ${file} is not valid ${json ? "JSON" : "YAML"}`, {
      details: first?.message,
      hints: ["Check indentation and quoting at the line shown."],
    });
  }
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ScenarioValidationError(file, [{ field: "(top level)", value: data, problem: "a scenario is a mapping of fields" }]);
  }
  const seedNode = isMap(document.contents) ? document.contents.get("seed", true) : undefined;
  if (isScalar(seedNode) && typeof seedNode.value === "number" && typeof seedNode.source === "string" && !/^(0|[1-9]\d*)$/.test(seedNode.source)) {
    throw new ScenarioValidationError(file, [
      { field: "seed", value: seedNode.source, problem: `write the seed in decimal digits (${seedNode.source} would be read as ${String(seedNode.value)})` },
    ]);
  }
  const input = { ...(data as Record<string, unknown>), ...overrides };
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ScenarioValidationError(file, zodProblems(result.error.issues, input, scenarioSchema));
  return result.data;
}

function isOnlyComments(text: string): boolean {
  return text.split("\n").every((line) => /^\s*(#.*)?$/.test(line) || /^\s*(---|\.\.\.)\s*$/.test(line));
}

/** JSON.parse's verdict, with the line and column of the first error. */
function checkStrictJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
    }
    throw new ScenarioSyntaxError(`Scenario ${file} is not valid JSON`, {
      details: `${message.replace(/ in JSON at position \d+.*$/, "")}${where}`,
      hints: ["A .json scenario is strict JSON: no trailing commas, no comments, double-quoted keys. Or write it as YAML (.yaml)."],
      cause,
    });
  }
}

/** Reads, parses and validates a scenario file. */
export function loadScenario(path: string, overrides: Partial<Pick<Scenario, "seed">> = {}): LoadScenarioReturnType {
  const file = resolveScenarioFile(path);
  const text = readFileSync(file, "utf8");
  return { scenario: parseScenario(text, file, overrides), file };
}
