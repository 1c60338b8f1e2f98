import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/index.ts";
import { checkAssertions, type RunFacts } from "./checkAssertions.ts";

const books = { pending: 4n, openClaimable: 3n, redeemPool: 2n, credited: 1n };
const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  wrongFinalized: 0,
  wrongFinalizedWhileHonestLive: 0,
  tokenBalance: 10n,
  books,
  oracleBalance: 50n,
  oracleBooked: 50n,
  pastFinalityBound: 0,
  checkedAgainstBound: 7,
  ...over,
});
const assertionsOf = (yaml: string) => parseScenario(`epochs: 1\n${yaml}`, "a.yaml").assertions;

describe("checkAssertions", () => {
  it("checks the default assertions in order, and passes a clean run", () => {
    const results = checkAssertions(assertionsOf(""), facts());
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ["noWrongFinalizedWhileHonestChallenger", true],
      ["moneyConserved", true],
      ["oracleBooksBalance", true],
      ["finalityWithinBound", true],
    ]);
  });

  it("fails on a wrong result finalized while an honest challenger was online, and says how many", () => {
    const [first] = checkAssertions(assertionsOf(""), facts({ wrongFinalized: 3, wrongFinalizedWhileHonestLive: 1 }));
    expect(first).toEqual({ name: "noWrongFinalizedWhileHonestChallenger", passed: false, detail: "1 wrong results finalized while an honest challenger was online (3 wrong results finalized in all)" });
  });

  it("fails when the token's balance differs from its books by one wei", () => {
    const results = checkAssertions(assertionsOf(""), facts({ tokenBalance: 11n }));
    expect(results[1]).toEqual({ name: "moneyConserved", passed: false, detail: "token holds 11 wei, its books say 10 wei" });
  });

  it("counts payouts credited to holders that could not take them as held by the token", () => {
    const results = checkAssertions(assertionsOf(""), facts({ tokenBalance: 9n }));
    expect(results[1]).toEqual({ name: "moneyConserved", passed: false, detail: "token holds 9 wei, its books say 10 wei" });
  });

  it("fails when the oracle's balance differs from its books (credits, fees, burned, escrow, bonds held) by one wei", () => {
    const results = checkAssertions(assertionsOf(""), facts({ oracleBooked: 49n }));
    expect(results[2]).toEqual({ name: "oracleBooksBalance", passed: false, detail: "oracle holds 50 wei, its books (credits, accrued fees, burned, escrow, bonds held) say 49 wei" });
  });

  it("fails when a request with a result was not final by the claim rule's bound", () => {
    const results = checkAssertions(assertionsOf(""), facts({ pastFinalityBound: 1 }));
    expect(results[3]).toEqual({
      name: "finalityWithinBound",
      passed: false,
      detail: "1 of 7 requests with a result were not final two blocks after windowEnd + (2⌈log2 T⌉ + 1) × responseDeadline",
    });
  });

  it("checks maxWrongFinalized only when set, and leaves out what the scenario turns off", () => {
    const results = checkAssertions(
      assertionsOf("assertions: { maxWrongFinalized: 2, noWrongFinalizedWhileHonestChallenger: false, moneyConserved: false, finalityWithinBound: false }\n"),
      facts({ wrongFinalized: 3, pastFinalityBound: 2 }),
    );
    expect(results).toEqual([{ name: "maxWrongFinalized", passed: false, detail: "3 wrong results finalized (at most 2 allowed)" }]);
    expect(checkAssertions(assertionsOf("assertions: { maxWrongFinalized: 3 }\n"), facts({ wrongFinalized: 3 }))[1]?.passed).toBe(true);
  });
});
