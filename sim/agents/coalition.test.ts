import fc from "fast-check";
import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { buildAgents } from "../engine/buildAgents.ts";
import { createRng } from "../rng/createRng.ts";
import { parseScenario } from "../scenario/index.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest, withClaims, type TestClaim } from "../testing/observation.ts";
import { coalitionPolicy, earliestEnd, isAttacked, throwsNow, type CoalitionState } from "./coalition.ts";
import { coalitionOf } from "./roles.ts";
import { lastChance, roundsLeft } from "./timing.ts";
import type { Action, Agent, GameView } from "./types.ts";

const INPUT = [120, -340, 560, -780, 910, -20, 330, -440];
const honest = testAgent("honest-challenger");

/** A coalition of one liar and `k` partners, its members as agents, and an observation with the scenario's timing. */
function coalition(k: number, tactic: "best-reply" | "issue-attack" = "best-reply") {
  const world = testObservation({ scenario: `colluders: { submitters: 1, challengers: ${k}, tactic: ${tactic} }\n` });
  const state = coalitionOf(world.observation.scenario);
  const liar = testAgent("colluding-submitter", 0);
  const partners = Array.from({ length: k }, (_, i) => testAgent("colluding-challenger", i));
  const b = world.observation.scenario.epoch.seconds / world.observation.scenario.epoch.blocks;
  const D = world.observation.scenario.oracle.responseDeadline;
  return { ...world, state, liar, partners, members: [liar, ...partners], b, D };
}

const act = (members: readonly Agent[], state: CoalitionState, world: ReturnType<typeof coalition>) =>
  members.flatMap((m) => coalitionPolicy(m, state, world.observation, createRng(7)).actions.map((a) => ({ member: m, action: a })));

/** An attacked request (claim 0 the liar's, wrong) with the given later claims, in its window. */
function attacked(world: ReturnType<typeof coalition>, later: readonly TestClaim[], windowEnd: number) {
  world.requests.set(1n, testRequest(1n, INPUT));
  const wrong = world.observation.vm.faultyFinal(1n, world.observation.vm.traceLength - 1, 1n << 20n)?.stateHash as Hex;
  const request = withClaims(testRequest(1n, INPUT), [{ owner: world.liar.address, stateHash: wrong }, ...later], { windowEnd });
  world.requests.set(1n, request);
  return { request, truth: world.observation.vm.honestFinal(1n).stateHash, wrong };
}

describe("the coalition's membership", () => {
  it("is the addresses the engine gives the colluding agents, held by every member (inside its compute ledger)", () => {
    const scenario = parseScenario("colluders: { submitters: 1, challengers: 3 }\n", "c.yaml");
    const { agents, states } = buildAgents(scenario);
    const members = agents.filter((a) => a.role === "colluding-submitter" || a.role === "colluding-challenger");
    expect(members.map((a) => a.id)).toEqual(["colluding-submitter-0", "colluding-challenger-0", "colluding-challenger-1", "colluding-challenger-2"]);
    for (const member of members) {
      expect((states.get(member.id) as { policy: unknown }).policy).toEqual({ liars: [members[0]?.address.toLowerCase()], partners: members.slice(1).map((m) => m.address.toLowerCase()) });
    }
  });
});

describe("timing", () => {
  it("earliestEnd: an honest game against claim 0, the liar at each deadline and the honest side in the next block, ends no earlier (checked by playing it out)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5_000 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom<GameView["phase"]>("defender-to-bisect", "challenger-to-respond", "defender-to-step"), (size, deadlineBlocks, dBlocks, phase) => {
        const b = 300;
        const D = dBlocks * b;
        const now = 1_000_000;
        const game = { lo: 0, hi: phase === "defender-to-step" ? 1 : size, phase, deadline: now + deadlineBlocks * b };
        // Play it: the liar bisects honestly at its deadline (the honest side agrees: the range keeps its upper half),
        // the honest side answers in the next block (this block, if it is its move now); the liar never steps.
        let t = phase === "challenger-to-respond" ? now : game.deadline;
        let n = game.hi - game.lo;
        let toMove: "liar" | "honest" = phase === "challenger-to-respond" ? "honest" : "liar";
        let end: number | undefined;
        while (end === undefined) {
          if (toMove === "honest") {
            n = Math.ceil(n / 2);
            const deadline = t + D;
            if (n <= 1) end = deadline + b;
            t = deadline;
            toMove = "liar";
          } else if (n <= 1) {
            end = t + b;
          } else {
            t += b;
            toMove = "honest";
          }
        }
        expect(earliestEnd(game, now, b, D)).toBe(end);
      }),
      fcParams(100),
    );
    expect(roundsLeft(1_032)).toBe(11);
    expect(roundsLeft(65_536)).toBe(16);
  });

  it("throwsNow: in the window's last block, or when waiting two deadlines could let an honest game end first", () => {
    const b = 300;
    const D = 900;
    expect(throwsNow(10_000, 10_200, [], b, D)).toBe(true);
    expect(throwsNow(10_000, 10_300, [], b, D)).toBe(false);
    expect(throwsNow(10_000, 20_000, [10_000 + 2 * D + 2 * b], b, D)).toBe(true);
    expect(throwsNow(10_000, 20_000, [10_000 + 2 * D + 2 * b + 1], b, D)).toBe(false);
  });
});

describe("the coalition's best reply", () => {
  it("the absorber (one partner) posts the true state against the lie at once; nobody else posts before the window's last block", () => {
    for (const k of [1, 2, 4]) {
      const world = coalition(k);
      const { truth } = attacked(world, [], world.observation.now + 10 * world.b);
      const claims = act(world.members, world.state, world).filter((x) => x.action.kind === "challenge");
      expect(claims).toHaveLength(1);
      const [only] = claims;
      if (only?.action.kind !== "challenge") throw new Error("no challenge");
      expect(world.state.partners).toContain(only.member.address.toLowerCase());
      expect(only.action.target).toBe(0);
      expect(world.observation.vm.honestFinal(1n).preimage).toBe(only.action.finalState);
      expect(truth).toBe(world.observation.vm.honestFinal(1n).stateHash);
    }
  });

  it("in the window's last block one partner posts the staller: the true state against claim 0 while the lie stands (free: the game will be void)", () => {
    const world = coalition(2);
    const { truth, wrong } = attacked(world, [], world.observation.now);
    // Request 1 rotates the partners by one: partner 1 is its absorber, partner 0 its staller.
    world.requests.set(1n, withClaims(testRequest(1n, INPUT), [
      { owner: world.liar.address, stateHash: wrong },
      { owner: world.partners[1]?.address as Address, stateHash: truth, parent: 0 },
      { owner: honest.address, stateHash: truth, parent: 0 },
    ], { windowEnd: world.observation.now }));
    const claims = act(world.members, world.state, world).filter((x) => x.action.kind === "challenge");
    expect(claims).toHaveLength(1);
    if (claims[0]?.action.kind !== "challenge") throw new Error("no staller");
    expect(claims[0].member).toBe(world.partners[0]);
    expect(claims[0].action.target).toBe(0);
    expect(claims[0].action.finalState).toBe(world.observation.vm.honestFinal(1n).preimage);
  });

  it("with the lie already fallen, the staller pays: a member challenges another member's claim (a true one kept) with a made-up state", () => {
    const world = coalition(1);
    const { truth, wrong } = attacked(world, [], world.observation.now);
    world.requests.set(1n, withClaims(testRequest(1n, INPUT), [
      { owner: world.liar.address, stateHash: wrong, defeated: true },
      { owner: world.partners[0]?.address as Address, stateHash: truth, parent: 0 },
      { owner: honest.address, stateHash: truth, parent: 0 },
    ], { windowEnd: world.observation.now }));
    const claims = act(world.members, world.state, world).filter((x) => x.action.kind === "challenge");
    expect(claims).toHaveLength(1);
    const [staller] = claims;
    if (staller?.action.kind !== "challenge") throw new Error("no staller");
    // The partner owns the true claim 1, so the liar challenges it; its made-up state is neither the truth nor the lie.
    expect(staller.member).toBe(world.liar);
    expect(staller.action.target).toBe(1);
    expect(staller.action.finalState).not.toBe(world.observation.vm.honestFinal(1n).preimage);
  });

  it("with no partner, the liar's staller challenges the honest claim in the window's last block when that outlasts the open games", () => {
    const world = coalition(0);
    const { truth, wrong } = attacked(world, [], world.observation.now);
    world.requests.set(1n, withClaims(testRequest(1n, INPUT), [{ owner: world.liar.address, stateHash: wrong }, { owner: honest.address, stateHash: truth, parent: 0 }], { windowEnd: world.observation.now }));
    const claims = act(world.members, world.state, world).filter((x) => x.action.kind === "challenge");
    expect(claims.map((c) => [c.member.id, c.action.kind === "challenge" ? c.action.target : -1])).toEqual([["colluding-submitter-0", 1]]);
  });

  it("the liar throws the absorber's game in the window's last block (it does not answer), and answers it at its last block before that", () => {
    const world = coalition(1);
    const { truth, wrong } = attacked(world, [], 0);
    const absorber = world.partners[0] as Agent;
    const game = (deadline: number): GameView => ({ id: 5n, requestId: 1n, defender: world.liar.address, challenger: absorber.address, targetClaim: 0, challengerClaim: 1, lo: 0, hi: 1_032, phase: "defender-to-bisect", midHash: "0x", deadline });
    const moves = (windowEnd: number) => {
      world.requests.set(1n, withClaims(testRequest(1n, INPUT), [{ owner: world.liar.address, stateHash: wrong }, { owner: absorber.address, stateHash: truth, parent: 0 }], { windowEnd }));
      world.games.set(5n, game(world.observation.now));
      return coalitionPolicy(world.liar, world.state, world.observation, createRng(1)).actions.filter((a) => a.kind === "bisect");
    };
    expect(moves(world.observation.now + 5 * world.b)).toHaveLength(1);
    expect(moves(world.observation.now)).toEqual([]);
  });
});

describe("the coalition's moves", () => {
  const phases: GameView["phase"][] = ["defender-to-bisect", "challenger-to-respond", "defender-to-step"];

  it("are never made after a deadline, and only in the last block before it (both tactics, any game of an attacked request)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("best-reply", "issue-attack"),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.record({ offset: fc.integer({ min: -3_000, max: 3_000 }), phase: fc.constantFrom(...phases), defender: fc.nat(), challenger: fc.nat(), target: fc.nat(), size: fc.integer({ min: 1, max: 1_032 }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -2_000, max: 8_000 }),
        (tactic, k, gamesSpec, windowOffset) => {
          const w = coalition(k, tactic);
          const parties = [...w.members, honest];
          const { truth, wrong } = attacked(w, [], w.observation.now + windowOffset);
          // Claims: 0 the lie, then one claim per game's challenger, aimed at an earlier claim.
          const claims: TestClaim[] = [{ owner: w.liar.address, stateHash: wrong }];
          gamesSpec.forEach((g, i) => {
            const owner = (parties[g.challenger % parties.length] as Agent).address;
            claims.push({ owner, stateHash: g.target % 2 === 0 ? truth : (`0x${(i + 7).toString(16).padStart(64, "0")}` as Hex), parent: g.target % (i + 1) });
          });
          w.requests.set(1n, withClaims(testRequest(1n, INPUT), claims, { windowEnd: w.observation.now + windowOffset }));
          const request = w.requests.get(1n);
          if (!request) throw new Error("no request");
          gamesSpec.forEach((g, i) => {
            const challengerClaim = i + 1;
            const targetClaim = request.claims[challengerClaim]?.parent ?? 0;
            w.games.set(BigInt(i + 1), {
              id: BigInt(i + 1),
              requestId: 1n,
              defender: request.claims[targetClaim]?.owner as Address,
              challenger: request.claims[challengerClaim]?.owner as Address,
              targetClaim,
              challengerClaim,
              lo: 0,
              hi: g.phase === "defender-to-step" ? 1 : g.size + 1,
              phase: g.phase,
              midHash: "0x",
              deadline: w.observation.now + g.offset,
            });
          });
          expect(isAttacked(w.observation, request, w.state)).toBe(true);
          const moves = act(w.members, w.state, w).filter((x): x is { member: Agent; action: Extract<Action, { gameId: bigint }> } => x.action.kind === "bisect" || x.action.kind === "respond" || x.action.kind === "step" || x.action.kind === "timeout");
          for (const { member, action } of moves) {
            // The coalition never times a game out (that would only end it sooner).
            expect(action.kind).not.toBe("timeout");
            const game = w.games.get(action.gameId) as GameView;
            expect(lastChance(w.observation.now, game.deadline, w.b), `${action.kind} in game ${action.gameId} at deadline ${game.deadline - w.observation.now}`).toBe(true);
            const mover = action.kind === "respond" ? game.challenger : game.defender;
            expect(mover).toBe(member.address);
          }
        },
      ),
      fcParams(100),
    );
  });
});
