import { decodeAbiParameters, toEventSelector, type Abi, type AbiEvent, type AbiParameter, type Address, type Hex, type Log } from "viem";
import type { Agent, GameView, NftView, RequestView } from "../agents/types.ts";
import { contractAbis, type ContractName } from "../chain/contracts.ts";

/** The deployed stack. */
export type Deployment = {
  registry: Address;
  vm: Address;
  oracle: Address;
  game: Address;
  factory: Address;
  launch: Address;
  token: Address;
  nft: Address;
  market: Address;
  modelId: bigint;
  /** Block at which agents start. */
  startBlock: bigint;
};

/** A decoded event with where it happened. */
export type WorldEvent = {
  contract: ContractName;
  name: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  time: number;
  txHash: Hex | undefined;
};

/** Per-request facts the metrics need, gathered as events arrive. */
export type RequestRecord = {
  id: bigint;
  kind: "inference" | "nft";
  requester: Address;
  requestedBlock: bigint;
  requestedTime: number;
  fee: bigint;
  submittedBlock?: bigint | undefined;
  submittedTime?: number | undefined;
  firstSubmitter?: Address | undefined;
  firstResultWrong?: boolean | undefined;
  challengedBlock?: bigint | undefined;
  challengedTime?: number | undefined;
  games: number;
  bisectionMoves: number;
  lastGameEndBlock?: bigint | undefined;
  lastGameEndTime?: number | undefined;
  corrections: number;
  correctedBlock?: bigint | undefined;
  correctedTime?: number | undefined;
  finalizedBlock?: bigint | undefined;
  finalizedTime?: number | undefined;
  finalWrong?: boolean | undefined;
  /** A correct result that was challenged anyway (a delay attack). */
  griefed: boolean;
  /** Nobody answered before the request's timeout; its escrow went back to the requester. */
  expired: boolean;
};

export type GameRecord = {
  id: bigint;
  requestId: bigint;
  defender: Address;
  challenger: Address;
  openedBlock: bigint;
  openedTime: number;
  moves: number;
  endedBlock?: bigint | undefined;
  endedTime?: number | undefined;
  winner?: "defender" | "challenger" | undefined;
  how?: "step" | "timeout" | "void" | undefined;
};

/**
 * The simulator's index of the chain, rebuilt only from events (every state change of our contracts
 * emits one). Observations for the agents are views of it.
 */
export class World {
  readonly requests = new Map<bigint, RequestView>();
  readonly records = new Map<bigint, RequestRecord>();
  readonly games = new Map<bigint, GameView>();
  readonly gameRecords = new Map<bigint, GameRecord>();
  readonly nftTokens = new Map<bigint, NftView>();
  readonly approvedMarket = new Set<string>();
  readonly marketCredits = new Map<string, bigint>();
  readonly balances = new Map<string, bigint>();
  readonly claimable = new Map<string, Map<number, bigint>>();
  readonly lastBurnSnapshot = new Map<string, number>();
  readonly deposited = new Map<string, bigint>();
  readonly claimedAllocation = new Set<string>();
  readonly snapshotTimes: number[] = [];
  /** NFT requests: the token whose content each produces (removed once the request is final or expired). */
  readonly nftTokenOfRequest = new Map<bigint, bigint>();
  credits = new Map<string, bigint>();
  tokenCredit = 0n;
  raiseSettled = false;
  /** Proceeds released to the treasury so far, and the raise target (all of it vests). */
  proceedsReleased = 0n;
  raiseTarget = 0n;
  dustSwept = false;
  raiseSucceeded = false;
  currentSnapshotId = 0;
  /** The launch's harvest cursor (read each epoch): every snapshot up to it was harvested. */
  harvestedThrough = 0;
  nextSnapshotAt = 0;
  snapshotHappened = false;

  private readonly byAddress = new Map<string, ContractName>();
  /** Per contract, each event's decoder by its topic0: decoding then hashes no signatures. */
  private readonly eventsByTopic = new Map<ContractName, Map<string, EventDecoder>>();

  constructor(
    readonly deployment: Deployment,
    readonly snapshotInterval: number,
    /** Lower-cased addresses of the investors, whose token balances agents see. */
    private readonly investors: ReadonlySet<string>,
    /** Whether the result a request got is the honest one. */
    private readonly isHonest: (requestId: bigint, stateHash: Hex) => boolean,
  ) {
    const pairs: [Address, ContractName][] = [
      [deployment.registry, "ModelRegistry"],
      [deployment.oracle, "OpmlOracle"],
      [deployment.game, "BisectionGame"],
      [deployment.launch, "ImoLaunch"],
      [deployment.token, "RevShareToken"],
      [deployment.nft, "AigcNFT"],
      [deployment.market, "RoyaltyMarket"],
    ];
    for (const [address, name] of pairs) {
      this.byAddress.set(address.toLowerCase(), name);
      const events = new Map<string, EventDecoder>();
      for (const item of contractAbis[name] as Abi) {
        if (item.type === "event") events.set(toEventSelector(item as AbiEvent), eventDecoder(item as AbiEvent));
      }
      this.eventsByTopic.set(name, events);
    }
  }

  /** Decodes the logs of one block's receipts (in order) and applies them. */
  apply(logs: readonly Log[], time: number): WorldEvent[] {
    const events: WorldEvent[] = [];
    for (const log of logs) {
      const contract = this.byAddress.get(log.address.toLowerCase());
      if (!contract) continue;
      const decoder = this.eventsByTopic.get(contract)?.get(log.topics[0] ?? "");
      if (!decoder) continue;
      let decoded: { eventName: string; args: unknown };
      try {
        decoded = decoder(log.topics as Hex[], log.data);
      } catch {
        continue;
      }
      const event: WorldEvent = {
        contract,
        name: decoded.eventName,
        args: (decoded.args ?? {}) as Record<string, unknown>,
        blockNumber: log.blockNumber ?? 0n,
        time,
        txHash: log.transactionHash ?? undefined,
      };
      this.applyEvent(event);
      events.push(event);
    }
    return events;
  }

  private applyEvent(e: WorldEvent): void {
    const a = e.args;
    const key = `${e.contract}.${e.name}`;
    switch (key) {
      case "OpmlOracle.AICallbackRequest": {
        const id = a.requestId as bigint;
        const requester = a.account as Address;
        this.requests.set(id, {
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
        this.records.set(id, {
          id,
          kind: requester.toLowerCase() === this.deployment.nft.toLowerCase() ? "nft" : "inference",
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
        break;
      }
      case "OpmlOracle.AICallbackResult": {
        const id = a.requestId as bigint;
        const request = this.requests.get(id);
        const record = this.records.get(id);
        if (!request || !record) break;
        request.status = "submitted";
        request.submitter = a.submitter as Address;
        request.resultStateHash = a.finalStateHash as Hex;
        request.windowEnd = Number(a.windowEnd as bigint);
        request.round = Number(a.round);
        request.challengers = new Set();
        const honest = this.isHonest(id, request.resultStateHash);
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
        break;
      }
      case "OpmlOracle.Challenged": {
        const id = a.requestId as bigint;
        const request = this.requests.get(id);
        const record = this.records.get(id);
        if (!request || !record) break;
        const challenger = a.challenger as Address;
        request.challengers.add(challenger.toLowerCase());
        request.openGames++;
        record.games++;
        if (record.challengedBlock === undefined) {
          record.challengedBlock = e.blockNumber;
          record.challengedTime = e.time;
        }
        if (request.resultStateHash && this.isHonest(id, request.resultStateHash)) record.griefed = true;
        const gameId = a.gameId as bigint;
        // The game contract emits GameCreated inside challenge(), before the oracle's Challenged.
        const created = this.games.get(gameId);
        if (created) this.games.set(gameId, { ...created, requestId: id });
        this.gameRecords.set(gameId, {
          id: gameId,
          requestId: id,
          defender: request.submitter ?? challenger,
          challenger,
          openedBlock: e.blockNumber,
          openedTime: e.time,
          moves: 0,
        });
        break;
      }
      case "BisectionGame.GameCreated": {
        const gameId = a.gameId as bigint;
        const record = this.gameRecords.get(gameId);
        this.games.set(gameId, {
          id: gameId,
          requestId: record?.requestId ?? 0n,
          defender: a.defender as Address,
          challenger: a.challenger as Address,
          lo: 0,
          hi: Number(a.traceLength as bigint),
          phase: "defender-to-bisect",
          midHash: "0x",
          deadline: Number(a.deadline as bigint),
        });
        break;
      }
      case "BisectionGame.Bisected": {
        const game = this.games.get(a.gameId as bigint);
        if (!game) break;
        game.phase = "challenger-to-respond";
        game.midHash = a.midHash as Hex;
        game.deadline = Number(a.deadline as bigint);
        this.countMove(game);
        break;
      }
      case "BisectionGame.Responded": {
        const game = this.games.get(a.gameId as bigint);
        if (!game) break;
        game.lo = Number(a.lo as bigint);
        game.hi = Number(a.hi as bigint);
        game.phase = game.hi - game.lo <= 1 ? "defender-to-step" : "defender-to-bisect";
        game.deadline = Number(a.deadline as bigint);
        this.countMove(game);
        break;
      }
      case "BisectionGame.StepProven":
      case "BisectionGame.TimedOut": {
        const gameId = a.gameId as bigint;
        const record = this.gameRecords.get(gameId);
        if (record) {
          record.endedBlock = e.blockNumber;
          record.endedTime = e.time;
          record.winner = (a.defenderWon as boolean) ? "defender" : "challenger";
          record.how = e.name === "StepProven" ? "step" : "timeout";
        }
        this.games.delete(gameId);
        break;
      }
      case "OpmlOracle.ChallengeSettled": {
        const id = a.requestId as bigint;
        const request = this.requests.get(id);
        const record = this.records.get(id);
        const game = this.gameRecords.get(a.gameId as bigint);
        if (a.voided as boolean) {
          if (game) game.how = "void";
        } else if (request) {
          request.openGames = Math.max(0, request.openGames - 1);
        }
        if (record) {
          record.lastGameEndBlock = e.blockNumber;
          record.lastGameEndTime = e.time;
        }
        break;
      }
      case "OpmlOracle.ResultFinalized": {
        const id = a.requestId as bigint;
        this.nftTokenOfRequest.delete(id);
        const request = this.requests.get(id);
        const record = this.records.get(id);
        if (request) request.status = "finalized";
        if (record && request?.resultStateHash) {
          record.finalizedBlock = e.blockNumber;
          record.finalizedTime = e.time;
          record.finalWrong = !this.isHonest(id, request.resultStateHash);
        }
        break;
      }
      case "OpmlOracle.RequestExpired": {
        this.nftTokenOfRequest.delete(a.requestId as bigint);
        const request = this.requests.get(a.requestId as bigint);
        if (request) request.status = "finalized";
        const record = this.records.get(a.requestId as bigint);
        if (record) record.expired = true;
        break;
      }
      case "ImoLaunch.Deposited": {
        const investor = (a.investor as Address).toLowerCase();
        this.deposited.set(investor, a.investorTotal as bigint);
        break;
      }
      case "ImoLaunch.Settled":
        this.raiseSettled = true;
        this.raiseSucceeded = a.succeeded as boolean;
        this.raiseTarget = a.target as bigint;
        break;
      case "ImoLaunch.DustSwept":
        this.dustSwept = true;
        break;
      case "ImoLaunch.ProceedsReleased":
        this.proceedsReleased = a.totalReleased as bigint;
        break;
      case "ImoLaunch.AllocationClaimed":
        this.claimedAllocation.add((a.investor as Address).toLowerCase());
        break;
      case "RevShareToken.Transfer": {
        const from = (a.from as Address).toLowerCase();
        const to = (a.to as Address).toLowerCase();
        const value = a.value as bigint;
        if (this.investors.has(from)) this.balances.set(from, (this.balances.get(from) ?? 0n) - value);
        if (this.investors.has(to)) this.balances.set(to, (this.balances.get(to) ?? 0n) + value);
        break;
      }
      case "RevShareToken.Snapshot":
        this.currentSnapshotId = Number(a.snapshotId as bigint);
        this.nextSnapshotAt = Number(a.timestamp as bigint) + this.snapshotInterval;
        this.snapshotTimes.push(Number(a.timestamp as bigint));
        this.snapshotHappened = true;
        break;
      case "RevShareToken.RevenueClaimed": {
        const account = (a.account as Address).toLowerCase();
        this.claimable.get(account)?.delete(Number(a.snapshotId as bigint));
        break;
      }
      case "RevShareToken.BurnRedeemed":
        this.lastBurnSnapshot.set((a.account as Address).toLowerCase(), this.currentSnapshotId);
        break;
      case "AigcNFT.MintRequested": {
        const tokenId = a.tokenId as bigint;
        this.nftTokens.set(tokenId, { tokenId, owner: a.minter as Address, price: undefined });
        this.nftTokenOfRequest.set(a.requestId as bigint, tokenId);
        break;
      }
      case "AigcNFT.ContentRerequested":
        this.nftTokenOfRequest.set(a.requestId as bigint, a.tokenId as bigint);
        break;
      case "AigcNFT.Transfer": {
        const token = this.nftTokens.get(a.tokenId as bigint);
        const to = a.to as Address;
        if (token && to.toLowerCase() !== this.deployment.market.toLowerCase()) {
          token.owner = to;
          token.price = undefined;
        }
        break;
      }
      case "AigcNFT.ApprovalForAll":
        if ((a.operator as Address).toLowerCase() === this.deployment.market.toLowerCase() && (a.approved as boolean)) {
          this.approvedMarket.add((a.owner as Address).toLowerCase());
        }
        break;
      case "RoyaltyMarket.Listed": {
        const token = this.nftTokens.get(a.tokenId as bigint);
        if (token) {
          token.owner = a.seller as Address;
          token.price = a.price as bigint;
        }
        break;
      }
      case "RoyaltyMarket.Cancelled": {
        const token = this.nftTokens.get(a.tokenId as bigint);
        if (token) token.price = undefined;
        break;
      }
      case "RoyaltyMarket.PaymentCredited": {
        const account = (a.account as Address).toLowerCase();
        this.marketCredits.set(account, (this.marketCredits.get(account) ?? 0n) + (a.amount as bigint));
        break;
      }
      case "RoyaltyMarket.Withdrawn":
        this.marketCredits.delete((a.account as Address).toLowerCase());
        break;
    }
  }

  private countMove(game: GameView): void {
    const record = this.gameRecords.get(game.id);
    if (record) record.moves++;
    const request = this.records.get(game.requestId);
    if (request) request.bisectionMoves++;
  }

  /** Requests waiting for a result, oldest first. */
  unanswered(): RequestView[] {
    return [...this.requests.values()].filter((r) => r.status === "requested");
  }

  /** Requests with a result that is not final, oldest first. */
  pending(): RequestView[] {
    return [...this.requests.values()].filter((r) => r.status === "submitted");
  }

  /** Forgets a finished request (its record has been written out). */
  forget(requestId: bigint): void {
    this.requests.delete(requestId);
    this.records.delete(requestId);
  }
}

type EventDecoder = (topics: readonly Hex[], data: Hex) => { eventName: string; args: Record<string, unknown> };

/**
 * A decoder for one event: indexed arguments from the topics, the rest from the data. An indexed
 * dynamic argument (bytes, string, array, tuple) is only its keccak256 in the topic, kept as it is.
 */
function eventDecoder(event: AbiEvent): EventDecoder {
  const indexed = event.inputs.filter((input) => input.indexed);
  const plain = event.inputs.filter((input) => !input.indexed) as AbiParameter[];
  return (topics, data) => {
    const args: Record<string, unknown> = {};
    indexed.forEach((input, i) => {
      const topic = topics[i + 1];
      if (topic === undefined) throw new Error(`event ${event.name}: topic ${i + 1} missing`);
      const dynamic = input.type === "bytes" || input.type === "string" || input.type.endsWith("]") || input.type.startsWith("tuple");
      args[input.name ?? String(i)] = dynamic ? topic : decodeAbiParameters([input as AbiParameter], topic)[0];
    });
    if (plain.length > 0) {
      const values = decodeAbiParameters(plain, data);
      plain.forEach((input, i) => {
        args[input.name ?? String(i)] = values[i];
      });
    }
    return { eventName: event.name, args };
  };
}

/** `abi.encodePacked(int32[])` → numbers. */
export function decodeInts(bytes: Hex): number[] {
  const hex = bytes.slice(2);
  const out: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) out.push(Number.parseInt(hex.slice(i, i + 8), 16) | 0);
  return out;
}
