import { decodeEventLog, parseAbi, type Address, type Log } from "viem";
import { pairAbi } from "./uniswap.ts";

const transferAbi = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);
const ZERO: Address = "0x0000000000000000000000000000000000000000";

/**
 * What one Transfer of the token was: a pool buy or sale (with the swap's ETH side), a liquidity deposit into the
 * pair or withdrawal out of it, a burn, a mint, or a plain transfer.
 */
export type TokenMoveKind = "pool-buy" | "pool-sell" | "lp-deposit" | "lp-withdrawal" | "burn" | "mint" | "transfer";

export type TokenMove = {
  kind: TokenMoveKind;
  from: Address;
  to: Address;
  /** Token wei. */
  amount: bigint;
  /** ETH side of the swap: what the buyer paid in (fee included), or what the seller got out; 0 otherwise. */
  ethWei: bigint;
};

export type TokenMovesOfParameters = {
  token: Address;
  /** The token's Uniswap v2 pair, if the run has a market. */
  pair?: Address | undefined;
  tokenIsToken0?: boolean | undefined;
};

/**
 * The token's Transfers among one transaction's logs, each named: a Transfer out of the pair in a transaction where
 * the pair swapped is a pool buy, one into it a pool sale, each with the ETH side of that Swap (one swap per router
 * call, as the simulator's traders send them). In a transaction where the pair did not swap, a Transfer into the
 * pair is a liquidity deposit when the pair minted LP tokens (Mint), and when it burned them (Burn) a Transfer out
 * of it is a liquidity withdrawal, and so is the onward Transfer by whoever it paid (the router's
 * removeLiquidityETH takes the tokens and hands them to the provider in the same transaction). Moves from or to
 * the zero address are mints and burns, and everyone else's are transfers.
 */
export function tokenMovesOf(logs: readonly Log[], { token, pair, tokenIsToken0 = false }: TokenMovesOfParameters): TokenMove[] {
  const tokenKey = token.toLowerCase();
  const pairKey = pair?.toLowerCase();
  const swaps: { ethIn: bigint; ethOut: bigint }[] = [];
  let minted = false;
  let burned = false;
  const transfers: { from: Address; to: Address; value: bigint }[] = [];
  for (const log of logs) {
    const address = log.address.toLowerCase();
    if (address === tokenKey) {
      try {
        const d = decodeEventLog({ abi: transferAbi, data: log.data, topics: log.topics });
        if (d.eventName === "Transfer") transfers.push({ from: d.args.from, to: d.args.to, value: d.args.value });
      } catch {
        // the token's other events
      }
    } else if (pairKey !== undefined && address === pairKey) {
      try {
        const d = decodeEventLog({ abi: pairAbi, data: log.data, topics: log.topics });
        if (d.eventName === "Mint") minted = true;
        if (d.eventName === "Burn") burned = true;
        if (d.eventName !== "Swap") continue;
        const { amount0In, amount1In, amount0Out, amount1Out } = d.args;
        swaps.push(tokenIsToken0 ? { ethIn: amount1In, ethOut: amount1Out } : { ethIn: amount0In, ethOut: amount0Out });
      } catch {
        // Sync and the LP token's Transfer
      }
    }
  }
  const swap = swaps[0];
  /** Who got the token out of the pair in a removal (lower-cased): their onward Transfers are the withdrawal's too. */
  const paidByBurn = new Set<string>();
  return transfers.map(({ from, to, value }): TokenMove => {
    const fromPair = pairKey !== undefined && from.toLowerCase() === pairKey;
    const toPair = pairKey !== undefined && to.toLowerCase() === pairKey;
    if (swap && swaps.length === 1 && fromPair && swap.ethIn > 0n) return { kind: "pool-buy", from, to, amount: value, ethWei: swap.ethIn };
    if (swap && swaps.length === 1 && toPair && swap.ethOut > 0n) return { kind: "pool-sell", from, to, amount: value, ethWei: swap.ethOut };
    if (swaps.length === 0 && minted && toPair) return { kind: "lp-deposit", from, to, amount: value, ethWei: 0n };
    if (swaps.length === 0 && burned && (fromPair || paidByBurn.has(from.toLowerCase())) && to.toLowerCase() !== ZERO) {
      paidByBurn.add(to.toLowerCase());
      return { kind: "lp-withdrawal", from, to, amount: value, ethWei: 0n };
    }
    if (from.toLowerCase() === ZERO) return { kind: "mint", from, to, amount: value, ethWei: 0n };
    if (to.toLowerCase() === ZERO) return { kind: "burn", from, to, amount: value, ethWei: 0n };
    return { kind: "transfer", from, to, amount: value, ethWei: 0n };
  });
}
