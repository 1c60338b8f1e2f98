import type { Address, Hex } from "viem";
import type { RequestView } from "../../agents/types.ts";
import { decodeInts } from "./decodeInts.ts";
import type { ContractEvents, RequestRecord } from "./types.ts";

/** The oracle's part of the world. */
export type OracleState = {
  /** Open requests as agents see them, oldest first. */
  readonly requests: Map<bigint, RequestView>;
  /** The same requests' facts for the metrics (written out and dropped when a request is done). */
  readonly records: Map<bigint, RequestRecord>;
  /** Pull credit of the agents that earn it (lower-cased address → wei): read at each epoch's start, not from events. */
  credits: Map<string, bigint>;
  /** Credit of the model's token waiting to be flushed (read with `credits`). */
  tokenCredit: bigint;
};

export function createOracleState(): OracleState {
  return { requests: new Map(), records: new Map(), credits: new Map(), tokenCredit: 0n };
}

/** OpmlOracle: requests, results, challenges, settlements, finality and expiry (which end an NFT request). */
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
      windowEnd: 0,
      round: 0,
      openGames: 0,
      challengers: new Set(),
    });
    oracle.records.set(id, {
      id,
      kind: requester.toLowerCase() === deployment.nft.toLowerCase() ? "nft" : "inference",
      requester,
      requestedBlock: e.blockNumber,
      requestedTime: e.time,
      fee: a.fee as bigint,
      games: 0,
      bisectionMoves: 0,
      corrections: 0,
      griefed: false,
      expired: false,
    });
  },

  AICallbackResult({ oracle }, e, { isHonest }) {
    const a = e.args;
    const id = a.requestId as bigint;
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (!request || !record) return;
    request.status = "submitted";
    request.submitter = a.submitter as Address;
    request.resultStateHash = a.finalStateHash as Hex;
    request.windowEnd = Number(a.windowEnd as bigint);
    request.round = Number(a.round);
    request.challengers = new Set();
    const honest = isHonest(id, request.resultStateHash);
    if (record.submittedBlock === undefined) {
      record.submittedBlock = e.blockNumber;
      record.submittedTime = e.time;
      record.firstSubmitter = request.submitter;
      record.firstResultWrong = !honest;
    } else {
      record.corrections++;
      record.correctedBlock = e.blockNumber;
      record.correctedTime = e.time;
    }
  },

  Challenged({ oracle, game }, e, { isHonest }) {
    const a = e.args;
    const id = a.requestId as bigint;
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (!request || !record) return;
    const challenger = a.challenger as Address;
    request.challengers.add(challenger.toLowerCase());
    request.openGames++;
    record.games++;
    if (record.challengedBlock === undefined) {
      record.challengedBlock = e.blockNumber;
      record.challengedTime = e.time;
    }
    if (request.resultStateHash && isHonest(id, request.resultStateHash)) record.griefed = true;
    const gameId = a.gameId as bigint;
    // The game contract emits GameCreated inside challenge(), before the oracle's Challenged: link it to its request.
    const created = game.games.get(gameId);
    if (created) game.games.set(gameId, { ...created, requestId: id });
    game.records.set(gameId, {
      id: gameId,
      requestId: id,
      defender: request.submitter ?? challenger,
      challenger,
      openedBlock: e.blockNumber,
      openedTime: e.time,
      moves: 0,
    });
  },

  ChallengeSettled({ oracle, game }, e) {
    const a = e.args;
    const id = a.requestId as bigint;
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    const gameRecord = game.records.get(a.gameId as bigint);
    if (a.voided as boolean) {
      if (gameRecord) gameRecord.how = "void";
    } else if (request) {
      request.openGames = Math.max(0, request.openGames - 1);
    }
    if (record) {
      record.lastGameEndBlock = e.blockNumber;
      record.lastGameEndTime = e.time;
    }
  },

  ResultFinalized({ oracle, nft }, e, { isHonest }) {
    const id = e.args.requestId as bigint;
    nft.tokenOfRequest.delete(id);
    const request = oracle.requests.get(id);
    const record = oracle.records.get(id);
    if (request) request.status = "finalized";
    if (record && request?.resultStateHash) {
      record.finalizedBlock = e.blockNumber;
      record.finalizedTime = e.time;
      record.finalWrong = !isHonest(id, request.resultStateHash);
    }
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
