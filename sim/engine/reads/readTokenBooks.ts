import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";

/** The token's ETH books: pending, open claimable, redeem pool, claimed and redeemed, in wei. */
export async function readTokenBooks(rpc: RpcClient, token: Address) {
  const data = await rpc.request<Hex>("eth_call", [{ to: token, data: encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "books", args: ["0x0000000000000000000000000000000000000000"] }) }, "latest"]);
  return decodeFunctionResult({ abi: contractAbis.RevShareToken, functionName: "books", data });
}

export type TokenBooks = Awaited<ReturnType<typeof readTokenBooks>>;
