import type { Address } from "viem";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { UsageReportRecord } from "./usageView.ts";
import type { Action, Agent, PopulationPolicy, UsageReport } from "./types.ts";
import type { UsageView } from "./usageView.ts";

/**
 * The model's off-chain users as one population. Each turn they use the model off chain (Poisson uses around a
 * mean with a constant price elasticity, each by a random user through a random serving operator, who hands the
 * user a signed receipt). They keep their receipts and check each operator report against them:
 *
 * - a receipt of the period outside the reported range is a count lie: its holder proves it at once
 *   (`proveOutOfRange`), and a price above the reported total is proven at once (`provePriceAboveTotal`); these
 *   checks read the `Reported` event and cost nothing, so every holder makes them;
 * - each receipt in range is checked with probability `checkProbability` (the users' reporting probability): its
 *   holder asks the operator for the inclusion proof off chain (or, with `checkOnChainProbability`, challenges on
 *   chain at once) and challenges on chain when the proof is refused; after the answer window an unanswered
 *   challenge is slashed (`slashUnanswered`), which pays the challenger back its bond and the prover's reward.
 *
 * They withdraw what the ledger credits them. One proof per operator per turn: the others would revert.
 */
export type OffchainUsersState = {
  /** Reports already checked (a cursor into the append-only list of reports). */
  readonly reportsSeen: number;
  /** Refused proof requests already acted on (a cursor into the book's refusals). */
  readonly refusalsSeen: number;
};

export const offchainUsersInitialState = (): OffchainUsersState => ({ reportsSeen: 0, refusalsSeen: 0 });

type Demand = NonNullable<Scenario["offchain"]>["demand"];

/** Mean off-chain uses per epoch: `usesPerEpoch × (price / referencePrice)^−elasticity` (constant elasticity). */
export function offchainDemandMean(demand: Demand): number {
  const ratio = Number(demand.price) / Number(demand.referencePrice);
  return Math.max(0, demand.usesPerEpoch * ratio ** -demand.elasticity);
}

/** One report's checks: the proofs of lies on its face, and the receipts whose holders ask for their proof. */
export type ReportChecks = {
  /** A sequence of the period outside the reported range (a count lie), if any. */
  outOfRange: bigint | undefined;
  /** A sequence in range whose price is above the reported total, if any. */
  priceAboveTotal: bigint | undefined;
  /** Sequences in range whose holders check them (in order), each with whether it goes on chain at once. */
  checked: { sequence: bigint; onChain: boolean }[];
};

export type CheckReportParameters = {
  report: Pick<UsageReport, "start" | "count" | "total">;
  /** Sequences `[first, end)` the operator labelled with the report's period (the receipts its users hold). */
  labelled: { first: bigint; end: bigint };
  price: bigint;
  checkProbability: number;
  checkOnChainProbability: number;
  rng: Rng;
};

/** What the holders of one report's receipts do about it (pure: the same report and stream give the same checks). */
export function checkReport({ report, labelled, price, checkProbability, checkOnChainProbability, rng }: CheckReportParameters): ReportChecks {
  const end = report.start + report.count;
  let outOfRange: bigint | undefined;
  for (let s = labelled.first; s < labelled.end; s++) {
    if (s < report.start || s >= end) {
      outOfRange = s;
      break;
    }
  }
  const inFirst = labelled.first > report.start ? labelled.first : report.start;
  const inEnd = labelled.end < end ? labelled.end : end;
  const priceAboveTotal = inFirst < inEnd && price > report.total ? inFirst : undefined;
  const checked: { sequence: bigint; onChain: boolean }[] = [];
  if (outOfRange === undefined && priceAboveTotal === undefined) {
    for (let s = inFirst; s < inEnd; s++) {
      if (rng.bool(checkProbability)) checked.push({ sequence: s, onChain: rng.bool(checkOnChainProbability) });
    }
  }
  return { outOfRange, priceAboveTotal, checked };
}

export const offchainUsersPolicy: PopulationPolicy<OffchainUsersState> = (members, state, obs, rng) => {
  const usage = obs.usage;
  const offchain = obs.scenario.offchain;
  if (!usage || !offchain || members.length === 0) return { actions: [], state };
  const actions: Action[] = [];
  const byAddress = new Map(members.map((m) => [m.address.toLowerCase(), m]));
  const holder = (operator: Address, sequence: bigint) => byAddress.get(usage.book.receipt(operator, sequence).user.toLowerCase());

  // Uses this turn: the epoch's mean spread evenly over its turns (a Poisson count per turn).
  const uses = rng.fork(`uses-${obs.epoch}-${obs.turn}`);
  const count = uses.poisson(offchainDemandMean(offchain.demand) / obs.scenario.epoch.blocks);
  if (usage.serving.length > 0) {
    for (let i = 0; i < count; i++) {
      const user = members[uses.int(0, members.length - 1)] as Agent;
      actions.push({ kind: "useOffchain", agent: user, operator: uses.pick(usage.serving) });
    }
  }

  // New reports: check them against the receipts.
  const proved = new Set<string>();
  for (const report of usage.reports.slice(state.reportsSeen)) actions.push(...checksOf(report, usage, offchain.users, holder, proved, rng));

  // Refused proofs: the receipt is not in place, challenge it while the window is open.
  for (const refusal of usage.book.refusals.slice(state.refusalsSeen)) {
    const report = usage.reportOf(refusal.operator, refusal.period);
    const agent = byAddress.get(refusal.user.toLowerCase());
    if (!report || !agent || !bonded(usage, refusal.operator) || proved.has(refusal.operator.toLowerCase())) continue;
    if (obs.now >= report.reportedAt + usage.challengeWindow) continue;
    if (usage.challenges.has(usage.book.digest(refusal.operator, refusal.sequence))) continue;
    actions.push({ kind: "challengeReceipt", agent, operator: refusal.operator, sequence: refusal.sequence, report, bond: usage.challengeBond, askedFirst: true });
  }

  // Challenges past their deadline (or whose operator is gone): slash, or take the bond back.
  for (const c of usage.challenges.values()) {
    if (c.status !== "open") continue;
    const agent = byAddress.get(c.challenger.toLowerCase());
    if (agent && (obs.now >= c.deadline || !bonded(usage, c.operator))) actions.push({ kind: "slashUnanswered", agent, operator: c.operator, sequence: c.sequence });
  }

  for (const [address, credit] of usage.credits) {
    const agent = byAddress.get(address);
    if (agent && credit > 0n) actions.push({ kind: "withdrawUsageCredit", agent });
  }
  return { actions, state: { reportsSeen: usage.reports.length, refusalsSeen: usage.book.refusals.length } };
};

function bonded(usage: UsageView, operator: Address): boolean {
  const status = usage.operators.get(operator.toLowerCase())?.status;
  return status === "active" || status === "exiting";
}

function checksOf(
  report: UsageReportRecord,
  usage: UsageView,
  users: NonNullable<Scenario["offchain"]>["users"],
  holder: (operator: Address, sequence: bigint) => Agent | undefined,
  proved: Set<string>,
  rng: Rng,
): Action[] {
  const operator = report.operator;
  if (!bonded(usage, operator) || proved.has(operator.toLowerCase())) return [];
  const checks = checkReport({
    report,
    labelled: usage.book.periodRange(operator, report.period),
    price: usage.price,
    checkProbability: users.checkProbability,
    checkOnChainProbability: users.checkOnChainProbability,
    rng: rng.fork(`check-${operator.toLowerCase()}-${report.period}`),
  });
  const proof = checks.outOfRange ?? checks.priceAboveTotal;
  if (proof !== undefined) {
    const agent = holder(operator, proof);
    if (!agent) return [];
    proved.add(operator.toLowerCase());
    const kind = checks.outOfRange !== undefined ? "proveOutOfRange" : "provePriceAboveTotal";
    return [{ kind, agent, operator, sequence: proof, report }];
  }
  const actions: Action[] = [];
  for (const { sequence, onChain } of checks.checked) {
    const agent = holder(operator, sequence);
    if (!agent) continue;
    actions.push(
      onChain
        ? { kind: "challengeReceipt", agent, operator, sequence, report, bond: usage.challengeBond, askedFirst: false }
        : { kind: "requestUsageProof", agent, operator, period: report.period, sequence, report },
    );
  }
  return actions;
}
