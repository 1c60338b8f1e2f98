import { describe, expect, it } from "vitest";
import { describeDistribution, describeGas } from "./describeDistribution.ts";

describe("describeDistribution", () => {
  it("gives nulls for an empty sample", () => {
    expect(describeDistribution([])).toEqual({ count: 0, mean: null, median: null, p90: null, p99: null, max: null });
  });

  it("describes 1..100", () => {
    const d = describeDistribution(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(d).toEqual({ count: 100, mean: 50.5, median: 50.5, p90: 90.1, p99: 99.01, max: 100 });
  });

  it("describes gas with integer figures", () => {
    expect(describeGas([3, 1, 2])).toEqual({ calls: 3, min: 1, median: 2, mean: 2, p95: 3, max: 3 });
    expect(describeGas([])).toBeUndefined();
  });
});
