/**
 * Uniswap v2's constant-product arithmetic, in bigint wei, exactly as the pair and the router compute it
 * (`UniswapV2Library.getAmountOut` / `getAmountIn`: a 0.3 % fee on the amount in, results rounded as there).
 * Prices are in wei per whole token (1e18 token wei), as the launch's `salePrice`.
 */

/** The pool's reserves: the IMO token and WETH. */
export type Reserves = { readonly tokens: bigint; readonly eth: bigint };

const FEE_KEPT = 997n;
const FEE_BASE = 1000n;
const WHOLE = 10n ** 18n;

/** What `amountIn` buys out of a pool holding `reserveIn` / `reserveOut` (0 if either reserve is empty). */
export function amountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const inWithFee = amountIn * FEE_KEPT;
  return (inWithFee * reserveOut) / (reserveIn * FEE_BASE + inWithFee);
}

/** The least amount in that buys `out` (undefined if the pool cannot pay it). */
export function amountIn(out: bigint, reserveIn: bigint, reserveOut: bigint): bigint | undefined {
  if (out <= 0n) return 0n;
  if (reserveIn <= 0n || out >= reserveOut) return undefined;
  return (reserveIn * out * FEE_BASE) / ((reserveOut - out) * FEE_KEPT) + 1n;
}

/** The pool's marginal price in wei per whole token (0 for an empty pool). */
export function spotPrice(r: Reserves): bigint {
  return r.tokens === 0n ? 0n : (r.eth * WHOLE) / r.tokens;
}

/** Integer square root (floor): Newton's method from an over-estimate, which only descends. */
export function sqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("sqrt of a negative number");
  if (n < 2n) return n;
  // the float's root is within a relative 2^-50 of the true one: add 2^-20 of it and one to start above
  const approx = BigInt(Math.floor(Math.sqrt(Number(n))));
  let x = approx + (approx >> 20n) + 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * ETH to spend buying tokens so that the pool's marginal price rises to at most `target` (wei per whole token):
 * the constant product without the fee says `eth' = sqrt(k * target)`; the fee only leaves more tokens in the
 * pool, so the price reached is at or below the target. 0 if the price is already there.
 */
export function ethToReachPrice(r: Reserves, target: bigint): bigint {
  if (r.tokens === 0n || r.eth === 0n || target <= spotPrice(r)) return 0n;
  const ethAfter = sqrt((r.eth * r.tokens * target) / WHOLE);
  return ethAfter > r.eth ? ethAfter - r.eth : 0n;
}

/** Tokens to sell so that the marginal price falls to at least `target` (the fee keeps it at or above). */
export function tokensToReachPrice(r: Reserves, target: bigint): bigint {
  if (r.tokens === 0n || r.eth === 0n || target <= 0n || target >= spotPrice(r)) return 0n;
  const tokensAfter = sqrt((r.eth * r.tokens * WHOLE) / target);
  return tokensAfter > r.tokens ? tokensAfter - r.tokens : 0n;
}

/** The pool after a buy of `ethIn` (tokens out as the pair pays them). */
export function afterBuy(r: Reserves, ethIn: bigint): Reserves {
  const out = amountOut(ethIn, r.eth, r.tokens);
  return { tokens: r.tokens - out, eth: r.eth + ethIn };
}

/** The pool after a sale of `tokensIn`. */
export function afterSell(r: Reserves, tokensIn: bigint): Reserves {
  const out = amountOut(tokensIn, r.tokens, r.eth);
  return { tokens: r.tokens + tokensIn, eth: r.eth - out };
}

/** The least acceptable amount out of a quote with a slippage tolerance in basis points (the router's `amountOutMin`). */
export function withSlippage(quoted: bigint, slippageBps: number): bigint {
  return (quoted * BigInt(10_000 - slippageBps)) / 10_000n;
}
