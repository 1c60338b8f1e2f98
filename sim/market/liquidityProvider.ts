import { amountOut, spotPrice, withSlippage, type Reserves } from "./amm.ts";
import { MIN_TRADE_WEI } from "./traders.ts";

/**
 * A liquidity provider's decision rule, as a pure function of what it sees: the pool, the fees the pool earned
 * over the last epochs, its balances and LP tokens, and the price at which it entered. It returns what to do as
 * data (a buy of the token half, an add, a removal, or nothing); the agent's policy turns it into router calls
 * with a deadline.
 *
 * The rule is the one a yield-seeking LP follows: providing liquidity earns the 0.3 % fee on the volume in
 * proportion to one's share of the pool, and costs the impermanent loss when the price moves away from entry.
 * - It enters when the pool's trailing fee yield per epoch (fees of the window over its epochs, over the pool's
 *   value, twice its ETH reserve) is at least `enterYieldBps`. It deposits at the pool's ratio: with the tokens
 *   it holds and the ETH they match, or, holding too few tokens, it first buys the token half with half of its
 *   budget (the next epoch it adds what it then holds).
 * - It leaves (removes all its liquidity) when the trailing yield falls below `exitYieldBps`, or when the price
 *   moved more than `priceBandBps` from its entry price either way: outside the band the impermanent loss
 *   (−(1 − 2√r/(1 + r)) of the position for a price ratio r; −0.9 % at +30 %, −1.5 % at −30 %) outweighs what the fees of a
 *   few epochs pay. It re-enters whenever the yield is back at the entry threshold (a new position, with the
 *   price of then as its entry).
 * Every add and removal carries `amountTokenMin` / `amountETHMin` from its own quote less `slippageBps`.
 */

const BPS = 10_000n;

export type LiquidityProviderParameters = {
  /** Trailing fee yield per epoch (basis points of the pool's value) at or above which it adds. */
  readonly enterYieldBps: number;
  /** Trailing fee yield per epoch below which it removes. */
  readonly exitYieldBps: number;
  /** Largest move of the price from its entry (either way, basis points) it sits through. */
  readonly priceBandBps: number;
  /** Largest ETH side of one deposit. */
  readonly depositWei: bigint;
  readonly slippageBps: number;
};

export type LiquidityProviderView = {
  readonly pool: Reserves;
  /** The pair's LP token supply. */
  readonly lpSupply: bigint;
  /** The provider's LP tokens. */
  readonly lpBalance: bigint;
  /** ETH it may spend (its balance less its gas reserve) and tokens it holds. */
  readonly ethBalance: bigint;
  readonly tokenBalance: bigint;
  /** Fees the pool earned in each of the trailing epochs (wei, as `market.fees_eth_wei`). */
  readonly trailingFeesWei: readonly bigint[];
  /** Pool price when it last added (wei per whole token; 0 if never). */
  readonly entryPrice: bigint;
};

export type LiquidityDecision =
  | { readonly kind: "buy"; readonly ethIn: bigint; readonly tokensOut: bigint; readonly minOut: bigint }
  | { readonly kind: "add"; readonly tokens: bigint; readonly eth: bigint; readonly tokenMin: bigint; readonly ethMin: bigint }
  | { readonly kind: "remove"; readonly liquidity: bigint; readonly tokenMin: bigint; readonly ethMin: bigint; readonly reason: "yield" | "price" };

/** The pool's trailing fee yield per epoch in basis points of its value (twice its ETH reserve); 0 without a window. */
export function trailingYieldBps(pool: Reserves, trailingFeesWei: readonly bigint[]): number {
  if (trailingFeesWei.length === 0 || pool.eth === 0n) return 0;
  const fees = trailingFeesWei.reduce((a, b) => a + b, 0n);
  // parts per billion first, so a yield of a fraction of a basis point is kept
  return Number((fees * BPS * 1_000_000_000n) / (BigInt(trailingFeesWei.length) * 2n * pool.eth)) / 1e9;
}

/** Whether `price` lies more than `bandBps` away from `reference` (either way). */
export function outsideBand(price: bigint, reference: bigint, bandBps: number): boolean {
  if (reference === 0n) return false;
  const diff = price > reference ? price - reference : reference - price;
  return diff * BPS > reference * BigInt(bandBps);
}

export function liquidityDecision(v: LiquidityProviderView, p: LiquidityProviderParameters): LiquidityDecision | undefined {
  const price = spotPrice(v.pool);
  if (price === 0n || v.lpSupply === 0n) return undefined;
  const yieldBps = trailingYieldBps(v.pool, v.trailingFeesWei);
  if (v.lpBalance > 0n) {
    const reason = yieldBps < p.exitYieldBps ? "yield" : outsideBand(price, v.entryPrice, p.priceBandBps) ? "price" : undefined;
    if (!reason) return undefined;
    const eth = (v.pool.eth * v.lpBalance) / v.lpSupply;
    const tokens = (v.pool.tokens * v.lpBalance) / v.lpSupply;
    return { kind: "remove", liquidity: v.lpBalance, tokenMin: withSlippage(tokens, p.slippageBps), ethMin: withSlippage(eth, p.slippageBps), reason };
  }
  if (yieldBps < p.enterYieldBps) return undefined;
  const budget = v.ethBalance < p.depositWei ? v.ethBalance : p.depositWei;
  // tokens it holds, and the ETH that matches them at the pool's ratio (the router's `quote`)
  const ethForTokens = (v.tokenBalance * v.pool.eth) / v.pool.tokens;
  const eth = ethForTokens < budget ? ethForTokens : budget;
  if (eth * 2n >= budget && eth >= MIN_TRADE_WEI) {
    const tokens = eth === ethForTokens ? v.tokenBalance : (eth * v.pool.tokens) / v.pool.eth;
    if (tokens === 0n) return undefined;
    return { kind: "add", tokens, eth, tokenMin: withSlippage(tokens, p.slippageBps), ethMin: withSlippage(eth, p.slippageBps) };
  }
  // too few tokens for half its budget: buy the token half first
  const ethIn = budget / 2n;
  if (ethIn < MIN_TRADE_WEI) return undefined;
  const tokensOut = amountOut(ethIn, v.pool.eth, v.pool.tokens);
  if (tokensOut === 0n) return undefined;
  return { kind: "buy", ethIn, tokensOut, minOut: withSlippage(tokensOut, p.slippageBps) };
}
