import type { Address } from "viem";
import type { ContractEvents } from "./types.ts";

/** The revenue-share token's part of the world. */
export type TokenState = {
  currentSnapshotId: number;
  nextSnapshotAt: number;
  readonly snapshotTimes: number[];
  /** Set by a snapshot; the engine then reads what holders can claim, and clears it. */
  snapshotHappened: boolean;
  /** Balances of investors (lower-cased address → token wei). */
  readonly balances: Map<string, bigint>;
  /** What each investor can claim, per open snapshot (read after each snapshot; claims remove entries). */
  readonly claimable: Map<string, Map<number, bigint>>;
  /** Snapshot id current when each holder last burned. */
  readonly lastBurnSnapshot: Map<string, number>;
};

/** `nextSnapshotAt` is read from the token once it is deployed. */
export function createTokenState(nextSnapshotAt = 0): TokenState {
  return { currentSnapshotId: 0, nextSnapshotAt, snapshotTimes: [], snapshotHappened: false, balances: new Map(), claimable: new Map(), lastBurnSnapshot: new Map() };
}

/** RevShareToken: investors' balances, snapshots, claims and burns. */
export const tokenEvents: ContractEvents<"RevShareToken"> = {
  Transfer({ token }, e, { investors }) {
    const from = (e.args.from as Address).toLowerCase();
    const to = (e.args.to as Address).toLowerCase();
    const value = e.args.value as bigint;
    if (investors.has(from)) token.balances.set(from, (token.balances.get(from) ?? 0n) - value);
    if (investors.has(to)) token.balances.set(to, (token.balances.get(to) ?? 0n) + value);
  },
  Snapshot({ token }, e, { snapshotInterval }) {
    token.currentSnapshotId = Number(e.args.snapshotId as bigint);
    token.nextSnapshotAt = Number(e.args.timestamp as bigint) + snapshotInterval;
    token.snapshotTimes.push(Number(e.args.timestamp as bigint));
    token.snapshotHappened = true;
  },
  RevenueClaimed({ token }, e) {
    token.claimable.get((e.args.account as Address).toLowerCase())?.delete(Number(e.args.snapshotId as bigint));
  },
  BurnRedeemed({ token }, e) {
    token.lastBurnSnapshot.set((e.args.account as Address).toLowerCase(), token.currentSnapshotId);
  },
};
