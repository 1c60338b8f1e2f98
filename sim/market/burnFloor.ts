/**
 * How the pool's price stood against the burn-redeem value per token over a run (market.csv), from the
 * listing on: the share of epochs whose closing price was below the redeem value by more than `toleranceBps`,
 * and the median and lowest price / redeem ratio (epochs with no redeem value yet are left out).
 */
export type BurnFloor = { epochs: number; belowFloor: number; shareBelow: number; medianRatio: number; minRatio: number; finalRatio: number };

export function burnFloor(rows: readonly Record<string, string>[], toleranceBps: number): BurnFloor {
  const ratios: number[] = [];
  let below = 0;
  for (const r of rows) {
    if (r.listed !== "true") continue;
    const price = BigInt(r.price_wei_per_token ?? "0");
    const redeem = BigInt(r.redeem_wei_per_token ?? "0");
    if (redeem === 0n) continue;
    ratios.push(Number((price * 1_000_000n) / redeem) / 1_000_000);
    if (price * 10_000n < redeem * BigInt(10_000 - toleranceBps)) below++;
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
  return {
    epochs: ratios.length,
    belowFloor: below,
    shareBelow: ratios.length === 0 ? 0 : below / ratios.length,
    medianRatio: median,
    minRatio: sorted[0] ?? Number.NaN,
    finalRatio: ratios[ratios.length - 1] ?? Number.NaN,
  };
}
