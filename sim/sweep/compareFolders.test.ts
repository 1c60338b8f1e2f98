import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFolders, formatComparison } from "./compareFolders.ts";

// compare's pairing rules on two sweep folders as `imo-sim sweep` writes them (sweep.json, summary.json, runs/):
// the figures are made up, the pairing and the notes are what is checked. runSweep.test.ts compares real sweeps.

type Point = { id: string; values: Record<string, number>; requests: number };

function sweepFolder(root: string, name: string, hash: string, seeds: number[], points: Point[], dirtyJob?: string): string {
  const dir = join(root, `${name}-${hash}`);
  mkdirSync(join(dir, "runs"), { recursive: true });
  const parameters = Object.keys(points[0]?.values ?? {}).map((n) => ({ name: n, numeric: true, scale: "linear" }));
  writeFileSync(join(dir, "sweep.json"), JSON.stringify({ name, hash, mode: "grid", parameters, seeds, points: points.map((p, index) => ({ index, id: p.id, values: p.values })), jobs: [] }));
  writeFileSync(
    join(dir, "summary.json"),
    JSON.stringify({ sweep: { name, hash }, points: points.map((p) => ({ point: p.id, values: p.values, runs: seeds.length, failed: 0, metrics: { requests: { p50: p.requests } } })) }),
  );
  if (dirtyJob) {
    mkdirSync(join(dir, "runs", dirtyJob));
    writeFileSync(join(dir, "runs", dirtyJob, "metadata.json"), JSON.stringify({ gitDirty: true, gitChanges: ["contracts/src/oracle/OpmlOracle.sol"] }));
  }
  return dir;
}

const metric = (result: Awaited<ReturnType<typeof compareFolders>>, label: string) => result.metrics.find((m) => m.label === label);

describe("compare of two sweep folders", () => {
  const root = mkdtempSync(join(tmpdir(), "imo-compare-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("pairs the points of two different sweeps by their parameter values, never by id, and says so", async () => {
    const a = sweepFolder(root, "s", "aaaa", [1, 2, 3], [
      { id: "p000", values: { "oracle.challengeWindow": 1800 }, requests: 90 },
      { id: "p001", values: { "oracle.challengeWindow": 7200 }, requests: 80 },
    ]);
    const b = sweepFolder(root, "s", "bbbb", [1, 7], [
      { id: "p000", values: { "oracle.challengeWindow": 7200 }, requests: 84 },
      { id: "p001", values: { "oracle.challengeWindow": 3600 }, requests: 85 },
    ]);
    const result = await compareFolders(a, b);
    expect(result.notes).toEqual([
      expect.stringMatching(/^A and B are different sweeps \(s aaaa…, s bbbb…\): points are paired by their parameter values, not by id/),
      "The seeds differ: A ran seeds 1, 2, 3, B seeds 1, 7; each p50 is over its own side's seeds.",
    ]);
    // p001 of A and p000 of B are the same point (7200 s): paired; the others have no partner.
    expect(metric(result, "[oracle.challengeWindow=7200] requests p50")).toMatchObject({ a: 80, b: 84, delta: 4 });
    expect(metric(result, "[oracle.challengeWindow=1800] requests p50")).toMatchObject({ a: 90, b: null });
    expect(metric(result, "[oracle.challengeWindow=3600] requests p50")).toMatchObject({ a: null, b: 85 });
    expect(result.metrics.some((m) => m.label.startsWith("p00"))).toBe(false);
    const text = formatComparison(result, a, b);
    expect(text).toMatch(/^Note: A and B are different sweeps/m);
    expect(text).toMatch(/^Note: The seeds differ/m);
  });

  it("pairs by id within the same sweep, and warns when a job ran from a tree with uncommitted changes", async () => {
    const points = [{ id: "p000", values: { "oracle.submitterBond": 1 }, requests: 10 }];
    const a = sweepFolder(root, "t", "cccc", [1, 2], points);
    const b = sweepFolder(join(root), "t", "cccc-copy", [1, 2], points.map((p) => ({ ...p, requests: 12 })), "p000-s1");
    // Same sweep: same hash in the manifests (the folder names differ only to keep them apart here).
    writeFileSync(join(b, "sweep.json"), JSON.stringify({ name: "t", hash: "cccc", mode: "grid", parameters: [{ name: "oracle.submitterBond", numeric: true, scale: "linear" }], seeds: [1, 2], points: [{ index: 0, id: "p000", values: points[0]?.values }], jobs: [] }));
    const result = await compareFolders(a, b);
    expect(result.notes).toEqual([]);
    expect(metric(result, "p000 requests p50")).toMatchObject({ a: 10, b: 12 });
    expect(result.warnings).toEqual([expect.stringMatching(/^B \(.*\): 1 job\(s\) were run from a working tree with uncommitted changes \(p000-s1\)/)]);
  });
});
