import { decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";
import type { Deployment } from "../deployment.ts";

export type StackConstants = {
  /** When the token's first snapshot is due. */
  nextSnapshotAt: number;
  /** The oracle's fee for a request with no callback gas. */
  fee: bigint;
  /** What an NFT mint costs (mint fee and the oracle's fee). */
  mintPrice: bigint;
};

/** What agents need from the deployed stack that does not change during a run. */
export async function readStackConstants(rpc: RpcClient, d: Deployment): Promise<StackConstants> {
  const call = (to: Hex, data: Hex) => rpc.request<Hex>("eth_call", [{ to, data }, "latest"]);
  const nextSnapshotAt = Number(
    decodeFunctionResult({ abi: contractAbis.RevShareToken, functionName: "nextSnapshotAt", data: await call(d.token, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "nextSnapshotAt" })) }),
  );
  const fee = decodeFunctionResult({
    abi: contractAbis.OpmlOracle,
    functionName: "estimateFee",
    data: await call(d.oracle, encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "estimateFee", args: [d.modelId, 0n] })),
  });
  const mintPrice = decodeFunctionResult({ abi: contractAbis.AigcNFT, functionName: "mintPrice", data: await call(d.nft, encodeFunctionData({ abi: contractAbis.AigcNFT, functionName: "mintPrice" })) });
  return { nextSnapshotAt, fee, mintPrice };
}
