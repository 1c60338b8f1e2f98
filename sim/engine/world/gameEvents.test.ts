import { encodePacked, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const defender = agentAddress("malicious-submitter-0");
const challenger = agentAddress("honest-challenger-0");
const H: Hex = `0x${"33".repeat(32)}`;

/** A request with a result, challenged in game 9 by claim 1 (GameCreated comes before ClaimPosted, as on chain). */
function disputed() {
  const t = testIndexer();
  t.apply([
    t.log("oracle", "AICallbackRequest", { account: defender, requestId: 1n, modelId: 1n, input: encodePacked(["int32"], [1]), callbackContract: defender, gasLimit: 0n, callbackData: "0x", fee: 1n }),
    t.log("oracle", "AICallbackResult", { requestId: 1n, submitter: defender, round: 0, output: "0x", finalStateHash: H, windowEnd: 100n, callbackSucceeded: true }),
    t.log("game", "GameCreated", { gameId: 9n, defender, challenger, modelVersion: 1n, traceLength: 8n, initialStateHash: H, defenderFinalHash: H, deadline: 1000n }),
    t.log("oracle", "ClaimPosted", { requestId: 1n, claimIndex: 1n, owner: challenger, kind: 1, parent: 0n, gameId: 9n, stateHash: H, bond: 1n }),
  ]);
  return t;
}

describe("bisection game events", () => {
  it("a created game waits for the defender to bisect the whole trace", () => {
    const t = disputed();
    expect(t.world.game.games.get(9n)).toEqual({ id: 9n, requestId: 1n, defender, challenger, targetClaim: 0, challengerClaim: 1, lo: 0, hi: 8, phase: "defender-to-bisect", midHash: "0x", deadline: 1000 });
  });

  it("bisect and respond move the game on, narrow the range, and count as moves of the game and its request", () => {
    const t = disputed();
    const mid: Hex = `0x${"44".repeat(32)}`;
    t.apply([t.log("game", "Bisected", { gameId: 9n, mid: 4n, midHash: mid, deadline: 1100n })]);
    expect(t.world.game.games.get(9n)).toMatchObject({ phase: "challenger-to-respond", midHash: mid, deadline: 1100 });
    t.apply([t.log("game", "Responded", { gameId: 9n, agree: true, lo: 4n, hi: 8n, deadline: 1200n })]);
    expect(t.world.game.games.get(9n)).toMatchObject({ lo: 4, hi: 8, phase: "defender-to-bisect", deadline: 1200 });
    t.apply([t.log("game", "Bisected", { gameId: 9n, mid: 6n, midHash: mid, deadline: 1300n }), t.log("game", "Responded", { gameId: 9n, agree: false, lo: 6n, hi: 7n, deadline: 1400n })]);
    expect(t.world.game.games.get(9n)).toMatchObject({ lo: 6, hi: 7, phase: "defender-to-step" });
    expect(t.world.game.records.get(9n)?.moves).toBe(4);
    expect(t.world.oracle.records.get(1n)?.bisectionMoves).toBe(4);
  });

  it("a proven step or a timeout ends the game: it leaves the agents' view, its record says who won and how (what it did to the claims is the oracle's)", () => {
    const t = disputed();
    t.apply([t.log("game", "StepProven", { gameId: 9n, prover: defender, postStateHash: H, defenderWon: true }, 7n)], 700);
    expect(t.world.game.games.has(9n)).toBe(false);
    expect(t.world.game.records.get(9n)).toMatchObject({ endedBlock: 7n, endedTime: 700, winner: "defender", how: "step" });
    expect(t.world.game.records.get(9n)?.outcome).toBeUndefined();

    const u = disputed();
    u.apply([u.log("game", "TimedOut", { gameId: 9n, phase: 1, defenderWon: false }, 8n)], 800);
    expect(u.world.game.games.has(9n)).toBe(false);
    expect(u.world.game.records.get(9n)).toMatchObject({ endedBlock: 8n, endedTime: 800, winner: "challenger", how: "timeout" });
  });

  it("moves in a game the world does not know change nothing", () => {
    const t = testIndexer();
    t.apply([t.log("game", "Bisected", { gameId: 3n, mid: 1n, midHash: H, deadline: 1n }), t.log("game", "Responded", { gameId: 3n, agree: true, lo: 0n, hi: 1n, deadline: 1n })]);
    expect(t.world.game.games.size + t.world.game.records.size).toBe(0);
  });
});

describe("a trace of one step", () => {
  it("starts at the step: there is nothing to bisect", () => {
    const t = testIndexer();
    t.apply([t.log("game", "GameCreated", { gameId: 2n, defender, challenger, modelVersion: 1n, traceLength: 1n, initialStateHash: H, defenderFinalHash: H, deadline: 50n })]);
    expect(t.world.game.games.get(2n)?.phase).toBe("defender-to-step");
  });
});
