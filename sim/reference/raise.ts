/**
 * Reference model of an IMO raise (`ImoLaunch` with its `ModelRegistry` wiring, and the sale's
 * `RevShareToken` through its own reference model, `revShareToken.ts`), written from the interface's
 * specification, not from the contract's code:
 *
 * - deposits are accepted in `[start, end)`, at least `max(1 wei, minDeposit)`, with no cap;
 * - `settle` once `now >= end`: the raise succeeds iff `totalRaised >= target`; on success the launch
 *   (as the model's operator) points the model's revenue at the token, unless the owner revoked the
 *   approval (then `wireRevenue` can retry later); on failure the unsold public sale is burned;
 * - on success each investor gets `floor(d * saleTokens / totalRaised)` tokens and
 *   `floor(d * (totalRaised - target) / totalRaised)` wei back, once (`claimAllocation` or `claimFor`);
 * - on failure each investor withdraws its whole deposit, once;
 * - the treasury's proceeds (`target`) vest linearly over `vestingDuration` from `end`;
 * - once everyone is settled, `sweepDust` sends the rounding ETH to the treasury and burns the token dust.
 *
 * Revenue of the sale tokens (the launch is an ordinary revenue-eligible holder of them):
 * - `harvest` (also run first by `settle`, the claims and `sweepDust`) claims the launch's share of every open
 *   snapshot it has not harvested; a snapshot taken after a successful settlement (and before the sweep) adds
 *   `floor(amount * 2^96 / balanceAt)` to the per-token accumulator, anything else is recycled into the token
 *   (`depositRevenue`): snapshots before settlement, a failed raise (and what its burn redeems), and at the
 *   sweep the accumulator's dust and what the dust's burn redeems; after the sweep, all of it;
 * - the token counts the balances a snapshot becomes due with (its own rule), so once one is due the tokens
 *   still at the launch count for it there: a collection then takes that snapshot first (`snapshot()` is
 *   permissionless once due) and harvests it, so the investor is paid its share of it;
 * - a collecting investor receives `floor(tokens * accumulator / 2^96)` with its tokens and refund;
 * - what the token credits the launch instead of paying it is booked like a payout that arrived and pulled
 *   (`withdrawCredit(asset, launch)` on the token) before anything is paid or recycled; that happens only for an
 *   ERC-20 that refuses the launch (the forge suites test it): the launch accepts every ETH payout of its
 *   tokens, so here, in ETH, the token never credits it (the model fails loudly if it would);
 * - ETH to an investor or the treasury is pushed, or credited when the payee refuses ETH
 *   (`withdrawCredit(asset, to)`); an account that refuses ETH is credited by the token too when it claims
 *   there.
 *
 * Pure and deterministic: bigint amounts, a clock in whole seconds. Each transaction is mined at `now`,
 * then the clock moves one second (as on the model chain); a reverted transaction changes nothing else.
 */

import { ETH, RevShareTokenModel } from "./revShareToken.ts";

export type Address = `0x${string}`;

export const Status = { None: 0, Raising: 1, Succeeded: 2, Failed: 3 } as const;
export type StatusValue = (typeof Status)[keyof typeof Status];

const BPS = 10_000n;

/** Scale of the launch's per-token revenue accumulator. */
export const REVENUE_SCALE = 2n ** 96n;

/** What a launch is created with (the subset of `LaunchParams` that the accounting depends on). */
export type LaunchConfig = {
  modelId: bigint;
  totalSupply: bigint;
  publicSaleBps: number;
  liquidity: { recipient: Address; bps: number };
  contributors: { recipient: Address; bps: number };
  team: { recipient: Address; bps: number };
  target: bigint;
  minDeposit: bigint;
  start: number;
  end: number;
  treasury: Address;
  vestingDuration: number;
  revenueShareBps: number;
  excludeLiquidity: boolean;
  /** The token's settings the revenue depends on (ETH revenue only here). */
  token: { claimableBps: number; snapshotInterval: number; claimWindow: number };
};

/** The launch's books, field for field as `getLaunch` returns them (without the token address). */
export type Books = {
  start: number;
  end: number;
  minDeposit: bigint;
  totalRaised: bigint;
  treasury: Address;
  vestingDuration: number;
  status: StatusValue;
  revenueShareBps: number;
  revenueWired: boolean;
  dustSwept: boolean;
  target: bigint;
  saleTokens: bigint;
  refundsPaid: bigint;
  withdrawn: bigint;
  proceedsReleased: bigint;
  ethDust: bigint;
  depositsSettled: bigint;
  tokensClaimed: bigint;
};

export type Position = { deposit: bigint; settled: boolean };

/** `revenueBooks(modelId, ETH)`. */
export type RevenueBooks = { perToken: bigint; harvested: bigint; toInvestors: bigint; paid: bigint; recycled: bigint };

/** `harvestCursor(modelId)`. */
export type HarvestCursor = { harvestedThrough: number; settledAtSnapshot: number };

export type LaunchState = {
  config: LaunchConfig;
  /** The sale token's address (the factory's deployment: an identity, not accounting, so taken from the chain). */
  token: Address;
  books: Books;
  positions: Map<Address, Position>;
  /** The sale token: balances, snapshots and revenue. */
  tokenModel: RevShareTokenModel;
  revenue: RevenueBooks;
  cursor: HarvestCursor;
  /**
   * Not contract state: a bound on the accumulator's dust for the tests. Each investors' snapshot adds what the
   * public-sale token dust (the sale's tokens nobody was allotted, which also earn here) took of it, rounded up,
   * plus 1 wei of rounding.
   */
  dustBound: bigint;
  /** The registry's view of the model: operator and revenue receiver. */
  operator: Address;
  revenueReceiver: Address;
  receiverBps: number;
};

export type RaiseState = {
  /** Time of the next transaction's block. */
  now: number;
  /** Time of the last mined block: what views (`eth_call` on the latest block) see as `block.timestamp`. */
  lastBlock: number;
  /** The `ImoLaunch` contract: it holds the deposits and the unsold tokens. */
  launch: Address;
  eth: Map<Address, bigint>;
  launches: Map<bigint, LaunchState>;
  /** The launch's ETH credits (payments that could not be pushed). */
  credits: Map<Address, bigint>;
  /** Accounts that refuse ETH (pushes to them are credited). */
  refusesEth: ReadonlySet<Address>;
};

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; error: string; args: readonly unknown[] };

const ZERO: Address = "0x0000000000000000000000000000000000000000";

class Revert extends Error {
  constructor(
    readonly error: string,
    readonly args: readonly unknown[],
  ) {
    super(error);
  }
}

function fail(error: string, ...args: unknown[]): never {
  throw new Revert(error, args);
}

/** Moves the clock; no block is mined, so views still see the last block's time. */
export function warp(s: RaiseState, seconds: number): void {
  s.now += seconds;
}

/** Runs `body` as one transaction mined at `now`: the clock moves on, and a revert leaves the state as it was. */
function tx<T>(s: RaiseState, body: (now: number) => T): Outcome<T> {
  const now = s.now;
  s.now += 1;
  s.lastBlock = now;
  const saved = cloneState(s);
  try {
    return { ok: true, value: body(now) };
  } catch (e) {
    if (!(e instanceof Revert)) throw e;
    restoreInto(s, saved);
    s.now = now + 1;
    return { ok: false, error: e.error, args: e.args };
  }
}

/** A deep copy of a token model (its fields are plain data: maps, sets, arrays, bigints). */
function cloneToken(m: RevShareTokenModel): RevShareTokenModel {
  return Object.setPrototypeOf(structuredClone({ ...m }), RevShareTokenModel.prototype) as RevShareTokenModel;
}

function cloneState(s: RaiseState): RaiseState {
  const launches = new Map<bigint, LaunchState>();
  for (const [id, l] of s.launches) {
    const positions = new Map<Address, Position>();
    for (const [a, p] of l.positions) positions.set(a, { ...p });
    launches.set(id, { ...l, config: l.config, books: { ...l.books }, positions, tokenModel: cloneToken(l.tokenModel), revenue: { ...l.revenue }, cursor: { ...l.cursor }, dustBound: l.dustBound });
  }
  return { now: s.now, lastBlock: s.lastBlock, launch: s.launch, eth: new Map(s.eth), launches, credits: new Map(s.credits), refusesEth: s.refusesEth };
}

function restoreInto(s: RaiseState, saved: RaiseState): void {
  s.eth = saved.eth;
  s.launches = saved.launches;
  s.credits = saved.credits;
}

// ------------------------------------------------------------------ setup

export function newRaiseState(parameters: { now: number; launch: Address; eth: Map<Address, bigint>; refusesEth?: readonly Address[] }): RaiseState {
  return {
    now: parameters.now,
    lastBlock: parameters.now - 1,
    launch: parameters.launch,
    eth: new Map(parameters.eth),
    launches: new Map(),
    credits: new Map(),
    refusesEth: new Set(parameters.refusesEth ?? []),
  };
}

/** The public sale's share: the whole supply minus each slice's floor share (slices of 0 tokens dropped). */
export function saleTokensOf(c: LaunchConfig): { saleTokens: bigint; slices: [Address, bigint][] } {
  const slices: [Address, bigint][] = [];
  let others = 0n;
  for (const slice of [c.liquidity, c.contributors, c.team]) {
    if (slice.bps === 0) continue;
    const amount = (c.totalSupply * BigInt(slice.bps)) / BPS;
    if (amount === 0n) continue;
    slices.push([slice.recipient, amount]);
    others += amount;
  }
  return { saleTokens: c.totalSupply - others, slices };
}

/**
 * The owner registered the model, approved the launch as operator and created the launch (three
 * transactions the test sends as setup, not as commands); the last, which deployed the token, was mined at
 * `createdAt`.
 */
export function addLaunch(s: RaiseState, c: LaunchConfig, token: Address, createdAt: number): void {
  s.now += 3;
  s.lastBlock = s.now - 1;
  const { saleTokens, slices } = saleTokensOf(c);
  // The launch itself is not excluded: it holds the public sale for its investors.
  const excluded = c.excludeLiquidity && c.liquidity.bps !== 0 ? [c.liquidity.recipient] : [];
  const tokenModel = new RevShareTokenModel({
    claimableBps: c.token.claimableBps,
    snapshotInterval: c.token.snapshotInterval,
    claimWindow: c.token.claimWindow,
    unclaimedPolicy: "RollForward",
    revenueTokens: [],
    holders: [{ account: s.launch, amount: saleTokens }, ...slices.map(([account, amount]) => ({ account, amount }))],
    revenueExcluded: excluded,
    deployedAt: createdAt,
    self: token,
  });
  // an account that refuses ETH refuses the token's payouts too: the token credits them
  for (const account of s.refusesEth) tokenModel.setRefuses(account, ETH, true);
  s.launches.set(c.modelId, {
    config: c,
    token,
    books: {
      start: c.start,
      end: c.end,
      minDeposit: c.minDeposit,
      totalRaised: 0n,
      treasury: c.treasury,
      vestingDuration: c.vestingDuration,
      status: Status.Raising,
      revenueShareBps: c.revenueShareBps,
      revenueWired: false,
      dustSwept: false,
      target: c.target,
      saleTokens,
      refundsPaid: 0n,
      withdrawn: 0n,
      proceedsReleased: 0n,
      ethDust: 0n,
      depositsSettled: 0n,
      tokensClaimed: 0n,
    },
    positions: new Map(),
    tokenModel,
    revenue: { perToken: 0n, harvested: 0n, toInvestors: 0n, paid: 0n, recycled: 0n },
    cursor: { harvestedThrough: 0, settledAtSnapshot: 0 },
    dustBound: 0n,
    operator: s.launch,
    revenueReceiver: ZERO,
    receiverBps: 0,
  });
}

// ------------------------------------------------------------------ helpers

export function ethOf(s: RaiseState, who: Address): bigint {
  return s.eth.get(who) ?? 0n;
}

export function tokenOf(l: LaunchState, who: Address): bigint {
  return l.tokenModel.balanceOf(who);
}

export function creditOf(s: RaiseState, who: Address): bigint {
  return s.credits.get(who) ?? 0n;
}

export function totalCredits(s: RaiseState): bigint {
  let total = 0n;
  for (const v of s.credits.values()) total += v;
  return total;
}

export function positionOf(l: LaunchState, who: Address): Position {
  return l.positions.get(who) ?? { deposit: 0n, settled: false };
}

function moveEth(s: RaiseState, from: Address, to: Address, amount: bigint): void {
  const balance = ethOf(s, from);
  if (balance < amount) throw new Error(`model: ${from} cannot pay ${amount} wei (has ${balance})`);
  s.eth.set(from, balance - amount);
  s.eth.set(to, ethOf(s, to) + amount);
}

function moveTokens(l: LaunchState, from: Address, to: Address, amount: bigint, now: number): void {
  const moved = l.tokenModel.transfer(from, to, amount, now);
  if (!moved.ok) throw new Error(`model: ${from} cannot move ${amount} tokens to ${to}: ${moved.error}`);
}

/** Pushes ETH from the launch, or credits it when the payee refuses ETH. */
function payEth(s: RaiseState, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  if (s.refusesEth.has(to)) s.credits.set(to, creditOf(s, to) + amount);
  else moveEth(s, s.launch, to, amount);
}

/**
 * Claims the launch's share of every open snapshot it has not harvested and books it; returns whether some of
 * it belongs to no investor (to recycle).
 */
function harvestInto(s: RaiseState, l: LaunchState): boolean {
  const token = l.tokenModel;
  const current = token.currentSnapshotId();
  let first = l.cursor.harvestedThrough + 1;
  if (first > current) return false;
  const window = l.config.token.claimWindow;
  if (first + window <= current) first = current - window + 1;
  const ids: number[] = [];
  const amounts: bigint[] = [];
  for (let id = first; id <= current; id++) {
    const amount = token.claimable(s.launch, id, ETH);
    if (amount === 0n) continue;
    ids.push(id);
    amounts.push(amount);
  }
  let recyclable = false;
  if (ids.length > 0) {
    const claimed = token.claimBatch(s.launch, ids);
    if (!claimed.ok) throw new Error(`model: the launch's claimBatch(${ids}) failed: ${claimed.error}`);
    if ((claimed.credited.get(ETH) ?? 0n) !== 0n) throw new Error("model: the token credited the launch ETH instead of paying it");
    const arrived = claimed.paid.get(ETH) ?? 0n;
    moveEth(s, l.token, s.launch, arrived);
    const r = l.revenue;
    r.harvested += arrived;
    const investorsOwn = l.books.status === Status.Succeeded && !l.books.dustSwept;
    let distributed = 0n;
    ids.forEach((id, k) => {
      const amount = amounts[k] as bigint;
      if (!investorsOwn || id <= l.cursor.settledAtSnapshot) return;
      const balanceAt = token.balanceOfAt(s.launch, id);
      r.perToken += (amount * REVENUE_SCALE) / balanceAt;
      distributed += amount;
      l.dustBound += (amount * saleTokenDust(l) + balanceAt - 1n) / balanceAt + 1n;
    });
    r.toInvestors += distributed;
    recyclable = distributed !== arrived;
  }
  l.cursor.harvestedThrough = current;
  return recyclable;
}

/** Burns sale tokens held by the launch (at `now`); what the burn redeems is harvested (and recycled). */
function burnSaleTokens(s: RaiseState, l: LaunchState, amount: bigint, now: number): void {
  const burned = l.tokenModel.burn(s.launch, amount, now);
  if (!burned.ok) throw new Error(`model: the launch's burn(${amount}) failed: ${burned.error}`);
  if ((burned.credited.get(ETH) ?? 0n) !== 0n) throw new Error("model: the token credited the launch ETH instead of paying it");
  const redeemed = burned.paid.get(ETH) ?? 0n;
  moveEth(s, l.token, s.launch, redeemed);
  l.revenue.harvested += redeemed;
}

/** Sends back to the token, as revenue, what belongs to no investor. */
function recycle(s: RaiseState, l: LaunchState): void {
  const r = l.revenue;
  const closed = l.books.dustSwept || l.books.status === Status.Failed;
  const amount = r.harvested - r.recycled - (closed ? r.paid : r.toInvestors);
  if (amount === 0n) return;
  const booked = l.tokenModel.deposit(ETH, amount);
  if (!booked.ok) throw new Error(`model: recycling ${amount} wei failed: ${booked.error}`);
  moveEth(s, s.launch, l.token, amount);
  r.recycled += amount;
}

/** Public-sale tokens allotted to nobody (a met raise): `saleTokens - sum of allocations`. */
export function saleTokenDust(l: LaunchState): bigint {
  let allotted = 0n;
  for (const p of l.positions.values()) allotted += allocation(p.deposit, l.books.totalRaised, l.books.target, l.books.saleTokens).tokens;
  return l.books.saleTokens - allotted;
}

/** Revenue held by the launch for a launch: harvested - paid - recycled. */
export function revenueHeld(l: LaunchState): bigint {
  return l.revenue.harvested - l.revenue.paid - l.revenue.recycled;
}

/** `pendingRevenue(modelId, investor, ETH)`: what the investor would receive with its allocation now. */
export function pendingRevenue(l: LaunchState, investor: Address): bigint {
  const p = positionOf(l, investor);
  if (l.books.status !== Status.Succeeded || p.settled || p.deposit === 0n) return 0n;
  const tokens = (p.deposit * l.books.saleTokens) / l.books.totalRaised;
  return (tokens * l.revenue.perToken) / REVENUE_SCALE;
}

/**
 * What a holder of `tokens` since settlement would have claimed in ETH from the snapshots since settlement
 * that the launch harvested: floor(pool * tokens / eligibleSupply) each, and how many snapshots that was.
 */
export function holderShadow(s: RaiseState, l: LaunchState, tokens: bigint): { shadow: bigint; snapshots: number } {
  const token = l.tokenModel;
  let shadow = 0n;
  let snapshots = 0;
  for (let id = l.cursor.settledAtSnapshot + 1; id <= token.currentSnapshotId(); id++) {
    if (!token.hasClaimed(s.launch, id)) continue;
    shadow += (token.snapshotPool(id, ETH).amount * tokens) / token.eligibleSupplyAt(id);
    snapshots++;
  }
  return { shadow, snapshots };
}

function launchOf(s: RaiseState, modelId: bigint): LaunchState {
  const l = s.launches.get(modelId);
  if (l === undefined) fail("ImoLaunch_UnknownLaunch", modelId);
  return l;
}

function requireStatus(modelId: bigint, l: LaunchState, expected: StatusValue): void {
  if (l.books.status !== expected) fail("ImoLaunch_WrongStatus", modelId, l.books.status, expected);
}

/** Pro-rata allocation of an oversubscribed (or exactly met) raise: both parts round down. */
export function allocation(deposit: bigint, totalRaised: bigint, target: bigint, saleTokens: bigint): { tokens: bigint; refund: bigint; accepted: bigint } {
  const tokens = (deposit * saleTokens) / totalRaised;
  const refund = (deposit * (totalRaised - target)) / totalRaised;
  return { tokens, refund, accepted: deposit - refund };
}

/** Proceeds vested at `now` (only meaningful after a successful settlement, which needs `now >= end`). */
export function vested(b: Books, now: number): bigint {
  if (now >= b.end + b.vestingDuration) return b.target;
  return (b.target * BigInt(now - b.end)) / BigInt(b.vestingDuration);
}

/** `previewAllocation`: zeros until the raise has met its target, then the deposit's allocation (settled or not). */
export function previewAllocation(l: LaunchState, investor: Address): { tokens: bigint; refund: bigint; accepted: bigint } {
  const b = l.books;
  if (b.totalRaised === 0n || b.totalRaised < b.target) return { tokens: 0n, refund: 0n, accepted: 0n };
  return allocation(positionOf(l, investor).deposit, b.totalRaised, b.target, b.saleTokens);
}

export function vestedProceeds(l: LaunchState, now: number): bigint {
  return l.books.status === Status.Succeeded ? vested(l.books, now) : 0n;
}

export function releasableProceeds(l: LaunchState, now: number): bigint {
  return l.books.status === Status.Succeeded ? vested(l.books, now) - l.books.proceedsReleased : 0n;
}

/** Marks the investor paid; the one guard against double payment. */
function settlePosition(modelId: bigint, l: LaunchState, investor: Address): bigint {
  const p = positionOf(l, investor);
  if (p.deposit === 0n) fail("ImoLaunch_NothingDeposited", modelId, investor);
  if (p.settled) fail("ImoLaunch_AlreadySettled", modelId, investor);
  l.positions.set(investor, { deposit: p.deposit, settled: true });
  return p.deposit;
}

/** The registry accepts a revenue receiver from the owner or the approved operator only. */
function setRevenueReceiver(s: RaiseState, modelId: bigint, l: LaunchState): void {
  if (l.operator !== s.launch) fail("ModelRegistry_NotOwnerOrOperator", modelId, s.launch);
  l.revenueReceiver = l.token;
  l.receiverBps = l.books.revenueShareBps;
  l.books.revenueWired = true;
}

// ------------------------------------------------------------------ transactions

export function deposit(s: RaiseState, from: Address, modelId: bigint, value: bigint): Outcome {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const b = l.books;
    if (now < b.start || now >= b.end) fail("ImoLaunch_RaiseNotOpen", modelId, BigInt(b.start), BigInt(b.end), BigInt(now));
    if (value === 0n || value < b.minDeposit) fail("ImoLaunch_DepositTooSmall", value, b.minDeposit);
    moveEth(s, from, s.launch, value);
    const p = positionOf(l, from);
    l.positions.set(from, { deposit: p.deposit + value, settled: p.settled });
    b.totalRaised += value;
    return undefined;
  });
}

export function settle(s: RaiseState, modelId: bigint): Outcome<boolean> {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Raising);
    if (now < b.end) fail("ImoLaunch_RaiseNotEnded", modelId, BigInt(b.end), BigInt(now));
    // still raising: what the unsold sale earned so far is recycled
    harvestInto(s, l);
    const succeeded = b.totalRaised >= b.target;
    l.cursor.settledAtSnapshot = l.tokenModel.currentSnapshotId();
    if (succeeded) {
      b.status = Status.Succeeded;
      // A revoked operator approval must not block the settlement: the wiring is then simply not done.
      if (l.operator === s.launch) setRevenueReceiver(s, modelId, l);
    } else {
      b.status = Status.Failed;
      burnSaleTokens(s, l, b.saleTokens, now);
    }
    recycle(s, l);
    return succeeded;
  });
}

/**
 * `claimAllocation` (caller = investor) and `claimFor` (any caller): the launch takes the token's snapshot if
 * one is due and harvests first, then the investor receives its tokens, its refund and its
 * revenue. Also returns what a holder of those tokens since settlement would have claimed from the same
 * snapshots (`shadow`, over `snapshots` of them).
 */
export function claim(
  s: RaiseState,
  modelId: bigint,
  investor: Address,
): Outcome<{ tokens: bigint; refund: bigint; revenue: bigint; shadow: bigint; snapshots: number }> {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Succeeded);
    const amount = settlePosition(modelId, l, investor);
    // the tokens still count here for a snapshot that is due: take it, so it is harvested and paid with them
    if (now >= l.tokenModel.nextSnapshotAt()) {
      const taken = l.tokenModel.snapshot(now);
      if (!taken.ok) throw new Error(`model: the launch's snapshot failed: ${taken.error}`);
    }
    if (harvestInto(s, l)) recycle(s, l);
    const { tokens, refund } = allocation(amount, b.totalRaised, b.target, b.saleTokens);
    b.refundsPaid += refund;
    b.depositsSettled += amount;
    b.tokensClaimed += tokens;
    const revenue = (tokens * l.revenue.perToken) / REVENUE_SCALE;
    l.revenue.paid += revenue;
    moveTokens(l, s.launch, investor, tokens, now);
    payEth(s, investor, refund + revenue);
    return { tokens, refund, revenue, ...holderShadow(s, l, tokens) };
  });
}

export function withdraw(s: RaiseState, modelId: bigint, investor: Address): Outcome<bigint> {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Failed);
    const amount = settlePosition(modelId, l, investor);
    b.withdrawn += amount;
    b.depositsSettled += amount;
    payEth(s, investor, amount);
    return amount;
  });
}

export function releaseProceeds(s: RaiseState, modelId: bigint): Outcome<bigint> {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Succeeded);
    const amount = vested(b, now) - b.proceedsReleased;
    if (amount === 0n) fail("ImoLaunch_NothingToRelease", modelId);
    b.proceedsReleased += amount;
    moveEth(s, s.launch, b.treasury, amount);
    return amount;
  });
}

export function sweepDust(s: RaiseState, modelId: bigint): Outcome<{ ethDust: bigint; tokenDust: bigint }> {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Succeeded);
    if (b.dustSwept) fail("ImoLaunch_DustAlreadySwept", modelId);
    if (b.depositsSettled !== b.totalRaised) fail("ImoLaunch_ClaimsOutstanding", modelId, b.totalRaised - b.depositsSettled);
    b.dustSwept = true;
    const ethDust = b.totalRaised - b.refundsPaid - b.target;
    const tokenDust = b.saleTokens - b.tokensClaimed;
    b.ethDust = ethDust;
    // every investor collected: what is harvested now, and the accumulator's dust, is recycled
    harvestInto(s, l);
    if (tokenDust !== 0n) burnSaleTokens(s, l, tokenDust, now);
    recycle(s, l);
    payEth(s, b.treasury, ethDust);
    return { ethDust, tokenDust };
  });
}

export function wireRevenue(s: RaiseState, modelId: bigint): Outcome {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    requireStatus(modelId, l, Status.Succeeded);
    if (l.books.revenueWired) fail("ImoLaunch_RevenueAlreadyWired", modelId);
    setRevenueReceiver(s, modelId, l);
    return undefined;
  });
}

/** `harvest(modelId)`, anyone: claims and books the launch's revenue, and recycles what is nobody's. */
export function harvest(s: RaiseState, modelId: bigint): Outcome {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    harvestInto(s, l);
    const closed = l.books.status === Status.Failed || l.books.dustSwept;
    const left = tokenOf(l, s.launch);
    if (closed && left !== 0n) burnSaleTokens(s, l, left, now);
    recycle(s, l);
    return undefined;
  });
}

/** `withdrawCredit(ETH, to)` by `caller`: its whole ETH credit goes to `to`. */
export function withdrawCredit(s: RaiseState, caller: Address, to: Address): Outcome<bigint> {
  return tx(s, () => {
    const amount = creditOf(s, caller);
    if (amount === 0n) fail("ImoLaunch_NothingToWithdraw", caller, ETH);
    if (s.refusesEth.has(to)) fail("ImoLaunch_EthTransferFailed", to, amount);
    s.credits.set(caller, 0n);
    moveEth(s, s.launch, to, amount);
    return amount;
  });
}

/** A payer sends `amount` wei of revenue to a launch's token (`depositRevenue`). */
export function payRevenue(s: RaiseState, payer: Address, modelId: bigint, amount: bigint): Outcome {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    if (amount === 0n) fail("RevShareToken_ZeroAmount");
    const booked = l.tokenModel.deposit(ETH, amount);
    if (!booked.ok) throw new Error(`model: depositRevenue failed: ${booked.error}`);
    moveEth(s, payer, l.token, amount);
    return undefined;
  });
}

/** Anyone takes the token's next snapshot (the caller waits for it: `now >= nextSnapshotAt`). */
export function snapshot(s: RaiseState, modelId: bigint): Outcome<number> {
  return tx(s, (now) => {
    const l = launchOf(s, modelId);
    const taken = l.tokenModel.snapshot(now);
    if (!taken.ok) fail(taken.error, BigInt(l.tokenModel.nextSnapshotAt()), BigInt(now));
    return taken.id;
  });
}

/** A holder claims from the token every open snapshot it has something in (a `claimBatch`). */
export function claimRevenue(s: RaiseState, modelId: bigint, holder: Address, ids: readonly number[]): Outcome<bigint> {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    const claimed = l.tokenModel.claimBatch(holder, ids);
    if (!claimed.ok) throw new Error(`model: claimBatch by ${holder} failed: ${claimed.error}`);
    const amount = claimed.paid.get(ETH) ?? 0n;
    moveEth(s, l.token, holder, amount);
    return amount;
  });
}

/** A holder withdraws its credit at the token (payouts the token could not push to it) to `to`. */
export function withdrawTokenCredit(s: RaiseState, modelId: bigint, holder: Address, to: Address): Outcome<bigint> {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    const owed = l.tokenModel.creditOf(holder, ETH);
    const withdrawn = l.tokenModel.withdrawCredit(holder, ETH, to);
    if (!withdrawn.ok) {
      if (withdrawn.error === "RevShareToken_NothingToWithdraw") fail(withdrawn.error, holder, ETH);
      if (withdrawn.error === "RevShareToken_TransferFailed") fail(withdrawn.error, to, owed);
      fail(withdrawn.error, to);
    }
    moveEth(s, l.token, to, withdrawn.amount);
    return withdrawn.amount;
  });
}

/** The open snapshots a holder has something to claim in. */
export function claimableIds(l: LaunchState, holder: Address): number[] {
  return l.tokenModel.openSnapshotIds().filter((id) => l.tokenModel.claimable(holder, id, ETH) > 0n);
}

/** The model's owner approves (`operator = launch`) or revokes (`operator = 0`) the launch as its operator. */
export function setOperator(s: RaiseState, modelId: bigint, approve: boolean): Outcome {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    l.operator = approve ? s.launch : ZERO;
    return undefined;
  });
}

// ------------------------------------------------------------------ derived quantities

/** ETH the launch still holds for the raise of `modelId` by its books: deposits minus everything paid out. */
export function heldFor(l: LaunchState): bigint {
  const b = l.books;
  return b.totalRaised - b.refundsPaid - b.withdrawn - b.proceedsReleased - b.ethDust;
}

/** ETH still owed to investors not yet settled: refunds (success) or whole deposits (failure or raising). */
export function owedToInvestors(l: LaunchState): bigint {
  let owed = 0n;
  for (const [investor, p] of l.positions) {
    if (p.settled) continue;
    owed += l.books.status === Status.Succeeded ? previewAllocation(l, investor).refund : p.deposit;
  }
  return owed;
}
