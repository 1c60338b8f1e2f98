/**
 * Reference model of the ERC-7007 collection (`AigcNFT`), its royalty market (`RoyaltyMarket`) and the
 * parts of the opML oracle and the model's RevShareToken they move money through, written from
 * docs/aigc.md, docs/oracle.md and the interfaces:
 *
 * - `mint(prompt)` costs exactly `mintFee + oracleFee`; the token `uint256(keccak256(prompt))` goes to the
 *   minter at once; the mint fee is pushed to the RevShareToken (revenue), the oracle fee goes with the
 *   request and is split there: `receiverBps` of the model fee → the token's oracle credit, the rest → the
 *   model owner's credit, the protocol fee → accrued, reward + callback gas → escrow. A prompt mints once.
 * - `submit` (bond exact, first one wins, not after the request's expiry) calls back the NFT, which stores
 *   the output as the token's content; `finalize` after the window (strictly later) credits the submitter
 *   escrow + bond; `verify(prompt, data, proof)` is true iff finalized, the NFT saw every result and `data`
 *   is the stored content (proof empty or `abi.encode(requestId)`).
 * - the market escrows a listed token; `buy` at exactly the price pays the ERC-2981 royalty
 *   (`price · royaltyBps / 10000`) to the RevShareToken and the rest to the seller by push, credited if
 *   the push fails; `withdraw` pays credits.
 * - a request nobody answers by its `expiresAt` can be refunded at the oracle (`refundExpired`: its escrow,
 *   reward + callback gas, is credited to the requester, the NFT); `reclaimExpired(tokenId)` expires it there if
 *   needed, pulls the NFT's oracle credit and pays exactly the escrow to whoever paid for the request (pushed,
 *   or credited when it refuses ETH); `rerequest(tokenId)` (anyone, exactly the oracle fee) asks again once the
 *   request expired, reclaiming first; anything else the NFT pulled from the oracle stays unattributed.
 *
 * Disputes (challenge and the bisection game) are left to the oracle's own model test: here every result
 * is unchallenged, honest or wrong, and a wrong result that nobody challenges becomes final.
 * Pure: bigint amounts, a clock in whole seconds; a reverted transaction changes nothing but the clock.
 */

export type Address = `0x${string}`;
export type Hex = `0x${string}`;

export type AigcParameters = {
  mintFee: bigint;
  royaltyBps: bigint;
  callbackGasLimit: bigint;
  modelFee: bigint;
  receiverBps: bigint;
  submitterReward: bigint;
  protocolFee: bigint;
  callbackGasPrice: bigint;
  submitterBond: bigint;
  challengeWindow: number;
  requestTimeout: number;
};

/** The contracts' addresses and the model owner (identities, taken from the deployment). */
export type Parties = { nft: Address; market: Address; oracle: Address; token: Address; modelOwner: Address };

export type TokenRecord = {
  tokenId: bigint;
  prompt: Hex;
  owner: Address;
  requestId: bigint;
  /** Results delivered by the oracle's callback. */
  results: number;
  /** Who paid for the current request (refunded if it expires); zero once refunded. */
  requester: Address;
  aigcData: Hex;
  /** Oracle side: the request's status and window. */
  status: "Requested" | "Submitted" | "Finalized" | "Expired";
  submitter: Address | undefined;
  windowEnd: number;
  expiresAt: number;
};

export type AigcState = {
  now: number;
  lastBlock: number;
  readonly params: AigcParameters;
  readonly parties: Parties;
  eth: Map<Address, bigint>;
  tokens: Map<bigint, TokenRecord>;
  nextRequestId: bigint;
  listings: Map<bigint, { seller: Address; price: bigint }>;
  marketCredits: Map<Address, bigint>;
  oracleCredits: Map<Address, bigint>;
  protocolFees: bigint;
  /** ETH revenue the RevShareToken booked (mint fees, royalties, flushed oracle credit). */
  tokenRevenue: bigint;
  /** Accounts that refuse ETH (the market must credit them). */
  readonly refusesEth: ReadonlySet<Address>;
  /** The NFT's credits (refunds it could not push), and the oracle credit it pulled and matched to refunds. */
  nftCredits: Map<Address, bigint>;
  nftPulled: bigint;
  nftRecognized: bigint;
};

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; error: string; args: readonly unknown[] };

const BPS = 10_000n;

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

function clone(
  s: AigcState,
): Pick<AigcState, "eth" | "tokens" | "nextRequestId" | "listings" | "marketCredits" | "oracleCredits" | "protocolFees" | "tokenRevenue" | "nftCredits" | "nftPulled" | "nftRecognized"> {
  const tokens = new Map<bigint, TokenRecord>();
  for (const [id, t] of s.tokens) tokens.set(id, { ...t });
  const listings = new Map<bigint, { seller: Address; price: bigint }>();
  for (const [id, l] of s.listings) listings.set(id, { ...l });
  return {
    eth: new Map(s.eth),
    tokens,
    nextRequestId: s.nextRequestId,
    listings,
    marketCredits: new Map(s.marketCredits),
    oracleCredits: new Map(s.oracleCredits),
    protocolFees: s.protocolFees,
    tokenRevenue: s.tokenRevenue,
    nftCredits: new Map(s.nftCredits),
    nftPulled: s.nftPulled,
    nftRecognized: s.nftRecognized,
  };
}

/** One transaction mined at `now`; the clock moves on; a revert restores everything else. */
function tx<T>(s: AigcState, body: (now: number) => T): Outcome<T> {
  const now = s.now;
  s.now += 1;
  s.lastBlock = now;
  const saved = clone(s);
  try {
    return { ok: true, value: body(now) };
  } catch (e) {
    if (!(e instanceof Revert)) throw e;
    Object.assign(s, saved);
    return { ok: false, error: e.error, args: e.args };
  }
}

export function newAigcState(p: { now: number; params: AigcParameters; parties: Parties; eth: Map<Address, bigint>; refusesEth: readonly Address[] }): AigcState {
  return {
    now: p.now,
    lastBlock: p.now - 1,
    params: p.params,
    parties: p.parties,
    eth: new Map(p.eth),
    tokens: new Map(),
    nextRequestId: 1n,
    listings: new Map(),
    marketCredits: new Map(),
    oracleCredits: new Map(),
    protocolFees: 0n,
    tokenRevenue: 0n,
    refusesEth: new Set(p.refusesEth),
    nftCredits: new Map(),
    nftPulled: 0n,
    nftRecognized: 0n,
  };
}

export function warp(s: AigcState, seconds: number): void {
  s.now += seconds;
}

// ------------------------------------------------------------------ helpers

export const get = (m: ReadonlyMap<Address, bigint>, a: Address): bigint => m.get(a) ?? 0n;

function moveEth(s: AigcState, from: Address, to: Address, amount: bigint): void {
  const balance = get(s.eth, from);
  if (balance < amount) throw new Error(`model: ${from} cannot pay ${amount} wei (has ${balance})`);
  s.eth.set(from, balance - amount);
  s.eth.set(to, get(s.eth, to) + amount);
}

function credit(m: Map<Address, bigint>, a: Address, amount: bigint): void {
  if (amount !== 0n) m.set(a, get(m, a) + amount);
}

export function oracleFee(p: AigcParameters): bigint {
  return p.modelFee + p.submitterReward + p.protocolFee + p.callbackGasLimit * p.callbackGasPrice;
}

/** A request's escrow: the submitter reward and the callback gas payment. */
export function escrowOf(p: AigcParameters): bigint {
  return p.submitterReward + p.callbackGasLimit * p.callbackGasPrice;
}

/** The oracle's numbering of a request's status (errors carry it). */
const STATUS_NUMBER = { Requested: 0, Submitted: 1, Finalized: 2, Expired: 3 } as const;

export function mintPrice(p: AigcParameters): bigint {
  return p.mintFee + oracleFee(p);
}

/** ERC-2981 with one default royalty: the RevShareToken, `price · bps / 10000` rounded down. */
export function royaltyInfo(s: AigcState, price: bigint): [Address, bigint] {
  return [s.parties.token, (price * s.params.royaltyBps) / BPS];
}

export function balanceOf(s: AigcState, who: Address): bigint {
  let n = 0n;
  for (const t of s.tokens.values()) if (t.owner === who) n += 1n;
  return n;
}

/** `verify`: finalized at the oracle, every result delivered, the data is the stored content, proof empty or the request id. */
export function verify(s: AigcState, tokenId: bigint, data: Hex, proof: "empty" | "requestId" | "other"): boolean {
  const t = s.tokens.get(tokenId);
  if (t === undefined || t.results === 0) return false;
  if (proof === "other") return false;
  // one round (no disputes here), so "every result delivered" means exactly one result
  return t.status === "Finalized" && t.results === 1 && data.toLowerCase() === t.aigcData.toLowerCase();
}

export function isFinal(s: AigcState, tokenId: bigint): boolean {
  const t = s.tokens.get(tokenId);
  return t !== undefined && t.results !== 0 && t.status === "Finalized" && t.results === 1;
}

/** ERC-721 `transferFrom` rules (OpenZeppelin 5): the caller must own the token (no approvals are given here). */
function requireOwnerCaller(s: AigcState, caller: Address, tokenId: bigint): TokenRecord {
  const t = s.tokens.get(tokenId);
  if (t === undefined) fail("ERC721NonexistentToken", tokenId);
  if (t.owner !== caller) fail("ERC721InsufficientApproval", caller, tokenId);
  return t;
}

// ------------------------------------------------------------------ NFT and oracle

export function mint(s: AigcState, minter: Address, prompt: Hex, tokenId: bigint, value: bigint): Outcome<{ requestId: bigint }> {
  return tx(s, (now) => {
    if (s.tokens.has(tokenId)) fail("AigcNFT_PromptAlreadyMinted", tokenId);
    const p = s.params;
    const fee = oracleFee(p);
    if (value !== p.mintFee + fee) fail("AigcNFT_WrongPayment", p.mintFee + fee, value);
    moveEth(s, minter, s.parties.nft, value);
    const requestId = requestAtOracle(s);
    // the mint fee is the model's revenue, pushed to its RevShareToken
    moveEth(s, s.parties.nft, s.parties.token, p.mintFee);
    s.tokenRevenue += p.mintFee;
    s.tokens.set(tokenId, {
      tokenId,
      prompt,
      owner: minter,
      requestId,
      results: 0,
      requester: minter,
      aigcData: "0x",
      status: "Requested",
      submitter: undefined,
      windowEnd: 0,
      expiresAt: now + p.requestTimeout,
    });
    return { requestId };
  });
}

/** The NFT's `requestCallback`: the oracle books the fee (model fee shares as credits, protocol fee accrued, the rest escrowed). */
function requestAtOracle(s: AigcState): bigint {
  const p = s.params;
  moveEth(s, s.parties.nft, s.parties.oracle, oracleFee(p));
  const receiverShare = (p.modelFee * p.receiverBps) / BPS;
  credit(s.oracleCredits, s.parties.token, receiverShare);
  credit(s.oracleCredits, s.parties.modelOwner, p.modelFee - receiverShare);
  s.protocolFees += p.protocolFee;
  const requestId = s.nextRequestId;
  s.nextRequestId += 1n;
  return requestId;
}

/** The oracle's refund of an expired request: its escrow is credited to the requester (the NFT). */
function expireAtOracle(s: AigcState, t: TokenRecord): void {
  t.status = "Expired";
  credit(s.oracleCredits, s.parties.nft, escrowOf(s.params));
}

/** The NFT pulls its oracle credit (booked as pulled). */
function pullNftCredit(s: AigcState): void {
  const amount = get(s.oracleCredits, s.parties.nft);
  if (amount === 0n) return;
  s.oracleCredits.set(s.parties.nft, 0n);
  moveEth(s, s.parties.oracle, s.parties.nft, amount);
  s.nftPulled += amount;
}

/** The NFT's side of an expired request: expire it at the oracle if needed, pull, book the escrow's refund. */
function settleExpired(s: AigcState, t: TokenRecord, now: number): { refund: bigint; requester: Address } {
  const requester = t.requester;
  if (requester === ZERO) fail("AigcNFT_AlreadyRefunded", t.tokenId, t.requestId);
  if (t.status === "Requested" && now > t.expiresAt) expireAtOracle(s, t);
  else if (t.status !== "Expired") fail("AigcNFT_RequestNotExpired", t.tokenId, t.requestId);
  const refund = escrowOf(s.params);
  t.requester = ZERO;
  pullNftCredit(s);
  const available = s.nftPulled - s.nftRecognized;
  if (available < refund) throw new Error(`model: the NFT pulled ${available} wei unmatched, less than the escrow ${refund}`);
  s.nftRecognized += refund;
  return { refund, requester };
}

/** Pushes a refund from the NFT, or credits it when the payee refuses ETH. */
function payRefund(s: AigcState, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  if (s.refusesEth.has(to)) credit(s.nftCredits, to, amount);
  else moveEth(s, s.parties.nft, to, amount);
}

const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** `reclaimExpired(tokenId)`, anyone: the escrow of the token's expired request goes to whoever paid for it. */
export function reclaimExpired(s: AigcState, tokenId: bigint): Outcome<bigint> {
  return tx(s, (now) => {
    const t = s.tokens.get(tokenId);
    if (t === undefined) fail("AigcNFT_UnknownToken", tokenId);
    const { refund, requester } = settleExpired(s, t, now);
    payRefund(s, requester, refund);
    return refund;
  });
}

/** `rerequest(tokenId)` with `value`, by `payer`: asks the oracle again once the request expired. */
export function rerequest(s: AigcState, payer: Address, tokenId: bigint, value: bigint): Outcome<bigint> {
  return tx(s, (now) => {
    const t = s.tokens.get(tokenId);
    if (t === undefined) fail("AigcNFT_UnknownToken", tokenId);
    const owed = t.requester === ZERO ? undefined : settleExpired(s, t, now);
    const fee = oracleFee(s.params);
    if (value !== fee) fail("AigcNFT_WrongPayment", fee, value);
    moveEth(s, payer, s.parties.nft, value);
    const requestId = requestAtOracle(s);
    Object.assign(t, { requestId, results: 0, requester: payer, status: "Requested", submitter: undefined, windowEnd: 0, expiresAt: now + s.params.requestTimeout });
    if (owed !== undefined) payRefund(s, owed.requester, owed.refund);
    return requestId;
  });
}

/** The oracle's `refundExpired(requestId)` by anyone. */
export function refundExpired(s: AigcState, requestId: bigint): Outcome {
  return tx(s, (now) => {
    const t = tokenOfRequest(s, requestId);
    if (t === undefined) fail("OpmlOracle_UnknownRequest", requestId);
    if (t.status !== "Requested") fail("OpmlOracle_NotRefundable", requestId, STATUS_NUMBER[t.status]);
    if (now <= t.expiresAt) fail("OpmlOracle_NotExpired", requestId, BigInt(t.expiresAt));
    expireAtOracle(s, t);
    return undefined;
  });
}

/** The NFT's `withdrawCredit(to)` by `caller`. */
export function nftWithdrawCredit(s: AigcState, caller: Address, to: Address): Outcome<bigint> {
  return tx(s, () => {
    const amount = get(s.nftCredits, caller);
    if (amount === 0n) fail("AigcNFT_NothingToWithdraw", caller);
    if (s.refusesEth.has(to)) fail("AigcNFT_TransferFailed", to, amount);
    s.nftCredits.set(caller, 0n);
    moveEth(s, s.parties.nft, to, amount);
    return amount;
  });
}

export function totalNftCredits(s: AigcState): bigint {
  let total = 0n;
  for (const v of s.nftCredits.values()) total += v;
  return total;
}

/**
 * What `AigcNFT.tokenOfRequest(t.requestId)` reads: the token, until its request can no longer call back (its
 * second, final callback ran, or its expiry was settled), when the entry is deleted (docs/oracle.md, "What is deleted").
 */
export function storedTokenOfRequest(t: TokenRecord): bigint {
  return t.results >= 2 || (t.status === "Expired" && t.requester === ZERO) ? 0n : t.tokenId;
}

function tokenOfRequest(s: AigcState, requestId: bigint): TokenRecord | undefined {
  for (const t of s.tokens.values()) if (t.requestId === requestId) return t;
  return undefined;
}

/** The oracle's `submit` of a well-formed final state for `output`; its callback stores the output in the NFT. */
export function submit(s: AigcState, submitter: Address, requestId: bigint, output: Hex, value: bigint): Outcome {
  return tx(s, (now) => {
    const t = tokenOfRequest(s, requestId);
    if (t === undefined) fail("OpmlOracle_UnknownRequest", requestId);
    if (t.status === "Expired") fail("OpmlOracle_RequestExpired", requestId, BigInt(t.expiresAt));
    if (t.status !== "Requested") fail("OpmlOracle_AlreadySubmitted", requestId);
    if (now > t.expiresAt) fail("OpmlOracle_RequestExpired", requestId, BigInt(t.expiresAt));
    if (value !== s.params.submitterBond) fail("OpmlOracle_WrongBond", s.params.submitterBond, value);
    moveEth(s, submitter, s.parties.oracle, value);
    t.status = "Submitted";
    t.submitter = submitter;
    t.windowEnd = now + s.params.challengeWindow;
    t.results += 1;
    t.aigcData = output;
    return undefined;
  });
}

export function finalize(s: AigcState, requestId: bigint): Outcome {
  return tx(s, (now) => {
    const t = tokenOfRequest(s, requestId);
    if (t === undefined || t.status !== "Submitted" || now <= t.windowEnd) fail("OpmlOracle_NotReady", requestId);
    t.status = "Finalized";
    const p = s.params;
    credit(s.oracleCredits, t.submitter as Address, p.submitterReward + p.callbackGasLimit * p.callbackGasPrice + p.submitterBond);
    return undefined;
  });
}

/** The oracle's `flush(account)` (any caller) or `withdraw()` (caller = account): pays the account's credit. */
export function oraclePayOut(s: AigcState, account: Address): Outcome<bigint> {
  return tx(s, () => {
    const amount = get(s.oracleCredits, account);
    if (amount === 0n) fail("OpmlOracle_NothingToWithdraw", account);
    if (s.refusesEth.has(account)) fail("OpmlOracle_TransferFailed", account, amount);
    s.oracleCredits.set(account, 0n);
    moveEth(s, s.parties.oracle, account, amount);
    if (account === s.parties.token) s.tokenRevenue += amount;
    if (account === s.parties.nft) s.nftPulled += amount;
    return amount;
  });
}

/** A direct write of content (`addAigcData`, `update`) by anyone: always refused. */
export function directWrite(s: AigcState): Outcome {
  return tx(s, () => fail("AigcNFT_ContentSetByOracleOnly"));
}

/** `aiOracleCallback` from an account that is not the oracle. */
export function fakeCallback(s: AigcState, caller: Address): Outcome {
  return tx(s, () => fail("AigcNFT_NotOracle", caller));
}

export function transfer(s: AigcState, from: Address, to: Address, tokenId: bigint): Outcome {
  return tx(s, () => {
    const t = requireOwnerCaller(s, from, tokenId);
    t.owner = to;
    return undefined;
  });
}

// ------------------------------------------------------------------ market

export function list(s: AigcState, seller: Address, tokenId: bigint, price: bigint, approvedMarket: boolean): Outcome {
  return tx(s, () => {
    if (price === 0n) fail("RoyaltyMarket_ZeroPrice");
    const t = s.tokens.get(tokenId);
    if (t === undefined) fail("ERC721NonexistentToken", tokenId);
    if (t.owner !== seller) fail("RoyaltyMarket_NotTokenOwner", s.parties.nft, tokenId, seller);
    // the market pulls the token: it needs the seller's approval
    if (!approvedMarket) fail("ERC721InsufficientApproval", s.parties.market, tokenId);
    s.listings.set(tokenId, { seller, price });
    t.owner = s.parties.market;
    return undefined;
  });
}

export function cancel(s: AigcState, caller: Address, tokenId: bigint): Outcome {
  return tx(s, () => {
    const l = s.listings.get(tokenId);
    if (l === undefined) fail("RoyaltyMarket_NotListed", s.parties.nft, tokenId);
    if (l.seller !== caller) fail("RoyaltyMarket_NotSeller", s.parties.nft, tokenId, caller);
    s.listings.delete(tokenId);
    (s.tokens.get(tokenId) as TokenRecord).owner = l.seller;
    return undefined;
  });
}

/** Push, or credit when the receiver refuses ETH. */
function pay(s: AigcState, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  if (s.refusesEth.has(to)) {
    credit(s.marketCredits, to, amount);
    return;
  }
  moveEth(s, s.parties.market, to, amount);
  if (to === s.parties.token) s.tokenRevenue += amount;
}

export function buy(s: AigcState, buyer: Address, tokenId: bigint, value: bigint): Outcome<{ royalty: bigint; proceeds: bigint }> {
  return tx(s, () => {
    const l = s.listings.get(tokenId);
    if (l === undefined) fail("RoyaltyMarket_NotListed", s.parties.nft, tokenId);
    if (value !== l.price) fail("RoyaltyMarket_WrongPayment", l.price, value);
    moveEth(s, buyer, s.parties.market, value);
    s.listings.delete(tokenId);
    const [receiver, amount] = royaltyInfo(s, l.price);
    const royalty = amount > l.price ? l.price : amount;
    const proceeds = l.price - royalty;
    (s.tokens.get(tokenId) as TokenRecord).owner = buyer;
    pay(s, receiver, royalty);
    pay(s, l.seller, proceeds);
    return { royalty, proceeds };
  });
}

/** `withdraw()` (to = caller) or `withdrawTo(to)`: the caller's credit goes to `to`. */
export function marketWithdraw(s: AigcState, caller: Address, to: Address): Outcome<bigint> {
  return tx(s, () => {
    const amount = get(s.marketCredits, caller);
    if (amount === 0n) fail("RoyaltyMarket_NothingToWithdraw", caller);
    if (s.refusesEth.has(to)) fail("RoyaltyMarket_TransferFailed", to, amount);
    s.marketCredits.set(caller, 0n);
    moveEth(s, s.parties.market, to, amount);
    if (to === s.parties.token) s.tokenRevenue += amount;
    return amount;
  });
}

export function totalMarketCredits(s: AigcState): bigint {
  let total = 0n;
  for (const v of s.marketCredits.values()) total += v;
  return total;
}
