import type { Rng } from "../rng/createRng.ts";
import { amountOut, ethToReachPrice, spotPrice, tokensToReachPrice, withSlippage, type Reserves } from "./amm.ts";

/**
 * The decision rules of the market's traders, as pure functions of what they see: the pool's reserves, their
 * balances, their beliefs. Each returns a trade as data (or nothing); an agent's policy turns it into actions
 * with a deadline. Prices are wei per whole token.
 */

const WHOLE = 10n ** 18n;
const BPS = 10_000n;
/**
 * The smallest ETH side of a trade anyone makes (a microether): below it the pair's rounding (1 wei out of a
 * handful) moves the average price by more than any margin, and the gas costs more than the trade.
 */
export const MIN_TRADE_WEI = 10n ** 12n;

/** One swap through the router: ETH in for at least `minOut` tokens, or tokens in for at least `minOut` wei. */
export type Trade =
  | { readonly side: "buy"; readonly ethIn: bigint; readonly tokensOut: bigint; readonly minOut: bigint }
  | { readonly side: "sell"; readonly tokensIn: bigint; readonly ethOut: bigint; readonly minOut: bigint };

/** A fundamental trader's belief: claimable revenue per whole token per epoch (wei), smoothed over what it has seen. */
export type RevenueBelief = { readonly revenuePerTokenPerEpoch: number; readonly observations: number };

/**
 * Updates the belief with the claimable revenue per whole token one snapshot paid over `epochs` epochs: an
 * exponentially weighted mean with weight `smoothing` on the new observation (the first observation is taken
 * as it is).
 */
export function updateBelief(belief: RevenueBelief, revenuePerToken: number, epochs: number, smoothing: number): RevenueBelief {
  const perEpoch = epochs > 0 ? revenuePerToken / epochs : 0;
  if (belief.observations === 0) return { revenuePerTokenPerEpoch: perEpoch, observations: 1 };
  return { revenuePerTokenPerEpoch: belief.revenuePerTokenPerEpoch * (1 - smoothing) + perEpoch * smoothing, observations: belief.observations + 1 };
}

/**
 * The value of a whole token in wei: the present value of the revenue it is expected to let its holder claim
 * (a perpetuity of `revenuePerTokenPerEpoch` wei discounted at `discountRatePerEpoch`), and never less than
 * what burning it redeems now (`redeemPerToken`), since a holder can always burn.
 */
export function fundamentalValue(belief: RevenueBelief, discountRatePerEpoch: number, redeemPerToken: bigint): bigint {
  if (!(discountRatePerEpoch > 0)) throw new RangeError(`discount rate per epoch must be > 0, got ${discountRatePerEpoch}`);
  const pv = BigInt(Math.floor(belief.revenuePerTokenPerEpoch / discountRatePerEpoch));
  return pv > redeemPerToken ? pv : redeemPerToken;
}

export type FundamentalParameters = {
  /** Value per whole token (wei). */
  readonly value: bigint;
  /** Half-width of the no-trade band around the value, in basis points. */
  readonly marginBps: number;
  /** Largest ETH spent (or received) in one trade. */
  readonly maxTradeWei: bigint;
  readonly slippageBps: number;
  readonly ethBalance: bigint;
  readonly tokenBalance: bigint;
};

/**
 * A fundamental trader trades toward its value with a margin: below `value * (1 - margin)` it buys until the
 * pool's price reaches that bound (fee included, so its average price stays below it); above
 * `value * (1 + margin)` it sells until the price falls to that bound; in between it does nothing. Trades are
 * capped by `maxTradeWei` and its balances.
 */
export function fundamentalTrade(pool: Reserves, p: FundamentalParameters): Trade | undefined {
  const price = spotPrice(pool);
  if (price === 0n || p.value === 0n) return undefined;
  const margin = BigInt(p.marginBps);
  const buyBelow = (p.value * (BPS - margin)) / BPS;
  const sellAbove = (p.value * (BPS + margin)) / BPS;
  if (price < buyBelow) {
    // the marginal price a buyer pays includes the fee: aim the pool's price at the bound less the fee
    let ethIn = ethToReachPrice(pool, (buyBelow * 997n) / 1000n);
    ethIn = min(ethIn, p.maxTradeWei, p.ethBalance);
    const tokensOut = amountOut(ethIn, pool.eth, pool.tokens);
    if (tokensOut === 0n || ethIn < MIN_TRADE_WEI) return undefined;
    return { side: "buy", ethIn, tokensOut, minOut: withSlippage(tokensOut, p.slippageBps) };
  }
  if (price > sellAbove) {
    let tokensIn = tokensToReachPrice(pool, (sellAbove * 1000n) / 997n);
    tokensIn = min(tokensIn, p.tokenBalance, price === 0n ? 0n : (p.maxTradeWei * WHOLE) / price);
    const ethOut = amountOut(tokensIn, pool.tokens, pool.eth);
    if (ethOut < MIN_TRADE_WEI) return undefined;
    return { side: "sell", tokensIn, ethOut, minOut: withSlippage(ethOut, p.slippageBps) };
  }
  return undefined;
}

export type NoiseParameters = {
  /** Chance of trading at a turn. */
  readonly probability: number;
  /** Largest ETH spent (or worth sold) in one trade. */
  readonly maxTradeWei: bigint;
  readonly slippageBps: number;
  readonly ethBalance: bigint;
  readonly tokenBalance: bigint;
};

/** A noise trader buys or sells a random amount (uniform up to its cap) with probability `probability`. */
export function noiseTrade(pool: Reserves, p: NoiseParameters, rng: Rng): Trade | undefined {
  if (rng.float() >= p.probability) return undefined;
  const buy = rng.float() < 0.5;
  const size = BigInt(Math.floor(rng.float() * 1_000_000));
  const price = spotPrice(pool);
  if (price === 0n) return undefined;
  if (buy) {
    const ethIn = min((p.maxTradeWei * size) / 1_000_000n, p.ethBalance);
    const tokensOut = amountOut(ethIn, pool.eth, pool.tokens);
    return tokensOut === 0n ? undefined : { side: "buy", ethIn, tokensOut, minOut: withSlippage(tokensOut, p.slippageBps) };
  }
  const tokensIn = min((((p.maxTradeWei * size) / 1_000_000n) * WHOLE) / price, p.tokenBalance);
  const ethOut = amountOut(tokensIn, pool.tokens, pool.eth);
  return ethOut === 0n ? undefined : { side: "sell", tokensIn, ethOut, minOut: withSlippage(ethOut, p.slippageBps) };
}

export type BurnArbitrage = { readonly ethIn: bigint; readonly tokensOut: bigint; readonly minOut: bigint; readonly redeemed: bigint; readonly profit: bigint };

/**
 * A burn arbitrageur buys on the pool and burns when what the tokens redeem beats what they cost plus gas:
 * it buys up to where the pool's marginal price (fee included) meets the redeem value per token, and acts only
 * if `tokensOut * redeemPerToken - ethIn - gasCostWei > 0`.
 */
export function burnArbitrage(
  pool: Reserves,
  p: { readonly redeemPerToken: bigint; readonly gasCostWei: bigint; readonly ethBalance: bigint; readonly slippageBps: number },
): BurnArbitrage | undefined {
  if (p.redeemPerToken === 0n || spotPrice(pool) === 0n) return undefined;
  const ethIn = min(ethToReachPrice(pool, (p.redeemPerToken * 997n) / 1000n), p.ethBalance);
  const tokensOut = amountOut(ethIn, pool.eth, pool.tokens);
  if (tokensOut === 0n) return undefined;
  const redeemed = (tokensOut * p.redeemPerToken) / WHOLE;
  const profit = redeemed - ethIn - p.gasCostWei;
  if (profit <= 0n) return undefined;
  return { ethIn, tokensOut, minOut: withSlippage(tokensOut, p.slippageBps), redeemed, profit };
}

/** An investor sells `fractionBps` of its tokens at listing, with a slippage limit. */
export function listingSale(pool: Reserves, tokenBalance: bigint, fractionBps: number, slippageBps: number): Trade | undefined {
  const tokensIn = (tokenBalance * BigInt(fractionBps)) / BPS;
  const ethOut = amountOut(tokensIn, pool.tokens, pool.eth);
  return ethOut === 0n ? undefined : { side: "sell", tokensIn, ethOut, minOut: withSlippage(ethOut, slippageBps) };
}

function min(...values: bigint[]): bigint {
  return values.reduce((a, b) => (b < a ? b : a));
}
