import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "./createRng.ts";

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const fcParams = seed === undefined ? { numRuns } : { numRuns, seed };

describe("createRng", () => {
  it("draws the same numbers as it always has (values recorded from the first implementation: runs stay byte-identical)", () => {
    const r = createRng(42).fork("users").fork("demand-3");
    expect([r.float(), r.float()]).toEqual([0.7239564426708966, 0.4093105038627982]);
    expect([r.int(0, 9), r.int(-5, 1_000_000), r.int(0, 2 ** 45)]).toEqual([9, 294976, 16266054596235]);
    expect(r.bool(0.3)).toBe(true);
    expect(r.pick(["a", "b", "c"])).toBe("c");
    expect([r.poisson(3.5), r.poisson(800)]).toEqual([5, 761]);
    expect(r.normal()).toBe(0.20651988049083894);
    expect(r.exponential(2)).toBe(0.1846351650179543);
    expect(r.seed).toBe("42/users/demand-3");
  });

  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const draw = (s: number) => {
      const rng = createRng(s);
      return Array.from({ length: 20 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("skip(n) leaves the stream where n floats (n/2 normals) would", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), (s, n) => {
        const drawn = createRng(s);
        for (let i = 0; i < n; i++) drawn.normal();
        const skipped = createRng(s);
        skipped.skip(2 * n);
        return drawn.float() === skipped.float() && drawn.int(0, 1000) === skipped.int(0, 1000);
      }),
      fcParams,
    );
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
