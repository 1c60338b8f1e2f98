import { join } from "node:path";
import { quantileSorted } from "simple-statistics";
import { gameLength } from "../agents/timing.ts";
import { describeDistribution, type Distribution } from "./describeDistribution.ts";
import { readCsv, type CsvRow } from "./readCsv.ts";

/** A disputed request (at least one game) with its latencies, in chain seconds and blocks from its first submission. */
export type DisputedRequest = {
  requestId: string;
  kind: string;
  firstSubmitter: string;
  firstResultWrong: boolean;
  griefed: boolean;
  games: number;
  bisectionMoves: number;
  corrections: number;
  finalWrong: boolean | undefined;
  submitToChallenge: { seconds: number; blocks: number } | undefined;
  submitToGameEnd: { seconds: number; blocks: number } | undefined;
  submitToFinal: { seconds: number; blocks: number } | undefined;
};

export type LatencyPair = { seconds: Distribution; blocks: Distribution };

export type SummarizeLatencyReturnType = {
  counts: {
    requests: number;
    inference: number;
    nft: number;
    submitted: number;
    finalized: number;
    expired: number;
    openAtEnd: number;
    wrongFirstResults: number;
    disputedRequests: number;
    corrected: number;
    wrongFinalized: number;
    griefed: number;
    griefedDelayed: number;
  };
  /** Request to finality, for all finalized requests, those never disputed, and those disputed. */
  timeToFinality: { all: LatencyPair; undisputed: LatencyPair; disputed: LatencyPair };
  /** From the disputed (first) submission, over disputed requests: to the first challenge, to the end of the last game, to finality of the (corrected) result. */
  disputes: { submitToChallenge: LatencyPair; submitToGameEnd: LatencyPair; submitToFinal: LatencyPair; bisectionMoves: Distribution };
  /** Extra time a griefed correct result waited past its challenge window (seconds). */
  griefingDelaySeconds: Distribution;
  /** Games, from disputes.csv: winners of the games that defeated a claim; how games ended (`void`: a game that defeated nobody). */
  games: {
    count: number;
    ended: number;
    defenderWon: number;
    challengerWon: number;
    byHow: { step: number; timeout: number; void: number; open: number };
    moves: Distribution;
    durationSeconds: Distribution;
  };
  disputedRequests: DisputedRequest[];
  /** CDF points (101 quantiles, hours) of time to finality, for the chart. */
  finalityCdfHours: { undisputed: number[]; disputed: number[] };
  /** Bond each agent lost in games that defeated its claim (wei), by agent id (disputes.csv's bond_lost_wei). */
  bondsLost: Map<string, bigint>;
  /**
   * Finality against the claim rule's bound, over requests with a result: `boundSeconds` = window + (2⌈log2 T⌉ + 1)·D
   * (from the submission), the seconds each finalized request took past `windowEnd + G` (negative: before the
   * bound), and how many were final later than the bound plus two blocks (one block to time the last game out,
   * one to finalize) or still open past it at the run's end.
   */
  finalityBound: { boundSeconds: number; slackSeconds: number; overBoundSeconds: Distribution; pastBound: number; openPastBound: number };
  /** Requests the coalition attacked (a coalition liar's wrong submission): submission to finality, and their count. */
  attacked: { count: number; finalized: number; submitToFinalSeconds: Distribution; submitToFinalP95Seconds: number | null };
  /** What games did to the coalition's claims: the slashed part of its defeated bonds, the winner's part paid to others and to itself. */
  coalitionBonds: { lost: bigint; burned: bigint; paidToOthers: bigint; paidWithinCoalition: bigint };
  /** Σ bond × the chain time its game ended, per agent that lost one (wei × seconds): when each lost bond stopped being locked. */
  bondsLostTimesTime: Map<string, bigint>;
  /** Wrong final results per agent whose result they were: the owner of the winning claim. */
  wrongFinalOwners: Map<string, number>;
};

export type SummarizeLatencyParameters = {
  challengeWindowSeconds: number;
  /** The model's trace length T and the move deadline D, for the bound. */
  traceLength: number;
  responseDeadline: number;
  blockSeconds: number;
  /** Chain time of the run's last block (open requests past their bound then count as late). */
  endTime: number;
};

/** Roles of the coalition of colluding liars. */
const COALITION_ROLES: ReadonlySet<string> = new Set(["colluding-submitter", "colluding-challenger"]);

const num = (s: string | undefined) => (s === undefined || s === "" ? undefined : Number(s));
const gap = (row: CsvRow, to: string): { seconds: number; blocks: number } | undefined => {
  const t1 = num(row[`${to}_time`]);
  const b1 = num(row[`${to}_block`]);
  const t0 = num(row.submitted_time);
  const b0 = num(row.submitted_block);
  return t1 === undefined || b1 === undefined || t0 === undefined || b0 === undefined ? undefined : { seconds: t1 - t0, blocks: b1 - b0 };
};

/** The 95th percentile (simple-statistics' interpolated quantile), rounded like describeDistribution; null for no values. */
function p95(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(quantileSorted(Array.from(Float64Array.from(values).sort()), 0.95) * 1e6) / 1e6;
}

const pair = (values: { seconds: number; blocks: number }[]): LatencyPair => ({
  seconds: describeDistribution(values.map((v) => v.seconds)),
  blocks: describeDistribution(values.map((v) => v.blocks)),
});

function cdf(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: 101 }, (_, i) => Math.round(((sorted[Math.min(sorted.length - 1, Math.floor((i / 100) * (sorted.length - 1)))] ?? 0) / 3600) * 1e4) / 1e4);
}

/**
 * Streams requests.csv (keeping numbers, plus the rows of disputed requests only) and disputes.csv, and
 * describes how long results take to become final, and how disputes and griefing stretch that.
 */
export async function summarizeLatency(runDir: string, { challengeWindowSeconds, traceLength, responseDeadline, blockSeconds, endTime }: SummarizeLatencyParameters): Promise<SummarizeLatencyReturnType> {
  const G = gameLength(traceLength, responseDeadline);
  const slack = 2 * blockSeconds;
  const overBound: number[] = [];
  let pastBound = 0;
  let openPastBound = 0;
  const attackedFinal: number[] = [];
  let attackedCount = 0;
  const counts = { requests: 0, inference: 0, nft: 0, submitted: 0, finalized: 0, expired: 0, openAtEnd: 0, wrongFirstResults: 0, disputedRequests: 0, corrected: 0, wrongFinalized: 0, griefed: 0, griefedDelayed: 0 };
  const finality = { all: [] as { seconds: number; blocks: number }[], undisputed: [] as { seconds: number; blocks: number }[], disputed: [] as { seconds: number; blocks: number }[] };
  const griefingDelay: number[] = [];
  const disputedRequests: DisputedRequest[] = [];
  const wrongFinalOwners = new Map<string, number>();

  await readCsv(join(runDir, "requests.csv"), (row) => {
    counts.requests++;
    if (row.kind === "nft") counts.nft++;
    else counts.inference++;
    const submitted = row.submitted_time !== "";
    const finalized = row.finalized_time !== "";
    const games = Number(row.games || "0");
    if (submitted) counts.submitted++;
    if (row.expired === "true") counts.expired++;
    else if (!finalized) counts.openAtEnd++;
    if (row.first_result_wrong === "true") counts.wrongFirstResults++;
    if (Number(row.corrections || "0") > 0) counts.corrected++;
    if (row.final_wrong === "true") {
      counts.wrongFinalized++;
      // The winning claim's owner; a run folder written before the claim rule has none: the first submitter's, if never corrected.
      const owner = row.winning_owner ?? (Number(row.corrections || "0") === 0 ? row.first_submitter : undefined);
      if (owner) wrongFinalOwners.set(owner, (wrongFinalOwners.get(owner) ?? 0) + 1);
    }
    const windowEnd = num(row.window_end_time);
    if (windowEnd !== undefined) {
      const bound = windowEnd + G;
      if (finalized) {
        overBound.push(Number(row.finalized_time) - bound);
        if (Number(row.finalized_time) > bound + slack) pastBound++;
      } else if (row.expired !== "true" && endTime > bound + slack) openPastBound++;
    }
    if (row.first_result_wrong === "true" && /^colluding-submitter-\d+$/.test(row.first_submitter ?? "")) {
      attackedCount++;
      if (finalized && submitted) attackedFinal.push(Number(row.finalized_time) - Number(row.submitted_time));
    }
    if (finalized) {
      counts.finalized++;
      const total = { seconds: Number(row.finalized_time) - Number(row.requested_time), blocks: Number(row.finalized_block) - Number(row.requested_block) };
      finality.all.push(total);
      (games > 0 ? finality.disputed : finality.undisputed).push(total);
    }
    if (row.griefed === "true") {
      counts.griefed++;
      if (finalized && submitted) {
        const delay = Number(row.finalized_time) - Number(row.submitted_time) - challengeWindowSeconds;
        griefingDelay.push(Math.max(0, delay));
        if (delay > 0) counts.griefedDelayed++;
      }
    }
    if (games > 0) {
      counts.disputedRequests++;
      const id = row.request_id ?? "";
      disputedRequests.push({
        requestId: id,
        kind: row.kind ?? "",
        firstSubmitter: row.first_submitter ?? "",
        firstResultWrong: row.first_result_wrong === "true",
        griefed: row.griefed === "true",
        games,
        bisectionMoves: Number(row.bisection_moves || "0"),
        corrections: Number(row.corrections || "0"),
        finalWrong: row.final_wrong === "" ? undefined : row.final_wrong === "true",
        submitToChallenge: gap(row, "challenged"),
        submitToGameEnd: gap(row, "last_game_end"),
        submitToFinal: gap(row, "finalized"),
      });
    }
  });
  disputedRequests.sort((a, b) => Number(a.requestId) - Number(b.requestId));

  const games = { count: 0, ended: 0, defenderWon: 0, challengerWon: 0, byHow: { step: 0, timeout: 0, void: 0, open: 0 } };
  const moves: number[] = [];
  const duration: number[] = [];
  const bondsLost = new Map<string, bigint>();
  const coalitionBonds = { lost: 0n, burned: 0n, paidToOthers: 0n, paidWithinCoalition: 0n };
  const bondsLostTimesTime = new Map<string, bigint>();
  await readCsv(join(runDir, "disputes.csv"), (row) => {
    games.count++;
    moves.push(Number(row.moves || "0"));
    const how = row.how ?? "";
    // A run folder written before the claim rule has no outcome column: its games ended "void" or defeated a result.
    const outcome = row.outcome ?? (how === "void" ? "void" : how === "step" || how === "timeout" ? "defeated" : "");
    if (outcome === "void") games.byHow.void++;
    else if (how === "step" || how === "timeout") games.byHow[how]++;
    else games.byHow.open++;
    if (row.ended_time) {
      games.ended++;
      duration.push(Number(row.ended_time) - Number(row.opened_time));
    }
    if (outcome !== "defeated") return;
    if (row.winner === "defender") games.defenderWon++;
    else games.challengerWon++;
    // The loser's bond, as the oracle split it (ClaimDefeated): its owner is the side that lost.
    const defenderLost = row.winner === "challenger";
    const loser = (defenderLost ? row.defender : row.challenger) ?? "";
    const lost = BigInt(row.bond_lost_wei || "0");
    bondsLost.set(loser, (bondsLost.get(loser) ?? 0n) + lost);
    bondsLostTimesTime.set(loser, (bondsLostTimesTime.get(loser) ?? 0n) + lost * BigInt(row.ended_time || "0"));
    if (COALITION_ROLES.has((defenderLost ? row.defender_role : row.challenger_role) ?? "")) {
      const winnerInCoalition = COALITION_ROLES.has((defenderLost ? row.challenger_role : row.defender_role) ?? "");
      coalitionBonds.lost += lost;
      coalitionBonds.burned += BigInt(row.slashed_wei || "0");
      if (winnerInCoalition) coalitionBonds.paidWithinCoalition += BigInt(row.to_winner_wei || "0");
      else coalitionBonds.paidToOthers += BigInt(row.to_winner_wei || "0");
    }
  });

  const present = <T>(x: T | undefined): x is T => x !== undefined;
  return {
    counts,
    timeToFinality: { all: pair(finality.all), undisputed: pair(finality.undisputed), disputed: pair(finality.disputed) },
    disputes: {
      submitToChallenge: pair(disputedRequests.map((d) => d.submitToChallenge).filter(present)),
      submitToGameEnd: pair(disputedRequests.map((d) => d.submitToGameEnd).filter(present)),
      submitToFinal: pair(disputedRequests.map((d) => d.submitToFinal).filter(present)),
      bisectionMoves: describeDistribution(disputedRequests.map((d) => d.bisectionMoves)),
    },
    griefingDelaySeconds: describeDistribution(griefingDelay),
    games: { ...games, moves: describeDistribution(moves), durationSeconds: describeDistribution(duration) },
    disputedRequests,
    finalityCdfHours: { undisputed: cdf(finality.undisputed.map((v) => v.seconds)), disputed: cdf(finality.disputed.map((v) => v.seconds)) },
    bondsLost,
    finalityBound: { boundSeconds: challengeWindowSeconds + G, slackSeconds: slack, overBoundSeconds: describeDistribution(overBound), pastBound, openPastBound },
    attacked: { count: attackedCount, finalized: attackedFinal.length, submitToFinalSeconds: describeDistribution(attackedFinal), submitToFinalP95Seconds: p95(attackedFinal) },
    coalitionBonds,
    bondsLostTimesTime,
    wrongFinalOwners,
  };
}
