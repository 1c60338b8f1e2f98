import { decodeEventLog, type Address, type Log } from "viem";
import { pairAbi } from "./uniswap.ts";

/** An epoch's trading on the token's pair, from the pair's Swap events. */
export type MarketStats = {
  swaps: number;
  buys: number;
  sells: number;
  /** ETH side of every swap: ETH in on buys, ETH out on sells. */
  volumeEthWei: bigint;
  /** The 0.3 % fee, in ETH on buys and valued in ETH at the swap's own rate on sells. */
  feesEthWei: bigint;
};

export function createMarketStats(): MarketStats {
  return { swaps: 0, buys: 0, sells: 0, volumeEthWei: 0n, feesEthWei: 0n };
}

/** Adds the Swap events of `pair` among `logs` (the token is token0 when `tokenIsToken0`). */
export function countSwaps(stats: MarketStats, logs: readonly Log[], pair: Address, tokenIsToken0: boolean): void {
  const pairKey = pair.toLowerCase();
  for (const log of logs) {
    if (log.address.toLowerCase() !== pairKey) continue;
    let decoded;
    try {
      decoded = decodeEventLog({ abi: pairAbi, data: log.data, topics: log.topics });
    } catch {
      continue; // Sync, Transfer, Mint: not swaps
    }
    if (decoded.eventName !== "Swap") continue;
    const { amount0In, amount1In, amount0Out, amount1Out } = decoded.args;
    const [tokensIn, ethIn, ethOut] = tokenIsToken0 ? [amount0In, amount1In, amount1Out] : [amount1In, amount0In, amount0Out];
    stats.swaps++;
    if (ethIn > 0n) {
      stats.buys++;
      stats.volumeEthWei += ethIn;
      stats.feesEthWei += (ethIn * 3n) / 1000n;
    } else if (tokensIn > 0n) {
      stats.sells++;
      stats.volumeEthWei += ethOut;
      // the fee is 0.3 % of the tokens in; valued at the swap's rate it is ethOut * 3 / 997
      stats.feesEthWei += (ethOut * 3n) / 997n;
    }
  }
}
