import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent } from "../testing/observation.ts";
import { testUsageWorld } from "../testing/usageObservation.ts";
import { usageKeeperPolicy } from "./usageKeeper.ts";

describe("the usage keeper", () => {
  it("slashes an operator exactly when its next report is overdue, and only a bonded one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -3600, max: 3600 }), fc.constantFrom("active", "exiting", "removed", "exited"), (nextPeriod, offset, status) => {
        const w = testUsageWorld();
        const op = w.operators[0]!;
        w.register(op);
        const record = w.usage.operators.get(op.address.toLowerCase())!;
        record.nextPeriod = nextPeriod;
        record.status = status as typeof record.status;
        const deadline = w.constants.genesis + (nextPeriod + 1) * w.constants.periodLength + w.constants.reportWindow;
        const actions = usageKeeperPolicy(testAgent("usage-keeper"), w.observe(deadline + offset));
        const slashes = actions.filter((a) => a.kind === "slashOverdue");
        const due = offset >= 0 && (status === "active" || status === "exiting");
        expect(slashes).toEqual(due ? [{ kind: "slashOverdue", agent: testAgent("usage-keeper"), operator: op.address }] : []);
      }),
      fcParams(100),
    );
  });

  it("flushes escrowed revenue only once the raise settled (the token is the model's receiver)", () => {
    const w = testUsageWorld();
    w.usage.escrow = 5n;
    const obs = w.observe(w.constants.genesis + 10);
    expect(usageKeeperPolicy(testAgent("usage-keeper"), obs).map((a) => a.kind)).toEqual(["flushUsageRevenue"]);
    expect(usageKeeperPolicy(testAgent("usage-keeper"), { ...obs, raise: { ...obs.raise, settled: false } })).toEqual([]);
  });
});
