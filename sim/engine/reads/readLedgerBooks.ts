import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";

/** The usage ledger's books (`IUsageLedger.Books`, wei) and its ETH balance, in one JSON-RPC batch. */
export async function readLedgerBooks(rpc: RpcClient, ledger: Address) {
  const [data, balance] = await rpc.batchResults<Hex>([
    { method: "eth_call", params: [{ to: ledger, data: encodeFunctionData({ abi: contractAbis.UsageLedger, functionName: "books" }) }, "latest"] },
    { method: "eth_getBalance", params: [ledger, "latest"] },
  ]);
  return { books: decodeFunctionResult({ abi: contractAbis.UsageLedger, functionName: "books", data: data as Hex }), balance: BigInt(balance as Hex) };
}

export type LedgerBooks = Awaited<ReturnType<typeof readLedgerBooks>>["books"];

/** What the ledger must hold: every wei is in a bond, a challenge bond, escrow, a credit, or burned. */
export function ledgerHeld(books: LedgerBooks): bigint {
  return books.bonded + books.challengeBonds + books.escrowed + books.credits + books.burned;
}
