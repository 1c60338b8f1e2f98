import type { Address } from "viem";
import type { ContractEvents } from "./types.ts";

/** The IMO launch's part of the world: the raise. */
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
};

export function createLaunchState(): LaunchState {
  return { settled: false, succeeded: false, target: 0n, proceedsReleased: 0n, dustSwept: false, deposited: new Map(), claimed: new Set() };
}

/** ImoLaunch: deposits, settlement, allocations, vested proceeds and dust. */
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
};
