import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation } from "../testing/observation.ts";
import { scripted, scriptedPopulation } from "./scripted.ts";
import type { Action, NoState } from "./types.ts";

describe("scripted policies", () => {
  it("act as the policy does and hand their state back unchanged (the same object)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.nat({ max: 5 }), (seed, n) => {
        const { observation } = testObservation();
        const agent = testAgent("keeper");
        const policy = (_: typeof agent, __: typeof observation, rng: ReturnType<typeof createRng>): Action[] =>
          Array.from({ length: n }, () => ({ kind: "burn", agent, amount: BigInt(rng.int(0, 1000)) }));
        const state: NoState = {};
        const result = scripted(policy)(agent, state, observation, createRng(seed));
        expect(result.state).toBe(state);
        expect(result.actions).toEqual(policy(agent, observation, createRng(seed)));
      }),
      fcParams(50),
    );
  });

  it("a scripted population gets all its members at once", () => {
    const { observation } = testObservation();
    const members = [testAgent("user", 0), testAgent("user", 1)];
    const state: NoState = {};
    const result = scriptedPopulation((m) => m.map((agent): Action => ({ kind: "withdrawMarketCredit", agent })))(members, state, observation, createRng(1));
    expect(result.state).toBe(state);
    expect(result.actions.map((a) => a.agent.id)).toEqual(["user-0", "user-1"]);
  });
});
