import { BaseError } from "../errors/index.ts";
import { formatValue } from "../scenario/errors.ts";

/** One problem in a sweep file: the field's path, the value found, and what to change. */
export type SweepProblem = { field: string; value: unknown; problem: string };

/** The sweep file does not exist, cannot be read, or is not valid YAML/JSON. */
export class SweepFileError extends BaseError {
  override name = "SweepFileError";
}

/** The sweep file is well-formed but a field, a parameter or a point is invalid. Nothing has run. */
export class SweepValidationError extends BaseError {
  override name = "SweepValidationError";
  readonly problems: readonly SweepProblem[];
  constructor(file: string, problems: readonly SweepProblem[], hints: readonly string[] = []) {
    const shown = problems.slice(0, 40);
    const lines = shown.map((p) => `  ${p.field} = ${formatValue(p.value)}: ${p.problem}`);
    if (problems.length > shown.length) lines.push(`  … and ${problems.length - shown.length} more`);
    super(`Sweep ${file} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was run or written`, {
      details: `\n${lines.join("\n")}`,
      hints: [
        ...hints,
        "Fix the fields above; sweep fields are in scenarios/sweeps/sweep.schema.json, scenario fields and their ranges in scenarios/scenario.schema.json.",
      ],
    });
    this.problems = problems;
  }
}

/** The output folder cannot be used: it holds another sweep, or is not writable. */
export class SweepOutputError extends BaseError {
  override name = "SweepOutputError";
}

/** Shard outputs cannot be merged: different sweeps, or jobs missing. */
export class SweepMergeError extends BaseError {
  override name = "SweepMergeError";
}

/** `compare` was given something that is not a run folder or a sweep folder. */
export class CompareInputError extends BaseError {
  override name = "CompareInputError";
}

export { formatValue };

/** Some jobs of a sweep failed or had a failed scenario assertion; the outputs are written (exit code 1). */
export class SweepJobsFailedError extends BaseError {
  override name = "SweepJobsFailedError";
}

/** compare --fail-on-diff found files that differ (exit code 1). */
export class CompareDifferenceError extends BaseError {
  override name = "CompareDifferenceError";
}
