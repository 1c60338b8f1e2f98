import { sqrt, type Reserves } from "./amm.ts";

/**
 * An LP position's return against holding what was deposited, in wei at the pool's price (pure bigint math).
 *
 * A deposit of `eth` and `tokens` at the pool's ratio buys liquidity √(eth·tokens) (wei units). Without fees the
 * constant-product path keeps that liquidity L and, at a pool price p (wei per token wei), the position holds
 * L/√p tokens and L·√p wei: worth 2·L·√p. So, for what is still deposited (the basis, which a removal of a
 * fraction f of the LP tokens reduces by f):
 * - hold = basis ETH + basis tokens × p (what just keeping the deposits would be worth now);
 * - no-fee value = 2·L·√p; impermanent loss = no-fee value − hold ≤ 0 (L ≤ √(ETH·tokens) by Cauchy–Schwarz,
 *   and 2·L·√p ≤ ETH + tokens·p by the AM–GM inequality);
 * - value = the LP tokens' share of both reserves at p; fees = value − no-fee value (the fees the pool kept for
 *   the position: they grow √k per LP token).
 * So value = hold + impermanent loss + fees to the wei. A removal realizes its share: what it paid out at the
 * removal's price, and the hold and no-fee values of the basis it took, at that price.
 * Rounding: hold rounds the token side up and the no-fee value's root down, so the loss is ≤ 0 to the wei.
 */

export type LpBook = {
  readonly ethDeposited: bigint;
  readonly tokensDeposited: bigint;
  readonly ethWithdrawn: bigint;
  readonly tokensWithdrawn: bigint;
  /** What is still deposited (reduced pro rata by removals). */
  readonly basisEth: bigint;
  readonly basisTokens: bigint;
  readonly basisLiquidity: bigint;
  /** Removals at their own prices: what they paid out, and what the basis they took would have been worth held and without fees. */
  readonly realizedValue: bigint;
  readonly realizedHold: bigint;
  readonly realizedNoFee: bigint;
};

export const emptyLpBook = (): LpBook => ({
  ethDeposited: 0n,
  tokensDeposited: 0n,
  ethWithdrawn: 0n,
  tokensWithdrawn: 0n,
  basisEth: 0n,
  basisTokens: 0n,
  basisLiquidity: 0n,
  realizedValue: 0n,
  realizedHold: 0n,
  realizedNoFee: 0n,
});

export function applyDeposit(book: LpBook, eth: bigint, tokens: bigint): LpBook {
  return {
    ...book,
    ethDeposited: book.ethDeposited + eth,
    tokensDeposited: book.tokensDeposited + tokens,
    basisEth: book.basisEth + eth,
    basisTokens: book.basisTokens + tokens,
    basisLiquidity: book.basisLiquidity + sqrt(eth * tokens),
  };
}

/** Hold value of `eth` and `tokens` at the pool's price (token side rounded up). */
export function holdValue(eth: bigint, tokens: bigint, pool: Reserves): bigint {
  if (pool.tokens === 0n) return eth;
  return eth + (tokens * pool.eth + pool.tokens - 1n) / pool.tokens;
}

/** 2·L·√p at the pool's price p = eth / tokens (root rounded down). */
export function noFeeValue(liquidity: bigint, pool: Reserves): bigint {
  if (pool.tokens === 0n) return 0n;
  return 2n * sqrt((liquidity * liquidity * pool.eth) / pool.tokens);
}

/**
 * A removal of `lpBurned` of the `lpBefore` LP tokens it held, which paid out `eth` and `tokens`; `pool` is the
 * pool just before it (its price values the removal). The basis shrinks by the same fraction, rounded so that
 * what stays keeps L ≤ √(ETH·tokens): liquidity rounded down, ETH and tokens up.
 */
export function applyRemoval(book: LpBook, lpBurned: bigint, lpBefore: bigint, eth: bigint, tokens: bigint, pool: Reserves): LpBook {
  if (lpBefore === 0n) throw new RangeError("a removal from a position without LP tokens");
  const keep = lpBefore - lpBurned;
  const basisEth = ceilDiv(book.basisEth * keep, lpBefore);
  const basisTokens = ceilDiv(book.basisTokens * keep, lpBefore);
  const basisLiquidity = (book.basisLiquidity * keep) / lpBefore;
  const takenEth = book.basisEth - basisEth;
  const takenTokens = book.basisTokens - basisTokens;
  // the liquidity taken rounds up: capped at √(ETH·tokens) of the basis taken, which it can exceed by rounding only
  const takenLiquidity = min(book.basisLiquidity - basisLiquidity, sqrt(takenEth * takenTokens));
  const taken = { eth: takenEth, tokens: takenTokens, liquidity: takenLiquidity };
  return {
    ...book,
    ethWithdrawn: book.ethWithdrawn + eth,
    tokensWithdrawn: book.tokensWithdrawn + tokens,
    basisEth,
    basisTokens,
    basisLiquidity,
    realizedValue: book.realizedValue + eth + (pool.tokens === 0n ? 0n : (tokens * pool.eth) / pool.tokens),
    realizedHold: book.realizedHold + holdValue(taken.eth, taken.tokens, pool),
    realizedNoFee: book.realizedNoFee + noFeeValue(taken.liquidity, pool),
  };
}

export type LpPosition = {
  /** The LP tokens' share of the reserves, at the pool's price. */
  readonly value: bigint;
  readonly hold: bigint;
  readonly noFee: bigint;
  readonly impermanentLoss: bigint;
  readonly fees: bigint;
};

/** The open position of `lpTokens` of `lpSupply` in `pool`, against its book's basis. */
export function lpPosition(book: LpBook, lpTokens: bigint, lpSupply: bigint, pool: Reserves): LpPosition {
  const eth = lpSupply === 0n ? 0n : (pool.eth * lpTokens) / lpSupply;
  const tokens = lpSupply === 0n ? 0n : (pool.tokens * lpTokens) / lpSupply;
  const value = eth + (pool.tokens === 0n ? 0n : (tokens * pool.eth) / pool.tokens);
  const hold = holdValue(book.basisEth, book.basisTokens, pool);
  const noFee = noFeeValue(book.basisLiquidity, pool);
  return { value, hold, noFee, impermanentLoss: noFee - hold, fees: value - noFee };
}

/**
 * The whole record of a provider: its open position plus what its removals realized. `againstHold` is what
 * providing earned beyond holding the same deposits (value + realized − hold − realized hold).
 */
export function lpReturn(book: LpBook, position: LpPosition) {
  const value = position.value + book.realizedValue;
  const hold = position.hold + book.realizedHold;
  const noFee = position.noFee + book.realizedNoFee;
  return { value, hold, impermanentLoss: noFee - hold, fees: value - noFee, againstHold: value - hold };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
