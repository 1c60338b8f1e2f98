import type { Address, Hex } from "viem";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { Receipt, SumNode } from "../usage/index.ts";
import type { FinalState, StepProof } from "../vm/index.ts";
import type { UsageView } from "./usageView.ts";

/** Every kind of agent the simulator runs. */
export type Role =
  | "investor"
  | "user"
  | "honest-submitter"
  | "malicious-submitter"
  | "honest-challenger"
  | "lazy-challenger"
  | "griefer"
  | "colluding-submitter"
  | "colluding-challenger"
  | "keeper"
  | "honest-operator"
  | "under-reporting-operator"
  | "strategic-operator"
  | "offchain-user"
  | "usage-keeper"
  | "fundamental-trader"
  | "noise-trader"
  | "burn-arbitrageur"
  | "liquidity-provider";

/** How a holder (an investor who kept its tokens) treats its revenue. */
export type HolderStrategy = "claim-every-snapshot" | "claim-late" | "never-claim" | "burn-after-snapshot" | "burn-before-snapshot" | "passive";

export type Agent = {
  /** Stable name, e.g. "honest-submitter-0". */
  readonly id: string;
  readonly role: Role;
  readonly index: number;
  readonly address: Address;
  /** Investors only. */
  readonly holderStrategy?: HolderStrategy | undefined;
};

/** Actions are plain data; the engine's executor turns them into transactions. */
export type Action =
  | { kind: "deposit"; agent: Agent; value: bigint }
  | { kind: "settleRaise"; agent: Agent }
  | { kind: "releaseProceeds"; agent: Agent }
  | { kind: "sweepRaiseDust"; agent: Agent }
  | { kind: "harvestLaunch"; agent: Agent }
  | { kind: "reclaimExpiredMint"; agent: Agent; tokenId: bigint }
  | { kind: "claimAllocation"; agent: Agent }
  | { kind: "request"; agent: Agent; input: readonly number[]; fee: bigint }
  | { kind: "mintNft"; agent: Agent; input: readonly number[]; value: bigint }
  | { kind: "submit"; agent: Agent; requestId: bigint; output: Hex; finalState: Hex; bond: bigint; lie: boolean }
  /** Posts a claim with `finalState` against claim `target` of the request, opening one game (its owner defends). */
  | { kind: "challenge"; agent: Agent; requestId: bigint; target: number; output: Hex; finalState: Hex; bond: bigint }
  /** Posts a bonded copy of claim `claimIndex` (no game). */
  | { kind: "vouch"; agent: Agent; requestId: bigint; claimIndex: number; bond: bigint }
  /** Credits the bond of an undefeated claim that did not win back to its owner (after finality). */
  | { kind: "releaseBond"; agent: Agent; requestId: bigint; claimIndex: number }
  | { kind: "bisect"; agent: Agent; gameId: bigint; midHash: Hex }
  | { kind: "respond"; agent: Agent; gameId: bigint; agree: boolean }
  | { kind: "step"; agent: Agent; gameId: bigint; proof: Hex }
  | { kind: "timeout"; agent: Agent; gameId: bigint }
  | { kind: "finalize"; agent: Agent; requestIds: readonly bigint[] }
  | { kind: "withdrawCredit"; agent: Agent }
  | { kind: "flush"; agent: Agent; account: Address }
  | { kind: "collectProtocolFees"; agent: Agent }
  | { kind: "snapshot"; agent: Agent }
  | { kind: "claimRevenue"; agent: Agent; snapshotIds: readonly number[] }
  | { kind: "burn"; agent: Agent; amount: bigint }
  | { kind: "transfer"; agent: Agent; to: Address; amount: bigint }
  | { kind: "approveMarket"; agent: Agent }
  | { kind: "list"; agent: Agent; tokenId: bigint; price: bigint }
  | { kind: "buy"; agent: Agent; tokenId: bigint; price: bigint }
  | { kind: "withdrawMarketCredit"; agent: Agent }
  | { kind: "approveRouter"; agent: Agent }
  | { kind: "swapEthForTokens"; agent: Agent; ethIn: bigint; minOut: bigint; deadline: number }
  | { kind: "swapTokensForEth"; agent: Agent; tokensIn: bigint; minOut: bigint; deadline: number }
  /** Approves the router for the agent's LP tokens of the token's pair. */
  | { kind: "approvePair"; agent: Agent }
  | { kind: "addLiquidityEth"; agent: Agent; tokens: bigint; eth: bigint; tokenMin: bigint; ethMin: bigint; deadline: number }
  | { kind: "removeLiquidityEth"; agent: Agent; liquidity: bigint; tokenMin: bigint; ethMin: bigint; deadline: number }
  | UsageAction;

/** A period's report as the `Reported` event gives it back (`IUsageLedger.Report`). */
export type UsageReport = { readonly start: bigint; readonly count: bigint; readonly total: bigint; readonly root: Hex; readonly reportedAt: number };

/**
 * Actions of the usage ledger's agents. Receipts are named by operator and sequence: the holder keeps the receipt
 * off chain, and the engine fills in `receipt` (and `signature`, for evidence the ledger verifies) before it is sent.
 * `useOffchain` and `requestUsageProof` are off-chain: the engine serves them from the off-chain book, never as
 * transactions.
 */
export type UsageAction =
  | { kind: "useOffchain"; agent: Agent; operator: Address }
  | { kind: "requestUsageProof"; agent: Agent; operator: Address; period: number; sequence: bigint; report: UsageReport }
  | { kind: "registerOperator"; agent: Agent; bond: bigint }
  | { kind: "reportUsage"; agent: Agent; period: number; start: bigint; count: bigint; total: bigint; root: Hex; hidden: readonly bigint[]; value: bigint }
  | { kind: "answerChallenge"; agent: Agent; operator: Address; sequence: bigint; report: UsageReport; proof: readonly SumNode[]; receipt?: Receipt | undefined; signature?: Hex | undefined }
  | { kind: "challengeReceipt"; agent: Agent; operator: Address; sequence: bigint; report: UsageReport; bond: bigint; askedFirst: boolean; receipt?: Receipt | undefined; signature?: Hex | undefined }
  | { kind: "proveOutOfRange"; agent: Agent; operator: Address; sequence: bigint; report: UsageReport; receipt?: Receipt | undefined; signature?: Hex | undefined }
  | { kind: "provePriceAboveTotal"; agent: Agent; operator: Address; sequence: bigint; report: UsageReport; receipt?: Receipt | undefined; signature?: Hex | undefined }
  | { kind: "slashUnanswered"; agent: Agent; operator: Address; sequence: bigint; receipt?: Receipt | undefined; signature?: Hex | undefined }
  | { kind: "slashOverdue"; agent: Agent; operator: Address }
  | { kind: "flushUsageRevenue"; agent: Agent }
  | { kind: "withdrawUsageCredit"; agent: Agent };

export type ActionKind = Action["kind"];

/** How a claim came to be (the oracle's `ClaimKind`). */
export type ClaimKind = "submission" | "challenge" | "vouch";

/** One claim about a request's final state, as the agents see it (rebuilt from `ClaimPosted` and `ClaimDefeated`). */
export type ClaimView = {
  /** Its index: 0 is the submission, then claims in the order they were posted. */
  readonly index: number;
  readonly owner: Address;
  readonly kind: ClaimKind;
  /** A challenge's target (the other side of its game); a vouch's source (the claim whose final state it copies); 0 for the submission. */
  readonly parent: number;
  readonly stateHash: Hex;
  /** The game a challenge opened (undefined for the submission and vouches). */
  readonly gameId: bigint | undefined;
  /** Timestamp of the block that posted it. */
  readonly postedAt: number;
  /** Lost a game: it can never lead, be challenged or be vouched for again. */
  defeated: boolean;
  /** Wei the oracle still holds for it (0 once slashed, paid with the reward or released). */
  bond: bigint;
};

/** A request as the agents see it (rebuilt from the oracle's events). */
export type RequestView = {
  readonly id: bigint;
  readonly requester: Address;
  readonly input: readonly number[];
  readonly requestedAt: number;
  status: "requested" | "submitted" | "finalized";
  /** Owner of claim 0 (the submission). */
  submitter: Address | undefined;
  /** Claim 0's final state hash: the result the callback got at submission. */
  resultStateHash: Hex | undefined;
  submittedAt: number;
  /** Last second at which claims may be posted (fixed at submission). */
  windowEnd: number;
  /** Games of the request not yet ended (finality waits for them). */
  openGames: number;
  /** When the last game ended (0 while none has). */
  lastGameEndAt: number;
  /** Every claim, by index (claim 0 the submission); empty before a result. */
  claims: ClaimView[];
  /** The undefeated claim with the smallest index: the result if the request finalized now. */
  leader: number;
  /** Who owns what: lower-cased owner → indices of its claims, in order. */
  owners: Map<string, number[]>;
};

/** The bond of an undefeated claim of a final request that did not win: `releaseBond` credits it back to its owner. */
export type ReleasableBond = {
  readonly requestId: bigint;
  readonly claimIndex: number;
  readonly owner: Address;
  readonly bond: bigint;
  /** When the request finalized. */
  readonly finalizedAt: number;
};

/** A bisection game as the agents see it (rebuilt from the game's and the oracle's events). */
export type GameView = {
  readonly id: bigint;
  readonly requestId: bigint;
  /** The owner of the target claim. */
  readonly defender: Address;
  /** The owner of the claim that opened the game. */
  readonly challenger: Address;
  /** The claim the game disputes (defended by `defender`). */
  readonly targetClaim: number;
  /** The claim that opened the game (the challenger's). */
  readonly challengerClaim: number;
  lo: number;
  hi: number;
  phase: "defender-to-bisect" | "challenger-to-respond" | "defender-to-step" | "defender-won" | "challenger-won";
  midHash: Hex;
  /** Last second at which the side to move may move; after it, anyone may time the game out. */
  deadline: number;
};

/** What an NFT collector sees. */
export type NftView = {
  readonly tokenId: bigint;
  /** Owner, or the seller while it is listed (the market holds it in escrow). */
  owner: Address;
  /** Price while listed. */
  price: bigint | undefined;
};

/**
 * Deterministic access to the model VM for the request inputs (cached by the engine): honest
 * submitters and challengers compute results, commitments and proofs here.
 */
export type VmAccess = {
  /** The honest final state of a request. */
  honestFinal(requestId: bigint): FinalState;
  /** The final state of a trace with one fault (a lie); undefined when the fault does not change it. */
  faultyFinal(requestId: bigint, step: number, delta: bigint): FinalState | undefined;
  /** Commitment after `step` steps of the honest trace, or of the faulty one when `fault` is given. */
  commitment(requestId: bigint, step: number, fault?: { step: number; delta: bigint } | undefined): Hex;
  /** One-step proof of step `step` of the honest trace (from the agreed pre-state). */
  proveStep(requestId: bigint, step: number): StepProof;
  /** Trace length of the model. */
  readonly traceLength: number;
};

/** The token's Uniswap v2 market as traders see it (read at each epoch's first turn). */
export type AmmView = {
  /** Whether the raise listed the token (the pair has reserves). */
  readonly listed: boolean;
  readonly reserves: { readonly tokens: bigint; readonly eth: bigint };
  /** What burning one whole token redeems now (wei, `redeemableOnBurn(1e18)`). */
  readonly redeemPerToken: bigint;
  /** Traders' balances (lower-cased address). */
  readonly balances: ReadonlyMap<string, { readonly eth: bigint; readonly tokens: bigint }>;
  /** The latest snapshot: the claimable ETH it opened per whole eligible token (wei, as a float). */
  readonly lastSnapshot: { readonly id: number; readonly revenuePerToken: number } | undefined;
  /** The pair's LP token supply, and the liquidity providers' LP tokens (lower-cased address). */
  readonly lpSupply: bigint;
  readonly lpBalances: ReadonlyMap<string, bigint>;
  /** The pool's fees in each epoch so far (wei, as `market.fees_eth_wei`), oldest first. */
  readonly feesByEpoch: readonly bigint[];
};

/** Everything an agent may know at one turn. Agents never read the chain or the clock directly. */
export type Observation = {
  readonly scenario: Scenario;
  /** Timestamp of the block this turn's actions will be mined in. */
  readonly now: number;
  readonly epoch: number;
  /** Turn within the epoch (0 .. epoch.blocks - 1). */
  readonly turn: number;
  readonly requests: ReadonlyMap<bigint, RequestView>;
  /** Requests waiting for a result, oldest first. */
  readonly unanswered: readonly RequestView[];
  /** Requests with a result that is not final, oldest first. */
  readonly pending: readonly RequestView[];
  readonly games: ReadonlyMap<bigint, GameView>;
  readonly vm: VmAccess;
  readonly raise: {
    readonly start: number;
    readonly end: number;
    readonly settled: boolean;
    readonly succeeded: boolean;
    readonly claimed: ReadonlySet<string>;
    readonly deposited: ReadonlyMap<string, bigint>;
    /** Whether raise proceeds have vested and wait to be released to the treasury. */
    readonly proceedsPending: boolean;
    /** Whether every investor has claimed and the rounding dust is still in the launch. */
    readonly dustPending: boolean;
    /**
     * Whether the launch still holds sale tokens for investors (a met raise, dust not swept) and a snapshot
     * was taken since it last harvested: their revenue must be harvested before the snapshot's window closes.
     */
    readonly harvestPending: boolean;
  };
  readonly token: {
    readonly address: Address;
    readonly currentSnapshotId: number;
    readonly nextSnapshotAt: number;
    readonly snapshotTimes: readonly number[];
    /** Balances of investors (lower-cased address → token wei). */
    readonly balances: ReadonlyMap<string, bigint>;
    /** What each investor can claim now, per open snapshot (lower-cased address → snapshot id → wei). */
    readonly claimable: ReadonlyMap<string, ReadonlyMap<number, bigint>>;
    /** Snapshot id current when each holder last burned. */
    readonly lastBurnSnapshot: ReadonlyMap<string, number>;
  };
  readonly oracle: {
    /** Pull credit of an agent at the oracle (lower-cased address → wei). */
    readonly credits: ReadonlyMap<string, bigint>;
    /** Credit of the model's token waiting to be flushed. */
    readonly tokenCredit: bigint;
    readonly fee: bigint;
    readonly submitterBond: bigint;
    readonly challengerBond: bigint;
    /** Bonds of final requests waiting for `releaseBond`, oldest first. */
    readonly releasable: readonly ReleasableBond[];
  };
  readonly nft: {
    readonly enabled: boolean;
    readonly mintPrice: bigint;
    readonly tokens: ReadonlyMap<bigint, NftView>;
    /** NFTs for sale now, by token id. */
    readonly listed: readonly NftView[];
    /** Every NFT in the order it was minted. */
    readonly minted: readonly NftView[];
    /** Lower-cased addresses that approved the market. */
    readonly approved: ReadonlySet<string>;
    /** Market credit of an agent (a sale paid into its pull balance). */
    readonly marketCredits: ReadonlyMap<string, bigint>;
    /** The NFT token whose content each NFT request produces (request id → token id). */
    readonly tokenOfRequest: ReadonlyMap<bigint, bigint>;
  };
  /** Sample inputs of the model (real data points users send, with noise). */
  readonly samples: readonly (readonly number[])[];
  /** Investors (holders), for transfers between them. */
  readonly investors: readonly Agent[];
  /** Users, for NFT buyers. */
  readonly users: readonly Agent[];
  /** The token's market, when the scenario opens one. */
  readonly amm?: AmmView | undefined;
  /** The usage ledger and the off-chain book, when the scenario has off-chain usage. */
  readonly usage?: UsageView | undefined;
};

/** A scripted policy: pure, deterministic given its inputs, and it keeps no state. */
export type Policy = (agent: Agent, observation: Observation, rng: Rng) => Action[];

/** A value an agent's state may hold: plain data (no functions, no class instances, no Maps). */
export type StateValue = string | number | boolean | bigint | null | undefined | readonly StateValue[] | { readonly [key: string]: StateValue };

/**
 * An agent's state: plain data that its policy returns beside its actions and the engine hands back next
 * turn (beliefs, trailing profit, ...). Declare it with `type`, not `interface`, so it fits the index.
 */
export type AgentState = { readonly [key: string]: StateValue };

/** The state of an agent that remembers nothing (every scripted policy). */
export type NoState = Readonly<Record<string, never>>;

/** What a policy returns: this turn's actions and the agent's next state. */
export type PolicyResult<S extends AgentState> = { actions: Action[]; state: S };

/** A policy with state, for agents that learn: `(agent, state, observation, rng) → { actions, state }`. Pure. */
export type AgentPolicy<S extends AgentState> = (agent: Agent, state: S, observation: Observation, rng: Rng) => PolicyResult<S>;

/** The policy of a population that acts as one (the model's users): one call, one state, for all members. */
export type PopulationPolicy<S extends AgentState> = (members: readonly Agent[], state: S, observation: Observation, rng: Rng) => PolicyResult<S>;

/** Every agent's state by agent id (a population's by the population's id). */
export type AgentStates = ReadonlyMap<string, AgentState>;
