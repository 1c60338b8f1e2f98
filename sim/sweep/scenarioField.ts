import { scenarioSchema } from "../scenario/index.ts";
import { shapeOf } from "../scenario/zodProblems.ts";

/** What a sweep needs to know about a scenario field: how to make values of it from a range. */
export type ScenarioField =
  | { kind: "integer" | "number"; min: number | undefined; max: number | undefined }
  /** An amount of ETH written as a decimal string ("0.01"); ranges make decimal strings. */
  | { kind: "eth" }
  | { kind: "other" };

export type ScenarioFieldLookup = { ok: true; field: ScenarioField } | { ok: false; problem: string };

type Node = { def?: { type?: string; innerType?: unknown; in?: unknown; format?: string | null; checks?: unknown[] }; format?: string | null; minValue?: number | null; maxValue?: number | null; isInt?: boolean };

/** The schema under defaults, optionals, prefaults and pipes. */
function unwrap(schema: unknown): Node | undefined {
  let node = schema as Node | undefined;
  for (let i = 0; i < 6 && node?.def; i++) {
    const type = node.def.type;
    if (type === "default" || type === "optional" || type === "prefault" || type === "nullable" || type === "readonly") node = node.def.innerType as Node;
    else if (type === "pipe") node = node.def.in as Node;
    else break;
  }
  return node;
}

/**
 * Finds the scenario field at a dotted path (e.g. `oracle.challengeWindow`). A wrong path gets a problem
 * naming the first unknown key and the keys allowed there.
 */
export function scenarioField(path: string): ScenarioFieldLookup {
  const keys = path.split(".");
  if (keys[0] === "seed" && keys.length === 1) return { ok: false, problem: "the seed is not a parameter: list seeds under `seeds:` (a count or a list)" };
  if (keys.some((k) => k.length === 0)) return { ok: false, problem: "not a dotted field path such as oracle.challengeWindow" };
  let schema: unknown = scenarioSchema;
  for (let i = 0; i < keys.length; i++) {
    const shape = shapeOf(schema);
    const key = keys[i] as string;
    const prefix = keys.slice(0, i).join(".");
    if (!shape) return { ok: false, problem: `${prefix} is a single value, it has no field '${key}'` };
    if (!(key in shape)) {
      const allowed = Object.keys(shape).filter((k) => k !== "$schema" && k !== "seed");
      return { ok: false, problem: `unknown scenario field '${key}'${prefix ? ` in ${prefix}` : ""}; allowed there: ${allowed.join(", ")}` };
    }
    schema = shape[key];
  }
  const leaf = unwrap(schema);
  const type = leaf?.def?.type;
  if (type === "number") {
    const integer = leaf?.isInt === true || leaf?.format === "safeint" || leaf?.format === "int32";
    return { ok: true, field: { kind: integer ? "integer" : "number", min: leaf?.minValue ?? undefined, max: leaf?.maxValue ?? undefined } };
  }
  const description = String((leaf as { description?: string } | undefined)?.description ?? (schema as { description?: string }).description ?? "");
  if (type === "string" && /\(ETH, decimal string/.test(description)) return { ok: true, field: { kind: "eth" } };
  return { ok: true, field: { kind: "other" } };
}
