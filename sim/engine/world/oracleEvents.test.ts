import { encodePacked, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const user = agentAddress("user-0");
const liar = agentAddress("malicious-submitter-0");
const challenger = agentAddress("honest-challenger-0");
const partner = agentAddress("colluding-challenger-0");
const HONEST: Hex = `0x${"11".repeat(32)}`;
const WRONG: Hex = `0x${"22".repeat(32)}`;
const BOND = 10n ** 17n;
/** IOpmlOracle.ClaimKind. */
const KIND = { submission: 0, challenge: 1, vouch: 2 } as const;

// Every log here is encoded with the contract's ABI (sim/testing/worldLogs.ts) and goes through the real decoder.
function setup() {
  const t = testIndexer({ submitterBond: BOND });
  const request = (id: bigint, account = user, input: readonly number[] = [1, -2, 3], block = 1n) =>
    t.log("oracle", "AICallbackRequest", { account, requestId: id, modelId: 1n, input: encodePacked(input.map(() => "int32"), [...input]), callbackContract: account, gasLimit: 0n, callbackData: "0x", fee: 7n }, block);
  const result = (id: bigint, submitter: Address, hash: Hex, round = 0, windowEnd = 500n, block = 2n) =>
    t.log("oracle", "AICallbackResult", { requestId: id, submitter, round, output: "0x01", finalStateHash: hash, windowEnd, callbackSucceeded: true }, block);
  const created = (gameId: bigint, defender: Address, by: Address, block = 3n) =>
    t.log("game", "GameCreated", { gameId, defender, challenger: by, modelVersion: 1n, traceLength: 64n, initialStateHash: HONEST, defenderFinalHash: WRONG, deadline: 1_000n }, block);
  const claim = (id: bigint, claimIndex: bigint, owner: Address, kind: number, parent: bigint, gameId: bigint, stateHash: Hex, block = 3n) =>
    t.log("oracle", "ClaimPosted", { requestId: id, claimIndex, owner, kind, parent, gameId, stateHash, bond: BOND }, block);
  /** A challenge as the chain logs it: the game's GameCreated first, then the oracle's ClaimPosted. */
  const challenge = (id: bigint, claimIndex: bigint, owner: Address, target: bigint, targetOwner: Address, gameId: bigint, stateHash: Hex, block = 3n) => [
    created(gameId, targetOwner, owner, block),
    claim(id, claimIndex, owner, KIND.challenge, target, gameId, stateHash, block),
  ];
  const timedOut = (gameId: bigint, defenderWon: boolean, block = 4n) => t.log("game", "TimedOut", { gameId, phase: defenderWon ? 2 : 1, defenderWon }, block);
  const defeated = (id: bigint, claimIndex: bigint, gameId: bigint, byClaim: bigint, winner: Address, block = 4n) =>
    t.log("oracle", "ClaimDefeated", { requestId: id, claimIndex, gameId, byClaim, winner, toWinner: BOND / 2n, slashed: BOND / 2n }, block);
  const voided = (id: bigint, gameId: bigint, loserClaim: bigint, block = 4n) => t.log("oracle", "GameVoided", { requestId: id, gameId, loserClaim }, block);
  const finalized = (id: bigint, submitter: Address, block = 8n) => t.log("oracle", "ResultFinalized", { requestId: id, submitter, paid: 1n }, block);
  const resolved = (id: bigint, claimIndex: bigint, hash: Hex, block = 8n) => t.log("oracle", "DisputeResolved", { requestId: id, claimIndex, finalStateHash: hash }, block);
  t.honest.set(1n, HONEST);
  return { ...t, request, result, challenge, claim, timedOut, defeated, voided, finalized, resolved };
}

describe("oracle events", () => {
  it("a request opens a request view (input decoded, no claims yet) and a record; one from the NFT contract is an NFT request", () => {
    const t = setup();
    t.apply([t.request(1n), t.request(2n, t.deployment.nft, [5])], 42);
    const view = t.world.oracle.requests.get(1n);
    expect(view).toMatchObject({ id: 1n, requester: user, input: [1, -2, 3], requestedAt: 42, status: "requested", openGames: 0, claims: [], leader: 0 });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ kind: "inference", fee: 7n, requestedBlock: 1n, requestedTime: 42, claims: 0, games: 0, corrections: 0, griefed: false, expired: false });
    expect(t.world.oracle.records.get(2n)?.kind).toBe("nft");
  });

  it("the submission is claim 0, owned by its submitter, holding the submitter bond; the record knows its window and whether it is wrong", () => {
    const t = setup();
    t.apply([t.request(1n)]);
    t.apply([t.result(1n, liar, WRONG, 0, 500n, 2n)], 200);
    const view = t.world.oracle.requests.get(1n);
    expect(view).toMatchObject({ status: "submitted", submitter: liar, resultStateHash: WRONG, submittedAt: 200, windowEnd: 500, leader: 0 });
    expect(view?.claims).toEqual([{ index: 0, owner: liar, kind: "submission", parent: 0, stateHash: WRONG, gameId: undefined, postedAt: 200, defeated: false, bond: BOND }]);
    expect(view?.owners.get(liar.toLowerCase())).toEqual([0]);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ submittedBlock: 2n, submittedTime: 200, windowEnd: 500, firstSubmitter: liar, firstResultWrong: true, corrections: 0 });
  });

  it("a challenge is a claim with its game (created just before it): the game is linked to its request and both claims, the game record names them", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, WRONG)]);
    t.apply(t.challenge(1n, 1n, challenger, 0n, liar, 9n, HONEST), 250);
    const view = t.world.oracle.requests.get(1n);
    expect(view?.claims[1]).toEqual({ index: 1, owner: challenger, kind: "challenge", parent: 0, stateHash: HONEST, gameId: 9n, postedAt: 250, defeated: false, bond: BOND });
    expect(view).toMatchObject({ openGames: 1, leader: 0 });
    expect(view?.owners.get(challenger.toLowerCase())).toEqual([1]);
    expect(t.world.game.games.get(9n)).toMatchObject({ requestId: 1n, defender: liar, challenger, targetClaim: 0, challengerClaim: 1, phase: "defender-to-bisect" });
    expect(t.world.game.records.get(9n)).toMatchObject({ id: 9n, requestId: 1n, defender: liar, challenger, targetClaim: 0, challengerClaim: 1, openedBlock: 3n, openedTime: 250, moves: 0, bondLost: 0n });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ claims: 1, games: 1, challengedBlock: 3n, challengedTime: 250, griefed: false });
  });

  it("a vouch is a claim with no game; claims against a correct submission mark it griefed", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, HONEST)]);
    t.apply([t.claim(1n, 1n, challenger, KIND.vouch, 0n, 0n, HONEST)], 260);
    expect(t.world.oracle.requests.get(1n)?.claims[1]).toMatchObject({ kind: "vouch", parent: 0, gameId: undefined, stateHash: HONEST });
    expect(t.world.oracle.requests.get(1n)?.openGames).toBe(0);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ claims: 1, vouches: 1, games: 0, griefed: false });
    expect(t.world.oracle.records.get(1n)?.challengedBlock).toBeUndefined();
    t.apply(t.challenge(1n, 2n, partner, 0n, liar, 10n, WRONG, 5n), 270);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ claims: 2, games: 1, griefed: true, challengedBlock: 5n });
  });

  it("a defeat marks the claim, empties its bond, moves the leader and closes the game with the bond's split; a void game moves nothing", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, WRONG), ...t.challenge(1n, 1n, partner, 0n, liar, 9n, WRONG), ...t.challenge(1n, 2n, challenger, 0n, liar, 10n, HONEST)]);
    // The partner's game ends first (a thrown game): claim 0 falls to claim 1.
    t.apply([t.timedOut(9n, false), t.defeated(1n, 0n, 9n, 1n, partner)], 400);
    const view = t.world.oracle.requests.get(1n);
    expect(view?.claims[0]).toMatchObject({ defeated: true, bond: 0n });
    expect(view).toMatchObject({ leader: 1, openGames: 1, lastGameEndAt: 400 });
    expect(t.world.game.games.has(9n)).toBe(false);
    expect(t.world.game.records.get(9n)).toMatchObject({ endedBlock: 4n, endedTime: 400, winner: "challenger", how: "timeout", outcome: "defeated", bondLost: BOND, toWinner: BOND / 2n, slashed: BOND / 2n });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ defeatedClaims: 1, lastGameEndBlock: 4n, lastGameEndTime: 400 });
    // The honest game against the fallen claim 0 is void when it ends.
    t.apply([t.timedOut(10n, true, 5n), t.voided(1n, 10n, 2n, 5n)], 410);
    expect(t.world.oracle.requests.get(1n)).toMatchObject({ openGames: 0, lastGameEndAt: 410, leader: 1 });
    expect(t.world.oracle.requests.get(1n)?.claims[2]?.defeated).toBe(false);
    expect(t.world.game.records.get(10n)).toMatchObject({ winner: "defender", how: "timeout", outcome: "void", bondLost: 0n, toWinner: 0n, slashed: 0n });
    expect(t.world.oracle.records.get(1n)).toMatchObject({ defeatedClaims: 1, lastGameEndBlock: 5n });
  });

  it("finality: the winning claim decides whether the result is wrong; every other undefeated claim's bond becomes releasable until released", () => {
    const t = setup();
    t.apply([t.request(1n), t.result(1n, liar, WRONG), ...t.challenge(1n, 1n, partner, 0n, liar, 9n, HONEST), ...t.challenge(1n, 2n, challenger, 0n, liar, 10n, HONEST)]);
    t.apply([t.timedOut(9n, false), t.defeated(1n, 0n, 9n, 1n, partner), t.timedOut(10n, true, 5n), t.voided(1n, 10n, 2n, 5n)]);
    const second = t.log("oracle", "AICallbackResult", { requestId: 1n, submitter: partner, round: 1, output: "0x02", finalStateHash: HONEST, windowEnd: 500n, callbackSucceeded: true }, 8n);
    t.apply([t.finalized(1n, partner), t.resolved(1n, 1n, HONEST), second], 900);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ finalizedBlock: 8n, finalizedTime: 900, winningClaim: 1, winningOwner: partner, finalWrong: false, corrections: 1, correctedBlock: 8n });
    expect(t.world.oracle.requests.get(1n)?.status).toBe("finalized");
    expect([...t.world.oracle.releasable.values()]).toEqual([{ requestId: 1n, claimIndex: 2, owner: challenger, bond: BOND, finalizedAt: 900 }]);
    // The round-1 result is not a second submission: claim 0 is still the liar's.
    expect(t.world.oracle.requests.get(1n)?.submitter).toBe(liar);
    t.apply([t.log("oracle", "BondReleased", { requestId: 1n, claimIndex: 2n, owner: challenger, amount: BOND }, 9n)], 1_000);
    expect(t.world.oracle.releasable.size).toBe(0);
  });

  it("an undisputed request finalizes as its submission; a wrong one is a wrong final result; expiry marks the request expired", () => {
    const t = setup();
    t.honest.set(2n, HONEST);
    t.apply([t.request(1n), t.request(2n), t.request(3n), t.result(1n, liar, WRONG), t.result(2n, liar, HONEST)]);
    t.apply([t.finalized(1n, liar), t.finalized(2n, liar), t.log("oracle", "RequestExpired", { requestId: 3n, requester: user, refund: 7n }, 8n)], 900);
    expect(t.world.oracle.records.get(1n)).toMatchObject({ finalizedBlock: 8n, finalizedTime: 900, finalWrong: true, winningClaim: 0, winningOwner: liar });
    expect(t.world.oracle.records.get(2n)?.finalWrong).toBe(false);
    expect(t.world.oracle.records.get(3n)?.expired).toBe(true);
    expect(t.world.oracle.records.get(3n)?.finalizedBlock).toBeUndefined();
    expect(t.world.oracle.releasable.size).toBe(0);
    expect([1n, 2n, 3n].map((id) => t.world.oracle.requests.get(id)?.status)).toEqual(["finalized", "finalized", "finalized"]);
  });

  it("events about requests the world does not know (already written out) change nothing", () => {
    const t = setup();
    t.apply([t.result(5n, liar, WRONG), ...t.challenge(5n, 1n, challenger, 0n, liar, 1n, HONEST), t.defeated(5n, 0n, 1n, 1n, challenger), t.finalized(5n, liar), t.resolved(5n, 1n, HONEST)]);
    expect(t.world.oracle.requests.size).toBe(0);
    expect(t.world.oracle.records.size).toBe(0);
    expect(t.world.oracle.releasable.size).toBe(0);
    expect(t.world.game.records.size).toBe(0);
  });
});
