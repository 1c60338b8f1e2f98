import { encodePacked, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const user = agentAddress("user-0");
const liar = agentAddress("malicious-submitter-0");
const challenger = agentAddress("honest-challenger-0");
const HONEST: Hex = `0x${"11".repeat(32)}`;
const WRONG: Hex = `0x${"22".repeat(32)}`;

function setup() {
  const t = testIndexer();
  const request = (id: bigint, account = user, input: readonly number[] = [1, -2, 3], block = 1n) =>
    t.log("oracle", "AICallbackRequest", { account, requestId: id, modelId: 1n, input: encodePacked(input.map(() => "int32"), [...input]), callbackContract: account, gasLimit: 0n, callbackData: "0x", fee: 7n }, block);
  const result = (id: bigint, submitter: `0x${string}`, hash: Hex, round = 0, windowEnd = 500n, block = 2n) =>
    t.log("oracle", "AICallbackResult", { requestId: id, submitter, round, output: "0x01", finalStateHash: hash, windowEnd, callbackSucceeded: true }, block);
  const challenged = (id: bigint, gameId: bigint, by = challenger, block = 3n) => t.log("oracle", "Challenged", { requestId: id, gameId, challenger: by, round: 0, claimStateHash: HONEST, bond: 1n }, block);
  const settled = (id: bigint, gameId: bigint, voided: boolean, block = 4n) => t.log("oracle", "ChallengeSettled", { requestId: id, gameId, winner: challenger, loser: liar, toWinner: 1n, slashed: 1n, voided }, block);
  t.honest.set(1n, HONEST);
  return { ...t, request, result, challenged, settled };
}

describe("oracle events", () => {
  it("a request opens a request view (input decoded) and a record; one from the NFT contract is an NFT request", () => {
    const t = setup();
    t.apply([t.request(1n), t.request(2n, t.deployment.nft, [5])], 42);
    const view = t.world.oracle.requests.get(1n);
    expect(view).toMatchObject({ id: 1n, requester: user, input: [1, -2, 3], requestedAt: 42, status: "requested", openGames: 0 });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ kind: "inference", fee: 7n, requestedBlock: 1n, requestedTime: 42, games: 0, corrections: 0, griefed: false, expired: false });
    expect(t.world.oracle.records.get(2n)?.kind).toBe("nft");
  });

  it("a first result is the submission (wrong or not, by the VM); a later one is a correction", () => {
    const t = setup();
    t.apply([t.request(1n)]);
    t.apply([t.result(1n, liar, WRONG, 0, 500n, 2n)], 200);
    expect(t.world.oracle.requests.get(1n)).toMatchObject({ status: "submitted", submitter: liar, resultStateHash: WRONG, windowEnd: 500, round: 0 });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ submittedBlock: 2n, submittedTime: 200, firstSubmitter: liar, firstResultWrong: true, corrections: 0 });
    t.apply([t.challenged(1n, 9n)]);
    t.apply([t.result(1n, challenger, HONEST, 1, 900n, 5n)], 300);
    const view = t.world.oracle.requests.get(1n);
    expect(view).toMatchObject({ submitter: challenger, resultStateHash: HONEST, round: 1, windowEnd: 900 });
    expect(view?.challengers.size).toBe(0);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ firstSubmitter: liar, firstResultWrong: true, corrections: 1, correctedBlock: 5n, correctedTime: 300 });
  });

  it("a challenge opens a game record, links the game created just before it, and marks a challenged honest result as griefed", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, HONEST)]);
    const created = t.log("game", "GameCreated", { gameId: 9n, defender: liar, challenger, modelVersion: 1n, traceLength: 64n, initialStateHash: HONEST, defenderFinalHash: HONEST, deadline: 1000n }, 3n);
    t.apply([created, t.challenged(1n, 9n, challenger, 3n)], 250);
    expect(t.world.game.games.get(9n)?.requestId).toBe(1n);
    expect(t.world.game.records.get(9n)).toMatchObject({ id: 9n, requestId: 1n, defender: liar, challenger, openedBlock: 3n, openedTime: 250, moves: 0 });
    const view = t.world.oracle.requests.get(1n);
    expect(view?.openGames).toBe(1);
    expect([...(view?.challengers ?? [])]).toEqual([challenger.toLowerCase()]);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ games: 1, challengedBlock: 3n, challengedTime: 250, griefed: true });
    t.apply([t.challenged(1n, 10n, agentAddress("griefer-0"), 6n)], 260);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ games: 2, challengedBlock: 3n });
  });

  it("a settled game closes on the request; a voided one does not count as closed and is marked void", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, WRONG), t.challenged(1n, 9n), t.challenged(1n, 10n)]);
    t.apply([t.settled(1n, 9n, false)], 400);
    expect(t.world.oracle.requests.get(1n)?.openGames).toBe(1);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ lastGameEndBlock: 4n, lastGameEndTime: 400 });
    t.apply([t.settled(1n, 10n, true, 5n)], 410);
    expect(t.world.oracle.requests.get(1n)?.openGames).toBe(1);
    expect(t.world.game.records.get(10n)?.how).toBe("void");
    expect(t.world.oracle.records.get(1n)).toMatchObject({ lastGameEndBlock: 5n, lastGameEndTime: 410 });
  });

  it("finality records whether the final result is wrong; expiry marks the request expired", () => {
    const t = setup();
    t.honest.set(2n, HONEST);
    t.apply([t.request(1n), t.request(2n), t.request(3n), t.result(1n, liar, WRONG), t.result(2n, liar, HONEST)]);
    const finalized = (id: bigint) => t.log("oracle", "ResultFinalized", { requestId: id, submitter: liar, paid: 1n }, 8n);
    t.apply([finalized(1n), finalized(2n), t.log("oracle", "RequestExpired", { requestId: 3n, requester: user, refund: 7n }, 8n)], 900);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ finalizedBlock: 8n, finalizedTime: 900, finalWrong: true });
    expect(t.world.oracle.records.get(2n)?.finalWrong).toBe(false);
    expect(t.world.oracle.records.get(3n)?.expired).toBe(true);
    expect(t.world.oracle.records.get(3n)?.finalizedBlock).toBeUndefined();
    expect([1n, 2n, 3n].map((id) => t.world.oracle.requests.get(id)?.status)).toEqual(["finalized", "finalized", "finalized"]);
  });

  it("events about requests the world does not know (already written out) change nothing", () => {
    const t = setup();
    t.apply([t.result(5n, liar, WRONG), t.challenged(5n, 1n), t.settled(5n, 1n, false), t.log("oracle", "ResultFinalized", { requestId: 5n, submitter: liar, paid: 1n })]);
    expect(t.world.oracle.requests.size).toBe(0);
    expect(t.world.oracle.records.size).toBe(0);
    expect(t.world.game.records.size).toBe(0);
  });
});
