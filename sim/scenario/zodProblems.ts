import type { z } from "zod";
import type { ScenarioProblem } from "./errors.ts";

/** zod issues as problems a person can act on: the field's dotted path, the value found, what is allowed. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], root: unknown, schema: unknown): ScenarioProblem[] {
  return issues.flatMap((issue) => toProblem(issue, root, schema));
}

function toProblem(issue: z.core.$ZodIssue, root: unknown, schema: unknown): ScenarioProblem[] {
  const path = issue.path.map(String);
  const field = path.length === 0 ? "(top level)" : path.join(".");
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        field: path.length === 0 ? key : `${field}.${key}`,
        value: valueAt(root, [...path, key]),
        problem: `unknown field; allowed here: ${allowedKeys(schema, path).join(", ")}`,
      }));
    case "too_big":
      return [{ field, value: issue.input, problem: `must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}${reason(issue.message)}` }];
    case "too_small":
      return [{ field, value: issue.input, problem: `must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}${reason(issue.message)}` }];
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

/** A bound's own message (the contract that sets it), as opposed to zod's default "Too big: ...". */
function reason(message: string): string {
  return /^Too (big|small)/.test(message) ? "" : ` (${message})`;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function allowedKeys(root: unknown, path: readonly string[]): string[] {
  let schema: unknown = root;
  for (const key of path) {
    const shape = shapeOf(schema);
    schema = shape?.[key];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

/** The object shape behind a schema, looking through defaults, optionals and refinements. */
export function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let node = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 5 && node; i++) {
    if (node.shape) return node.shape;
    node = (node.def?.innerType ?? node.def?.in) as typeof node;
  }
  return undefined;
}
