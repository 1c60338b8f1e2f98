import { join } from "node:path";
import type { Address } from "viem";
import type { TxOutcome } from "../chain/executor.ts";
import type { GameRecord, RequestRecord, WorldEvent } from "../engine/world/types.ts";
import { createTableWriter, type TableWriter } from "./createTableWriter.ts";
import { usageFlowsOf } from "./usageFlows.ts";

/** Column lists of the run folder's tables: the contract between a run and its report. */
export const TABLES = {
  transactions: ["epoch", "turn", "block", "time", "agent", "role", "contract", "function", "status", "gas_used", "value_wei"],
  requests: [
    "request_id",
    "kind",
    "requester",
    "fee_wei",
    "requested_block",
    "requested_time",
    "submitted_block",
    "submitted_time",
    "window_end_time",
    "first_submitter",
    "first_result_wrong",
    "challenged_block",
    "challenged_time",
    "claims",
    "vouches",
    "games",
    "defeated_claims",
    "bisection_moves",
    "last_game_end_block",
    "last_game_end_time",
    "corrections",
    "corrected_block",
    "corrected_time",
    "finalized_block",
    "finalized_time",
    "winning_claim",
    "winning_owner",
    "final_wrong",
    "griefed",
    "expired",
  ],
  disputes: [
    "game_id",
    "request_id",
    "defender",
    "challenger",
    "defender_role",
    "challenger_role",
    "target_claim",
    "challenger_claim",
    "opened_block",
    "opened_time",
    "ended_block",
    "ended_time",
    "moves",
    "winner",
    "how",
    "outcome",
    "bond_lost_wei",
    "to_winner_wei",
    "slashed_wei",
  ],
  flows: ["epoch", "block", "time", "movement", "kind", "from", "to", "amount_wei", "request_id", "from_address", "to_address"],
  epochs: [
    "epoch",
    "time",
    "block",
    "transactions",
    "reverted",
    "gas_used",
    "requests",
    "submissions",
    "wrong_submissions",
    "challenges",
    "finalized",
    "wrong_finalized",
    "snapshot_id",
    "token_pending_wei",
    "token_open_claimable_wei",
    "token_redeem_pool_wei",
    "token_claimed_wei",
    "token_redeemed_wei",
  ],
  /** What agents' states record for the reports (`state.record`), each epoch: long format, one row per agent and figure. */
  agent_epochs: ["epoch", "agent", "role", "metric", "value"],
  /**
   * The token's snapshots, from its Snapshot events: whoever took them (the keeper's `snapshot`, or a launch
   * collection that takes the due snapshot first), with the eligible supply in token wei.
   */
  snapshots: ["snapshot_id", "epoch", "block", "time", "eligible_supply"],
  /**
   * The token's Uniswap v2 market at each epoch's end (a run without one writes `listed` false and zeros): price and
   * reserves, what a burn redeems, the fundamental traders' mean value (the revenue-implied value), market cap
   * against revenue-implied cap, and the epoch's swaps, ETH volume and fees.
   */
  market: [
    "epoch",
    "time",
    "listed",
    "price_wei_per_token",
    "reserve_tokens",
    "reserve_eth_wei",
    "redeem_wei_per_token",
    "fundamental_value_wei_per_token",
    "market_cap_wei",
    "revenue_implied_cap_wei",
    "swaps",
    "buys",
    "sells",
    "volume_eth_wei",
    "fees_eth_wei",
  ],
  /**
   * Every Transfer of the token, named (sim/market/tokenMoves.ts): pool buys and sales carry the ETH side of their
   * swap (paid in, fee included; got out); burns, mints and plain transfers carry none. What each holder bought,
   * sold and holds is rebuilt from it (report/holderReturns.ts).
   */
  token_moves: ["epoch", "block", "time", "kind", "from", "to", "amount_wei", "eth_wei", "from_address", "to_address"],
  /** At the run's end: what each address that ever received the token can still claim, per snapshot of the open window. */
  claimable_end: ["agent", "snapshot_id", "claimable_wei", "address"],
} as const;

/** Tables a run writes only when its scenario opens the token's market (`market.enabled`). */
export const MARKET_TABLES = {
  /**
   * Liquidity positions in the token's pair at each epoch's end (sim/market/lpReturns.ts): each liquidity
   * provider that has deposited, and the liquidity recipient's position from the launch; what was deposited and
   * withdrawn, the open position's value at the pool's price, what removals realized, and the return against
   * holding the deposits split into impermanent loss and fees (value + realized = hold + loss + fees).
   */
  lp: [
    "epoch",
    "time",
    "lp",
    "role",
    "lp_tokens",
    "lp_supply",
    "eth_deposited_wei",
    "tokens_deposited",
    "eth_withdrawn_wei",
    "tokens_withdrawn",
    "position_value_wei",
    "realized_value_wei",
    "hold_value_wei",
    "impermanent_loss_wei",
    "fees_wei",
    "against_hold_wei",
  ],
} as const;

type RowOf<K extends keyof typeof TABLES> = Record<(typeof TABLES)[K][number], string | number | bigint | boolean | undefined>;

export type FlowRow = RowOf<"flows">;
export type EpochRow = RowOf<"epochs">;
export type AgentEpochRow = RowOf<"agent_epochs">;
export type SnapshotRow = RowOf<"snapshots">;
export type MarketRow = RowOf<"market">;
export type TokenMoveRow = RowOf<"token_moves">;
export type ClaimableEndRow = RowOf<"claimable_end">;
export type LpRow = Record<(typeof MARKET_TABLES)["lp"][number], string | number | bigint | boolean | undefined>;

export type Recorder = {
  transaction(epoch: number, turn: number, outcome: TxOutcome): void;
  flow(row: FlowRow): void;
  request(record: RequestRecord): void;
  dispute(record: GameRecord): void;
  epoch(row: EpochRow): void;
  agentEpoch(row: AgentEpochRow): void;
  snapshot(row: SnapshotRow): void;
  market(row: MarketRow): void;
  tokenMove(row: TokenMoveRow): void;
  claimableEnd(row: ClaimableEndRow): void;
  lp(row: LpRow): void;
  /** Rows written per table. */
  counts(): Record<keyof typeof TABLES, number>;
  close(): Promise<void>;
};

export type CreateRecorderParameters = {
  dir: string;
  /** Who an address is (agent id, or a contract or party name). */
  nameOf(address: Address | undefined): string;
  /** The role or party kind of an address. */
  roleOf(address: Address | undefined): string;
  /** Whether the run opens the token's market: then it also writes MARKET_TABLES (lp.csv). */
  market?: boolean | undefined;
};

/** Streams every table of a run to CSV files in `dir` as rows happen. */
export function createRecorder({ dir, nameOf, roleOf, market = false }: CreateRecorderParameters): Recorder {
  const writers = Object.fromEntries(
    Object.entries(TABLES).map(([name, columns]) => [name, createTableWriter<Record<string, string | number | bigint | boolean | undefined>>(join(dir, `${name}.csv`), columns)]),
  ) as { [K in keyof typeof TABLES]: TableWriter<RowOf<K>> };
  const lpWriter = market ? createTableWriter<LpRow>(join(dir, "lp.csv"), MARKET_TABLES.lp) : undefined;
  const all: Record<string, TableWriter<never>> = lpWriter ? { ...writers, lp: lpWriter } : writers;

  return {
    transaction(epoch, turn, outcome) {
      const [contract, fn] = (outcome.request.label ?? "?.?").split(".");
      writers.transactions.write({
        epoch,
        turn,
        block: outcome.blockNumber,
        time: outcome.blockTimestamp,
        agent: nameOf(outcome.request.from),
        role: roleOf(outcome.request.from),
        contract,
        function: fn,
        status: outcome.status,
        gas_used: outcome.gasUsed,
        value_wei: outcome.request.value ?? 0n,
      });
    },
    flow(row) {
      writers.flows.write(row);
    },
    request(r) {
      writers.requests.write({
        request_id: r.id,
        kind: r.kind,
        requester: nameOf(r.requester),
        fee_wei: r.fee,
        requested_block: r.requestedBlock,
        requested_time: r.requestedTime,
        submitted_block: r.submittedBlock,
        submitted_time: r.submittedTime,
        window_end_time: r.windowEnd,
        first_submitter: r.firstSubmitter ? nameOf(r.firstSubmitter) : undefined,
        first_result_wrong: r.firstResultWrong,
        challenged_block: r.challengedBlock,
        challenged_time: r.challengedTime,
        claims: r.claims,
        vouches: r.vouches,
        games: r.games,
        defeated_claims: r.defeatedClaims,
        bisection_moves: r.bisectionMoves,
        last_game_end_block: r.lastGameEndBlock,
        last_game_end_time: r.lastGameEndTime,
        corrections: r.corrections,
        corrected_block: r.correctedBlock,
        corrected_time: r.correctedTime,
        finalized_block: r.finalizedBlock,
        finalized_time: r.finalizedTime,
        winning_claim: r.winningClaim,
        winning_owner: r.winningOwner ? nameOf(r.winningOwner) : undefined,
        final_wrong: r.finalWrong,
        griefed: r.griefed,
        expired: r.expired,
      });
    },
    dispute(g) {
      writers.disputes.write({
        game_id: g.id,
        request_id: g.requestId,
        defender: nameOf(g.defender),
        challenger: nameOf(g.challenger),
        defender_role: roleOf(g.defender),
        challenger_role: roleOf(g.challenger),
        target_claim: g.targetClaim,
        challenger_claim: g.challengerClaim,
        opened_block: g.openedBlock,
        opened_time: g.openedTime,
        ended_block: g.endedBlock,
        ended_time: g.endedTime,
        moves: g.moves,
        winner: g.winner,
        how: g.how,
        outcome: g.outcome,
        bond_lost_wei: g.outcome === undefined ? undefined : g.bondLost,
        to_winner_wei: g.outcome === undefined ? undefined : g.toWinner,
        slashed_wei: g.outcome === undefined ? undefined : g.slashed,
      });
    },
    epoch(row) {
      writers.epochs.write(row);
    },
    agentEpoch(row) {
      writers.agent_epochs.write(row);
    },
    snapshot(row) {
      writers.snapshots.write(row);
    },
    lp(row) {
      if (!lpWriter) throw new Error("an lp row in a run without a market (the recorder was created without market tables)");
      lpWriter.write(row);
    },
    market(row) {
      writers.market.write(row);
    },
    tokenMove(row) {
      writers.token_moves.write(row);
    },
    claimableEnd(row) {
      writers.claimable_end.write(row);
    },
    counts() {
      return Object.fromEntries(Object.entries(all).map(([name, w]) => [name, w.rows])) as Record<keyof typeof TABLES, number>;
    },
    async close() {
      await Promise.all(Object.values(all).map((w) => w.close()));
    },
  };
}

const ETH: Address = "0x0000000000000000000000000000000000000000";

/** Flow rows (ETH movements and oracle credit bookkeeping) that one decoded event implies. */
export function flowsOf(event: WorldEvent, epoch: number, parties: { oracle: Address; token: Address; nft: Address; market: Address; launch: Address; treasury: Address; protocolTreasury: Address; modelOwner: Address; ledger?: Address | undefined }, nameOf: (a: Address | undefined) => string): FlowRow[] {
  if (event.contract === "UsageLedger") return usageFlowsOf(event, epoch, parties.ledger, nameOf);
  const a = event.args;
  const rows: FlowRow[] = [];
  const row = (movement: "eth" | "credit", kind: string, from: Address | undefined, to: Address | undefined, amount: bigint, requestId?: bigint): void => {
    if (amount === 0n) return;
    rows.push({
      epoch,
      block: event.blockNumber,
      time: event.time,
      movement,
      kind,
      from: nameOf(from),
      to: nameOf(to),
      amount_wei: amount,
      request_id: requestId,
      from_address: from,
      to_address: to,
    });
  };
  switch (`${event.contract}.${event.name}`) {
    case "OpmlOracle.FeeSplit": {
      const b = a.breakdown as { receiver: Address; receiverShare: bigint; modelOwner: Address; ownerShare: bigint; protocolFee: bigint; escrow: bigint; refund: bigint };
      const id = a.requestId as bigint;
      row("credit", "model-fee-to-token", parties.oracle, b.receiver, b.receiverShare, id);
      row("credit", "model-fee-to-owner", parties.oracle, b.modelOwner, b.ownerShare, id);
      row("credit", "protocol-fee", parties.oracle, parties.protocolTreasury, b.protocolFee, id);
      row("credit", "escrow", parties.oracle, parties.oracle, b.escrow, id);
      row("credit", "overpayment-refund", parties.oracle, undefined, b.refund, id);
      break;
    }
    case "OpmlOracle.RequestExpired":
      row("credit", "expired-escrow-refund", parties.oracle, a.requester as Address, a.refund as bigint, a.requestId as bigint);
      break;
    case "OpmlOracle.ResultFinalized":
      row("credit", "submitter-paid", parties.oracle, a.submitter as Address, a.paid as bigint, a.requestId as bigint);
      break;
    case "OpmlOracle.ClaimDefeated":
      // A defeated claim's bond: the winner's share to the owner of the claim that beat it, the rest slashed.
      row("credit", "bond-to-winner", parties.oracle, a.winner as Address, a.toWinner as bigint, a.requestId as bigint);
      row("credit", "bond-slashed", parties.oracle, undefined, a.slashed as bigint, a.requestId as bigint);
      break;
    case "OpmlOracle.BondReleased":
      row("credit", "bond-released", parties.oracle, a.owner as Address, a.amount as bigint, a.requestId as bigint);
      break;
    case "OpmlOracle.ProtocolFeesCollected":
      row("credit", "protocol-fees-collected", parties.oracle, a.treasury as Address, a.amount as bigint);
      break;
    case "OpmlOracle.Withdrawn": {
      const account = (a.account as Address).toLowerCase();
      const kind = account === parties.token.toLowerCase() ? "model-fee-flushed" : account === parties.nft.toLowerCase() ? "nft-oracle-credit-pulled" : "oracle-withdrawal";
      row("eth", kind, parties.oracle, a.account as Address, a.amount as bigint);
      break;
    }
    case "AigcNFT.MintRequested":
      row("eth", "nft-mint-fee", parties.nft, parties.token, a.mintFee as bigint, a.requestId as bigint);
      row("eth", "nft-oracle-fee", parties.nft, parties.oracle, a.oracleFee as bigint, a.requestId as bigint);
      break;
    case "AigcNFT.ContentRerequested":
      row("eth", "nft-oracle-fee", parties.nft, parties.oracle, a.oracleFee as bigint, a.requestId as bigint);
      break;
    case "AigcNFT.MintRefunded":
      row("eth", "nft-escrow-refund", parties.nft, a.requester as Address, a.refund as bigint, a.requestId as bigint);
      // The push failed: the refund stayed in the NFT as the payer's credit.
      if (a.credited as boolean) row("eth", "nft-refund-credited", a.requester as Address, parties.nft, a.refund as bigint, a.requestId as bigint);
      break;
    case "AigcNFT.CreditWithdrawn":
      row("eth", "nft-credit-withdrawal", parties.nft, a.to as Address, a.amount as bigint);
      break;
    case "RoyaltyMarket.Sold": {
      const price = a.price as bigint;
      const royalty = a.royalty as bigint;
      row("eth", "royalty", parties.market, a.royaltyReceiver as Address, royalty);
      row("eth", "sale-proceeds", parties.market, a.seller as Address, price - royalty);
      break;
    }
    case "RoyaltyMarket.PaymentCredited":
      // The push to the seller failed: the money stayed in the market as a credit.
      row("eth", "sale-proceeds-credited", a.account as Address, parties.market, a.amount as bigint);
      break;
    case "RoyaltyMarket.Withdrawn":
      row("eth", "market-withdrawal", parties.market, a.to as Address, a.amount as bigint);
      break;
    case "ImoLaunch.AllocationClaimed":
      row("eth", "raise-refund", parties.launch, a.investor as Address, a.refund as bigint);
      break;
    case "ImoLaunch.Withdrawn":
      row("eth", "raise-withdrawal", parties.launch, a.investor as Address, a.amount as bigint);
      break;
    case "ImoLaunch.ProceedsReleased":
      row("eth", "raise-proceeds", parties.launch, a.treasury as Address, a.amount as bigint);
      break;
    case "ImoLaunch.LiquidityAdded":
      // The launch wrapped part of the proceeds as WETH and added it to the token's Uniswap v2 pair.
      row("eth", "raise-liquidity", parties.launch, a.pair as Address, a.eth as bigint);
      break;
    case "ImoLaunch.DustSwept":
      row("eth", "raise-dust", parties.launch, parties.treasury, a.ethDust as bigint);
      break;
    case "ImoLaunch.RevenuePaid":
      if ((a.asset as Address) === ETH) row("eth", "launch-revenue-paid", parties.launch, a.investor as Address, a.amount as bigint);
      break;
    case "ImoLaunch.RevenueRecycled":
      if ((a.asset as Address) === ETH) row("eth", "launch-revenue-recycled", parties.launch, parties.token, a.amount as bigint);
      break;
    case "ImoLaunch.PaymentCredited":
      // The push failed: the payment stayed in the launch as the payee's credit.
      if ((a.asset as Address) === ETH) row("eth", "launch-payment-credited", a.account as Address, parties.launch, a.amount as bigint);
      break;
    case "ImoLaunch.CreditWithdrawn":
      if ((a.asset as Address) === ETH) row("eth", "launch-credit-withdrawal", parties.launch, a.to as Address, a.amount as bigint);
      break;
    case "RevShareToken.RevenueClaimed":
      if ((a.asset as Address) === ETH) {
        const byLaunch = (a.account as Address).toLowerCase() === parties.launch.toLowerCase();
        row("eth", byLaunch ? "launch-revenue-harvested" : "revenue-claimed", parties.token, a.account as Address, a.amount as bigint);
      }
      break;
    case "RevShareToken.BurnRedeemed":
      if ((a.asset as Address) === ETH) {
        const byLaunch = (a.account as Address).toLowerCase() === parties.launch.toLowerCase();
        row("eth", byLaunch ? "launch-burn-redeemed" : "burn-redeemed", parties.token, a.account as Address, a.amount as bigint);
      }
      break;
    case "RevShareToken.PayoutCredited":
      // The push failed: the payout stayed in the token as the holder's credit.
      if ((a.asset as Address) === ETH) row("eth", "token-payout-credited", a.account as Address, parties.token, a.amount as bigint);
      break;
    case "RevShareToken.CreditWithdrawn":
      if ((a.asset as Address) === ETH) row("eth", "token-credit-withdrawal", parties.token, a.to as Address, a.amount as bigint);
      break;
    case "RevShareToken.RevenueSplit":
      if ((a.asset as Address) === "0x0000000000000000000000000000000000000000") {
        row("credit", "revenue-to-claimable", parties.token, parties.token, a.toClaimable as bigint);
        row("credit", "revenue-to-redeem-pool", parties.token, parties.token, a.toRedeemPool as bigint);
        row("credit", a.rolledForward ? "unclaimed-rolled-forward" : "unclaimed-to-redeem-pool", parties.token, parties.token, a.expiredUnclaimed as bigint);
      }
      break;
  }
  return rows;
}
