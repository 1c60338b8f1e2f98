// Everything written from the scenario and sweep schemas: scenarios/scenario.schema.json,
// scenarios/sweeps/sweep.schema.json and the parameter table of docs/researcher-guide.md.
// `npm run docs:scenario` writes them; tools/genScenarioDocs.test.ts fails when a committed one is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scenarioJsonSchema } from "../sim/scenario/index.ts";
import { RULES_ACROSS_FIELDS } from "../sim/scenario/schema.ts";
import { sweepJsonSchema } from "../sim/sweep/index.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
export const GUIDE = "docs/researcher-guide.md";
const BEGIN = "<!-- BEGIN scenario parameters: generated from the schema by `npm run docs:scenario`; do not edit by hand -->";
const END = "<!-- END scenario parameters -->";

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  pattern?: string;
  description?: string;
  "x-unit"?: string;
  "x-contract-limit"?: string;
};

const num = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 20 });
/** Figures in a limit's text with thousands separators (2592000 → 2,592,000), decimals and powers left alone. */
const withSeparators = (text: string) => text.replace(/(?<![\d.^])\d{5,}(?![\d.])/g, (n) => Number(n).toLocaleString("en-US"));
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The description without the unit in parentheses at its end (the table has a unit column). */
function describe(schema: JsonSchema): string {
  return (schema.description ?? "").replace(/ \((seconds|ETH, decimal string[^)]*|basis points[^)]*|probability[^)]*|whole gwei|gwei|unix seconds)\)$/, "");
}

function range(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(", ");
  if (schema.type === "string" && schema.pattern?.includes("\\d")) return schema.pattern.includes("{1,9}") ? "decimal, ≤ 9 decimals" : "decimal, ≤ 18 decimals";
  const max = schema.maximum === undefined || schema.maximum >= Number.MAX_SAFE_INTEGER ? "" : num(schema.maximum);
  if (schema.minimum !== undefined || max !== "") return `${schema.minimum === undefined ? "" : num(schema.minimum)} … ${max}`.trim();
  if (schema.type === "boolean") return "true, false";
  return "";
}

function defaultOf(schema: JsonSchema, required: boolean): string {
  if (schema.default === undefined) return required ? "(required)" : "(none)";
  if (typeof schema.default === "string") return `\`"${schema.default}"\``;
  if (typeof schema.default === "number") return num(schema.default);
  return `\`${JSON.stringify(schema.default)}\``;
}

/** One row per scenario field (leaves of the schema), in the schema's order, with dotted paths. */
export function scenarioParameterRows(): string[][] {
  const rows: string[][] = [];
  const walk = (schema: JsonSchema, prefix: string, parentRequired: Set<string>) => {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (key === "$schema") continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (child.type === "object" && child.properties) {
        walk(child, path, new Set(child.required ?? []));
        continue;
      }
      const limit = child["x-contract-limit"];
      rows.push([`\`${path}\``, child["x-unit"] ?? "", defaultOf(child, parentRequired.has(key)), range(child), limit ? withSeparators(limit) : "", describe(child)]);
    }
  };
  walk(scenarioJsonSchema() as JsonSchema, "", new Set());
  return rows;
}

/** The generated part of the researcher guide: the table, then the rules across fields. */
export function parameterSection(): string {
  const header = ["parameter", "unit", "default", "range", "contract limit", "what it is"];
  const lines = [
    BEGIN,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...scenarioParameterRows().map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
    "Rules across fields (the schema checks them after each field's own range):",
    "",
    ...RULES_ACROSS_FIELDS.map((rule) => `- ${rule}`),
    "",
    END,
  ];
  return lines.join("\n");
}

/** Every generated file: path → contents. */
export function generatedFiles(root = ROOT): Record<string, string> {
  const guide = readFileSync(join(root, GUIDE), "utf8");
  const start = guide.indexOf(BEGIN);
  const end = guide.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`${GUIDE} has no generated section (${BEGIN} … ${END})`);
  return {
    "scenarios/scenario.schema.json": `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
    "scenarios/sweeps/sweep.schema.json": `${JSON.stringify(sweepJsonSchema(), null, 2)}\n`,
    [GUIDE]: `${guide.slice(0, start)}${parameterSection()}${guide.slice(end + END.length)}`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, text] of Object.entries(generatedFiles())) {
    const before = readFileSync(join(ROOT, path), "utf8");
    if (before === text) continue;
    writeFileSync(join(ROOT, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
