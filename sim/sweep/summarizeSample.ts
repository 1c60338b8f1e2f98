import { mean, quantileSorted, sampleStandardDeviation } from "simple-statistics";

/** Statistics of one metric over a point's seeds. */
export type SampleSummary = { n: number; min: number | null; p5: number | null; p50: number | null; p95: number | null; max: number | null; mean: number | null; stddev: number | null };

export const STATISTICS = ["min", "p5", "p50", "p95", "max", "mean", "stddev"] as const;

/** 10 significant digits: enough for any figure here, and no binary noise in the files. */
const tidy = (x: number) => Number(x.toPrecision(10));

/**
 * min, p5, p50, p95, max, mean and stddev of the values that exist (nulls are runs without the figure).
 * Quantiles: simple-statistics' quantileSorted, linear interpolation between order statistics (R type 7,
 * numpy's default): the p-quantile of sorted x[0..n-1] is x[h] interpolated at h = (n − 1)·p.
 * stddev is the sample standard deviation (n − 1 in the denominator), empty when n < 2.
 */
export function summarizeSample(values: readonly (number | null)[]): SampleSummary {
  const list = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (list.length === 0) return { n: 0, min: null, p5: null, p50: null, p95: null, max: null, mean: null, stddev: null };
  return {
    n: list.length,
    min: list[0] as number,
    p5: tidy(quantileSorted(list, 0.05)),
    p50: tidy(quantileSorted(list, 0.5)),
    p95: tidy(quantileSorted(list, 0.95)),
    max: list[list.length - 1] as number,
    mean: tidy(mean(list)),
    stddev: list.length < 2 ? null : tidy(sampleStandardDeviation(list)),
  };
}
