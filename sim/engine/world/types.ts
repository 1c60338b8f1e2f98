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

/** Per-game facts the metrics need. */
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
};

/** Applies one decoded event to the world. */
export type EventApplier = (world: World, event: WorldEvent, context: ApplyContext) => void;

/** The appliers of one contract's events, by event name (names are checked against the contract's ABI). */
export type ContractEvents<C extends ContractName> = { readonly [E in ContractEventName<(typeof contractAbis)[C]>]?: EventApplier };
