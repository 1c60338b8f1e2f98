import type { Address } from "viem";
import type { Agent, Observation, VmAccess } from "../agents/types.ts";
import type { Scenario } from "../scenario/schema.ts";
import { openRequests } from "./world/openRequests.ts";
import type { World } from "./world/types.ts";

/** What an observation holds that does not change during a run. */
export type ObservationContext = {
  readonly scenario: Scenario;
  readonly vm: VmAccess;
  /** Sample inputs of the model. */
  readonly samples: readonly (readonly number[])[];
  readonly investors: readonly Agent[];
  readonly users: readonly Agent[];
  readonly token: Address;
  /** The oracle's fee and bonds, the NFT's mint price. */
  readonly fee: bigint;
  readonly submitterBond: bigint;
  readonly challengerBond: bigint;
  readonly mintPrice: bigint;
  /** When the raise opens and closes. */
  readonly raiseStart: number;
  readonly raiseEnd: number;
  /** Off-chain usage, when the scenario has it. */
  readonly usage?: { view(world: World, now: number): NonNullable<Observation["usage"]> } | undefined;
};

export type Clock = { readonly now: number; readonly epoch: number; readonly turn: number };

/** What every agent sees this turn: a view of the world (no copies of its maps), and the run's constants. */
export function buildObservation(context: ObservationContext, world: World, { now, epoch, turn }: Clock): Observation {
  const { oracle, game, launch, token, nft, market } = world;
  return {
    scenario: context.scenario,
    now,
    epoch,
    turn,
    requests: oracle.requests,
    unanswered: openRequests(world, "requested"),
    pending: openRequests(world, "submitted"),
    games: game.games,
    vm: context.vm,
    raise: {
      start: context.raiseStart,
      end: context.raiseEnd,
      settled: launch.settled,
      succeeded: launch.succeeded,
      claimed: launch.claimed,
      deposited: launch.deposited,
      proceedsPending: launch.succeeded && launch.proceedsReleased < launch.target,
      dustPending: launch.succeeded && !launch.dustSwept && launch.deposited.size > 0 && launch.claimed.size === launch.deposited.size,
      harvestPending: launch.succeeded && !launch.dustSwept && token.currentSnapshotId > launch.harvestedThrough,
    },
    token: {
      address: context.token,
      currentSnapshotId: token.currentSnapshotId,
      nextSnapshotAt: token.nextSnapshotAt,
      snapshotTimes: token.snapshotTimes,
      balances: token.balances,
      claimable: token.claimable,
      lastBurnSnapshot: token.lastBurnSnapshot,
    },
    oracle: {
      credits: oracle.credits,
      tokenCredit: oracle.tokenCredit,
      fee: context.fee,
      submitterBond: context.submitterBond,
      challengerBond: context.challengerBond,
      releasable: [...oracle.releasable.values()],
    },
    nft: {
      enabled: context.scenario.demand.nftMintProbability > 0,
      mintPrice: context.mintPrice,
      tokens: nft.tokens,
      // By token id, as a scan of every NFT listed them (the index keeps them in the order they were listed).
      listed: [...nft.listed.values()].sort((a, b) => (a.tokenId < b.tokenId ? -1 : a.tokenId > b.tokenId ? 1 : 0)),
      minted: nft.minted,
      approved: nft.approvedMarket,
      marketCredits: market.credits,
      tokenOfRequest: nft.tokenOfRequest,
    },
    samples: context.samples,
    investors: context.investors,
    users: context.users,
    ...(context.usage ? { usage: context.usage.view(world, now) } : {}),
  };
}
