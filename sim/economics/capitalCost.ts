/** Seconds in the year a rate is quoted for (365 days). */
export const SECONDS_PER_YEAR = 31_536_000n;

/**
 * The cost of capital locked over time: `weiSeconds` (wei × seconds locked, summed over every amount) at an
 * annual rate in basis points, simple interest, rounded down once over the whole:
 * weiSeconds × rateBps / (10,000 × 31,536,000).
 */
export function capitalCostWei(weiSeconds: bigint, rateBps: number): bigint {
  if (weiSeconds < 0n) throw new RangeError(`weiSeconds must be >= 0, got ${weiSeconds}`);
  return (weiSeconds * BigInt(rateBps)) / (10_000n * SECONDS_PER_YEAR);
}

/** One amount locked from `from` to `to` (chain seconds): its wei × seconds. */
export function lockedWeiSeconds(amountWei: bigint, from: number, to: number): bigint {
  if (to < from) throw new RangeError(`an amount cannot be released (${to}) before it is locked (${from})`);
  return amountWei * BigInt(to - from);
}

/**
 * Running sums from which the wei × seconds of a balance that goes up and down is known without keeping its
 * history: ∫ locked dt from the first event to `end` = end × (Σ locked − Σ released) − (Σ amount × time locked −
 * Σ amount × time released). Add events in any order; read with `lockedWeiSecondsUntil`.
 */
export type LockTally = { locked: bigint; released: bigint; lockedTimesTime: bigint; releasedTimesTime: bigint };

export const emptyLockTally = (): LockTally => ({ locked: 0n, released: 0n, lockedTimesTime: 0n, releasedTimesTime: 0n });

/** The tally with `amountWei` locked or released at `time` (a new tally; the old one is left as it was). */
export function addLockEvent(tally: LockTally, amountWei: bigint, time: number, kind: "lock" | "release"): LockTally {
  const t = BigInt(time);
  return kind === "lock"
    ? { ...tally, locked: tally.locked + amountWei, lockedTimesTime: tally.lockedTimesTime + amountWei * t }
    : { ...tally, released: tally.released + amountWei, releasedTimesTime: tally.releasedTimesTime + amountWei * t };
}

/** wei × seconds locked from the tally's first event to `end` (what is still locked counts until `end`). */
export function lockedWeiSecondsUntil(tally: LockTally, end: number): bigint {
  const e = BigInt(end);
  return e * (tally.locked - tally.released) - (tally.lockedTimesTime - tally.releasedTimesTime);
}
