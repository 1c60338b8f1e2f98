import { formatEther } from "viem";

/** Wei as a number of ETH (for charts and quick reading; the wei string stays the exact figure). */
export function weiToEth(wei: bigint): number {
  return Number(formatEther(wei));
}
