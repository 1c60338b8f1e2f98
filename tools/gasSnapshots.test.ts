import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript tool without type declarations
import { compareSnapshots } from "./gasSnapshots.mjs";

function folder(files: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "gas-test-"));
  for (const [group, values] of Object.entries(files)) writeFileSync(join(dir, `${group}.json`), JSON.stringify(values));
  return dir;
}

describe("compareSnapshots", () => {
  it("accepts changes within the tolerance and names each one beyond it, both ways", () => {
    const committed = folder({ Token: { transfer: "40000", claim: "50000", snapshot: "50000" } });
    const fresh = folder({ Token: { transfer: "40399", claim: "50600", snapshot: "49000" } });
    const problems = compareSnapshots(committed, fresh, 1) as string[];
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("claim: 50000 -> 50600 (+1.20 %");
    expect(problems[1]).toContain("snapshot: 50000 -> 49000 (-2.00 %");
  });

  it("fails on operations that appear or disappear", () => {
    const problems = compareSnapshots(folder({ A: { x: "1" } }), folder({ A: { y: "1" }, B: { z: "2" } }), 1) as string[];
    expect(problems.sort()).toEqual([
      "A / x: no longer measured (committed 1)",
      "A / y: 1 is new (not in the committed snapshot)",
      "B / z: 2 is new (not in the committed snapshot)",
    ]);
  });
});
