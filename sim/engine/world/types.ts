import type { Address, ContractEventName, Hex } from "viem";
import type { contractAbis, ContractName } from "../../chain/contracts.ts";
import type { Deployment } from "../deployment.ts";
import type { GameState } from "./gameEvents.ts";
import type { LaunchState } from "./launchEvents.ts";
import type { MarketState } from "./marketEvents.ts";
import type { NftState } from "./nftEvents.ts";
import type { OracleState } from "./oracleEvents.ts";
import type { TokenState } from "./tokenEvents.ts";
import type { UsageState } from "./usageEvents.ts";

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
  /** Last second at which claims could be posted (submission time + the window). */
  windowEnd?: number | undefined;
  firstSubmitter?: Address | undefined;
  firstResultWrong?: boolean | undefined;
  /** The first challenge (a claim that opened a game). */
  challengedBlock?: bigint | undefined;
  challengedTime?: number | undefined;
  /** Claims posted after the submission (challenges and vouches). */
  claims: number;
  vouches: number;
  /** Games opened (one per challenge). */
  games: number;
  /** Claims defeated in games. */
  defeatedClaims: number;
  bisectionMoves: number;
  lastGameEndBlock?: bigint | undefined;
  lastGameEndTime?: number | undefined;
  /** 1 when the final result is not the submission (the callback ran again at finality), else 0. */
  corrections: number;
  correctedBlock?: bigint | undefined;
  correctedTime?: number | undefined;
  finalizedBlock?: bigint | undefined;
  finalizedTime?: number | undefined;
  /** The claim whose final state became the result. */
  winningClaim?: number | undefined;
  /** The owner of the winning claim: who was paid the reward, and whose result a wrong final result is. */
  winningOwner?: Address | undefined;
  finalWrong?: boolean | undefined;
  /** A correct submission that was challenged anyway (a delay attack). */
  griefed: boolean;
  /** Nobody answered before the request's timeout; its escrow went back to the requester. */
  expired: boolean;
};

/** Per-game facts the metrics need. */
export type GameRecord = {
  id: bigint;
  requestId: bigint;
  defender: Address;
  challenger: Address;
  /** The claim the game disputed and the claim that opened it. */
  targetClaim: number;
  challengerClaim: number;
  openedBlock: bigint;
  openedTime: number;
  moves: number;
  endedBlock?: bigint | undefined;
  endedTime?: number | undefined;
  winner?: "defender" | "challenger" | undefined;
  how?: "step" | "timeout" | undefined;
  /** What the end did: defeated the loser's claim, or nothing (void: the target or the loser had already fallen). */
  outcome?: "defeated" | "void" | undefined;
  /** The loser's bond and its split, when the game defeated a claim (0 when void). */
  bondLost: bigint;
  toWinner: bigint;
  slashed: bigint;
};

/**
 * The simulator's index of the chain, rebuilt only from events (every state change of our contracts emits
 * one), one part per contract; each part is kept by that contract's event applier (world/<contract>Events.ts).
 * Agents see views of it (engine/buildObservation.ts); the metrics read its records.
 */
export type World = {
  readonly oracle: OracleState;
  readonly game: GameState;
  readonly launch: LaunchState;
  readonly token: TokenState;
  readonly nft: NftState;
  readonly market: MarketState;
  readonly usage: UsageState;
};

/** What appliers need besides the world and the event. */
export type ApplyContext = {
  readonly deployment: Deployment;
  /** Seconds between two token snapshots. */
  readonly snapshotInterval: number;
  /** Lower-cased addresses of the investors, whose token balances agents see. */
  readonly investors: ReadonlySet<string>;
  /** Whether `stateHash` is the honest result of the request. */
  isHonest(requestId: bigint, stateHash: Hex): boolean;
  /** The submitter bond (wei): what claim 0 holds (`AICallbackResult` does not say). */
  readonly submitterBond: bigint;
};

/** Applies one decoded event to the world. */
export type EventApplier = (world: World, event: WorldEvent, context: ApplyContext) => void;

/** The appliers of one contract's events, by event name (names are checked against the contract's ABI). */
export type ContractEvents<C extends ContractName> = { readonly [E in ContractEventName<(typeof contractAbis)[C]>]?: EventApplier };
