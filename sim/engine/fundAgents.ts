import { parseEther } from "viem";
import type { Agent } from "../agents/types.ts";
import type { RpcClient } from "../chain/rpc.ts";

/** Agents' money: plenty, so that the scenario's economics, not a balance, limit what they do. */
export async function fundAgents(rpc: RpcClient, agents: readonly Agent[]): Promise<void> {
  await rpc.batchResults(agents.map((agent) => ({ method: "anvil_setBalance", params: [agent.address, `0x${parseEther("1000000").toString(16)}`] })));
}
