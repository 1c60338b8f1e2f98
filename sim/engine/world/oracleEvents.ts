import type { Address, Hex } from "viem";
import type { ClaimKind, ClaimView, ReleasableBond, RequestView } from "../../agents/types.ts";
import { decodeInts } from "./decodeInts.ts";
import type { ContractEvents, GameRecord, RequestRecord, World } from "./types.ts";

/** The oracle's part of the world. */
export type OracleState = {
  /** Open requests as agents see them, oldest first. */
  readonly requests: Map<bigint, RequestView>;
  /** The same requests' facts for the metrics (written out and dropped when a request is done). */
  readonly records: Map<bigint, RequestRecord>;
  /** Bonds of final requests that their owners may pull back (`releaseBond`), by `requestId:claimIndex`, oldest first. */
  readonly releasable: Map<string, ReleasableBond>;
  /** Pull credit of the agents that earn it (lower-cased address → wei): read at each epoch's start, not from events. */
  credits: Map<string, bigint>;
  /** Credit of the model's token waiting to be flushed (read with `credits`). */
  tokenCredit: bigint;
};

export function createOracleState(): OracleState {
  return { requests: new Map(), records: new Map(), releasable: new Map(), credits: new Map(), tokenCredit: 0n };
}

/** The `ClaimKind` enum of IOpmlOracle, by its index. */
const CLAIM_KINDS: readonly ClaimKind[] = ["submission", "challenge", "vouch"];

/** The key of a releasable bond. */
export function releasableKey(requestId: bigint, claimIndex: number): string {
  return `${requestId}:${claimIndex}`;
}

/** The undefeated claim with the smallest index (the oracle's `_leader`). */
function leaderOf(claims: readonly ClaimView[]): number {
  const standing = claims.find((c) => !c.defeated);
  return standing?.index ?? 0;
}

function addClaim(request: RequestView, claim: ClaimView): void {
  request.claims[claim.index] = claim;
  const owner = claim.owner.toLowerCase();
  const owned = request.owners.get(owner);
  if (owned) owned.push(claim.index);
  else request.owners.set(owner, [claim.index]);
  request.leader = leaderOf(request.claims);
}

/** A game ended (defeating a claim or void): one fewer open game, and the request's last game end. */
function gameEnded(world: World, requestId: bigint, gameId: bigint, time: number, block: bigint): GameRecord | undefined {
  const request = world.oracle.requests.get(requestId);
  if (request) {
    request.openGames = Math.max(0, request.openGames - 1);
    request.lastGameEndAt = time;
  }
  const record = world.oracle.records.get(requestId);
  if (record) {
    record.lastGameEndBlock = block;
    record.lastGameEndTime = time;
  }
  return world.game.records.get(gameId);
}

/**
 * OpmlOracle: requests, results (claim 0), claims and the games they open, defeats, finality, released bonds and
 * expiry (which end an NFT request). Claims follow the oracle's rule: nothing is replaced while games run; at finality the undefeated claim
 * with the smallest index (the leader) wins and the other undefeated claims' bonds become releasable.
 */
export const oracleEvents: ContractEvents<"OpmlOracle"> = {
  AICallbackRequest({ oracle }, e, { deployment }) {
    const a = e.args;
    const id = a.requestId as bigint;
    const requester = a.account as Address;
    oracle.requests.set(id, {
      id,
      requester,
      input: decodeInts(a.input as Hex),
      requestedAt: e.time,
      status: "requested",
      submitter: undefined,
      resultStateHash: undefined,
      submittedAt: 0,
      windowEnd: 0,
      openGames: 0,
      lastGameEndAt: 0,
      claims: [],
      leader: 0,
      owners: new Map(),
    });
    oracle.records.set(id, {
      id,
      kind: requester.toLowerCase() === deployment.nft.toLowerCase() ? "nft" : "inference",
      requester,
      requestedBlock: e.blockNumber,
      requestedTime: e.time,
      fee: a.fee as bigint,
      claims: 0,
      vouches: 0,
      games: 0,
      defeatedClaims: 0,
      bisectionMoves: 0,
      corrections: 0,
      griefed: false,
      expired: false,
    });
  },

  /** Round 0: the submission, claim 0. Round 1: at finality, the callback ran again with another claim's output. */
  AICallbackResult({ oracle }, e, { isHonest, submitterBond }) {
    const a = e.args;
    const id = a.requestId as bigint;
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (!request || !record) return;
    if (Number(a.round) > 0) {
      record.corrections++;
      record.correctedBlock = e.blockNumber;
      record.correctedTime = e.time;
      return;
    }
    const submitter = a.submitter as Address;
    const stateHash = a.finalStateHash as Hex;
    request.status = "submitted";
    request.submitter = submitter;
    request.resultStateHash = stateHash;
    request.submittedAt = e.time;
    request.windowEnd = Number(a.windowEnd as bigint);
    addClaim(request, { index: 0, owner: submitter, kind: "submission", parent: 0, stateHash, gameId: undefined, postedAt: e.time, defeated: false, bond: submitterBond });
    record.submittedBlock = e.blockNumber;
    record.submittedTime = e.time;
    record.windowEnd = request.windowEnd;
    record.firstSubmitter = submitter;
    record.firstResultWrong = !isHonest(id, stateHash);
  },

  /** A challenge (with the game it opened, whose GameCreated came just before) or a vouch. */
  ClaimPosted({ oracle, game }, e) {
    const a = e.args;
    const id = a.requestId as bigint;
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (!request || !record) return;
    const kind = CLAIM_KINDS[Number(a.kind)] ?? "challenge";
    const index = Number(a.claimIndex as bigint);
    const parent = Number(a.parent as bigint);
    const owner = a.owner as Address;
    const gameId = kind === "challenge" ? (a.gameId as bigint) : undefined;
    addClaim(request, { index, owner, kind, parent, stateHash: a.stateHash as Hex, gameId, postedAt: e.time, defeated: false, bond: a.bond as bigint });
    record.claims++;
    if (kind === "vouch") {
      record.vouches++;
      return;
    }
    request.openGames++;
    record.games++;
    if (record.challengedBlock === undefined) {
      record.challengedBlock = e.blockNumber;
      record.challengedTime = e.time;
    }
    if (record.firstResultWrong === false) record.griefed = true;
    if (gameId === undefined) return;
    const target = request.claims[parent];
    const defender = target?.owner ?? request.submitter ?? owner;
    // The game contract emitted GameCreated inside challenge(), before this event: link it to its request and claims.
    const created = game.games.get(gameId);
    if (created) game.games.set(gameId, { ...created, requestId: id, targetClaim: parent, challengerClaim: index });
    game.records.set(gameId, {
      id: gameId,
      requestId: id,
      defender,
      challenger: owner,
      targetClaim: parent,
      challengerClaim: index,
      openedBlock: e.blockNumber,
      openedTime: e.time,
      moves: 0,
      bondLost: 0n,
      toWinner: 0n,
      slashed: 0n,
    });
  },

  /** A game defeated a claim: its bond was split between the winner and the burn (or the treasury). */
  ClaimDefeated(world, e) {
    const a = e.args;
    const id = a.requestId as bigint;
    const gameId = a.gameId as bigint;
    const request = world.oracle.requests.get(id);
    const claim = request?.claims[Number(a.claimIndex as bigint)];
    if (request && claim) {
      claim.defeated = true;
      claim.bond = 0n;
      request.leader = leaderOf(request.claims);
    }
    const record = world.oracle.records.get(id);
    if (record) record.defeatedClaims++;
    const gameRecord = gameEnded(world, id, gameId, e.time, e.blockNumber);
    if (gameRecord) {
      const toWinner = a.toWinner as bigint;
      const slashed = a.slashed as bigint;
      gameRecord.outcome = "defeated";
      gameRecord.toWinner = toWinner;
      gameRecord.slashed = slashed;
      gameRecord.bondLost = toWinner + slashed;
    }
  },

  /** A game ended against a target, or a loser, that had already fallen: nothing moved. */
  GameVoided(world, e) {
    const gameRecord = gameEnded(world, e.args.requestId as bigint, e.args.gameId as bigint, e.time, e.blockNumber);
    if (gameRecord) gameRecord.outcome = "void";
  },

  /** Final: the leader's owner was paid. For a request with claims, DisputeResolved (next) says which claim won. */
  ResultFinalized({ oracle, nft }, e, { isHonest }) {
    const id = e.args.requestId as bigint;
    nft.tokenOfRequest.delete(id);
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (request) request.status = "finalized";
    if (record && request?.resultStateHash) {
      record.finalizedBlock = e.blockNumber;
      record.finalizedTime = e.time;
      record.winningClaim = 0;
      record.winningOwner = request.claims[0]?.owner ?? record.firstSubmitter;
      record.finalWrong = !isHonest(id, request.resultStateHash);
    }
  },

  /** The winning claim of a disputed request: its hash is the result; every other undefeated claim's bond is releasable. */
  DisputeResolved({ oracle }, e, { isHonest }) {
    const id = e.args.requestId as bigint;
    const winner = Number(e.args.claimIndex as bigint);
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (record) {
      record.winningClaim = winner;
      record.winningOwner = request?.claims[winner]?.owner;
      record.finalWrong = !isHonest(id, e.args.finalStateHash as Hex);
    }
    if (!request) return;
    for (const claim of request.claims) {
      if (claim.index === winner) claim.bond = 0n;
      else if (claim.index !== 0 && !claim.defeated && claim.bond > 0n) {
        oracle.releasable.set(releasableKey(id, claim.index), { requestId: id, claimIndex: claim.index, owner: claim.owner, bond: claim.bond, finalizedAt: e.time });
      }
    }
  },

  BondReleased({ oracle }, e) {
    oracle.releasable.delete(releasableKey(e.args.requestId as bigint, Number(e.args.claimIndex as bigint)));
  },

  RequestExpired({ oracle, nft }, e) {
    const id = e.args.requestId as bigint;
    nft.tokenOfRequest.delete(id);
    const request = oracle.requests.get(id);
    if (request) request.status = "finalized";
    const record = oracle.records.get(id);
    if (record) record.expired = true;
  },
};
