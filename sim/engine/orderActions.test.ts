import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action } from "../agents/types.ts";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent } from "../testing/observation.ts";
import { orderActions } from "./orderActions.ts";

const agent = testAgent("honest-submitter");
const submit = (requestId: bigint, tag: number): Action => ({ kind: "submit", agent: testAgent("honest-submitter", tag), requestId, output: "0x", finalState: "0x", bond: 0n, lie: false });
const other = (tag: number): Action => ({ kind: "burn", agent, amount: BigInt(tag) });
const actionList = fc.array(fc.oneof(fc.tuple(fc.bigInt({ min: 1n, max: 4n }), fc.nat(99)).map(([id, tag]) => submit(id, tag)), fc.nat(99).map(other)), { maxLength: 30 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });

describe("orderActions", () => {
  it("without the mempool, is a permutation decided by the stream alone", () => {
    fc.assert(
      fc.property(actionList, seed, (actions, s) => {
        const a = orderActions([...actions], createRng(s), false);
        const b = orderActions([...actions], createRng(s), false);
        expect(a).toEqual(b);
        expect(a).toHaveLength(actions.length);
        for (const action of actions) expect(a.filter((x) => x === action)).toHaveLength(actions.filter((x) => x === action).length);
      }),
      fcParams(100),
    );
  });

  it("with the mempool, keeps the first submission per request in block order and every other action", () => {
    fc.assert(
      fc.property(actionList, seed, (actions, s) => {
        const shuffled = orderActions([...actions], createRng(s), false);
        const ordered = orderActions([...actions], createRng(s), true);
        const firsts = new Map<bigint, Action>();
        for (const a of shuffled) if (a.kind === "submit" && !firsts.has(a.requestId)) firsts.set(a.requestId, a);
        expect(ordered).toEqual(shuffled.filter((a) => a.kind !== "submit" || firsts.get(a.requestId) === a));
      }),
      fcParams(100),
    );
  });

  it("reorders the array it is given (the engine's own) rather than copying it", () => {
    const actions = [other(1), other(2), other(3)];
    expect(orderActions(actions, createRng(1), true)).toBe(actions);
  });
});
