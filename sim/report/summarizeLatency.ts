import { join } from "node:path";
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
  /** Games, from disputes.csv. */
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
  /** Bond each agent lost in games it lost (wei), by agent id. */
  bondsLost: Map<string, bigint>;
  /** Σ bond × the chain time its game ended, per agent that lost one (wei × seconds): when each lost bond stopped being locked. */
  bondsLostTimesTime: Map<string, bigint>;
  /** Wrong final results per agent whose result they were: the first submitter's, or the winner's of the last game that replaced it. */
  wrongFinalOwners: Map<string, number>;
};

export type SummarizeLatencyParameters = { challengeWindowSeconds: number; submitterBondWei: bigint; challengerBondWei: bigint };

const num = (s: string | undefined) => (s === undefined || s === "" ? undefined : Number(s));
const gap = (row: CsvRow, to: string): { seconds: number; blocks: number } | undefined => {
  const t1 = num(row[`${to}_time`]);
  const b1 = num(row[`${to}_block`]);
  const t0 = num(row.submitted_time);
  const b0 = num(row.submitted_block);
  return t1 === undefined || b1 === undefined || t0 === undefined || b0 === undefined ? undefined : { seconds: t1 - t0, blocks: b1 - b0 };
};

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
export async function summarizeLatency(runDir: string, { challengeWindowSeconds, submitterBondWei, challengerBondWei }: SummarizeLatencyParameters): Promise<SummarizeLatencyReturnType> {
  const counts = { requests: 0, inference: 0, nft: 0, submitted: 0, finalized: 0, expired: 0, openAtEnd: 0, wrongFirstResults: 0, disputedRequests: 0, corrected: 0, wrongFinalized: 0, griefed: 0, griefedDelayed: 0 };
  const finality = { all: [] as { seconds: number; blocks: number }[], undisputed: [] as { seconds: number; blocks: number }[], disputed: [] as { seconds: number; blocks: number }[] };
  const griefingDelay: number[] = [];
  const disputedRequests: DisputedRequest[] = [];
  const firstSubmitter = new Map<string, string>();
  // Wrong final results that were never corrected: the first submitter's own.
  const wrongFinalFirstSubmitters: string[] = [];

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
      if (Number(row.corrections || "0") === 0) wrongFinalFirstSubmitters.push(row.first_submitter ?? "");
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
      firstSubmitter.set(id, row.first_submitter ?? "");
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
  const bondsLostTimesTime = new Map<string, bigint>();
  const lose = (agent: string, bond: bigint, endedTime: string | undefined) => {
    bondsLost.set(agent, (bondsLost.get(agent) ?? 0n) + bond);
    bondsLostTimesTime.set(agent, (bondsLostTimesTime.get(agent) ?? 0n) + bond * BigInt(endedTime || "0"));
  };
  // The challenger who won the latest game of each request: its claim replaced the result.
  const lastCorrector = new Map<string, { gameId: number; challenger: string }>();
  await readCsv(join(runDir, "disputes.csv"), (row) => {
    games.count++;
    moves.push(Number(row.moves || "0"));
    const how = row.how ?? "";
    if (how === "step" || how === "timeout" || how === "void") games.byHow[how]++;
    else games.byHow.open++;
    if (row.ended_time) {
      games.ended++;
      duration.push(Number(row.ended_time) - Number(row.opened_time));
    }
    if (how === "step" || how === "timeout") {
      const defender = row.defender ?? "";
      const challenger = row.challenger ?? "";
      // The loser's bond: a challenger's is the challenger bond; a defender's is the submitter bond if it
      // is the request's first submitter, else it is a former challenger whose bond now backs the result.
      if (row.winner === "defender") {
        games.defenderWon++;
        lose(challenger, challengerBondWei, row.ended_time);
      } else {
        games.challengerWon++;
        const bond = firstSubmitter.get(row.request_id ?? "") === defender ? submitterBondWei : challengerBondWei;
        lose(defender, bond, row.ended_time);
        const requestId = row.request_id ?? "";
        const gameId = Number(row.game_id || "0");
        if ((lastCorrector.get(requestId)?.gameId ?? -1) < gameId) lastCorrector.set(requestId, { gameId, challenger });
      }
    }
  });

  const wrongFinalOwners = new Map<string, number>();
  for (const owner of wrongFinalFirstSubmitters) wrongFinalOwners.set(owner, (wrongFinalOwners.get(owner) ?? 0) + 1);
  for (const d of disputedRequests) {
    if (d.finalWrong !== true || d.corrections === 0) continue;
    const owner = lastCorrector.get(d.requestId)?.challenger ?? "";
    wrongFinalOwners.set(owner, (wrongFinalOwners.get(owner) ?? 0) + 1);
  }

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
    bondsLostTimesTime,
    wrongFinalOwners,
  };
}
