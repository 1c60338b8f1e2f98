import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from "viem";
import type { AmmView } from "../../agents/types.ts";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";
import { erc20Abi, pairAbi } from "../../market/uniswap.ts";
import type { AmmDeployment } from "../deployment.ts";

const WHOLE = 10n ** 18n;

/**
 * The market as traders see it, in two batches: whether the pair exists, the redeem value of a whole token,
 * the traders' ETH and token balances and the latest snapshot's claimable pool and eligible supply; then the
 * pair's reserves once it exists (before the raise lists it, the pair has no code).
 */
export async function readAmm(rpc: RpcClient, amm: AmmDeployment, token: Address, traders: readonly Address[], currentSnapshotId: number): Promise<Omit<AmmView, "lpBalances" | "feesByEpoch">> {
  const call = (to: Address, data: Hex) => ({ method: "eth_call", params: [{ to, data }, "latest"] });
  const snapshotCalls =
    currentSnapshotId > 0
      ? [
          call(token, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "snapshotPool", args: [BigInt(currentSnapshotId), "0x0000000000000000000000000000000000000000"] })),
          call(token, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "eligibleSupplyAt", args: [BigInt(currentSnapshotId)] })),
        ]
      : [];
  const results = await rpc.batchResults<Hex>([
    { method: "eth_getCode", params: [amm.pair, "latest"] },
    call(token, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "redeemableOnBurn", args: [WHOLE] })),
    ...traders.flatMap((t) => [{ method: "eth_getBalance", params: [t, "latest"] }, call(token, encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [t] }))]),
    ...snapshotCalls,
  ]);
  const listed = results[0] !== undefined && results[0] !== "0x";
  const redeemPerToken = BigInt(results[1] as Hex);
  const balances = new Map<string, { eth: bigint; tokens: bigint }>();
  traders.forEach((t, i) => balances.set(t.toLowerCase(), { eth: BigInt(results[2 + 2 * i] as Hex), tokens: BigInt(results[3 + 2 * i] as Hex) }));
  let lastSnapshot: AmmView["lastSnapshot"];
  if (currentSnapshotId > 0) {
    const at = 2 + 2 * traders.length;
    const [pool] = decodeFunctionResult({ abi: contractAbis.RevShareToken, functionName: "snapshotPool", data: results[at] as Hex });
    const eligible = BigInt(results[at + 1] as Hex);
    lastSnapshot = { id: currentSnapshotId, revenuePerToken: eligible === 0n ? 0 : Number((pool * WHOLE * 10n ** 9n) / eligible) / 1e9 };
  }
  let reserves = { tokens: 0n, eth: 0n };
  let lpSupply = 0n;
  if (listed) {
    const [raw, token0, supply] = await rpc.batchResults<Hex>([
      call(amm.pair, encodeFunctionData({ abi: pairAbi, functionName: "getReserves" })),
      call(amm.pair, encodeFunctionData({ abi: pairAbi, functionName: "token0" })),
      call(amm.pair, encodeFunctionData({ abi: pairAbi, functionName: "totalSupply" })),
    ]);
    lpSupply = BigInt(supply as Hex);
    const [r0, r1] = decodeFunctionResult({ abi: pairAbi, functionName: "getReserves", data: raw as Hex });
    const tokenIsToken0 = decodeFunctionResult({ abi: pairAbi, functionName: "token0", data: token0 as Hex }).toLowerCase() === token.toLowerCase();
    reserves = tokenIsToken0 ? { tokens: r0, eth: r1 } : { tokens: r1, eth: r0 };
  }
  return { listed: listed && reserves.tokens > 0n, reserves, redeemPerToken, balances, lastSnapshot, lpSupply };
}
