import type { Address, Hex } from "viem";
import type { Receipt, SumNode } from "../usage/index.ts";

/** An operator of the model, as the ledger's events tell it. */
export type UsageOperatorRecord = {
  readonly address: Address;
  status: "active" | "exiting" | "exited" | "removed";
  bond: bigint;
  readonly firstPeriod: number;
  /** First period not reported yet. */
  nextPeriod: number;
  /** Sequence of its next unreported receipt (the next report's `start`). */
  nextSequence: bigint;
  /** Last period it serves once exiting. */
  lastPeriod: number | undefined;
  /** Challenges against it not answered or settled. */
  openChallenges: number;
};

/** A report as the `Reported` event gives it: everything a prover passes back to the ledger. */
export type UsageReportRecord = {
  readonly operator: Address;
  readonly period: number;
  readonly fromPeriod: number;
  readonly start: bigint;
  readonly count: bigint;
  readonly total: bigint;
  readonly root: Hex;
  readonly reportedAt: number;
  /** Paid to the model's revenue with the report. */
  readonly paid: bigint;
  readonly block: bigint;
};

/** A challenge of a receipt, keyed by the receipt's digest. */
export type UsageChallengeRecord = {
  readonly digest: Hex;
  readonly operator: Address;
  readonly challenger: Address;
  readonly sequence: bigint;
  readonly period: number;
  readonly deadline: number;
  readonly openedAt: number;
  status: "open" | "answered" | "upheld" | "refunded";
  answerer: Address | undefined;
  endedAt: number | undefined;
};

/** A period's sum-tree commitment as an operator built it (what it reports, publishes and proves from). */
export type UsageCommitment = {
  readonly operator: Address;
  /** First sequence of the tree (the ledger's `nextSequence` when it was built). */
  readonly start: bigint;
  readonly count: bigint;
  readonly total: bigint;
  readonly root: Hex;
  /** Sequences whose leaf carries a zero price instead of the receipt's (left out of the total). */
  readonly hidden: readonly bigint[];
  /** The inclusion proof of the receipt with `sequence` at its leaf, or undefined when the tree cannot prove it. */
  proofOf(sequence: bigint): SumNode[] | undefined;
};

/** What a period's proof requests and on-chain checks came to, as its operator saw them. */
export type UsageCheckTally = { readonly checks: number; readonly refused: number };

/** A proof request the operator could not answer: its holder now knows the receipt is not in place. */
export type UsageRefusal = { readonly user: Address; readonly operator: Address; readonly period: number; readonly sequence: bigint };

/**
 * The off-chain side of usage: receipts operators issued to users (the users keep them; nothing of it is on
 * chain), digests, the trees operators built and published, and the proof requests they answered. Deterministic
 * services over the run's off-chain book, like the VM access: a policy reads, never writes.
 */
export type UsageBookView = {
  /** Receipts the operator has issued so far (its next sequence). */
  issued(operator: Address): bigint;
  /** Sequences `[first, end)` of the receipts the operator labelled `period` (empty: first = end). */
  periodRange(operator: Address, period: number): { first: bigint; end: bigint };
  /** The receipt with `sequence` as its holder keeps it. */
  receipt(operator: Address, sequence: bigint): Receipt;
  /** Its EIP-712 digest. */
  digest(operator: Address, sequence: bigint): Hex;
  /** The sum tree over the operator's receipts `[start, start + count)`, the leaves of `hidden` at a zero price. */
  commit(operator: Address, start: bigint, count: bigint, hidden: readonly bigint[]): UsageCommitment;
  /** The tree the operator published with its report of `period` (undefined before it reported). */
  published(operator: Address, period: number): UsageCommitment | undefined;
  /** Checks of the operator's receipts of `period` (proof requests, and challenges made without one). */
  checks(operator: Address, period: number): UsageCheckTally;
  /** Every refused proof request so far, in order (append-only: users keep a cursor into it). */
  readonly refusals: readonly UsageRefusal[];
};

/** The usage ledger and the off-chain book, as every agent sees them. */
export type UsageView = {
  readonly ledger: Address;
  readonly modelId: bigint;
  /** Start of period 0 and the length of a period (seconds). */
  readonly genesis: number;
  readonly periodLength: number;
  readonly reportWindow: number;
  readonly challengeWindow: number;
  readonly answerWindow: number;
  readonly challengeBond: bigint;
  readonly proverReward: bigint;
  readonly penaltyBps: number;
  /** The period of this turn's block. */
  readonly currentPeriod: number;
  /** Price of one off-chain use (wei), what the receipts say. */
  readonly price: bigint;
  /** Bond an operator registers with (wei). */
  readonly operatorBond: bigint;
  /** The token's share (basis points) of a period's reported total. */
  shareAt(period: number): number;
  /** When `period` ends. */
  periodEnd(period: number): number;
  /** Operators by lower-cased address, in registration order. */
  readonly operators: ReadonlyMap<string, UsageOperatorRecord>;
  /** Operators that serve (registered, active), in registration order. */
  readonly serving: readonly Address[];
  /** Every report so far, in order (append-only). */
  readonly reports: readonly UsageReportRecord[];
  reportOf(operator: Address, period: number): UsageReportRecord | undefined;
  readonly challenges: ReadonlyMap<Hex, UsageChallengeRecord>;
  /** Pull credit at the ledger (lower-cased address → wei). */
  readonly credits: ReadonlyMap<string, bigint>;
  /** Revenue the ledger holds for the model until `flushRevenue`. */
  readonly escrow: bigint;
  readonly book: UsageBookView;
};
