import type { Address } from "viem";
import type { ContractEvents } from "./types.ts";

/** The IMO launch's part of the world: the raise, and how far it harvested its sale tokens' revenue. */
export type LaunchState = {
  settled: boolean;
  succeeded: boolean;
  /** The raise target (all of it vests). */
  target: bigint;
  /** Proceeds released to the treasury so far. */
  proceedsReleased: bigint;
  dustSwept: boolean;
  /** Each investor's total deposit (lower-cased address → wei). */
  readonly deposited: Map<string, bigint>;
  /** Investors who claimed their allocation (lower-cased addresses). */
  readonly claimed: Set<string>;
  /** The launch's harvest cursor: every snapshot up to this id was harvested (or had nothing for the launch). */
  harvestedThrough: number;
};

export function createLaunchState(): LaunchState {
  return { settled: false, succeeded: false, target: 0n, proceedsReleased: 0n, dustSwept: false, deposited: new Map(), claimed: new Set(), harvestedThrough: 0 };
}

/** ImoLaunch: deposits, settlement, allocations, vested proceeds, dust and the harvest cursor. */
export const launchEvents: ContractEvents<"ImoLaunch"> = {
  Deposited({ launch }, e) {
    launch.deposited.set((e.args.investor as Address).toLowerCase(), e.args.investorTotal as bigint);
  },
  Settled({ launch }, e) {
    launch.settled = true;
    launch.succeeded = e.args.succeeded as boolean;
    launch.target = e.args.target as bigint;
  },
  DustSwept({ launch }) {
    launch.dustSwept = true;
  },
  ProceedsReleased({ launch }, e) {
    launch.proceedsReleased = e.args.totalReleased as bigint;
  },
  AllocationClaimed({ launch }, e) {
    launch.claimed.add((e.args.investor as Address).toLowerCase());
  },
  // Every move of the cursor (a harvest, by the keeper or inside a collection, settlement, the sweep) emits this.
  HarvestCursorMoved({ launch }, e) {
    launch.harvestedThrough = Number(e.args.harvestedThrough as bigint);
  },
};
