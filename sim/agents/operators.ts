import type { Address } from "viem";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import { owedToToken } from "../usage/index.ts";
import type { Action, Agent, AgentPolicy, Observation } from "./types.ts";
import type { UsageView } from "./usageView.ts";

/**
 * Operators serve the model off chain (an API gateway): every paid use gets a receipt signed by the operator (the
 * engine's off-chain book issues it; the operator signs with its own key), and after each period the operator
 * reports the period's receipts to the usage ledger as a sum-tree commitment and pays the token's share of the
 * total. Three kinds:
 *
 * - honest: commits every receipt at its price, answers every challenge with the inclusion proof;
 * - under-reporting: in a period, with probability `lieProbability`, leaves `hiddenShare` of its receipts out:
 *   their leaves carry a zero price (`omit-from-tree`, provable only by a challenge, which it cannot answer), or
 *   the count stops before them (`lower-count`, which any holder of a dropped receipt proves at once);
 * - strategic: under-reports a period only when its expected gain beats its expected slash (`strategicHidden`),
 *   with a belief of the users' check probability learned from the checks it sees.
 */

/** Strategic operators' belief (others keep it untouched): a Beta(checked, observed − checked) over the check probability. */
export type OperatorState = {
  /** Receipts checked (proof requests and direct challenges), prior pseudo-counts included. */
  readonly checked: number;
  /** Receipts reported, prior pseudo-counts included. */
  readonly observed: number;
  /** The belief has counted the checks of every period up to this one. */
  readonly countedThrough: number;
  /** Strategic operators: the belief as agent_epochs.csv records it each epoch (sim/engine/recordAgentStates.ts). */
  readonly record?: { readonly believed_check_probability: number; readonly checks_seen: number; readonly receipts_observed: number };
};

type Offchain = NonNullable<Scenario["offchain"]>;

export function operatorInitialState(scenario: Scenario): OperatorState {
  const o = scenario.offchain?.operators;
  const weight = o?.priorWeight ?? 0;
  return { checked: (o?.priorCheckProbability ?? 0) * weight, observed: weight, countedThrough: -1 };
}

/** The belief's mean: the check probability the operator expects of each receipt's holder. */
export function believedCheckProbability(state: OperatorState): number {
  return state.observed > 0 ? state.checked / state.observed : 0;
}

export type StrategicHiddenParameters = {
  /** Receipts of the period. */
  receipts: number;
  /** Price of each (wei). */
  price: bigint;
  /** Token's share (basis points). */
  shareBps: number;
  /** The operator's bond (wei): what a proven lie costs it. */
  bond: bigint;
  /** Believed chance that each receipt's holder checks it. */
  checkProbability: number;
};

/**
 * How many receipts a strategic operator leaves out of a period, by the rule: hiding k receipts gains
 * `s · price · k` (the share it does not pay) and is caught with probability `1 − (1 − q)^k` (each holder checks
 * independently with probability q), which costs the whole bond B. It hides the k in [0, receipts − 1] that
 * maximizes `s · price · k − B · (1 − (1 − q)^k)`, and nothing unless that is positive (ties: fewer). It keeps at
 * least one receipt so the total still covers every price (a price above the total is proven by anyone at
 * once). The rule is myopic: it ignores the business a removed operator loses, so it lies at least as often as a
 * far-sighted operator would.
 */
export function strategicHidden({ receipts, price, shareBps, bond, checkProbability }: StrategicHiddenParameters): number {
  const gainPerReceipt = (Number(price) * shareBps) / 10_000;
  const bondWei = Number(bond);
  const q = Math.min(1, Math.max(0, checkProbability));
  let best = 0;
  let bestValue = 0;
  let notCaught = 1;
  for (let k = 1; k <= receipts - 1; k++) {
    notCaught *= 1 - q;
    const value = gainPerReceipt * k - bondWei * (1 - notCaught);
    if (value > bestValue) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}

/** How many receipts an under-reporting operator leaves out when it lies: `hiddenShare` of them, at most all but one. */
export function underReportedCount(receipts: number, hiddenShare: number): number {
  if (receipts <= 1) return 0;
  return Math.min(receipts - 1, Math.round(hiddenShare * receipts));
}

/** `k` distinct sequences of `[start, start + n)`, drawn with `rng` (a partial Fisher–Yates shuffle), in order. */
export function pickSequences(start: bigint, n: number, k: number, rng: Rng): bigint[] {
  const take = Math.max(0, Math.min(n, k));
  if (take === n) return Array.from({ length: n }, (_, i) => start + BigInt(i));
  const chosen = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < take; i++) {
    const j = rng.int(i, n - 1);
    const atJ = chosen.get(j) ?? j;
    chosen.set(j, chosen.get(i) ?? i);
    picked.push(atJ);
  }
  return picked.sort((a, b) => a - b).map((i) => start + BigInt(i));
}

/** What an operator commits for a period: the count and which of its receipts carry a zero price. */
export type ReportPlan = { count: bigint; hidden: readonly bigint[] };

export type PlanReportParameters = {
  role: Agent["role"];
  offchain: Offchain;
  /** First sequence of the report (the ledger's `nextSequence`). */
  start: bigint;
  /** Receipts it issued up to the end of the period, minus `start`. */
  receipts: number;
  usage: Pick<UsageView, "price" | "shareAt">;
  period: number;
  bond: bigint;
  state: OperatorState;
  rng: Rng;
};

/** The report an operator makes of a period: everything (honest), or with receipts left out (the liars' rules above). */
export function planReport({ role, offchain, start, receipts, usage, period, bond, state, rng }: PlanReportParameters): ReportPlan {
  const all: ReportPlan = { count: BigInt(receipts), hidden: [] };
  if (role === "honest-operator" || receipts <= 1) return all;
  const o = offchain.operators;
  const r = rng.fork(`lie-${period}`);
  let k = 0;
  if (role === "under-reporting-operator") {
    if (!r.bool(o.lieProbability)) return all;
    k = underReportedCount(receipts, o.hiddenShare);
    if (o.lieStyle === "lower-count") return { count: BigInt(receipts - k), hidden: [] };
  } else if (role === "strategic-operator") {
    k = strategicHidden({ receipts, price: usage.price, shareBps: usage.shareAt(period), bond, checkProbability: believedCheckProbability(state) });
  }
  if (k === 0) return all;
  return { count: BigInt(receipts), hidden: pickSequences(start, receipts, k, r) };
}

/** A strategic operator's belief after counting the checks of the periods `(countedThrough, through]`. */
export function updateBelief(state: OperatorState, usage: Pick<UsageView, "book" | "reportOf">, operator: Address, through: number): OperatorState {
  let { checked, observed } = state;
  for (let p = state.countedThrough + 1; p <= through; p++) {
    const report = usage.reportOf(operator, p);
    if (!report) continue;
    checked += usage.book.checks(operator, p).checks;
    observed += Number(report.count);
  }
  return { checked, observed, countedThrough: Math.max(state.countedThrough, through) };
}

/** One turn of an operator: register, report the period that ended, answer challenges, withdraw credit; a strategic one records its belief. */
export const operatorPolicy: AgentPolicy<OperatorState> = (agent, state, obs, rng) => {
  const turn = operatorTurn(agent, state, obs, rng);
  return agent.role === "strategic-operator" ? { ...turn, state: withBeliefRecord(turn.state) } : turn;
};

const operatorTurn: AgentPolicy<OperatorState> = (agent, state, obs, rng) => {
  const usage = obs.usage;
  const offchain = obs.scenario.offchain;
  if (!usage || !offchain) return { actions: [], state };
  const me = agent.address;
  const record = usage.operators.get(me.toLowerCase());
  const actions: Action[] = [];
  if (!record) return { actions: [{ kind: "registerOperator", agent, bond: usage.operatorBond }], state };
  let next = state;
  if (record.status === "active" || record.status === "exiting") {
    const period = record.nextPeriod;
    if (obs.now >= usage.periodEnd(period) && (record.lastPeriod === undefined || period <= record.lastPeriod)) {
      if (agent.role === "strategic-operator") next = updateBelief(state, usage, me, period - 1);
      actions.push(reportAction(agent, obs, usage, offchain, period, record.nextSequence, record.bond, next, rng));
    }
    actions.push(...answers(agent, obs, usage));
  }
  if ((usage.credits.get(me.toLowerCase()) ?? 0n) > 0n) actions.push({ kind: "withdrawUsageCredit", agent });
  return { actions, state: next };
};

/** The state with its belief as figures for agent_epochs.csv (prior pseudo-counts included). */
export function withBeliefRecord(state: OperatorState): OperatorState {
  return { ...state, record: { believed_check_probability: believedCheckProbability(state), checks_seen: state.checked, receipts_observed: state.observed } };
}

function reportAction(agent: Agent, obs: Observation, usage: UsageView, offchain: Offchain, period: number, start: bigint, bond: bigint, state: OperatorState, rng: Rng): Action {
  const issuedThrough = usage.book.periodRange(agent.address, period).end;
  const receipts = Number(issuedThrough - start);
  const plan = planReport({ role: agent.role, offchain, start, receipts, usage, period, bond, state, rng });
  const c = usage.book.commit(agent.address, start, plan.count, plan.hidden);
  return { kind: "reportUsage", agent, period, start, count: c.count, total: c.total, root: c.root, hidden: c.hidden, value: owedToToken(c.total, usage.shareAt(period)) };
}

/** Answers to the open challenges of the operator's receipts that its published tree proves (a liar's hidden ones it cannot). */
function answers(agent: Agent, obs: Observation, usage: UsageView): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  for (const c of usage.challenges.values()) {
    if (c.status !== "open" || c.operator.toLowerCase() !== me || obs.now >= c.deadline) continue;
    const report = usage.reportOf(agent.address, c.period);
    const proof = usage.book.published(agent.address, c.period)?.proofOf(c.sequence);
    if (!report || !proof) continue;
    actions.push({ kind: "answerChallenge", agent, operator: agent.address, sequence: c.sequence, report, proof });
  }
  return actions;
}
