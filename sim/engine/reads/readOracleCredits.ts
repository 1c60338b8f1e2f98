import { encodeFunctionData, type Address, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";

export type OracleCredits = {
  /** Pull credit of each account (lower-cased address → wei), the token's included. */
  credits: Map<string, bigint>;
  /** The model token's credit, waiting to be flushed. */
  tokenCredit: bigint;
};

/** Pull credits at the oracle of `accounts` and of the model's token (one batch). */
export async function readOracleCredits(rpc: RpcClient, d: { oracle: Address; token: Address }, accounts: readonly Address[]): Promise<OracleCredits> {
  const all = [...accounts, d.token];
  const results = await rpc.batchResults<Hex>(
    all.map((account) => ({
      method: "eth_call",
      params: [{ to: d.oracle, data: encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "creditOf", args: [account] }) }, "latest"],
    })),
  );
  const credits = new Map<string, bigint>();
  all.forEach((account, i) => credits.set(account.toLowerCase(), BigInt(results[i] as Hex)));
  return { credits, tokenCredit: credits.get(d.token.toLowerCase()) ?? 0n };
}
