import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript tool without type declarations
import { checkDocGasFigures, DOC_GAS_FIGURES, writeDocGasFigures } from "./docGasFigures.mjs";

const FIX = "After a gas change (`npm run gas:snapshot`), `npm run docs:gas` rewrites these figures from snapshots/*.json.";

describe("gas figures quoted by README.md and docs/", () => {
  it("are the figures of snapshots/*.json", () => {
    const problems = checkDocGasFigures() as string[];
    expect(problems, `${problems.join("\n")}\n${FIX}`).toEqual([]);
  });

  it("a stale figure is named, and `npm run docs:gas` rewrites it", () => {
    // A copy of the docs and snapshots where one snapshot moved.
    const root = mkdtempSync(join(tmpdir(), "doc-gas-"));
    for (const file of new Set((DOC_GAS_FIGURES as { file: string }[]).map((e) => e.file))) {
      mkdirSync(join(root, file, ".."), { recursive: true });
      cpSync(file, join(root, file));
    }
    cpSync("snapshots", join(root, "snapshots"), { recursive: true });
    const oracle = JSON.parse(readFileSync(join(root, "snapshots", "OpmlOracle.json"), "utf8")) as Record<string, string>;
    oracle["challenge, opens a game"] = "320001";
    writeFileSync(join(root, "snapshots", "OpmlOracle.json"), JSON.stringify(oracle));
    const problems = checkDocGasFigures(root) as string[];
    expect(problems).toEqual([
      expect.stringMatching(/^README\.md at "\| `challenge` \/ `vouch` \|": says [\d,]+, snapshots\/OpmlOracle\.json "challenge, opens a game" is 320,001$/),
      expect.stringMatching(/^docs\/oracle\.md at "\| `challenge` \(a claim and its game\) \|": says [\d,]+, snapshots\/OpmlOracle\.json "challenge, opens a game" is 320,001$/),
    ]);
    expect(writeDocGasFigures(root)).toHaveLength(2);
    expect(checkDocGasFigures(root)).toEqual([]);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("| `challenge` / `vouch` | 320,001 / ");
  });
});
