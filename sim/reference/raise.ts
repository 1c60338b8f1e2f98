/**
 * Reference model of an IMO raise (`ImoLaunch` with its `ModelRegistry` wiring and the sale's
 * `RevShareToken` balances), written from the interface's specification, not from the contract's code:
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
 * Pure and deterministic: bigint amounts, a clock in whole seconds. Each transaction is mined at `now`,
 * then the clock moves one second (as on the model chain); a reverted transaction changes nothing else.
 */

export type Address = `0x${string}`;

export const Status = { None: 0, Raising: 1, Succeeded: 2, Failed: 3 } as const;
export type StatusValue = (typeof Status)[keyof typeof Status];

const BPS = 10_000n;

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

export type LaunchState = {
  config: LaunchConfig;
  /** The sale token's address (the factory's deployment: an identity, not accounting, so taken from the chain). */
  token: Address;
  books: Books;
  positions: Map<Address, Position>;
  /** The sale token's balances (every holder this launch's token ever had). */
  tokens: Map<Address, bigint>;
  tokenSupply: bigint;
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

function cloneState(s: RaiseState): RaiseState {
  const launches = new Map<bigint, LaunchState>();
  for (const [id, l] of s.launches) {
    const positions = new Map<Address, Position>();
    for (const [a, p] of l.positions) positions.set(a, { ...p });
    launches.set(id, { ...l, config: l.config, books: { ...l.books }, positions, tokens: new Map(l.tokens) });
  }
  return { now: s.now, lastBlock: s.lastBlock, launch: s.launch, eth: new Map(s.eth), launches };
}

function restoreInto(s: RaiseState, saved: RaiseState): void {
  s.eth = saved.eth;
  s.launches = saved.launches;
}

// ------------------------------------------------------------------ setup

export function newRaiseState(parameters: { now: number; launch: Address; eth: Map<Address, bigint> }): RaiseState {
  return { now: parameters.now, lastBlock: parameters.now - 1, launch: parameters.launch, eth: new Map(parameters.eth), launches: new Map() };
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
 * transactions the test sends as setup, not as commands).
 */
export function addLaunch(s: RaiseState, c: LaunchConfig, token: Address): void {
  s.now += 3;
  s.lastBlock = s.now - 1;
  const { saleTokens, slices } = saleTokensOf(c);
  const tokens = new Map<Address, bigint>([[s.launch, saleTokens]]);
  for (const [holder, amount] of slices) tokens.set(holder, amount);
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
    tokens,
    tokenSupply: c.totalSupply,
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
  return l.tokens.get(who) ?? 0n;
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

function moveTokens(l: LaunchState, from: Address, to: Address, amount: bigint): void {
  const balance = tokenOf(l, from);
  if (balance < amount) throw new Error(`model: ${from} holds ${balance} tokens, cannot move ${amount}`);
  l.tokens.set(from, balance - amount);
  l.tokens.set(to, tokenOf(l, to) + amount);
}

function burnTokens(l: LaunchState, from: Address, amount: bigint): void {
  const balance = tokenOf(l, from);
  if (balance < amount) throw new Error(`model: ${from} holds ${balance} tokens, cannot burn ${amount}`);
  l.tokens.set(from, balance - amount);
  l.tokenSupply -= amount;
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
    const succeeded = b.totalRaised >= b.target;
    if (succeeded) {
      b.status = Status.Succeeded;
      // A revoked operator approval must not block the settlement: the wiring is then simply not done.
      if (l.operator === s.launch) setRevenueReceiver(s, modelId, l);
    } else {
      b.status = Status.Failed;
      burnTokens(l, s.launch, b.saleTokens);
    }
    return succeeded;
  });
}

/** `claimAllocation` (caller = investor) and `claimFor` (any caller): the investor receives both parts. */
export function claim(s: RaiseState, modelId: bigint, investor: Address): Outcome<{ tokens: bigint; refund: bigint }> {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Succeeded);
    const amount = settlePosition(modelId, l, investor);
    const { tokens, refund } = allocation(amount, b.totalRaised, b.target, b.saleTokens);
    b.refundsPaid += refund;
    b.depositsSettled += amount;
    b.tokensClaimed += tokens;
    moveTokens(l, s.launch, investor, tokens);
    moveEth(s, s.launch, investor, refund);
    return { tokens, refund };
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
    moveEth(s, s.launch, investor, amount);
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
  return tx(s, () => {
    const l = launchOf(s, modelId);
    const b = l.books;
    requireStatus(modelId, l, Status.Succeeded);
    if (b.dustSwept) fail("ImoLaunch_DustAlreadySwept", modelId);
    if (b.depositsSettled !== b.totalRaised) fail("ImoLaunch_ClaimsOutstanding", modelId, b.totalRaised - b.depositsSettled);
    b.dustSwept = true;
    const ethDust = b.totalRaised - b.refundsPaid - b.target;
    const tokenDust = b.saleTokens - b.tokensClaimed;
    b.ethDust = ethDust;
    if (tokenDust !== 0n) burnTokens(l, s.launch, tokenDust);
    moveEth(s, s.launch, b.treasury, ethDust);
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

/** The model's owner approves (`operator = launch`) or revokes (`operator = 0`) the launch as its operator. */
export function setOperator(s: RaiseState, modelId: bigint, approve: boolean): Outcome {
  return tx(s, () => {
    const l = launchOf(s, modelId);
    l.operator = approve ? s.launch : ZERO;
    return undefined;
  });
}

// ------------------------------------------------------------------ derived quantities

/** ETH the launch still holds for `modelId` by its books: deposits minus everything paid out. */
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
