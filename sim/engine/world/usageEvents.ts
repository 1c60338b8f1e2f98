import type { Address, Hex } from "viem";
import type { UsageChallengeRecord, UsageOperatorRecord, UsageReportRecord } from "../../agents/usageView.ts";
import type { ContractEvents } from "./types.ts";

/** The ledger's `Lie` enum, in its order. */
export const LIES = ["out-of-range", "equivocation", "price-above-total", "unanswered", "missed-report"] as const;
export type LieName = (typeof LIES)[number];

/** A slash, as `OperatorSlashed` gives it. */
export type UsageSlashRecord = {
  readonly operator: Address;
  readonly lie: LieName;
  readonly prover: Address;
  /** The receipt's digest (zero for a missed report). */
  readonly evidence: Hex;
  readonly bond: bigint;
  readonly toToken: bigint;
  readonly toProver: bigint;
  readonly burned: bigint;
  readonly time: number;
  readonly block: bigint;
};

/** The usage ledger's part of the world (empty when the scenario has no off-chain usage). */
export type UsageState = {
  /** The ledger's challenge bond (a deployment parameter that its events do not repeat). */
  challengeBond: bigint;
  /** The model's share schedule: the share in basis points from each period on (TermsSet). */
  readonly shares: { fromPeriod: number; shareBps: number }[];
  /** Operators by lower-cased address, in registration order. */
  readonly operators: Map<string, UsageOperatorRecord>;
  /** Every report, in the order they were made (append-only: agents keep a cursor into it). */
  readonly reports: UsageReportRecord[];
  /** Reports by lower-cased operator, then period. */
  readonly reportsByOperator: Map<string, Map<number, UsageReportRecord>>;
  /** Challenges by receipt digest. */
  readonly challenges: Map<Hex, UsageChallengeRecord>;
  /** Every slash, in order. */
  readonly slashes: UsageSlashRecord[];
  /** Pull credits at the ledger (lower-cased address → wei). */
  readonly credits: Map<string, bigint>;
  /** Revenue escrowed for the model (its receiver was unset or refused it). */
  escrow: bigint;
};

export function createUsageState(): UsageState {
  return { challengeBond: 0n, shares: [], operators: new Map(), reports: [], reportsByOperator: new Map(), challenges: new Map(), slashes: [], credits: new Map(), escrow: 0n };
}

/** The share (basis points) that applies to `period`, as the ledger's checkpoints give it. */
export function shareAt(usage: Pick<UsageState, "shares">, period: number): number {
  let share = 0;
  for (const s of usage.shares) if (s.fromPeriod <= period) share = s.shareBps;
  return share;
}

const lower = (a: unknown) => (a as Address).toLowerCase();
const credit = (usage: UsageState, account: Address, amount: bigint) => {
  if (amount === 0n) return;
  const key = account.toLowerCase();
  usage.credits.set(key, (usage.credits.get(key) ?? 0n) + amount);
};

/** UsageLedger: terms, operators and their bonds, reports, challenges, slashes, credits and escrow. */
export const usageEvents: ContractEvents<"UsageLedger"> = {
  TermsSet({ usage }, e) {
    usage.shares.push({ fromPeriod: Number(e.args.effectiveFromPeriod as number), shareBps: Number(e.args.shareBps as number) });
    usage.shares.sort((a, b) => a.fromPeriod - b.fromPeriod);
  },
  OperatorRegistered({ usage }, e) {
    const firstPeriod = Number(e.args.firstPeriod as number);
    usage.operators.set(lower(e.args.operator), {
      address: e.args.operator as Address,
      status: "active",
      bond: e.args.bond as bigint,
      firstPeriod,
      nextPeriod: firstPeriod,
      nextSequence: 0n,
      lastPeriod: undefined,
      openChallenges: 0,
    });
  },
  BondAdded({ usage }, e) {
    const o = usage.operators.get(lower(e.args.operator));
    if (o) o.bond = e.args.bond as bigint;
  },
  Reported({ usage }, e) {
    const report: UsageReportRecord = {
      operator: e.args.operator as Address,
      period: Number(e.args.period as number),
      fromPeriod: Number(e.args.fromPeriod as number),
      start: e.args.start as bigint,
      count: e.args.count as bigint,
      total: e.args.total as bigint,
      root: e.args.root as Hex,
      reportedAt: Number(e.args.reportedAt as number),
      paid: e.args.paid as bigint,
      block: e.blockNumber,
    };
    usage.reports.push(report);
    const key = lower(e.args.operator);
    let byPeriod = usage.reportsByOperator.get(key);
    if (!byPeriod) usage.reportsByOperator.set(key, (byPeriod = new Map()));
    byPeriod.set(report.period, report);
    const o = usage.operators.get(key);
    if (o) {
      o.nextPeriod = report.period + 1;
      o.nextSequence = report.start + report.count;
    }
  },
  ExitRequested({ usage }, e) {
    const o = usage.operators.get(lower(e.args.operator));
    if (o) {
      o.status = "exiting";
      o.lastPeriod = Number(e.args.lastPeriod as number);
    }
  },
  BondWithdrawn({ usage }, e) {
    const o = usage.operators.get(lower(e.args.operator));
    if (o) {
      o.status = "exited";
      o.bond = 0n;
    }
  },
  ReceiptChallenged({ usage }, e) {
    const digest = e.args.digest as Hex;
    usage.challenges.set(digest, {
      digest,
      operator: e.args.operator as Address,
      challenger: e.args.challenger as Address,
      sequence: e.args.sequence as bigint,
      period: Number(e.args.period as number),
      deadline: Number(e.args.deadline as number),
      openedAt: e.time,
      status: "open",
      answerer: undefined,
      endedAt: undefined,
    });
    const o = usage.operators.get(lower(e.args.operator));
    if (o) o.openChallenges++;
  },
  ChallengeAnswered({ usage }, e) {
    const c = usage.challenges.get(e.args.digest as Hex);
    if (c) {
      c.status = "answered";
      c.answerer = e.args.answerer as Address;
      c.endedAt = e.time;
    }
    const o = usage.operators.get(lower(e.args.operator));
    if (o) o.openChallenges--;
    credit(usage, e.args.answerer as Address, usage.challengeBond);
  },
  ChallengeRefunded({ usage }, e) {
    const c = usage.challenges.get(e.args.digest as Hex);
    if (c) {
      c.status = "refunded";
      c.endedAt = e.time;
    }
    credit(usage, e.args.challenger as Address, usage.challengeBond);
  },
  OperatorSlashed({ usage }, e) {
    const lie = LIES[Number(e.args.lie as number)] ?? "missed-report";
    const prover = e.args.prover as Address;
    usage.slashes.push({
      operator: e.args.operator as Address,
      lie,
      prover,
      evidence: e.args.evidence as Hex,
      bond: e.args.bond as bigint,
      toToken: e.args.toToken as bigint,
      toProver: e.args.toProver as bigint,
      burned: e.args.burned as bigint,
      time: e.time,
      block: e.blockNumber,
    });
    const o = usage.operators.get(lower(e.args.operator));
    if (o) {
      o.status = "removed";
      o.bond = 0n;
    }
    credit(usage, prover, e.args.toProver as bigint);
    if (lie === "unanswered") {
      // The upheld challenge: its bond goes back to the challenger (the prover).
      const c = usage.challenges.get(e.args.evidence as Hex);
      if (c) {
        c.status = "upheld";
        c.endedAt = e.time;
      }
      if (o) o.openChallenges--;
      credit(usage, prover, usage.challengeBond);
    }
  },
  RevenueEscrowed({ usage }, e) {
    usage.escrow += e.args.amount as bigint;
  },
  RevenuePaid({ usage }, e) {
    if (e.args.fromEscrow as boolean) usage.escrow -= e.args.amount as bigint;
  },
  Withdrawn({ usage }, e) {
    usage.credits.delete(lower(e.args.account));
  },
};
