import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USAGE_VECTORS_PATH, usageVectorsJson } from "./writeUsageVectors.ts";

describe("contracts/test/vectors/usage-vectors.json", () => {
  it("is what sim/usage writes now (regenerate with `npx tsx sim/usage/writeUsageVectors.ts`)", async () => {
    expect(readFileSync(USAGE_VECTORS_PATH, "utf8")).toBe(await usageVectorsJson());
  });
});
