import type { CostParameters } from "./costParameters.ts";

const BPS = 10_000n;
const MILLION = 1_000_000n;

type ComputePrice = Pick<CostParameters, "traceLength" | "computeWeiPerMillionSteps">;

/** The price of `steps` VM steps in wei, rounded down: steps × price per million / 1,000,000. */
export function computeCostWei(steps: bigint, weiPerMillionSteps: bigint): bigint {
  if (steps < 0n) throw new RangeError(`steps must be >= 0, got ${steps}`);
  return (steps * weiPerMillionSteps) / MILLION;
}

/** One run of the model (an honest answer, or a check of someone else's): its trace length in steps, priced. */
export function inferenceComputeWei(p: ComputePrice): bigint {
  return computeCostWei(BigInt(p.traceLength), p.computeWeiPerMillionSteps);
}

/** What a lying submitter saves by not running the model: `lieComputeSavedBps` of one inference. */
export function lieComputeSavedWei(p: ComputePrice & Pick<CostParameters, "lieComputeSavedBps">): bigint {
  return (BigInt(p.traceLength) * BigInt(p.lieComputeSavedBps) * p.computeWeiPerMillionSteps) / (BPS * MILLION);
}

/** One move of a dispute game (bisect, respond or the final step): `gameMoveComputeBps` of one inference. */
export function gameMoveComputeWei(p: ComputePrice & Pick<CostParameters, "gameMoveComputeBps">): bigint {
  return (BigInt(p.traceLength) * BigInt(p.gameMoveComputeBps) * p.computeWeiPerMillionSteps) / (BPS * MILLION);
}

/** What an agent computed, as counted by its compute ledger (sim/agents/withComputeLedger.ts). */
export type ComputeCounts = {
  /** Requests whose model it ran: answers it computed honestly and results it checked. */
  modelRuns: number;
  /** Requests it answered with a lie without running the model. */
  lieRuns: number;
  /** Moves it made in dispute games. */
  gameMoves: number;
};

/**
 * The compute an agent's counts stand for, in VM steps × 10,000 (exact: a lie and a move are fractions of a
 * trace in basis points): model runs cost a whole trace, lies the share not saved, moves their share.
 */
function stepsBps(c: ComputeCounts, p: Pick<CostParameters, "traceLength" | "lieComputeSavedBps" | "gameMoveComputeBps">): bigint {
  const perTrace = BigInt(c.modelRuns) * BPS + BigInt(c.lieRuns) * (BPS - BigInt(p.lieComputeSavedBps)) + BigInt(c.gameMoves) * BigInt(p.gameMoveComputeBps);
  return BigInt(p.traceLength) * perTrace;
}

/** VM steps an agent's counts stand for (rounded down to whole steps). */
export function computeSteps(c: ComputeCounts, p: Pick<CostParameters, "traceLength" | "lieComputeSavedBps" | "gameMoveComputeBps">): bigint {
  return stepsBps(c, p) / BPS;
}

/** The compute cost of an agent's counts in wei, rounded down once over the whole (not per run). */
export function computeCountsCostWei(c: ComputeCounts, p: CostParameters): bigint {
  return (stepsBps(c, p) * p.computeWeiPerMillionSteps) / (BPS * MILLION);
}

/** What an agent's lies saved it against answering honestly (a memo: already inside `computeCountsCostWei`). */
export function computeSavedWei(c: ComputeCounts, p: CostParameters): bigint {
  return (BigInt(p.traceLength) * BigInt(c.lieRuns) * BigInt(p.lieComputeSavedBps) * p.computeWeiPerMillionSteps) / (BPS * MILLION);
}
