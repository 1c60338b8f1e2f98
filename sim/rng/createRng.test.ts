import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "./createRng.ts";

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const fcParams = seed === undefined ? { numRuns } : { numRuns, seed };

describe("createRng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const draw = (s: number) => {
      const rng = createRng(s);
      return Array.from({ length: 20 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("forks independent, reproducible streams", () => {
    const a1 = createRng(1).fork("agent-1");
    const a2 = createRng(1).fork("agent-1");
    const b = createRng(1).fork("agent-2");
    const xs = Array.from({ length: 10 }, () => a1.float());
    expect(Array.from({ length: 10 }, () => a2.float())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => b.float())).not.toEqual(xs);
  });

  it("keeps int within [min, max]", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(2 ** 40), (s, min, span) => {
        const rng = createRng(s);
        const x = rng.int(min, min + span);
        return Number.isInteger(x) && x >= min && x <= min + span;
      }),
      fcParams,
    );
  });

  it("draws floats in [0, 1) with a mean near 1/2", () => {
    const rng = createRng("mean");
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.float();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeGreaterThan(0.49);
    expect(sum / 20_000).toBeLessThan(0.51);
  });

  it("draws Poisson counts with the requested mean", () => {
    for (const lambda of [0.5, 4, 50, 2000]) {
      const rng = createRng(`poisson-${lambda}`);
      let sum = 0;
      const n = 5_000;
      for (let i = 0; i < n; i++) sum += rng.poisson(lambda);
      // Standard error of the mean is sqrt(lambda / n); allow five of them.
      expect(Math.abs(sum / n - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    }
  });

  it("rejects bad arguments with a clear message", () => {
    const rng = createRng(1);
    expect(() => rng.int(3, 2)).toThrow(/min <= max/);
    expect(() => rng.pick([])).toThrow(/non-empty/);
    expect(() => rng.poisson(-1)).toThrow(/lambda >= 0/);
  });
});
