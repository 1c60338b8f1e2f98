import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest, withClaims } from "../testing/observation.ts";
import { challengerPolicy } from "./challengers.ts";
import { scripted } from "./scripted.ts";
import { submitterPolicy } from "./submitters.ts";
import { ledgerState, withComputeLedger } from "./withComputeLedger.ts";

const input = fc.array(fc.integer({ min: -6000, max: 6000 }), { minLength: 8, maxLength: 8 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });

const submitter = withComputeLedger(scripted(submitterPolicy));
const challenger = withComputeLedger(scripted(challengerPolicy));

describe("a compute ledger around a policy", () => {
  it("leaves the policy's actions and own state as they are", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), seed, fc.constantFrom(0, 0.5, 1), (inputs, s, wrong) => {
        const { observation, requests } = testObservation({ scenario: `submitters: { honest: 0, malicious: 1, wrongProbability: ${wrong} }\n` });
        inputs.forEach((x, i) => requests.set(BigInt(i + 1), testRequest(BigInt(i + 1), x)));
        const me = testAgent("malicious-submitter");
        const wrapped = submitter(me, ledgerState({}), observation, createRng(s));
        expect(wrapped.actions).toEqual(submitterPolicy(me, observation, createRng(s)));
        expect(wrapped.state.policy).toEqual({});
      }),
      fcParams(20),
    );
  });

  it("counts each answered request once: a model run when honest, a lie when made up, forgotten when the request leaves", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), seed, fc.constantFrom(0, 1), (inputs, s, wrong) => {
        // One competitor goes for every fresh request; it always lies (1) or never (0).
        const { observation, requests } = testObservation({ scenario: `submitters: { honest: 0, malicious: 1, wrongProbability: ${wrong} }\n` });
        inputs.forEach((x, i) => requests.set(BigInt(i + 1), testRequest(BigInt(i + 1), x)));
        const me = testAgent("malicious-submitter");
        const first = submitter(me, ledgerState({}), observation, createRng(s));
        const n = inputs.length;
        expect(first.state.record).toEqual({ model_runs: wrong === 0 ? n : 0, lie_runs: wrong === 1 ? n : 0, game_moves: 0 });
        expect(Object.keys(first.state.ran).sort()).toEqual(inputs.map((_, i) => String(i + 1)).sort());
        // The same requests next turn: it asks the VM again, but pays once.
        const again = submitter(me, first.state, observation, createRng(s + 1));
        expect(again.state.record).toEqual(first.state.record);
        // A request that left the world (final) is forgotten at the next epoch's first turn; the counts stay.
        requests.delete(1n);
        const sameEpoch = submitter(me, again.state, { ...observation, turn: 1 }, createRng(s + 2));
        expect(sameEpoch.state.record).toEqual(first.state.record);
        const later = submitter(me, sameEpoch.state, { ...observation, turn: 0 }, createRng(s + 2));
        expect(Object.keys(later.state.ran)).not.toContain("1");
        expect(later.state.record).toEqual(first.state.record);
      }),
      fcParams(20),
    );
  });

  it("counts a challenger's check of every pending result it sees, and its game moves", () => {
    const { observation, requests, games } = testObservation();
    const me = testAgent("honest-challenger");
    const other = testAgent("honest-submitter");
    requests.set(1n, testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]));
    requests.set(2n, testRequest(2n, [8, 7, 6, 5, 4, 3, 2, 1]));
    requests.set(3n, testRequest(3n, [1, 1, 1, 1, 1, 1, 1, 1]));
    const honest1 = observation.vm.honestFinal(1n).stateHash;
    const honest2 = observation.vm.honestFinal(2n).stateHash;
    const honest3 = observation.vm.honestFinal(3n).stateHash;
    requests.set(1n, withClaims(testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]), [{ owner: other.address, stateHash: honest1 }], { windowEnd: observation.now + 600 }));
    requests.set(2n, withClaims(testRequest(2n, [8, 7, 6, 5, 4, 3, 2, 1]), [{ owner: other.address, stateHash: honest2 }], { windowEnd: observation.now + 600 }));
    // A wrong result it already attacked (its claim 1, the truth): it checked the request once, and owes a move in the game.
    requests.set(3n, withClaims(testRequest(3n, [1, 1, 1, 1, 1, 1, 1, 1]), [{ owner: other.address, stateHash: "0x01" }, { owner: me.address, stateHash: honest3, parent: 0 }], { windowEnd: observation.now + 600 }));
    games.set(9n, { id: 9n, requestId: 3n, defender: other.address, challenger: me.address, targetClaim: 0, challengerClaim: 1, lo: 0, hi: 64, phase: "challenger-to-respond", midHash: "0x00", deadline: observation.now + 100 });
    const result = challenger(me, ledgerState({}), observation, createRng(1));
    expect(result.actions.map((a) => a.kind)).toEqual(["respond"]);
    expect(result.state.record).toEqual({ model_runs: 3, lie_runs: 0, game_moves: 1 });
  });

  it("keeps what the policy's own state records beside the ledger's counts", () => {
    const { observation } = testObservation();
    const learner = withComputeLedger<{ turns: number; record: { belief: number } }>((agent, state) => ({ actions: [], state: { turns: state.turns + 1, record: { belief: state.turns / 10 } } }));
    const first = learner(testAgent("honest-challenger"), ledgerState({ turns: 3, record: { belief: 0 } }), observation, createRng(1));
    expect(first.state.policy).toEqual({ turns: 4, record: { belief: 0.3 } });
    expect(first.state.record).toEqual({ belief: 0.3, model_runs: 0, lie_runs: 0, game_moves: 0 });
  });

  it("counts nothing for a lazy challenger that checks nothing", () => {
    const { observation, requests } = testObservation({ scenario: "challengers: { lazy: 1, checkProbability: 0 }\n" });
    requests.set(1n, withClaims(testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]), [{ owner: testAgent("honest-submitter").address, stateHash: "0x01" }], { windowEnd: observation.now + 600 }));
    const result = challenger(testAgent("lazy-challenger"), ledgerState({}), observation, createRng(1));
    expect(result.actions).toEqual([]);
    expect(result.state.record).toEqual({ model_runs: 0, lie_runs: 0, game_moves: 0 });
  });
});
