import type { Address, Hex } from "viem";
import type { RpcClient } from "../../chain/rpc.ts";

/** ETH balances of `addresses` (lower-cased address → wei), in one batch, in the given order. */
export async function readBalances(rpc: RpcClient, addresses: readonly Address[]): Promise<Map<string, bigint>> {
  const results = await rpc.batchResults<Hex>(addresses.map((a) => ({ method: "eth_getBalance", params: [a, "latest"] })));
  return new Map(addresses.map((a, i) => [a.toLowerCase(), BigInt(results[i] as Hex)]));
}
