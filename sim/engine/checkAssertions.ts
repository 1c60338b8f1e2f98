import type { Scenario } from "../scenario/schema.ts";
import { ledgerHeld, type LedgerBooks } from "./reads/readLedgerBooks.ts";

export type AssertionResult = { name: string; passed: boolean; detail: string };

/** What a finished run's assertions are checked against. */
export type RunFacts = {
  wrongFinalized: number;
  /** Wrong results finalized while at least one honest challenger was online at some point of their window. */
  wrongFinalizedWhileHonestLive: number;
  /** The token's ETH balance and its books at the end (wei). */
  tokenBalance: bigint;
  books: { readonly pending: bigint; readonly openClaimable: bigint; readonly redeemPool: bigint; readonly credited: bigint };
  /** The usage ledger's ETH balance and books at the end, when the run has one. */
  ledger?: { balance: bigint; books: LedgerBooks } | undefined;
  /** The oracle's ETH balance, and the sum of its books' places (credits, accrued fees, burned, escrow, bonds held). */
  oracleBalance: bigint;
  oracleBooked: bigint;
  /** Requests with a result not final by the bound plus two blocks, of those checked. */
  pastFinalityBound: number;
  checkedAgainstBound: number;
};

/** The scenario's assertions (those it turns on) against the run's facts, in a fixed order. */
export function checkAssertions(assertions: Scenario["assertions"], facts: RunFacts): AssertionResult[] {
  const results: AssertionResult[] = [];
  if (assertions.noWrongFinalizedWhileHonestChallenger) {
    results.push({
      name: "noWrongFinalizedWhileHonestChallenger",
      passed: facts.wrongFinalizedWhileHonestLive === 0,
      detail: `${facts.wrongFinalizedWhileHonestLive} wrong results finalized while an honest challenger was online (${facts.wrongFinalized} wrong results finalized in all)`,
    });
  }
  if (assertions.maxWrongFinalized !== undefined) {
    results.push({
      name: "maxWrongFinalized",
      passed: facts.wrongFinalized <= assertions.maxWrongFinalized,
      detail: `${facts.wrongFinalized} wrong results finalized (at most ${assertions.maxWrongFinalized} allowed)`,
    });
  }
  if (assertions.moneyConserved) {
    // What the token must hold: its pools plus payouts credited to holders that could not take them.
    const booked = facts.books.pending + facts.books.openClaimable + facts.books.redeemPool + facts.books.credited;
    let passed = facts.tokenBalance === booked;
    let detail = `token holds ${facts.tokenBalance} wei, its books say ${booked} wei`;
    if (facts.ledger) {
      // The usage ledger: every wei it holds is booked, and what it owed the token was delivered or is escrowed.
      const b = facts.ledger.books;
      const held = ledgerHeld(b);
      const owed = b.revenueReported + b.slashedToTokens;
      const accounted = b.revenueDelivered + b.escrowed;
      passed &&= facts.ledger.balance === held && owed === accounted;
      detail += `; usage ledger holds ${facts.ledger.balance} wei, its books say ${held} wei (bonded + challenge bonds + escrowed + credits + burned); revenue reported + slashed to the token = ${owed} wei, delivered + escrowed = ${accounted} wei`;
    }
    results.push({ name: "moneyConserved", passed, detail });
    results.push({
      name: "oracleBooksBalance",
      passed: facts.oracleBalance === facts.oracleBooked,
      detail: `oracle holds ${facts.oracleBalance} wei, its books (credits, accrued fees, burned, escrow, bonds held) say ${facts.oracleBooked} wei`,
    });
  }
  if (assertions.finalityWithinBound) {
    results.push({
      name: "finalityWithinBound",
      passed: facts.pastFinalityBound === 0,
      detail: `${facts.pastFinalityBound} of ${facts.checkedAgainstBound} requests with a result were not final two blocks after windowEnd + (2⌈log2 T⌉ + 1) × responseDeadline`,
    });
  }
  return results;
}
