import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest } from "../testing/observation.ts";
import { createRng } from "../rng/createRng.ts";
import { challengerPolicy, grieferPolicy } from "./challengers.ts";
import { challengerMoves, midpoint } from "./games.ts";
import { depositAmount, depositEpoch } from "./investors.ts";
import { keeperPolicy } from "./keeper.ts";
import { lieStep, submitterPolicy } from "./submitters.ts";
import type { Action } from "./types.ts";
import { demandMean } from "./demand.ts";

/** A random valid input of the tiny model (8 int32 values around the data's range). */
const input = fc.array(fc.integer({ min: -6000, max: 6000 }), { minLength: 8, maxLength: 8 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });

const kinds = (actions: Action[]) => actions.map((a) => a.kind);

describe("submitters", () => {
  it("an honest submitter only ever submits the honest result of an unanswered request", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), seed, (inputs, s) => {
        const { observation, requests } = testObservation();
        inputs.forEach((x, i) => requests.set(BigInt(i + 1), testRequest(BigInt(i + 1), x)));
        requests.set(99n, testRequest(99n, inputs[0] as number[], { status: "submitted", submitter: testAgent("honest-submitter", 5).address, windowEnd: observation.now + 100 }));
        const actions = submitterPolicy(testAgent("honest-submitter"), observation, createRng(s));
        for (const action of actions) {
          if (action.kind !== "submit") continue;
          expect(action.requestId).not.toBe(99n);
          expect(action.lie).toBe(false);
          expect(action.finalState).toBe(observation.vm.honestFinal(action.requestId).preimage);
          expect(action.bond).toBe(observation.oracle.submitterBond);
        }
      }),
      fcParams(30),
    );
  });

  it("a malicious submitter that never lies submits honest results, and one that always lies never does", () => {
    fc.assert(
      fc.property(input, seed, fc.constantFrom("early", "middle", "late", "random"), (x, s, position) => {
        for (const p of [0, 1]) {
          const { observation, requests } = testObservation({
            scenario: `submitters:\n  honest: 0\n  malicious: 1\n  wrongProbability: ${p}\n  liePosition: ${position}\n`,
          });
          requests.set(1n, testRequest(1n, x));
          const submits = submitterPolicy(testAgent("malicious-submitter"), observation, createRng(s)).filter((a) => a.kind === "submit");
          // One competitor: it always goes for the request.
          expect(submits).toHaveLength(1);
          const submit = submits[0];
          if (submit?.kind !== "submit") throw new Error("no submit");
          const honest = observation.vm.honestFinal(1n).preimage;
          expect(submit.lie).toBe(p === 1);
          if (p === 0) expect(submit.finalState).toBe(honest);
          else expect(submit.finalState).not.toBe(honest);
        }
      }),
      fcParams(20),
    );
  });

  it("places lies where the scenario says", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 2 ** 20 }), seed, (traceLength, s) => {
        const rng = createRng(s);
        const early = lieStep("early", traceLength, rng);
        const late = lieStep("late", traceLength, rng);
        const middle = lieStep("middle", traceLength, rng);
        expect(early).toBeLessThanOrEqual(0.1 * traceLength);
        expect(late).toBeGreaterThanOrEqual(Math.floor(0.9 * (traceLength - 1)));
        expect(middle).toBeGreaterThanOrEqual(Math.floor(0.45 * (traceLength - 1)));
        expect(middle).toBeLessThanOrEqual(Math.floor(0.55 * (traceLength - 1)));
        expect(late).toBeLessThan(traceLength);
      }),
      fcParams(),
    );
  });

  it("finalizes its own results once the window has passed and no game is open", () => {
    const { observation, requests } = testObservation();
    const me = testAgent("honest-submitter");
    requests.set(1n, testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8], { status: "submitted", submitter: me.address, windowEnd: observation.now - 1 }));
    requests.set(2n, testRequest(2n, [1, 2, 3, 4, 5, 6, 7, 9], { status: "submitted", submitter: me.address, windowEnd: observation.now - 1, openGames: 1 }));
    requests.set(3n, testRequest(3n, [1, 2, 3, 4, 5, 6, 7, 10], { status: "submitted", submitter: me.address, windowEnd: observation.now + 10 }));
    const finalize = submitterPolicy(me, observation, createRng(1)).find((a) => a.kind === "finalize");
    expect(finalize?.kind === "finalize" ? finalize.requestIds : []).toEqual([1n]);
  });
});

describe("challengers", () => {
  it("an honest challenger challenges exactly the wrong results, with the honest one", () => {
    fc.assert(
      fc.property(input, fc.boolean(), seed, (x, wrong, s) => {
        const { observation, requests } = testObservation();
        requests.set(1n, testRequest(1n, x));
        const honest = observation.vm.honestFinal(1n);
        const fake = observation.vm.faultyFinal(1n, observation.vm.traceLength - 1, 1n << 20n);
        requests.set(1n, testRequest(1n, x, { status: "submitted", submitter: testAgent("malicious-submitter").address, windowEnd: observation.now + 600, resultStateHash: wrong ? fake?.stateHash : honest.stateHash }));
        const challenges = challengerPolicy(testAgent("honest-challenger"), observation, createRng(s)).filter((a) => a.kind === "challenge");
        expect(challenges).toHaveLength(wrong ? 1 : 0);
        const c = challenges[0];
        if (c?.kind === "challenge") expect(c.finalState).toBe(honest.preimage);
      }),
      fcParams(30),
    );
  });

  it("does not challenge after the window, twice in a round, or while offline", () => {
    const { observation, requests } = testObservation({ scenario: "challengers:\n  offlineProbability: 1\n" });
    requests.set(1n, testRequest(1n, [9, 9, 9, 9, 9, 9, 9, 9], { status: "submitted", resultStateHash: "0x01", windowEnd: observation.now + 10 }));
    expect(challengerPolicy(testAgent("honest-challenger"), observation, createRng(1))).toEqual([]);
    const online = testObservation();
    const me = testAgent("honest-challenger");
    online.requests.set(1n, testRequest(1n, [9, 9, 9, 9, 9, 9, 9, 9], { status: "submitted", resultStateHash: "0x01", windowEnd: online.observation.now - 1 }));
    online.requests.set(2n, testRequest(2n, [9, 9, 9, 9, 9, 9, 9, 8], { status: "submitted", resultStateHash: "0x01", windowEnd: online.observation.now + 10, challengers: new Set([me.address.toLowerCase()]) }));
    expect(kinds(challengerPolicy(me, online.observation, createRng(1)))).not.toContain("challenge");
  });

  it("agrees with a midpoint exactly when it matches the honest trace", () => {
    fc.assert(
      fc.property(input, fc.boolean(), fc.integer({ min: 2, max: 1000 }), (x, honestMid, hi) => {
        const { observation, requests, games } = testObservation();
        requests.set(1n, testRequest(1n, x));
        const me = testAgent("honest-challenger");
        const lo = 0;
        const mid = midpoint({ lo, hi });
        const midHash = honestMid ? observation.vm.commitment(1n, mid) : observation.vm.commitment(1n, mid, { step: 0, delta: 1n << 30n });
        games.set(7n, { id: 7n, requestId: 1n, defender: testAgent("malicious-submitter").address, challenger: me.address, lo, hi, phase: "challenger-to-respond", midHash, deadline: observation.now + 100 });
        const [respond] = challengerMoves(me, observation, () => "honest");
        expect(respond?.kind).toBe("respond");
        if (respond?.kind === "respond") expect(respond.agree).toBe(midHash === observation.vm.commitment(1n, mid));
      }),
      fcParams(30),
    );
  });

  it("a griefer challenges only correct results, and claims a timeout when the defender is late", () => {
    const { observation, requests, games } = testObservation({ scenario: "challengers:\n  griefers: 1\n  griefProbability: 1\n" });
    requests.set(1n, testRequest(1n, [5, 5, 5, 5, 5, 5, 5, 5]));
    const honest = observation.vm.honestFinal(1n);
    requests.set(1n, testRequest(1n, [5, 5, 5, 5, 5, 5, 5, 5], { status: "submitted", submitter: testAgent("honest-submitter").address, resultStateHash: honest.stateHash, windowEnd: observation.now + 100 }));
    requests.set(2n, testRequest(2n, [6, 5, 5, 5, 5, 5, 5, 5], { status: "submitted", submitter: testAgent("honest-submitter").address, resultStateHash: "0x1234", windowEnd: observation.now + 100 }));
    const me = testAgent("griefer");
    games.set(3n, { id: 3n, requestId: 1n, defender: testAgent("honest-submitter").address, challenger: me.address, lo: 0, hi: 8, phase: "defender-to-bisect", midHash: "0x", deadline: observation.now - 1 });
    const actions = grieferPolicy(me, observation, createRng(3));
    const challenged = actions.filter((a) => a.kind === "challenge").map((a) => (a.kind === "challenge" ? a.requestId : 0n));
    expect(challenged).toEqual([1n]);
    expect(kinds(actions)).toContain("timeout");
  });
});

describe("investors, keeper and demand", () => {
  it("deposits fall inside the raise window and are positive whole gwei", () => {
    fc.assert(
      fc.property(fc.constantFrom("uniform", "early", "late"), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), seed, (timing, window, mean, spread, s) => {
        const rng = createRng(s);
        const epoch = depositEpoch(timing, window, rng);
        expect(epoch).toBeGreaterThanOrEqual(0);
        expect(epoch).toBeLessThan(window);
        const amount = depositAmount(mean, spread, rng);
        expect(amount).toBeGreaterThan(0n);
        expect(amount % 10n ** 9n).toBe(0n);
      }),
      fcParams(),
    );
  });

  it("the keeper snapshots only when a snapshot is due and the raise succeeded", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.boolean(), (offset, succeeded) => {
        const { observation } = testObservation();
        const obs = { ...observation, raise: { ...observation.raise, succeeded }, token: { ...observation.token, nextSnapshotAt: observation.now + offset } };
        const snapshots = keeperPolicy(testAgent("keeper"), obs).filter((a) => a.kind === "snapshot");
        expect(snapshots.length).toBe(succeeded && offset <= 0 ? 1 : 0);
      }),
      fcParams(),
    );
  });

  it("the keeper harvests the launch at an epoch's first turn only while a harvest is pending", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 3 }), (pending, turn) => {
        const { observation } = testObservation({ turn });
        const obs = { ...observation, raise: { ...observation.raise, harvestPending: pending } };
        const harvests = keeperPolicy(testAgent("keeper"), obs).filter((a) => a.kind === "harvestLaunch");
        expect(harvests.length).toBe(pending && turn === 0 ? 1 : 0);
      }),
      fcParams(),
    );
  });

  it("the keeper reclaims exactly the NFT mints whose request is past its expiry and unanswered", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -200_000, max: 0 }), fc.boolean(), fc.boolean()), { maxLength: 6 }), (specs) => {
        const { observation, requests } = testObservation({ turn: 0 });
        const timeout = observation.scenario.oracle.requestTimeout;
        const tokenOfRequest = new Map<bigint, bigint>();
        const expected: bigint[] = [];
        specs.forEach(([age, isNft, answered], i) => {
          const id = BigInt(i + 1);
          requests.set(id, testRequest(id, [1, 2, 3, 4, 5, 6, 7, 8], { requestedAt: observation.now + age, status: answered ? "submitted" : "requested" }));
          if (isNft) tokenOfRequest.set(id, 1000n + id);
          if (isNft && !answered && observation.now > observation.now + age + timeout) expected.push(1000n + id);
        });
        const obs = { ...observation, nft: { ...observation.nft, tokenOfRequest } };
        const reclaims = keeperPolicy(testAgent("keeper"), obs).flatMap((a) => (a.kind === "reclaimExpiredMint" ? [a.tokenId] : []));
        expect(reclaims).toEqual(expected);
      }),
      fcParams(),
    );
  });

  it("demand follows the trend and the shock", () => {
    const { observation } = testObservation({ scenario: "demand:\n  meanRequestsPerEpoch: 10\n  trendPerEpoch: 0.1\n  shock:\n    atEpoch: 5\n    durationEpochs: 2\n    multiplier: 3\n" });
    const d = observation.scenario.demand;
    expect(demandMean(d, 0)).toBe(10);
    expect(demandMean(d, 1)).toBeCloseTo(11);
    expect(demandMean(d, 5)).toBeCloseTo(10 * 1.1 ** 5 * 3);
    expect(demandMean(d, 7)).toBeCloseTo(10 * 1.1 ** 7);
  });
});
