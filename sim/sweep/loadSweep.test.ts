import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../cli/parseArgs.ts";
import { main } from "../cli/main.ts";
import { SweepValidationError } from "./errors.ts";
import { loadSweep, parseSweep } from "./loadSweep.ts";
import { parseShard, shardJobs } from "./shard.ts";
import { parse } from "yaml";

const sweepOf = (text: string) => parseSweep(parse(text), "/sweeps/test.yaml");

function problemsOf(text: string) {
  try {
    sweepOf(text);
  } catch (error) {
    if (error instanceof SweepValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected a SweepValidationError");
}

describe("sweep validation", () => {
  it("names a field path that is not a scenario field, and what is allowed there", () => {
    const [problem] = problemsOf("parameters:\n  oracle.challengeWindw: [1800]\n");
    expect(problem?.field).toBe("parameters.oracle.challengeWindw");
    expect(problem?.value).toEqual([1800]);
    expect(problem?.problem).toMatch(/unknown scenario field 'challengeWindw' in oracle; allowed there: .*challengeWindow/);
  });

  it("refuses the seed as a parameter and a path through a single value", () => {
    expect(problemsOf("parameters:\n  seed: [1, 2]\n")[0]?.problem).toMatch(/seeds:/);
    expect(problemsOf("parameters:\n  epochs.count: [1]\n")[0]?.problem).toMatch(/epochs is a single value/);
  });

  it("names a bad range's field, value and fix", () => {
    expect(problemsOf("parameters:\n  oracle.challengeWindow: { from: 7200, to: 1800, step: 1800 }\n")[0]).toEqual({
      field: "parameters.oracle.challengeWindow.to",
      value: 1800,
      problem: "must be >= from (7200)",
    });
    expect(problemsOf("parameters:\n  oracle.challengeWindow: { from: 1800, to: 7200, step: 0 }\n")[0]).toMatchObject({ field: "parameters.oracle.challengeWindow.step", value: 0, problem: "must be > 0" });
    expect(problemsOf("parameters:\n  oracle.challengeWindow: { from: 1800, to: 7200 }\n")[0]?.problem).toMatch(/needs step or count/);
    expect(problemsOf("parameters:\n  oracle.challengeWindow: { from: 0, to: 7200, count: 3, scale: log }\n")[0]).toMatchObject({ field: "parameters.oracle.challengeWindow.from", problem: "a log scale needs from > 0" });
    expect(problemsOf("parameters:\n  oracle.slashRemainder: { from: 1, to: 2, step: 1 }\n")[0]?.problem).toMatch(/give a list of values instead/);
    expect(problemsOf("parameters:\n  epochs: { from: 1, to: 2, count: 5 }\n")[0]?.problem).toMatch(/twice after rounding to whole numbers/);
  });

  it("rejects unknown keys at the top and inside a range", () => {
    const top = problemsOf("parameters: {}\nseed: 3\n")[0];
    expect(top?.field).toBe("seed");
    expect(top?.problem).toMatch(/unknown field; allowed here: .*seeds/);
    const inner = problemsOf("parameters:\n  epochs: { from: 1, to: 4, steps: 1 }\n")[0];
    expect(inner?.field).toBe("parameters.epochs.steps");
    expect(inner?.problem).toMatch(/unknown field; allowed here: from, to, step, count, scale/);
  });

  it("validates every point as a scenario, naming the points that fail", () => {
    const problems = problemsOf("parameters:\n  oracle.challengeWindow: [30, 1800]\n  epochs: [2, 3]\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("oracle.challengeWindow");
    expect(problems[0]?.value).toBe(30);
    expect(problems[0]?.problem).toMatch(/^must be >= 60 \(OpmlOracle\.MIN_WINDOW\), in points p000 \(oracle.challengeWindow=30, epochs=2\), p001 \(oracle.challengeWindow=30, epochs=3\)$/);
  });

  it("needs count in random mode and refuses it in grid mode", () => {
    expect(problemsOf("mode: random\nparameters:\n  epochs: [1, 2]\n")[0]?.field).toBe("count");
    expect(problemsOf("count: 3\nparameters:\n  epochs: [1, 2]\n")[0]?.problem).toMatch(/for mode: random/);
  });

  it("writes nothing and exits 2 on an invalid sweep file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "imo-sweep-bad-"));
    writeFileSync(join(dir, "s.yaml"), "parameters:\n  oracle.challengeWindow: [30]\n");
    const out = join(dir, "out");
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    const code = await main(["sweep", join(dir, "s.yaml"), "--out", out]).finally(() => (process.stderr.write = write));
    expect(code).toBe(2);
    expect(stderr.join("")).toMatch(/SweepValidationError: Sweep s.yaml is invalid \(1 problem\); nothing was run or written/);
    expect(await import("node:fs").then((fs) => fs.existsSync(out))).toBe(false);
  });
});

describe("sweep expansion", () => {
  it("expands a grid in a fixed order with stable job ids", () => {
    const sweep = sweepOf("parameters:\n  oracle.challengeWindow: { from: 1800, to: 5400, step: 1800 }\n  oracle.submitterBond: [0.05, \"1\"]\nseeds: 2\n");
    expect(sweep.points.map((p) => p.values)).toEqual([
      { "oracle.challengeWindow": 1800, "oracle.submitterBond": "0.05" },
      { "oracle.challengeWindow": 1800, "oracle.submitterBond": "1" },
      { "oracle.challengeWindow": 3600, "oracle.submitterBond": "0.05" },
      { "oracle.challengeWindow": 3600, "oracle.submitterBond": "1" },
      { "oracle.challengeWindow": 5400, "oracle.submitterBond": "0.05" },
      { "oracle.challengeWindow": 5400, "oracle.submitterBond": "1" },
    ]);
    expect(sweep.jobs.slice(0, 3).map((j) => j.id)).toEqual(["p000-s1", "p000-s2", "p001-s1"]);
    expect(sweep.jobs.map((j) => j.index)).toEqual([...sweep.jobs.keys()]);
    const job = sweep.jobs[3];
    expect(job && sweep.scenarioOf(job)).toMatchObject({ seed: 2, oracle: { challengeWindow: 1800, submitterBond: "1" } });
    // The same file gives the same sweep, hash included; a changed base changes the hash.
    const again = sweepOf("parameters:\n  oracle.challengeWindow: { from: 1800, to: 5400, step: 1800 }\n  oracle.submitterBond: [0.05, \"1\"]\nseeds: 2\n");
    expect(again.hash).toBe(sweep.hash);
    expect(sweepOf("base: { scenario: { epochs: 3 } }\nparameters:\n  oracle.challengeWindow: { from: 1800, to: 5400, step: 1800 }\n  oracle.submitterBond: [0.05, \"1\"]\nseeds: 2\n").hash).not.toBe(sweep.hash);
  });

  it("spaces count ranges linearly or geometrically and rounds whole-number fields", () => {
    expect(sweepOf("parameters:\n  challengers.checkProbability: { from: 0.1, to: 0.9, count: 5 }\n").points.map((p) => p.values["challengers.checkProbability"])).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
    expect(sweepOf("parameters:\n  demand.meanRequestsPerEpoch: { from: 1, to: 100, count: 3, scale: log }\n").points.map((p) => p.values["demand.meanRequestsPerEpoch"])).toEqual([1, 10, 100]);
    expect(sweepOf("parameters:\n  oracle.challengeWindow: { from: 60, to: 6000, count: 3, scale: log }\n").points.map((p) => p.values["oracle.challengeWindow"])).toEqual([60, 600, 6000]);
  });

  it("draws random points from the sampling seed, the same every time", () => {
    const text = (seed: number) => `mode: random\ncount: 5\nsamplingSeed: ${seed}\nparameters:\n  challengers.checkProbability: { from: 0, to: 1 }\n  oracle.challengeWindow: { from: 600, to: 7200, scale: log }\n  model.name: [tiny, small]\nseeds: [3, 9]\n`;
    const a = sweepOf(text(1));
    expect(sweepOf(text(1)).points).toEqual(a.points);
    expect(sweepOf(text(2)).points).not.toEqual(a.points);
    expect(a.jobs.map((j) => j.id)).toEqual(["p000-s3", "p000-s9", "p001-s3", "p001-s9", "p002-s3", "p002-s9", "p003-s3", "p003-s9", "p004-s3", "p004-s9"]);
    for (const p of a.points) {
      expect(p.values["challengers.checkProbability"]).toBeGreaterThanOrEqual(0);
      expect(p.values["challengers.checkProbability"]).toBeLessThan(1);
      expect(Number.isInteger(p.values["oracle.challengeWindow"])).toBe(true);
      expect(["tiny", "small"]).toContain(p.values["model.name"]);
    }
  });

  it("reads the base scenario file relative to the sweep file and merges inline fields over it", () => {
    const dir = mkdtempSync(join(tmpdir(), "imo-sweep-base-"));
    mkdirSync(join(dir, "sweeps"));
    writeFileSync(join(dir, "base.yaml"), "seed: 4\nepochs: 9\ndemand: { users: 3, meanRequestsPerEpoch: 2 }\n");
    writeFileSync(join(dir, "sweeps", "s.yaml"), "base: { file: ../base.yaml, scenario: { demand: { users: 5 } } }\nepochs: 2\nparameters:\n  oracle.challengeWindow: [600]\n");
    const sweep = loadSweep(join(dir, "sweeps", "s.yaml"));
    const scenario = sweep.scenarioOf(sweep.jobs[0] as (typeof sweep.jobs)[number]);
    expect(scenario).toMatchObject({ seed: 1, epochs: 2, demand: { users: 5, meanRequestsPerEpoch: 2 }, oracle: { challengeWindow: 600 } });
    expect(sweep.name).toBe("s");
  });

  it("slices jobs round-robin into 0-based shards that cover every job once", () => {
    const jobs = Array.from({ length: 7 }, (_, index) => ({ index }));
    const shards = [0, 1, 2].map((i) => shardJobs(jobs, parseShard(`${i}/3`)).map((j) => j.index));
    expect(shards).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
    expect(() => parseShard("3/3")).toThrow(/i must be from 0 to 2 \(shards are 0-based\)/);
    expect(() => parseShard("1-3")).toThrow(/not of the form i\/n/);
  });

  it("parses the sweep, merge and compare command lines", () => {
    expect(parseArgs(["sweep", "s.yaml", "--out", "o", "--parallel", "2", "--shard", "1/3"])).toEqual({ command: "sweep", file: "s.yaml", out: "o", parallel: 2, shard: { index: 1, count: 3 } });
    expect(parseArgs(["merge", "a", "b", "--out", "m"])).toEqual({ command: "merge", dirs: ["a", "b"], out: "m" });
    expect(parseArgs(["compare", "a", "b", "--fail-on-diff"])).toEqual({ command: "compare", a: "a", b: "b", failOnDiff: true });
    expect(() => parseArgs(["sweep", "s.yaml", "--parallel", "0"])).toThrow(/--parallel 0 is not a whole number from 1 to 256/);
    expect(() => parseArgs(["merge", "a"])).toThrow(/needs --out/);
  });
});
