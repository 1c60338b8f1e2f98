import { updateBelief, type RevenueBelief } from "./traders.ts";

const WHOLE = 10n ** 18n;

/** A snapshot's new claimable revenue (wei) and the eligible supply it was split over (token wei). */
export type SnapshotRevenue = { epoch: number; toClaimableWei: bigint; eligibleSupply: bigint };

export type RevenueImpliedValueParameters = {
  epochs: number;
  /** Epochs between snapshots: a snapshot's revenue per token is earned over that many epochs. */
  snapshotIntervalEpochs: number;
  discountRatePerEpoch: number;
  beliefSmoothing: number;
};

/**
 * The revenue-implied value of a whole token at each epoch's end (wei, as a number): the present value at
 * `discountRatePerEpoch` of a perpetuity of the claimable revenue per token per epoch that the snapshots so far
 * paid, smoothed as a fundamental trader smooths it (sim/market/traders.ts `updateBelief`). It is computed from the
 * run's revenue for every run, with or without fundamental traders in it; 0 before the first snapshot.
 */
export function revenueImpliedValue(snapshots: readonly SnapshotRevenue[], p: RevenueImpliedValueParameters): number[] {
  let belief: RevenueBelief = { revenuePerTokenPerEpoch: 0, observations: 0 };
  const byEpoch = new Map<number, SnapshotRevenue[]>();
  for (const s of snapshots) byEpoch.set(s.epoch, [...(byEpoch.get(s.epoch) ?? []), s]);
  const values: number[] = [];
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (const s of byEpoch.get(epoch) ?? []) {
      if (s.eligibleSupply === 0n) continue;
      const perToken = Number((s.toClaimableWei * WHOLE) / s.eligibleSupply);
      belief = updateBelief(belief, perToken, p.snapshotIntervalEpochs, p.beliefSmoothing);
    }
    values.push(belief.revenuePerTokenPerEpoch / p.discountRatePerEpoch);
  }
  return values;
}

/** How a price series follows a value series (both per epoch, from the same epoch on; pairs with a zero are left out). */
export type PriceTracking = {
  /** Epochs compared (both price and value positive). */
  epochs: number;
  /** Slope of ln price on ln value (least squares): 1 = the price moves in proportion to the value, 0 = not at all. */
  elasticity: number;
  /** Correlation of ln price and ln value. */
  correlation: number;
  /** Median of price / value. */
  medianRatio: number;
};

export function priceTracking(price: readonly number[], value: readonly number[]): PriceTracking {
  const xs: number[] = [];
  const ys: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(price.length, value.length); i++) {
    const p = price[i] as number;
    const v = value[i] as number;
    if (!(p > 0 && v > 0)) continue;
    xs.push(Math.log(v));
    ys.push(Math.log(p));
    ratios.push(p / v);
  }
  const n = xs.length;
  const mean = (a: number[]) => a.reduce((t, x) => t + x, 0) / a.length;
  const mx = n === 0 ? 0 : mean(xs);
  const my = n === 0 ? 0 : mean(ys);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return {
    epochs: n,
    elasticity: sxx === 0 ? Number.NaN : sxy / sxx,
    correlation: sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy),
    medianRatio: median(ratios),
  };
}

/** How a series answered a step at `atEpoch`: the median after over the median before, and when it got halfway. */
export type StepResponse = {
  /** Median over the `window` epochs before the step. */
  before: number;
  /** Median over the last `window` epochs of the series. */
  after: number;
  ratio: number;
  /** Epochs from the step until the series first stood halfway (in log terms) from `before` to `after`; null if never. */
  halfwayLag: number | null;
};

export function stepResponse(series: readonly number[], atEpoch: number, window: number): StepResponse {
  const before = median(series.slice(Math.max(0, atEpoch - window), atEpoch).filter((x) => x > 0));
  const after = median(series.slice(-window).filter((x) => x > 0));
  const ratio = after / before;
  const halfway = Math.sqrt(before * after);
  let halfwayLag: number | null = null;
  for (let e = atEpoch; e < series.length; e++) {
    const x = series[e] as number;
    if (ratio >= 1 ? x >= halfway : x <= halfway) {
      halfwayLag = e - atEpoch;
      break;
    }
  }
  return { before, after, ratio, halfwayLag };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}
