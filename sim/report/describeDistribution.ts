import { max, mean, min, quantileSorted } from "simple-statistics";

/** Summary statistics of a sample; all null when the sample is empty. Quantiles are simple-statistics' `quantileSorted`. */
export type Distribution = { count: number; mean: number | null; median: number | null; p90: number | null; p99: number | null; max: number | null };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** count, mean, median, p90, p99 and max of `values` (numbers are rounded to 6 decimals so the JSON is stable). */
export function describeDistribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    mean: round(mean(list)),
    median: round(quantileSorted(list, 0.5)),
    p90: round(quantileSorted(list, 0.9)),
    p99: round(quantileSorted(list, 0.99)),
    max: round(max(list)),
  };
}

/** min, median, mean, p95 and max of gas figures (integers, as gas is). */
export function describeGas(values: readonly number[]): { calls: number; min: number; median: number; mean: number; p95: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  const list = Array.from(Float64Array.from(values).sort());
  return {
    calls: list.length,
    min: min(list),
    median: Math.round(quantileSorted(list, 0.5)),
    mean: Math.round(mean(list)),
    p95: Math.round(quantileSorted(list, 0.95)),
    max: max(list),
  };
}
