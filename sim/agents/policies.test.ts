import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest, withClaims } from "../testing/observation.ts";
import { createRng } from "../rng/createRng.ts";
import type { Address, Hex } from "viem";
import { challengerPolicy, grieferPolicy, honestClaims, type VouchPolicy } from "./challengers.ts";
import { challengerMoves, claimTimeouts, honestChallenge, midpoint, releaseOwn } from "./games.ts";
import { depositAmount, depositEpoch } from "./investors.ts";
import { keeperPolicy, oracleChores } from "./keeper.ts";
import { lieStep, submitterPolicy } from "./submitters.ts";
import type { Action, Agent, GameView, Observation } from "./types.ts";
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
        requests.set(99n, withClaims(testRequest(99n, inputs[0] as number[]), [{ owner: testAgent("honest-submitter", 5).address, stateHash: "0x01" }], { windowEnd: observation.now + 100 }));
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

  it("finalizes its own undisputed results once the window has passed; a disputed one is the keeper's", () => {
    const { observation, requests } = testObservation();
    const me = testAgent("honest-submitter");
    const other = testAgent("griefer").address;
    requests.set(1n, withClaims(testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]), [{ owner: me.address, stateHash: "0x01" }], { windowEnd: observation.now - 1 }));
    requests.set(2n, withClaims(testRequest(2n, [1, 2, 3, 4, 5, 6, 7, 9]), [{ owner: me.address, stateHash: "0x01" }, { owner: other, stateHash: "0x02", defeated: true }], { windowEnd: observation.now - 1 }));
    requests.set(3n, withClaims(testRequest(3n, [1, 2, 3, 4, 5, 6, 7, 10]), [{ owner: me.address, stateHash: "0x01" }], { windowEnd: observation.now + 10 }));
    const finalize = submitterPolicy(me, observation, createRng(1)).find((a) => a.kind === "finalize");
    expect(finalize?.kind === "finalize" ? finalize.requestIds : []).toEqual([1n]);
  });
});

describe("challengers", () => {
  const me = testAgent("honest-challenger");
  const others = [testAgent("malicious-submitter"), testAgent("griefer"), testAgent("colluding-challenger", 1)];

  /**
   * A request in the window with a random list of claims: claim 0 and later claims owned by the challenger or by
   * others, true or wrong (the challenger's own claims are true, as it only posts the truth), some defeated, each
   * challenge aimed at an earlier claim.
   */
  const claimList = fc.array(fc.record({ mine: fc.boolean(), wrong: fc.boolean(), defeated: fc.boolean(), other: fc.integer({ min: 0, max: 2 }), parent: fc.nat(), vouch: fc.boolean() }), { minLength: 1, maxLength: 8 });

  function requestWith(observation: Observation, x: readonly number[], spec: readonly { mine: boolean; wrong: boolean; defeated: boolean; other: number; parent: number; vouch: boolean }[]) {
    const base = testRequest(1n, x, { windowEnd: observation.now + 3_600 });
    const truth = observation.vm.honestFinal(1n).stateHash;
    return withClaims(
      base,
      spec.map((c, i) => {
        const mine = c.mine && i > 0;
        return {
          owner: mine ? me.address : (others[c.other] as Agent).address,
          stateHash: mine || !c.wrong ? truth : (`0x${(i + 1).toString(16).padStart(64, "0")}` as Hex),
          defeated: !mine && c.defeated,
          parent: i === 0 ? 0 : c.parent % i,
          kind: i === 0 ? "submission" : c.vouch && !mine ? "vouch" : "challenge",
        };
      }),
      { windowEnd: observation.now + 3_600 },
    );
  }

  it("the honest strategy: attacks every undefeated wrong claim before its first claim (all of them if it has none), never a true one, always with the truth", () => {
    fc.assert(
      fc.property(input, claimList, fc.constantFrom<VouchPolicy>("never", "late", "always"), (x, spec, vouch) => {
        const { observation, requests } = testObservation();
        requests.set(1n, testRequest(1n, x));
        const request = requestWith(observation, x, spec);
        requests.set(1n, request);
        const truth = observation.vm.honestFinal(1n);
        const actions = honestClaims(me, observation, request, vouch);
        const first = request.owners.get(me.address.toLowerCase())?.[0];
        const attackedAlready = new Set(request.claims.filter((c) => c.owner === me.address && c.kind === "challenge").map((c) => c.parent));
        const due = request.claims.filter((c) => !c.defeated && c.stateHash !== truth.stateHash && (first === undefined || c.index < first) && !attackedAlready.has(c.index)).map((c) => c.index);
        const challenged = actions.flatMap((a) => (a.kind === "challenge" ? [a.target] : []));
        expect(challenged).toEqual(due);
        for (const action of actions) {
          if (action.kind === "challenge") {
            expect(request.claims[action.target]?.stateHash).not.toBe(truth.stateHash);
            expect(action.finalState).toBe(truth.preimage);
            expect(action.bond).toBe(observation.oracle.challengerBond);
          } else {
            // A vouch only when nothing is left to attack, it has no claim, and the policy asks for one; for the leader.
            expect(action.kind).toBe("vouch");
            expect(vouch).not.toBe("never");
            expect(first).toBeUndefined();
            expect(due).toEqual([]);
            if (action.kind === "vouch") expect(action.claimIndex).toBe(request.leader);
          }
        }
      }),
      fcParams(60),
    );
  });

  it("vouches for the leader of an all-true request only as its policy says: never, at once, or in the window's last two blocks", () => {
    const { observation, requests } = testObservation();
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    requests.set(1n, testRequest(1n, x));
    const truth = observation.vm.honestFinal(1n).stateHash;
    const b = observation.scenario.epoch.seconds / observation.scenario.epoch.blocks;
    const at = (windowEnd: number) => withClaims(testRequest(1n, x), [{ owner: others[0]?.address as Address, stateHash: truth }], { windowEnd });
    expect(honestClaims(me, observation, at(observation.now + 3_600), "never")).toEqual([]);
    expect(honestClaims(me, observation, at(observation.now + 3_600), "always")).toEqual([{ kind: "vouch", agent: me, requestId: 1n, claimIndex: 0, bond: observation.oracle.challengerBond }]);
    expect(honestClaims(me, observation, at(observation.now + 2 * b), "late")).toEqual([]);
    expect(honestClaims(me, observation, at(observation.now + 2 * b - 1), "late")).toHaveLength(1);
    expect(honestClaims(me, observation, at(observation.now), "late")).toHaveLength(1);
    // Past the window nothing is posted at all.
    expect(honestClaims(me, observation, at(observation.now - 1), "always")).toEqual([]);
  });

  it("an honest challenger posts nothing after the window or while offline, and answers claims it already attacked only once", () => {
    const { observation, requests } = testObservation({ scenario: "challengers:\n  offlineProbability: 1\n" });
    requests.set(1n, withClaims(testRequest(1n, [9, 9, 9, 9, 9, 9, 9, 9]), [{ owner: others[0]?.address as Address, stateHash: "0x01" }], { windowEnd: observation.now + 10 }));
    expect(challengerPolicy(me, observation, createRng(1))).toEqual([]);
    const online = testObservation();
    online.requests.set(1n, testRequest(1n, [9, 9, 9, 9, 9, 9, 9, 9]));
    const truth = online.observation.vm.honestFinal(1n).stateHash;
    online.requests.set(1n, withClaims(testRequest(1n, [9, 9, 9, 9, 9, 9, 9, 9]), [{ owner: others[0]?.address as Address, stateHash: "0x01" }], { windowEnd: online.observation.now - 1 }));
    online.requests.set(2n, withClaims(testRequest(2n, [9, 9, 9, 9, 9, 9, 9, 9]), [{ owner: others[0]?.address as Address, stateHash: "0x01" }, { owner: me.address, stateHash: truth, parent: 0 }], { windowEnd: online.observation.now + 10 }));
    expect(kinds(challengerPolicy(me, online.observation, createRng(1)))).not.toContain("challenge");
  });

  it("agrees with a midpoint exactly when it matches the honest trace, and abandons a game whose target has fallen", () => {
    fc.assert(
      fc.property(input, fc.boolean(), fc.integer({ min: 2, max: 1000 }), fc.boolean(), (x, honestMid, hi, fallen) => {
        const { observation, requests, games } = testObservation();
        requests.set(1n, testRequest(1n, x));
        requests.set(1n, withClaims(testRequest(1n, x), [{ owner: others[0]?.address as Address, stateHash: "0x01", defeated: fallen }, { owner: me.address, stateHash: observation.vm.honestFinal(1n).stateHash }]));
        const lo = 0;
        const mid = midpoint({ lo, hi });
        const midHash = honestMid ? observation.vm.commitment(1n, mid) : observation.vm.commitment(1n, mid, { step: 0, delta: 1n << 30n });
        games.set(7n, { id: 7n, requestId: 1n, defender: others[0]?.address as Address, challenger: me.address, targetClaim: 0, challengerClaim: 1, lo, hi, phase: "challenger-to-respond", midHash, deadline: observation.now + 100 });
        const moves = challengerMoves(me, observation, honestChallenge(observation));
        if (fallen) {
          expect(moves).toEqual([]);
          return;
        }
        const [respond] = moves;
        expect(respond?.kind).toBe("respond");
        if (respond?.kind === "respond") expect(respond.agree).toBe(midHash === observation.vm.commitment(1n, mid));
      }),
      fcParams(30),
    );
  });

  it("times out a game it wins only as a backstop, a block after the keeper would have", () => {
    const { observation, games } = testObservation();
    const b = observation.scenario.epoch.seconds / observation.scenario.epoch.blocks;
    const game = (id: bigint, deadline: number, phase: GameView["phase"]): GameView => ({ id, requestId: 1n, defender: others[0]?.address as Address, challenger: me.address, targetClaim: 0, challengerClaim: 1, lo: 0, hi: 8, phase, midHash: "0x", deadline });
    games.set(1n, game(1n, observation.now - 1, "defender-to-bisect"));
    games.set(2n, game(2n, observation.now - b - 1, "defender-to-bisect"));
    games.set(3n, game(3n, observation.now - b - 1, "challenger-to-respond"));
    expect(claimTimeouts(me, observation)).toEqual([{ kind: "timeout", agent: me, gameId: 2n }]);
  });

  it("releases the bonds of its claims that did not win, once final, and nobody else's", () => {
    const { observation, releasable } = testObservation();
    releasable.push({ requestId: 4n, claimIndex: 2, owner: me.address, bond: 1n, finalizedAt: observation.now - 1 }, { requestId: 4n, claimIndex: 3, owner: others[1]?.address as Address, bond: 1n, finalizedAt: observation.now - 1 });
    expect(releaseOwn(me, observation)).toEqual([{ kind: "releaseBond", agent: me, requestId: 4n, claimIndex: 2 }]);
  });

  it("a griefer posts a made-up claim only against a correct leader, once per request, and its claim is never the truth", () => {
    const { observation, requests } = testObservation({ scenario: "challengers:\n  griefers: 1\n  griefProbability: 1\n" });
    const griefer = testAgent("griefer");
    requests.set(1n, testRequest(1n, [5, 5, 5, 5, 5, 5, 5, 5]));
    requests.set(2n, testRequest(2n, [6, 5, 5, 5, 5, 5, 5, 5]));
    requests.set(3n, testRequest(3n, [7, 5, 5, 5, 5, 5, 5, 5]));
    const truth = (id: bigint) => observation.vm.honestFinal(id).stateHash;
    const submitter = testAgent("honest-submitter").address;
    requests.set(1n, withClaims(testRequest(1n, [5, 5, 5, 5, 5, 5, 5, 5]), [{ owner: submitter, stateHash: truth(1n) }], { windowEnd: observation.now + 100 }));
    requests.set(2n, withClaims(testRequest(2n, [6, 5, 5, 5, 5, 5, 5, 5]), [{ owner: submitter, stateHash: "0x1234" }], { windowEnd: observation.now + 100 }));
    requests.set(3n, withClaims(testRequest(3n, [7, 5, 5, 5, 5, 5, 5, 5]), [{ owner: submitter, stateHash: truth(3n) }, { owner: griefer.address, stateHash: "0x99", parent: 0 }], { windowEnd: observation.now + 100 }));
    const actions = grieferPolicy(griefer, observation, createRng(3));
    const challenged = actions.flatMap((a) => (a.kind === "challenge" ? [[a.requestId, a.target]] : []));
    expect(challenged).toEqual([[1n, 0]]);
    const [claim] = actions;
    if (claim?.kind === "challenge") expect(claim.finalState).not.toBe(observation.vm.honestFinal(1n).preimage);
  });
});

describe("the keeper's oracle chores", () => {
  it("times out exactly the games past their deadline, finalizes disputed requests at once and undisputed ones a block late, and releases bonds their owners left", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2_000, max: 2_000 }), { maxLength: 6 }), fc.array(fc.record({ disputed: fc.boolean(), windowOffset: fc.integer({ min: -1_000, max: 1_000 }), open: fc.boolean() }), { maxLength: 6 }), (deadlines, requestsSpec) => {
        const { observation, requests, games, releasable } = testObservation();
        const b = observation.scenario.epoch.seconds / observation.scenario.epoch.blocks;
        const keeper = testAgent("keeper");
        const owner = testAgent("honest-challenger").address;
        deadlines.forEach((offset, i) => games.set(BigInt(i + 1), { id: BigInt(i + 1), requestId: 99n, defender: owner, challenger: owner, targetClaim: 0, challengerClaim: 1, lo: 0, hi: 8, phase: "defender-to-bisect", midHash: "0x", deadline: observation.now + offset }));
        requestsSpec.forEach((r, i) => {
          const claims = r.disputed ? [{ owner, stateHash: "0x01" as Hex }, { owner, stateHash: "0x02" as Hex }] : [{ owner, stateHash: "0x01" as Hex }];
          requests.set(BigInt(i + 1), withClaims(testRequest(BigInt(i + 1), [1]), claims, { windowEnd: observation.now + r.windowOffset, openGames: r.open ? 1 : 0 }));
        });
        releasable.push({ requestId: 50n, claimIndex: 1, owner, bond: 1n, finalizedAt: observation.now - b - 1 }, { requestId: 51n, claimIndex: 1, owner, bond: 1n, finalizedAt: observation.now - b });
        const actions = oracleChores(keeper, observation);
        expect(actions.flatMap((a) => (a.kind === "timeout" ? [Number(a.gameId)] : [])).sort()).toEqual(deadlines.flatMap((d, i) => (d < 0 ? [i + 1] : [])).sort());
        const finalized = actions.flatMap((a) => (a.kind === "finalize" ? a.requestIds.map(Number) : [])).sort();
        const due = requestsSpec.flatMap((r, i) => (!r.open && (r.disputed ? r.windowOffset < 0 : r.windowOffset < -b) ? [i + 1] : [])).sort();
        expect(finalized).toEqual(due);
        expect(actions.filter((a) => a.kind === "releaseBond")).toEqual([{ kind: "releaseBond", agent: keeper, requestId: 50n, claimIndex: 1 }]);
      }),
      fcParams(60),
    );
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
