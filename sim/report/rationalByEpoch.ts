import { join } from "node:path";
import { inspectionEquilibrium, learningEquilibrium } from "../economics/inspectionGame.ts";
import { inspectionPayoffs } from "../economics/inspectionPayoffs.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readCsv } from "./readCsv.ts";

/** The figures rational submitters and challengers record (sim/agents/rationalSubmitter.ts, rationalChallenger.ts), cumulative but for beliefs and `active`. */
const SUBMITTER_COUNTS = ["answers", "lies", "lies_caught", "lies_resolved"] as const;
const CHALLENGER_COUNTS = ["results_seen", "checks", "lies_found", "challenges", "firsts"] as const;
const BELIEFS = ["belief_catch", "belief_lie", "belief_first"] as const;

/** One epoch of the rational agents' play: what they did in it, how many were active at its end, and their mean beliefs then. */
export type RationalEpoch = {
  epoch: number;
  /** Answers of malicious (may-lie) rational submitters, and their lies: the lie rate's basis. */
  answers: number;
  lies: number;
  lieRate: number | null;
  liesResolved: number;
  liesCaught: number;
  /** Lies whose window closed in the epoch that were caught. */
  catchRate: number | null;
  /** Results rational challengers saw (decided on), and checked: the check rate per challenger. */
  resultsSeen: number;
  checks: number;
  checkRate: number | null;
  liesFound: number;
  challenges: number;
  firsts: number;
  activeSubmitters: number;
  activeChallengers: number;
  beliefCatch: number | null;
  beliefLie: number | null;
  beliefFirst: number | null;
};

type Sums = { counts: Map<string, number>; active: { submitters: number; challengers: number }; beliefs: Map<string, { sum: number; n: number }> };

const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1e6) / 1e6);

/**
 * Per epoch, the rational agents' lie rate, check rate, catch rate, active agents and mean beliefs, from
 * agent_epochs.csv (each agent's cumulative figures at each epoch's end, differenced). Empty for a run without
 * rational submitters or challengers.
 */
export async function rationalByEpoch(runDir: string): Promise<RationalEpoch[]> {
  const byEpoch = new Map<number, Sums>();
  await readCsv(join(runDir, "agent_epochs.csv"), (row) => {
    const metric = row.metric ?? "";
    const role = row.role ?? "";
    const isSubmitter = role.endsWith("-submitter");
    const known = (SUBMITTER_COUNTS as readonly string[]).includes(metric) || (CHALLENGER_COUNTS as readonly string[]).includes(metric) || (BELIEFS as readonly string[]).includes(metric) || metric === "active";
    // Compute ledgers record model runs, not play: only the rational agents' own figures count here.
    if (!known) return;
    const epoch = Number(row.epoch);
    let sums = byEpoch.get(epoch);
    if (!sums) byEpoch.set(epoch, (sums = { counts: new Map(), active: { submitters: 0, challengers: 0 }, beliefs: new Map() }));
    const value = Number(row.value);
    if (metric === "active") {
      if (isSubmitter) sums.active.submitters += value;
      else sums.active.challengers += value;
      return;
    }
    if ((BELIEFS as readonly string[]).includes(metric)) {
      // Honest submitters never lie: their belief of being caught stays at the prior and is not averaged in.
      if (metric === "belief_catch" && role !== "malicious-submitter") return;
      const b = sums.beliefs.get(metric) ?? { sum: 0, n: 0 };
      sums.beliefs.set(metric, { sum: b.sum + value, n: b.n + 1 });
      return;
    }
    // Only may-lie submitters' answers are the lie rate's basis.
    const key = metric === "answers" ? (role === "malicious-submitter" ? "answers" : "honest_answers") : metric;
    sums.counts.set(key, (sums.counts.get(key) ?? 0) + value);
  });
  const epochs = [...byEpoch.keys()].sort((a, b) => a - b);
  const rows: RationalEpoch[] = [];
  let previous = new Map<string, number>();
  for (const epoch of epochs) {
    const sums = byEpoch.get(epoch) as Sums;
    const d = (key: string) => (sums.counts.get(key) ?? 0) - (previous.get(key) ?? 0);
    const belief = (key: string) => {
      const b = sums.beliefs.get(key);
      return b === undefined || b.n === 0 ? null : Math.round((b.sum / b.n) * 1e6) / 1e6;
    };
    rows.push({
      epoch,
      answers: d("answers"),
      lies: d("lies"),
      lieRate: rate(d("lies"), d("answers")),
      liesResolved: d("lies_resolved"),
      liesCaught: d("lies_caught"),
      catchRate: rate(d("lies_caught"), d("lies_resolved")),
      resultsSeen: d("results_seen"),
      checks: d("checks"),
      checkRate: rate(d("checks"), d("results_seen")),
      liesFound: d("lies_found"),
      challenges: d("challenges"),
      firsts: d("firsts"),
      activeSubmitters: sums.active.submitters,
      activeChallengers: sums.active.challengers,
      beliefCatch: belief("belief_catch"),
      beliefLie: belief("belief_lie"),
      beliefFirst: belief("belief_first"),
    });
    previous = sums.counts;
  }
  return rows;
}

/** What the theory predicts for a scenario's rational agents (docs/economics.md): the equilibrium with n rational challengers, and where a lone pair of learners settles. */
export function rationalTheory(scenario: Scenario, traceLength: number) {
  const { submitter, challenger } = inspectionPayoffs(scenario, traceLength);
  const n = Math.max(1, scenario.challengers.strategy === "rational" ? scenario.challengers.lazy : 0);
  const eq = inspectionEquilibrium(n, submitter, challenger);
  const lone = inspectionEquilibrium(1, submitter, challenger);
  const learning = lone.kind === "mixed" ? learningEquilibrium(submitter, challenger, scenario.submitters.learning) : null;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    challengers: n,
    kind: eq.kind,
    lieRate: round(eq.lieRate),
    checkRate: round(eq.checkRate),
    catchRate: round(eq.catchRate),
    learningLieRate: learning === null ? null : round(learning.lieRate),
    learningCheckRate: learning === null ? null : round(learning.checkRate),
  };
}

/** The run's rates over its second half (the learners' start left out): lies / answers, checks / results seen, caught / resolved lies; active agents at the end. */
export function rationalSummary(rows: readonly RationalEpoch[]) {
  const late = rows.slice(Math.floor(rows.length / 2));
  const sum = (k: "answers" | "lies" | "resultsSeen" | "checks" | "liesResolved" | "liesCaught") => late.reduce((t, r) => t + r[k], 0);
  const last = rows.at(-1);
  return {
    fromEpoch: late[0]?.epoch ?? null,
    answers: sum("answers"),
    lieRate: rate(sum("lies"), sum("answers")),
    checkRate: rate(sum("checks"), sum("resultsSeen")),
    catchRate: rate(sum("liesCaught"), sum("liesResolved")),
    activeSubmittersAtEnd: last?.activeSubmitters ?? 0,
    activeChallengersAtEnd: last?.activeChallengers ?? 0,
  };
}
