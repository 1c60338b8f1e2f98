import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareFolders, formatComparison } from "./compareFolders.ts";
import { SweepMergeError, SweepOutputError } from "./errors.ts";
import { loadSweep } from "./loadSweep.ts";
import { mergeSweeps } from "./mergeSweeps.ts";
import { runSweep as runSweepAsIs } from "./runSweep.ts";
import { SWEEP_OUTPUT_FILES } from "./writeSweepOutputs.ts";

/**
 * One small sweep on real anvils: 2 points × 2 seeds. The jobs of the second point crash: their process is
 * killed (SIGKILL) as soon as it starts, as the kernel's OOM killer would, so every run path is exercised: ok
 * jobs, failed jobs, shards, merge, resume and compare. (A scenario the schema accepts always deploys, since the
 * schema holds the contracts' limits: a crash is the failure left to test.)
 */
const SWEEP = `description: test sweep
base:
  scenario:
    epoch: { seconds: 3600, blocks: 2 }
    token: { snapshotIntervalEpochs: 1 }
    raise: { target: "10", windowEpochs: 1 }
    investors: { count: 3, meanDeposit: "5" }
    holders: { claimEverySnapshot: 2, claimLate: 0, neverClaim: 1 }
    demand: { users: 2, meanRequestsPerEpoch: 3, nftMintProbability: 0 }
    submitters: { honest: 1, malicious: 1, wrongProbability: 0.6 }
    challengers: { honest: 1 }
    oracle: { challengeWindow: 1800, responseDeadline: 600 }
epochs: 3
parameters:
  oracle.submitterBond: ["0.05", "0.07"]
seeds: [1, 2]
`;

const read = (dir: string, file: string) => readFileSync(join(dir, file));

/** runSweep, with every job of point p001 killed as it starts. */
const runSweep = (parameters: Parameters<typeof runSweepAsIs>[0]) =>
  runSweepAsIs({
    ...parameters,
    onJobStart: (job, _total, pid) => {
      if (job.point === 1 && pid !== undefined) process.kill(pid, "SIGKILL");
    },
  });

describe("imo-sim sweep on anvil", () => {
  const root = mkdtempSync(join(tmpdir(), "imo-sweep-"));
  const file = join(root, "tiny-sweep.yaml");
  writeFileSync(file, SWEEP);
  const sweep = loadSweep(file);
  const whole = join(root, "whole");
  const shards = [0, 1, 2].map((i) => join(root, `shard-${i}`));
  const merged = join(root, "merged");
  let first: Awaited<ReturnType<typeof runSweep>>;

  beforeAll(async () => {
    first = await runSweep({ sweep, outDir: whole, parallel: 2 });
    // Three shards, as three machines would run them.
    await Promise.all(shards.map((dir, index) => runSweep({ sweep, outDir: dir, parallel: 1, shard: { index, count: 3 } })));
  }, 240_000);

  it("records a failed job with its error and keeps the others", () => {
    // in job order, whichever parallel job finished first
    expect(first.ran).toEqual(["p000-s1", "p000-s2", "p001-s1", "p001-s2"]);
    expect(first.failed).toEqual(["p001-s1", "p001-s2"]);
    const rows = read(whole, "results.csv").toString().trim().split("\n");
    expect(rows[0]).toMatch(/^job,point,seed,oracle.submitterBond,requests,finalized,/);
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 4).join(","))).toEqual(["p000-s1,p000,1,0.05", "p000-s2,p000,2,0.05", "p001-s1,p001,1,0.07", "p001-s2,p001,2,0.07"]);
    expect(rows.slice(1, 3).every((r) => /,ok,,$/.test(r))).toBe(true);
    expect(rows[3]).toMatch(/,failed,,the job's process ended \(SIGKILL\) without an answer$/);
    const failed = JSON.parse(read(whole, "failed.json").toString()) as { job: string }[];
    expect(failed.map((f) => f.job)).toEqual(["p001-s1", "p001-s2"]);
    const summary = JSON.parse(read(whole, "summary.json").toString()) as { jobs: unknown; points: { point: string; runs: number; metrics: { requests: { n: number; p50: number } } }[] };
    expect(summary.jobs).toEqual({ jobs: 4, ok: 2, assertionFailed: 0, failed: 2 });
    expect(summary.points.map((p) => [p.point, p.runs, p.metrics.requests.n])).toEqual([["p000", 2, 2], ["p001", 0, 0]]);
    expect(summary.points[0]?.metrics.requests.p50).toBeGreaterThan(0);
    expect(read(whole, "report.html").toString()).toMatch(/IMO testbed sweep: tiny-sweep/);
    expect(existsSync(join(whole, "runs", "p000-s1", "metadata.json"))).toBe(true);
  });

  it("writes the same bytes unsharded and sharded three ways then merged", () => {
    expect(existsSync(join(shards[0] as string, "results.csv"))).toBe(false);
    // One shard alone is not the sweep: merge names what is missing and writes nothing.
    expect(() => mergeSweeps([shards[0] as string], merged)).toThrow(SweepMergeError);
    expect(() => mergeSweeps([shards[0] as string], merged)).toThrow(/2 of 4 jobs are missing[\s\S]*p000-s2 \(shard 1\/3\)[\s\S]*p001-s1 \(shard 2\/3\)/);
    expect(existsSync(merged)).toBe(false);
    const result = mergeSweeps(shards, merged);
    expect(result).toMatchObject({ jobs: 4, copied: 2, failed: ["p001-s1", "p001-s2"] });
    for (const name of SWEEP_OUTPUT_FILES) expect(read(merged, name).equals(read(whole, name)), name).toBe(true);
  });

  it("compare: same bytes for identical folders, deltas for different seeds", async () => {
    const same = await compareFolders(whole, merged);
    expect(same.kind).toBe("sweep");
    expect(same.files.filter((f) => f.status !== "same")).toEqual([]);
    expect(same.identical).toBe(true);

    const a = join(whole, "runs", "p000-s1");
    const copy = join(root, "copy-of-p000-s1");
    cpSync(a, copy, { recursive: true });
    const identical = await compareFolders(a, copy);
    expect(identical.identical).toBe(true);
    expect(identical.metrics.every((m) => m.delta === null || m.delta === 0)).toBe(true);

    const b = join(whole, "runs", "p000-s2");
    const different = await compareFolders(a, b);
    expect(different.identical).toBe(false);
    expect(different.files.find((f) => f.file === "metadata.json")?.status).toBe("differs");
    expect(different.metrics.some((m) => m.delta !== null && m.delta !== 0)).toBe(true);
    expect(formatComparison(different, "A", "B")).toMatch(/different bytes: \d+ of \d+ files differ/);
    expect(different.notes).toContain("The seeds differ: A ran seed 1, B seed 2.");
    expect(identical.notes).toEqual([]);
  });

  it("resumes: a rerun runs only incomplete and failed jobs and writes the same bytes", async () => {
    const before = Object.fromEntries(SWEEP_OUTPUT_FILES.map((name) => [name, read(whole, name)]));
    rmSync(join(whole, "runs", "p000-s2"), { recursive: true });
    const kept = statSync(join(whole, "runs", "p000-s1", "job.json")).mtimeMs;
    const again = await runSweep({ sweep, outDir: whole, parallel: 2 });
    expect(again.ran.sort()).toEqual(["p000-s2", "p001-s1", "p001-s2"]);
    expect(again.skipped).toEqual(["p000-s1"]);
    expect(statSync(join(whole, "runs", "p000-s1", "job.json")).mtimeMs).toBe(kept);
    for (const name of SWEEP_OUTPUT_FILES) expect(read(whole, name).equals(before[name] as Buffer), name).toBe(true);
  }, 120_000);

  it("refuses an output folder that holds another sweep, and shards of different sweeps", async () => {
    const otherFile = join(root, "other.yaml");
    writeFileSync(otherFile, SWEEP.replace('"0.05"', '"0.06"'));
    const other = loadSweep(otherFile);
    expect(other.hash).not.toBe(sweep.hash);
    await expect(runSweep({ sweep: other, outDir: whole, parallel: 1 })).rejects.toThrow(SweepOutputError);
    // A shard with no jobs of its own still records its sweep.
    const otherShard = join(root, "other-shard");
    const empty = await runSweep({ sweep: other, outDir: otherShard, parallel: 1, shard: { index: 5, count: 9 } });
    expect(empty.jobs).toBe(0);
    expect(() => mergeSweeps([...shards, otherShard], join(root, "bad-merge"))).toThrow(/different sweeps/);
    expect(existsSync(join(root, "bad-merge"))).toBe(false);
  }, 60_000);
});
