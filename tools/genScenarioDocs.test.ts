import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioSchema } from "../sim/scenario/index.ts";
import { shapeOf } from "../sim/scenario/zodProblems.ts";
import { generatedFiles, scenarioParameterRows } from "./genScenarioDocs.ts";

describe("files generated from the scenario and sweep schemas", () => {
  for (const [path, text] of Object.entries(generatedFiles())) {
    it(`${path} is current (else: npm run docs:scenario)`, () => {
      expect(readFileSync(path, "utf8") === text, `${path} is stale: run \`npm run docs:scenario\` and commit it`).toBe(true);
    });
  }

  it("the researcher guide's table has a row for every scenario field, with a unit and a default", () => {
    const fields: string[] = [];
    const walk = (schema: unknown, prefix: string) => {
      for (const [key, child] of Object.entries(shapeOf(schema) ?? {})) {
        if (key === "$schema") continue;
        const path = prefix ? `${prefix}.${key}` : key;
        if (shapeOf(child)) walk(child, path);
        else fields.push(path);
      }
    };
    walk(scenarioSchema, "");
    const rows = scenarioParameterRows();
    expect(rows.map((r) => (r[0] as string).replace(/`/g, ""))).toEqual(fields);
    for (const row of rows) {
      expect(row[1], `${row[0]} has no unit`).not.toBe("");
      expect(row[2], `${row[0]} has no default`).not.toBe("");
    }
    // Every contract bound is in the table: spot checks against contractLimits.ts's figures.
    const limit = (field: string) => rows.find((r) => r[0] === `\`${field}\``)?.[4];
    expect(limit("oracle.challengeWindow")).toMatch(/60 … 2,592,000 \(OpmlOracle\.MIN_WINDOW; OpmlOracle\.MAX_WINDOW = 30 days\)/);
    expect(limit("model.fee")).toMatch(/≤ 4722\.366482869645213695 ETH/);
    expect(limit("oracle.callbackGasPriceGwei")).toMatch(/≤ 109,951/);
  });
});
