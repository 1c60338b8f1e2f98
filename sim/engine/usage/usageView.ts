import type { Address } from "viem";
import type { UsageView } from "../../agents/usageView.ts";
import { shareAt, type UsageState } from "../world/usageEvents.ts";
import type { UsageBook } from "./createUsageBook.ts";

/** What the usage view holds that does not change during a run. */
export type UsageConstants = {
  ledger: Address;
  modelId: bigint;
  genesis: number;
  periodLength: number;
  reportWindow: number;
  challengeWindow: number;
  answerWindow: number;
  challengeBond: bigint;
  proverReward: bigint;
  penaltyBps: number;
  price: bigint;
  operatorBond: bigint;
};

/** The period a time falls in (the ledger's `currentPeriod` at that block time). */
export function periodAt(c: Pick<UsageConstants, "genesis" | "periodLength">, time: number): number {
  return Math.floor((time - c.genesis) / c.periodLength);
}

/** The agents' view of the ledger (the world's usage part, no copies) and of the off-chain book, at `now`. */
export function usageView(c: UsageConstants, usage: UsageState, book: UsageBook, now: number): UsageView {
  const serving: Address[] = [];
  for (const o of usage.operators.values()) if (o.status === "active") serving.push(o.address);
  return {
    ...c,
    currentPeriod: periodAt(c, now),
    shareAt: (period) => shareAt(usage, period),
    periodEnd: (period) => c.genesis + (period + 1) * c.periodLength,
    operators: usage.operators,
    serving,
    reports: usage.reports,
    reportOf: (operator, period) => usage.reportsByOperator.get(operator.toLowerCase())?.get(period),
    challenges: usage.challenges,
    credits: usage.credits,
    escrow: usage.escrow,
    book,
  };
}
