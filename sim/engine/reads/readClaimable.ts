import { encodeFunctionData, type Address, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";

/**
 * What each holder can claim in the open window of snapshots `currentSnapshotId - window + 1 ..
 * currentSnapshotId` (lower-cased address → snapshot id → wei, non-zero amounts only), in one batch.
 */
export async function readClaimable(rpc: RpcClient, token: Address, holders: readonly Address[], currentSnapshotId: number, window: number): Promise<Map<string, Map<number, bigint>>> {
  const ids = Array.from({ length: Math.min(window, currentSnapshotId) }, (_, k) => currentSnapshotId - k);
  const calls = holders.flatMap((holder) =>
    ids.map((id) => ({
      method: "eth_call",
      params: [{ to: token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "claimableRevenue", args: [holder, BigInt(id)] }) }, "latest"],
    })),
  );
  const results = await rpc.batchResults<Hex>(calls);
  const claimable = new Map<string, Map<number, bigint>>();
  let k = 0;
  for (const holder of holders) {
    const mine = new Map<number, bigint>();
    for (const id of ids) {
      const amount = BigInt(results[k++] as Hex);
      if (amount > 0n) mine.set(id, amount);
    }
    claimable.set(holder.toLowerCase(), mine);
  }
  return claimable;
}
