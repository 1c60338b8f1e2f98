import { BaseError } from "../errors/index.ts";

/** One problem in a scenario: the field's path, the value found, and what is allowed. */
export type ScenarioProblem = { field: string; value: unknown; problem: string };

/** The scenario file does not exist or cannot be read. */
export class ScenarioNotFoundError extends BaseError {
  override name = "ScenarioNotFoundError";
}

/** The scenario file is not valid YAML or JSON. */
export class ScenarioSyntaxError extends BaseError {
  override name = "ScenarioSyntaxError";
}

/** The scenario is well-formed but a field is missing, unknown or out of range. */
export class ScenarioValidationError extends BaseError {
  override name = "ScenarioValidationError";
  readonly problems: readonly ScenarioProblem[];
  constructor(file: string, problems: readonly ScenarioProblem[]) {
    const lines = problems.map((p) => `  ${p.field} = ${formatValue(p.value)}: ${p.problem}`);
    super(`Scenario ${file} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})`, {
      details: `\n${lines.join("\n")}`,
      hints: [
        "Fix the fields above in the scenario file; every field, its unit, default, range and contract limit are in docs/researcher-guide.md (and scenarios/scenario.schema.json).",
      ],
    });
    this.problems = problems;
  }
}

/** A value as the file wrote it; YAML's `.nan` and `.inf` (which JSON cannot show) as YAML spells them. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
