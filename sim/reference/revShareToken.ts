/**
 * Reference model of RevShareToken's accounting (ERC-7641 with the IRevShareToken extensions), written
 * from the interface NatSpec (contracts/src/interfaces/IRevShareToken.sol, IERC7641.sol), not from the
 * contract's code. Pure: bigint arithmetic, no chain access. Every operation either returns
 * `{ ok: true, ... }` and changes the state, or returns `{ ok: false, error }` with the custom error name
 * the contract must revert with, and changes nothing.
 *
 * Rules:
 * - revenue booked since the last snapshot is `pending`; snapshot s splits it per asset:
 *   toClaimable = floor(pending * claimableBps / 10000), the rest to the redeem pool; a snapshot whose
 *   eligible supply is zero splits nothing (pending stays for the first snapshot with an eligible holder);
 * - the balances and eligible supply of snapshot s are the ones held when it became due
 *   (`nextSnapshotAt`): a transfer or burn at or after the due time counts for snapshot s + 1;
 * - snapshot s closes the window of e = s - claimWindow (when e >= 1): what e's pool has left (rounding
 *   dust included) joins pool(s) (RollForward) or the redeem pool (ToRedeemPool);
 * - snapshot s is claimable while current - claimWindow < s <= current, once per holder, by holders
 *   that are not revenue-excluded; a claim pays floor(pool(s) * balanceAt(s) / eligibleSupplyAt(s)) of
 *   every asset and reverts if that is zero for all of them;
 * - burn(amount) pays floor(redeemPool * amount / eligibleSupply) of every asset (eligible supply before
 *   the burn), nothing to an excluded holder;
 * - a claim or burn payout that the recipient cannot take (an ERC-20 that refuses the transfer, an account
 *   that refuses ETH: `setRefuses`) is credited to it instead; withdrawCredit(asset, to) pays the whole
 *   credit to `to`, and reverts (credit kept) if `to` refuses it;
 * - an ERC-20 asset takes at most 2^128 - 1 of revenue over its life (AmountTooLarge beyond);
 * - anything the contract holds beyond its books (force-sent ETH, plain token transfers) is booked as
 *   pending revenue by absorbSurplus.
 */

export const ETH = "0x0000000000000000000000000000000000000000";
const BPS = 10_000n;

export type UnclaimedPolicy = "RollForward" | "ToRedeemPool";

export type RevShareModelConfig = {
  claimableBps: number;
  snapshotInterval: number;
  claimWindow: number;
  unclaimedPolicy: UnclaimedPolicy;
  /** Revenue assets besides ETH (ERC-20 addresses). */
  revenueTokens: readonly string[];
  holders: readonly { account: string; amount: bigint }[];
  revenueExcluded: readonly string[];
  /** Timestamp of the deployment block: the first snapshot is allowed `snapshotInterval` later. */
  deployedAt: number;
  /** The token's own address (a transfer to it reverts). */
  self: string;
};

export type Books = {
  received: bigint;
  pending: bigint;
  openClaimable: bigint;
  redeemPool: bigint;
  claimed: bigint;
  redeemed: bigint;
  credited: bigint;
  withdrawn: bigint;
};

export type Split = {
  asset: string;
  revenue: bigint;
  toClaimable: bigint;
  toRedeemPool: bigint;
  expiredSnapshotId: number;
  expiredUnclaimed: bigint;
  rolledForward: boolean;
  pool: bigint;
};

export type Failure = { ok: false; error: string };
export type Result<T> = ({ ok: true } & T) | Failure;

/** Per asset: what is paid to (or taken from) an account. */
export type Payout = Map<string, bigint>;

type AssetBooks = { pending: bigint; openClaimable: bigint; redeemPool: bigint; claimed: bigint; redeemed: bigint; credited: bigint; withdrawn: bigint; held: bigint };
type Pool = { amount: bigint; claimed: bigint };
type SnapshotRecord = { balances: Map<string, bigint>; eligible: bigint; pools: Map<string, Pool> };

const fail = (error: string): Failure => ({ ok: false, error });
const MAX_UINT128 = (1n << 128n) - 1n;

export class RevShareTokenModel {
  readonly config: RevShareModelConfig;
  readonly assets: readonly string[];
  private readonly balances = new Map<string, bigint>();
  private readonly excluded: ReadonlySet<string>;
  private readonly books_ = new Map<string, AssetBooks>();
  /** snapshots[s - 1] is snapshot s. */
  private readonly snapshots: SnapshotRecord[] = [];
  private readonly claimedSet = new Set<string>();
  private lastSnapshotAt: number;
  /** Balances as they stood when the next snapshot became due (set by the first change at or after it). */
  private frozen: { balances: Map<string, bigint>; eligible: bigint } | undefined;
  /** Per account and asset: credited payouts not yet withdrawn. */
  private readonly credits = new Map<string, bigint>();
  /** `${asset}#${account}` pairs whose transfers fail (blacklisted, paused, ETH refused). */
  private readonly refusing = new Set<string>();

  constructor(config: RevShareModelConfig) {
    this.config = config;
    this.assets = [ETH, ...config.revenueTokens.map(norm)];
    this.excluded = new Set(config.revenueExcluded.map(norm));
    for (const h of config.holders) this.balances.set(norm(h.account), this.balanceOf(h.account) + h.amount);
    for (const asset of this.assets) {
      this.books_.set(asset, { pending: 0n, openClaimable: 0n, redeemPool: 0n, claimed: 0n, redeemed: 0n, credited: 0n, withdrawn: 0n, held: 0n });
    }
    this.lastSnapshotAt = config.deployedAt;
  }

  // ------------------------------------------------------------------ views

  balanceOf(account: string): bigint {
    return this.balances.get(norm(account)) ?? 0n;
  }

  isExcluded(account: string): boolean {
    return this.excluded.has(norm(account));
  }

  totalSupply(): bigint {
    let sum = 0n;
    for (const b of this.balances.values()) sum += b;
    return sum;
  }

  eligibleSupply(): bigint {
    let sum = 0n;
    for (const [account, b] of this.balances) if (!this.excluded.has(account)) sum += b;
    return sum;
  }

  currentSnapshotId(): number {
    return this.snapshots.length;
  }

  nextSnapshotAt(): number {
    return this.lastSnapshotAt + this.config.snapshotInterval;
  }

  /** Whether snapshot `id` can still be claimed. */
  isOpen(id: number): boolean {
    const current = this.currentSnapshotId();
    return id >= 1 && id <= current && id + this.config.claimWindow > current;
  }

  /** Snapshot ids still in their claim window, oldest first. */
  openSnapshotIds(): number[] {
    const ids: number[] = [];
    for (let id = Math.max(1, this.currentSnapshotId() - this.config.claimWindow + 1); id <= this.currentSnapshotId(); id++) ids.push(id);
    return ids;
  }

  balanceOfAt(account: string, id: number): bigint {
    return this.record(id).balances.get(norm(account)) ?? 0n;
  }

  eligibleSupplyAt(id: number): bigint {
    return this.record(id).eligible;
  }

  hasClaimed(account: string, id: number): boolean {
    return this.claimedSet.has(claimKey(account, id));
  }

  /** The claimable pool of an open snapshot and what was claimed from it. */
  snapshotPool(id: number, asset: string): Pool {
    const pool = this.record(id).pools.get(norm(asset));
    if (pool === undefined) throw new Error(`snapshotPool: ${asset} is not a revenue asset`);
    return { ...pool };
  }

  claimable(account: string, id: number, asset: string): bigint {
    if (!this.isOpen(id) || this.isExcluded(account) || this.hasClaimed(account, id)) return 0n;
    return this.share(account, id, asset);
  }

  /** The burn quote: the amount is capped at the eligible supply. */
  redeemableOnBurn(amount: bigint, asset: string): bigint {
    const eligible = this.eligibleSupply();
    if (eligible === 0n) return 0n;
    const capped = amount > eligible ? eligible : amount;
    return (this.asset(asset).redeemPool * capped) / eligible;
  }

  books(asset: string): Books {
    const b = this.asset(asset);
    return {
      received: b.pending + b.openClaimable + b.redeemPool + b.credited + b.claimed + b.redeemed + b.withdrawn,
      pending: b.pending,
      openClaimable: b.openClaimable,
      redeemPool: b.redeemPool,
      claimed: b.claimed,
      redeemed: b.redeemed,
      credited: b.credited,
      withdrawn: b.withdrawn,
    };
  }

  bookedBalance(asset: string): bigint {
    const b = this.asset(asset);
    return b.pending + b.openClaimable + b.redeemPool + b.credited;
  }

  creditOf(account: string, asset: string): bigint {
    return this.credits.get(creditKey(account, asset)) ?? 0n;
  }

  /** Whether a transfer of `asset` to `account` goes through. */
  accepts(account: string, asset: string): boolean {
    return !this.refusing.has(creditKey(account, asset));
  }

  /** What the contract holds of `asset`: booked revenue plus anything force-sent and not yet absorbed. */
  held(asset: string): bigint {
    return this.asset(asset).held;
  }

  // ------------------------------------------------------------------ operations

  /** Makes transfers of `asset` to `account` fail (or succeed again): blacklisting, ETH refused. */
  setRefuses(account: string, asset: string, refuses: boolean): void {
    if (refuses) this.refusing.add(creditKey(account, asset));
    else this.refusing.delete(creditKey(account, asset));
  }

  /** ERC-20 transfer at time `now` (OpenZeppelin's checks, then the token's own). */
  transfer(from: string, to: string, amount: bigint, now: number): Result<object> {
    if (norm(to) === ETH || norm(to) === norm(this.config.self)) return fail("ERC20InvalidReceiver");
    if (this.balanceOf(from) < amount) return fail("ERC20InsufficientBalance");
    this.freezeIfDue(now);
    this.balances.set(norm(from), this.balanceOf(from) - amount);
    this.balances.set(norm(to), this.balanceOf(to) + amount);
    return { ok: true };
  }

  /** depositRevenue / plain ETH send / depositRevenueERC20: books `amount` as pending revenue. */
  deposit(asset: string, amount: bigint): Result<object> {
    if (norm(asset) !== ETH && !this.assets.includes(norm(asset))) return fail("RevShareToken_NotRevenueToken");
    if (amount === 0n) return fail("RevShareToken_ZeroAmount");
    if (this.overCap(asset, amount)) return fail("RevShareToken_AmountTooLarge");
    const b = this.asset(asset);
    b.pending += amount;
    b.held += amount;
    return { ok: true };
  }

  /** Balance arriving without being booked (selfdestruct / setBalance, plain ERC-20 transfer). */
  forceSend(asset: string, amount: bigint): void {
    this.asset(asset).held += amount;
  }

  absorbSurplus(asset: string): Result<{ amount: bigint }> {
    if (!this.assets.includes(norm(asset))) return fail("RevShareToken_NotRevenueToken");
    const b = this.asset(asset);
    const booked = this.bookedBalance(asset);
    const amount = b.held > booked ? b.held - booked : 0n;
    if (amount > 0n && this.overCap(asset, amount)) return fail("RevShareToken_AmountTooLarge");
    b.pending += amount;
    return { ok: true, amount };
  }

  snapshot(now: number): Result<{ id: number; splits: Split[] }> {
    if (now < this.nextSnapshotAt()) return fail("RevShareToken_SnapshotTooEarly");
    const id = this.currentSnapshotId() + 1;
    const expiredSnapshotId = id > this.config.claimWindow ? id - this.config.claimWindow : 0;
    const rollForward = this.config.unclaimedPolicy === "RollForward";
    const pools = new Map<string, Pool>();
    const splits: Split[] = [];
    // The balances as they stood at the due time (no change since: the current ones).
    const at = this.frozen ?? { balances: new Map(this.balances), eligible: this.eligibleSupply() };
    for (const asset of this.assets) {
      const b = this.asset(asset);
      // With no eligible holder nothing is split: the revenue waits for a snapshot that has one.
      const revenue = at.eligible === 0n ? 0n : b.pending;
      const toClaimable = (revenue * BigInt(this.config.claimableBps)) / BPS;
      const toRedeemPool = revenue - toClaimable;
      let expiredUnclaimed = 0n;
      if (expiredSnapshotId !== 0) {
        const old = this.snapshotPool(expiredSnapshotId, asset);
        expiredUnclaimed = old.amount - old.claimed;
      }
      b.pending -= revenue;
      b.openClaimable += toClaimable;
      b.redeemPool += toRedeemPool;
      let pool = toClaimable;
      if (rollForward) {
        // The remainder stays open, in the new snapshot's pool (already counted in openClaimable).
        pool += expiredUnclaimed;
      } else {
        b.openClaimable -= expiredUnclaimed;
        b.redeemPool += expiredUnclaimed;
      }
      pools.set(asset, { amount: pool, claimed: 0n });
      splits.push({ asset, revenue, toClaimable, toRedeemPool, expiredSnapshotId, expiredUnclaimed, rolledForward: rollForward, pool });
    }
    this.snapshots.push({ balances: at.balances, eligible: at.eligible, pools });
    this.frozen = undefined;
    this.lastSnapshotAt = now;
    return { ok: true, id, splits };
  }

  claim(account: string, id: number): Result<{ paid: Payout; credited: Payout }> {
    return this.claimBatch(account, [id], { single: true });
  }

  /**
   * claimBatch(ids): each id checked in order (a repeated id is AlreadyClaimed), each asset paid once;
   * `paid` is what reached the account, `credited` what it refused (owed to it now).
   */
  claimBatch(account: string, ids: readonly number[], options: { single?: boolean } = {}): Result<{ paid: Payout; credited: Payout }> {
    if (ids.length === 0 && !options.single) return fail("RevShareToken_EmptyBatch");
    const seen = new Set<number>();
    const paid: Payout = new Map(this.assets.map((a) => [a, 0n]));
    let any = false;
    for (const id of ids) {
      const current = this.currentSnapshotId();
      if (id === 0 || id > current) return fail("RevShareToken_FutureSnapshot");
      if (!this.isOpen(id)) return fail("RevShareToken_SnapshotNotClaimable");
      if (this.isExcluded(account)) return fail("RevShareToken_ExcludedAccount");
      if (this.hasClaimed(account, id) || seen.has(id)) return fail("RevShareToken_AlreadyClaimed");
      seen.add(id);
      for (const asset of this.assets) {
        const amount = this.share(account, id, asset);
        paid.set(asset, (paid.get(asset) ?? 0n) + amount);
        if (amount !== 0n) any = true;
      }
    }
    if (!any) return fail("RevShareToken_NothingToClaim");
    // Commit: all checks passed.
    for (const id of ids) {
      this.claimedSet.add(claimKey(account, id));
      for (const asset of this.assets) {
        const amount = this.share(account, id, asset);
        const pool = this.record(id).pools.get(asset) as Pool;
        pool.claimed += amount;
      }
    }
    for (const [asset, amount] of paid) this.asset(asset).openClaimable -= amount;
    return { ok: true, ...this.deliver(account, paid, "claimed") };
  }

  /** burn(amount) at time `now`. */
  burn(account: string, amount: bigint, now: number): Result<{ paid: Payout; credited: Payout }> {
    if (amount === 0n) return fail("RevShareToken_ZeroAmount");
    if (this.balanceOf(account) < amount) return fail("ERC20InsufficientBalance");
    this.freezeIfDue(now);
    const eligible = this.eligibleSupply();
    const taken: Payout = new Map();
    for (const asset of this.assets) {
      const b = this.asset(asset);
      const amountTaken = this.isExcluded(account) ? 0n : (b.redeemPool * amount) / eligible;
      b.redeemPool -= amountTaken;
      taken.set(asset, amountTaken);
    }
    this.balances.set(norm(account), this.balanceOf(account) - amount);
    return { ok: true, ...this.deliver(account, taken, "redeemed") };
  }

  /** withdrawCredit(asset, to) by `account`: the whole credit to `to`, or a revert that keeps it. */
  withdrawCredit(account: string, asset: string, to: string): Result<{ amount: bigint }> {
    if (!this.assets.includes(norm(asset))) return fail("RevShareToken_NotRevenueToken");
    if (norm(to) === ETH || norm(to) === norm(this.config.self)) return fail("RevShareToken_InvalidRecipient");
    const amount = this.creditOf(account, asset);
    if (amount === 0n) return fail("RevShareToken_NothingToWithdraw");
    if (!this.accepts(to, asset)) return fail("RevShareToken_TransferFailed");
    this.credits.set(creditKey(account, asset), 0n);
    const b = this.asset(asset);
    b.credited -= amount;
    b.withdrawn += amount;
    b.held -= amount;
    return { ok: true, amount };
  }

  // ------------------------------------------------------------------ internals

  /** The first balance change at or after the due time freezes the balances the next snapshot uses. */
  private freezeIfDue(now: number): void {
    if (this.frozen === undefined && now >= this.nextSnapshotAt()) {
      this.frozen = { balances: new Map(this.balances), eligible: this.eligibleSupply() };
    }
  }

  /** Payouts taken out of their pools: each asset reaches `account` or, if refused, is credited to it. */
  private deliver(account: string, taken: Payout, bucket: "claimed" | "redeemed"): { paid: Payout; credited: Payout } {
    const paid: Payout = new Map();
    const credited: Payout = new Map();
    for (const [asset, amount] of taken) {
      const b = this.asset(asset);
      if (this.accepts(account, asset)) {
        paid.set(asset, amount);
        credited.set(asset, 0n);
        b[bucket] += amount;
        b.held -= amount;
      } else {
        paid.set(asset, 0n);
        credited.set(asset, amount);
        b.credited += amount;
        const key = creditKey(account, asset);
        this.credits.set(key, (this.credits.get(key) ?? 0n) + amount);
      }
    }
    return { paid, credited };
  }

  /** An ERC-20 asset's lifetime revenue must stay within 2^128 - 1. */
  private overCap(asset: string, amount: bigint): boolean {
    return norm(asset) !== ETH && this.books(asset).received + amount > MAX_UINT128;
  }

  /** floor(pool * balanceAt / eligibleAt): what `account` is owed from snapshot `id`, claimed or not. */
  private share(account: string, id: number, asset: string): bigint {
    const rec = this.record(id);
    const balance = rec.balances.get(norm(account)) ?? 0n;
    if (balance === 0n) return 0n;
    const pool = rec.pools.get(norm(asset)) as Pool;
    return (pool.amount * balance) / rec.eligible;
  }

  private record(id: number): SnapshotRecord {
    const rec = this.snapshots[id - 1];
    if (rec === undefined) throw new Error(`snapshot ${id} does not exist (current ${this.currentSnapshotId()})`);
    return rec;
  }

  private asset(asset: string): AssetBooks {
    const b = this.books_.get(norm(asset));
    if (b === undefined) throw new Error(`${asset} is not a revenue asset`);
    return b;
  }
}

function norm(address: string): string {
  return address.toLowerCase();
}

function claimKey(account: string, id: number): string {
  return `${norm(account)}#${id}`;
}

function creditKey(account: string, asset: string): string {
  return `${norm(asset)}#${norm(account)}`;
}
