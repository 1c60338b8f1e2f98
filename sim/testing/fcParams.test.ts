import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { fcCommandOptions, fcParams } from "./fcParams.ts";

/** A toy model-based property that fails once a counter passes 3 after an `add(2)`: small enough to shrink. */
type Model = { count: number };
type Real = { count: number };
class Add implements fc.Command<Model, Real> {
  constructor(readonly n: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.count += this.n;
    r.count += this.n === 2 ? this.n + 1 : this.n; // the "bug": add(2) adds 3
    if (m.count !== r.count) throw new Error(`model ${m.count} != real ${r.count}`);
  }
  toString = () => `add(${this.n})`;
}
const commands = () => fc.commands([fc.integer({ min: 0, max: 3 }).map((n) => new Add(n))], fcCommandOptions(20));
const property = () => fc.property(commands(), (cmds) => fc.modelRun(() => ({ model: { count: 0 }, real: { count: 0 } }), cmds));

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["FC_SEED", "FC_PATH", "FC_REPLAY_PATH", "FC_NUM_RUNS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe("fcParams replay", () => {
  it("replays a shrunk fc.commands counterexample from FC_SEED, FC_PATH and FC_REPLAY_PATH alone", () => {
    delete process.env.FC_REPLAY_PATH;
    process.env.FC_SEED = "42";
    const first = fc.check(property(), { ...fcParams(200) });
    expect(first.failed).toBe(true);
    const printed = fc.defaultReportMessage(first) ?? "";
    const counterexample = String(first.counterexample?.[0]);
    expect(counterexample).toContain("add(2)");
    const replayPath = /replayPath="([^"]*)"/.exec(counterexample)?.[1];
    expect(replayPath, "fast-check prints a replayPath with a command list").toBeDefined();
    expect(printed).toContain(`seed: 42, path: "${first.counterexamplePath}"`);

    process.env.FC_SEED = String(first.seed);
    process.env.FC_PATH = String(first.counterexamplePath);
    process.env.FC_REPLAY_PATH = replayPath as string;
    const replay = fc.check(property(), { ...fcParams(200) });
    expect(replay.failed).toBe(true);
    expect(replay.numRuns).toBe(1);
    expect(String(replay.counterexample?.[0])).toBe(counterexample);

    // Without the replay path, seed and path alone do not give the shrunk list back (why FC_REPLAY_PATH exists).
    delete process.env.FC_REPLAY_PATH;
    let withoutPath: string;
    try {
      const r = fc.check(property(), { ...fcParams(200) });
      withoutPath = String(r.counterexample?.[0]) + String(r.errorInstance);
    } catch (error) {
      withoutPath = String(error);
    }
    expect(withoutPath).not.toBe(counterexample);
  });
});
