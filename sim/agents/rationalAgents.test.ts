import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest, withClaims } from "../testing/observation.ts";
import { initialRationalChallengerState, rationalChallengerPolicy, type RationalChallengerState } from "./rationalChallenger.ts";
import { initialRationalSubmitterState, rationalSubmitterPolicy, type RationalSubmitterState } from "./rationalSubmitter.ts";

const input = fc.array(fc.integer({ min: -6000, max: 6000 }), { minLength: 8, maxLength: 8 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });
const submitterScenario = (costs: string, extra = "") => `submitters: { honest: 0, malicious: 1, strategy: rational${extra} }\ncosts: ${costs}\n`;

/** A submitter state whose belief of being caught is `hits` caught lies out of `trials` (prior 0.5 worth 2). */
function withBelief(state: RationalSubmitterState, hits: number, trials: number): RationalSubmitterState {
  return { ...state, catchBelief: { hits, trials } };
}

describe("a rational submitter's policy", () => {
  it("never lies when a lie gains nothing (no lie value, free compute), whatever it believes", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), seed, fc.integer({ min: 0, max: 50 }), (inputs, s, trials) => {
        const { observation, requests } = testObservation({ scenario: submitterScenario("{}") });
        inputs.forEach((x, i) => requests.set(BigInt(i + 1), testRequest(BigInt(i + 1), x)));
        const agent = testAgent("malicious-submitter");
        const state = withBelief(initialRationalSubmitterState(observation.scenario, agent), 0, trials);
        const { actions } = rationalSubmitterPolicy(agent, state, observation, createRng(s));
        const submits = actions.filter((a) => a.kind === "submit");
        expect(submits).toHaveLength(inputs.length);
        for (const a of submits) if (a.kind === "submit") expect(a.lie).toBe(false);
      }),
      fcParams(20),
    );
  });

  it("lies on every answer when it has seen many lies go uncaught and a lie is worth far more than the bond, and never when it has seen them all caught", () => {
    const { observation, requests } = testObservation({ scenario: submitterScenario(`{ lieValue: "10" }`) });
    for (let i = 1; i <= 4; i++) requests.set(BigInt(i), testRequest(BigInt(i), [1, 2, 3, 4, 5, 6, 7, 8].map((v) => v * 100 * i)));
    const agent = testAgent("malicious-submitter");
    const uncaught = rationalSubmitterPolicy(agent, withBelief(initialRationalSubmitterState(observation.scenario, agent), 0, 500), observation, createRng(1));
    const submits = uncaught.actions.filter((a) => a.kind === "submit");
    expect(submits).toHaveLength(4);
    for (const a of submits) if (a.kind === "submit") expect(a.lie).toBe(true);
    // q* = (10 + 0) / (10 + 0.1 + 0.0005) ≈ 0.99: only a belief near certainty deters it.
    const caught = rationalSubmitterPolicy(agent, withBelief(initialRationalSubmitterState(observation.scenario, agent), 5_000, 5_000), observation, createRng(1));
    for (const a of caught.actions) if (a.kind === "submit") expect(a.lie).toBe(false);
  });

  it("an honest submitter under the rational strategy never lies, even when lying would pay", () => {
    const { observation, requests } = testObservation({ scenario: `submitters: { honest: 1, malicious: 0, strategy: rational }\ncosts: { lieValue: "10" }\n` });
    requests.set(1n, testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]));
    const agent = testAgent("honest-submitter");
    const { actions } = rationalSubmitterPolicy(agent, withBelief(initialRationalSubmitterState(observation.scenario, agent), 0, 500), observation, createRng(3));
    expect(actions.filter((a) => a.kind === "submit" && a.lie)).toHaveLength(0);
    expect(actions.filter((a) => a.kind === "submit")).toHaveLength(1);
  });

  it("leaves after exitAfterLosingEpochs losing epochs, then answers nothing; an entrant stays out while answering loses money", () => {
    const scenario = `submitters: { honest: 1, malicious: 0, strategy: rational, entrants: 1, participation: { windowEpochs: 1, exitAfterLosingEpochs: 2 } }\n`;
    const agent = testAgent("honest-submitter", 0);
    let { observation, requests } = testObservation({ scenario, epoch: 10 });
    requests.set(1n, testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]));
    let state: RationalSubmitterState = { ...initialRationalSubmitterState(observation.scenario, agent), epoch: 9, epochProfitWei: -1n, participation: { active: true, trailingProfitWei: -1n, losingEpochs: 1 } };
    const out = rationalSubmitterPolicy(agent, state, observation, createRng(1));
    expect(out.state.participation.active).toBe(false);
    expect(out.state.record.active).toBe(0);
    expect(out.actions.filter((a) => a.kind === "submit")).toHaveLength(0);
    // One epoch in the red is not enough.
    state = { ...state, participation: { active: true, trailingProfitWei: -1n, losingEpochs: 0 } };
    expect(rationalSubmitterPolicy(agent, state, observation, createRng(1)).state.participation.active).toBe(true);
    // The entrant (index 1) starts outside; the default reward (0.0005 ETH) is below an answer's gas at 20 gwei (84,000 gas = 0.00168 ETH).
    const entrant = testAgent("honest-submitter", 1);
    ({ observation, requests } = testObservation({ scenario, epoch: 11 }));
    requests.set(2n, testRequest(2n, [1, 2, 3, 4, 5, 6, 7, 8], { status: "submitted", submitter: agent.address, windowEnd: observation.now + 100 }));
    const outside = initialRationalSubmitterState(observation.scenario, entrant);
    expect(outside.participation.active).toBe(false);
    expect(rationalSubmitterPolicy(entrant, outside, observation, createRng(1)).state.participation.active).toBe(false);
    // At a reward of 0.01 ETH it enters.
    const rich = testObservation({ scenario: `${scenario}oracle: { submitterReward: "0.01" }\n`, epoch: 11 });
    rich.requests.set(2n, testRequest(2n, [1, 2, 3, 4, 5, 6, 7, 8], { status: "submitted", submitter: agent.address, windowEnd: rich.observation.now + 100 }));
    expect(rationalSubmitterPolicy(entrant, initialRationalSubmitterState(rich.observation.scenario, entrant), rich.observation, createRng(1)).state.participation.active).toBe(true);
  });
});

describe("a rational challenger's policy", () => {
  const challengerScenario = (computePerMillionSteps: string) => `submitters: { honest: 1, malicious: 1 }\nchallengers: { honest: 0, lazy: 1, strategy: rational }\ncosts: { computePerMillionSteps: "${computePerMillionSteps}" }\n`;

  /** Results in the window, some of them lies, and which ones the challenger checked (it ran the model on them). */
  function play(computePerMillionSteps: string, inputs: readonly (readonly number[])[], lies: readonly boolean[], s: number, state?: RationalChallengerState) {
    const { observation, requests } = testObservation({ scenario: challengerScenario(computePerMillionSteps) });
    const submitter = testAgent("malicious-submitter");
    inputs.forEach((x, i) => {
      const id = BigInt(i + 1);
      requests.set(id, testRequest(id, x));
      const final = (lies[i] ? observation.vm.faultyFinal(id, observation.vm.traceLength - 1, 1n << 20n) : undefined) ?? observation.vm.honestFinal(id);
      requests.set(id, withClaims(testRequest(id, x), [{ owner: submitter.address, stateHash: final.stateHash }], { windowEnd: observation.now + 1000 }));
    });
    const agent = testAgent("lazy-challenger");
    const out = rationalChallengerPolicy(agent, state ?? initialRationalChallengerState(observation.scenario), observation, createRng(s));
    const checked = Object.entries(out.state.seen).filter(([, what]) => what !== "skipped").map(([id]) => id);
    return { out, checked, observation };
  }

  it("checks less as its compute cost rises: a result it checks at a higher cost it also checks at a lower one (the same draws)", () => {
    // One result per turn: within a turn a check it makes teaches it something before it decides on the next result,
    // so over several results the same draws are not compared with the same belief (the rule itself is monotone in C
    // at any belief: sim/economics/inspectionGame.test.ts). A failing seed with two results showed it.
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 1 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), seed, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (inputs, lies, s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const cheap = play(String(lo), inputs, lies, s).checked;
        const dear = play(String(hi), inputs, lies, s).checked;
        for (const id of dear) expect(cheap).toContain(id);
      }),
      fcParams(30),
    );
    // Free compute: it checks everything; a check dearer than the whole prize (50 ETH per million steps: 0.0516 ETH): nothing.
    const inputs = [1, 2, 3, 4].map((k) => [1, 2, 3, 4, 5, 6, 7, 8].map((v) => v * 50 * k));
    expect(play("0", inputs, [true, false, true, false], 5).checked).toHaveLength(4);
    expect(play("50", inputs, [true, false, true, false], 5).checked).toHaveLength(0);
  });

  it("challenges exactly the lies it checked, with the true final state, and learns from each check", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), seed, (inputs, lies, s) => {
        const { out, checked, observation } = play("0", inputs, lies, s);
        const isLie = (id: bigint) => observation.requests.get(id)?.resultStateHash !== observation.vm.honestFinal(id).stateHash;
        const challenges = out.actions.filter((a) => a.kind === "challenge");
        const expected = checked.map(BigInt).filter(isLie);
        expect(challenges.map((a) => (a.kind === "challenge" ? a.requestId : 0n)).sort()).toEqual(expected.sort());
        for (const a of challenges) if (a.kind === "challenge") expect(a.finalState).toBe(observation.vm.honestFinal(a.requestId).preimage);
        expect(out.state.record).toMatchObject({ results_seen: inputs.length, checks: checked.length, lies_found: expected.length, challenges: expected.length });
        // Each check is one observation of whether a result is a lie (aged by λ per result seen).
        expect(out.state.lieBelief.trials).toBeLessThanOrEqual(checked.length);
        expect(out.state.lieBelief.trials).toBeGreaterThanOrEqual(checked.length * 0.99);
        // It decides once per result: a second turn over the same results checks nothing more.
        const again = rationalChallengerPolicy(testAgent("lazy-challenger"), out.state, observation, createRng(s));
        expect(again.state.record.checks).toBe(checked.length);
        expect(again.actions.filter((a) => a.kind === "challenge")).toHaveLength(0);
      }),
      fcParams(20),
    );
  });
});
