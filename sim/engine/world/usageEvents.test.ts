import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";
import { shareAt } from "./usageEvents.ts";

const operator = agentAddress("honest-operator-0");
const liar = agentAddress("under-reporting-operator-0");
const user = agentAddress("offchain-user-3");
const token = agentAddress("test-contract-token");
const digest = (n: number): Hex => `0x${n.toString(16).padStart(64, "0")}`;
const ZERO = digest(0);

describe("usage ledger events", () => {
  it("keeps the share schedule, operators, their bonds and reports, and the reports in order", () => {
    const t = testIndexer();
    t.apply([
      t.log("ledger", "TermsSet", { modelId: 1n, shareBps: 2000, minBond: 0n, effectiveFromPeriod: 0 }),
      t.log("ledger", "OperatorRegistered", { modelId: 1n, operator, bond: 10n ** 18n, firstPeriod: 0 }),
      t.log("ledger", "OperatorRegistered", { modelId: 1n, operator: liar, bond: 10n ** 18n, firstPeriod: 1 }),
      t.log("ledger", "BondAdded", { modelId: 1n, operator, amount: 5n, bond: 10n ** 18n + 5n }),
      t.log("ledger", "TermsSet", { modelId: 1n, shareBps: 3000, minBond: 0n, effectiveFromPeriod: 2 }),
    ]);
    t.apply([t.log("ledger", "Reported", { modelId: 1n, operator, period: 0, fromPeriod: 0, start: 0n, count: 7n, total: 70n, root: digest(9), reportedAt: 5000, paid: 14n })], 5000);
    const u = t.world.usage;
    expect([0, 1, 2, 9].map((p) => shareAt(u, p))).toEqual([2000, 2000, 3000, 3000]);
    expect([...u.operators.keys()]).toEqual([operator.toLowerCase(), liar.toLowerCase()]);
    expect(u.operators.get(operator.toLowerCase())).toMatchObject({ status: "active", bond: 10n ** 18n + 5n, firstPeriod: 0, nextPeriod: 1, nextSequence: 7n, openChallenges: 0 });
    expect(u.operators.get(liar.toLowerCase())).toMatchObject({ firstPeriod: 1, nextPeriod: 1, nextSequence: 0n });
    expect(u.reports).toHaveLength(1);
    expect(u.reportsByOperator.get(operator.toLowerCase())?.get(0)).toMatchObject({ start: 0n, count: 7n, total: 70n, root: digest(9), reportedAt: 5000, paid: 14n });
  });

  it("follows a challenge to its answer (crediting the answerer the challenge bond) and a withdrawal", () => {
    const t = testIndexer();
    t.world.usage.challengeBond = 1000n;
    t.apply([t.log("ledger", "OperatorRegistered", { modelId: 1n, operator, bond: 1n, firstPeriod: 0 })]);
    t.apply([t.log("ledger", "ReceiptChallenged", { modelId: 1n, operator, digest: digest(1), challenger: user, sequence: 3n, period: 0, deadline: 9000 })], 7000);
    expect(t.world.usage.operators.get(operator.toLowerCase())?.openChallenges).toBe(1);
    expect(t.world.usage.challenges.get(digest(1))).toMatchObject({ status: "open", challenger: user, sequence: 3n, period: 0, deadline: 9000, openedAt: 7000 });
    t.apply([t.log("ledger", "ChallengeAnswered", { modelId: 1n, operator, digest: digest(1), answerer: operator })], 7300);
    expect(t.world.usage.challenges.get(digest(1))).toMatchObject({ status: "answered", answerer: operator, endedAt: 7300 });
    expect(t.world.usage.operators.get(operator.toLowerCase())?.openChallenges).toBe(0);
    expect(t.world.usage.credits.get(operator.toLowerCase())).toBe(1000n);
    t.apply([t.log("ledger", "Withdrawn", { account: operator, amount: 1000n })]);
    expect(t.world.usage.credits.has(operator.toLowerCase())).toBe(false);
  });

  it("removes a slashed operator, credits the prover (and, for an unanswered challenge, its bond), and refunds the other challenges", () => {
    const t = testIndexer();
    t.world.usage.challengeBond = 1000n;
    t.apply([t.log("ledger", "OperatorRegistered", { modelId: 1n, operator: liar, bond: 10n ** 18n, firstPeriod: 0 })]);
    t.apply([
      t.log("ledger", "ReceiptChallenged", { modelId: 1n, operator: liar, digest: digest(1), challenger: user, sequence: 1n, period: 0, deadline: 9000 }),
      t.log("ledger", "ReceiptChallenged", { modelId: 1n, operator: liar, digest: digest(2), challenger: user, sequence: 2n, period: 0, deadline: 9000 }),
    ]);
    t.apply(
      [
        t.log("ledger", "OperatorSlashed", { modelId: 1n, operator: liar, lie: 3, prover: user, evidence: digest(1), bond: 10n ** 18n, toToken: 30n, toProver: 500n, burned: 10n ** 18n - 530n }),
        t.log("ledger", "RevenuePaid", { modelId: 1n, receiver: token, amount: 30n, fromEscrow: false }),
      ],
      9100,
    );
    const u = t.world.usage;
    expect(u.operators.get(liar.toLowerCase())).toMatchObject({ status: "removed", bond: 0n, openChallenges: 1 });
    expect(u.challenges.get(digest(1))?.status).toBe("upheld");
    expect(u.credits.get(user.toLowerCase())).toBe(1500n);
    expect(u.slashes).toEqual([{ operator: liar, lie: "unanswered", prover: user, evidence: digest(1), bond: 10n ** 18n, toToken: 30n, toProver: 500n, burned: 10n ** 18n - 530n, time: 9100, block: 1n }]);
    t.apply([t.log("ledger", "ChallengeRefunded", { modelId: 1n, operator: liar, digest: digest(2), challenger: user })]);
    expect(u.challenges.get(digest(2))?.status).toBe("refunded");
    expect(u.credits.get(user.toLowerCase())).toBe(2500n);
  });

  it("books escrowed revenue until a flush pays it, and names a missed report", () => {
    const t = testIndexer();
    t.apply([t.log("ledger", "OperatorRegistered", { modelId: 1n, operator, bond: 7n, firstPeriod: 0 })]);
    t.apply([t.log("ledger", "RevenueEscrowed", { modelId: 1n, receiver: "0x0000000000000000000000000000000000000000", amount: 40n }), t.log("ledger", "RevenueEscrowed", { modelId: 1n, receiver: "0x0000000000000000000000000000000000000000", amount: 2n })]);
    expect(t.world.usage.escrow).toBe(42n);
    t.apply([t.log("ledger", "RevenuePaid", { modelId: 1n, receiver: token, amount: 42n, fromEscrow: true }), t.log("ledger", "RevenuePaid", { modelId: 1n, receiver: token, amount: 5n, fromEscrow: false })]);
    expect(t.world.usage.escrow).toBe(0n);
    t.apply([t.log("ledger", "OperatorSlashed", { modelId: 1n, operator, lie: 4, prover: user, evidence: ZERO, bond: 7n, toToken: 2n, toProver: 5n, burned: 0n })]);
    expect(t.world.usage.slashes[0]?.lie).toBe("missed-report");
    expect(t.world.usage.operators.get(operator.toLowerCase())?.status).toBe("removed");
  });

  it("follows an exit", () => {
    const t = testIndexer();
    t.apply([t.log("ledger", "OperatorRegistered", { modelId: 1n, operator, bond: 7n, firstPeriod: 0 }), t.log("ledger", "ExitRequested", { modelId: 1n, operator, lastPeriod: 4 })]);
    expect(t.world.usage.operators.get(operator.toLowerCase())).toMatchObject({ status: "exiting", lastPeriod: 4 });
    t.apply([t.log("ledger", "BondWithdrawn", { modelId: 1n, operator, amount: 7n })]);
    expect(t.world.usage.operators.get(operator.toLowerCase())).toMatchObject({ status: "exited", bond: 0n });
  });
});
