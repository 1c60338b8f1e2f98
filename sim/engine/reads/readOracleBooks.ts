import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from "viem";
import { contractAbis } from "../../chain/contracts.ts";
import type { RpcClient } from "../../chain/rpc.ts";

/** Where every wei the oracle holds is, read from the oracle itself (wei, as decimal strings in metadata.json). */
export type OracleBooks = {
  /** The oracle's ETH balance. */
  balance: bigint;
  /** Pull credits of every account the run knows (agents, users, contracts, parties). */
  credits: bigint;
  protocolFeesAccrued: bigint;
  /** Slashed bond shares kept forever. */
  burned: bigint;
  /** Escrow (reward + callback gas payment) of requests neither final nor expired. */
  escrow: bigint;
  /** Bonds claims still hold: of open requests (claim 0 and every later claim), and of final requests' claims not yet released. */
  bondsHeld: bigint;
  /** Requests with a result not yet final at the end, and claims still holding a bond. */
  openRequests: number;
  claimsHoldingBonds: number;
};

const STATUS = { Requested: 0, Submitted: 1, Finalized: 2, Expired: 3 } as const;
const BATCH = 500;

async function calls<T>(rpc: RpcClient, to: Address, items: readonly Hex[], decode: (data: Hex) => T): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const results = await rpc.batchResults<Hex>(items.slice(i, i + BATCH).map((data) => ({ method: "eth_call", params: [{ to, data }, "latest"] })));
    out.push(...results.map(decode));
  }
  return out;
}

/**
 * The oracle's books at the end of a run, from the oracle's own views: every request (`getRequest`), every claim of
 * every request with claims (`getClaim`), the credits of `accounts`, the accrued protocol fees and `burned`. Their
 * sum must be the oracle's balance to the wei (docs/oracle.md: every wei is in exactly one place).
 */
export async function readOracleBooks(rpc: RpcClient, oracle: Address, accounts: readonly Address[]): Promise<OracleBooks> {
  const abi = contractAbis.OpmlOracle;
  const read = async (functionName: "nextRequestId" | "burned" | "protocolFeesAccrued"): Promise<bigint> =>
    BigInt(await rpc.request<Hex>("eth_call", [{ to: oracle, data: encodeFunctionData({ abi, functionName }) }, "latest"]));
  const balance = BigInt(await rpc.request<Hex>("eth_getBalance", [oracle, "latest"]));
  const next = Number(await read("nextRequestId"));
  const ids = Array.from({ length: Math.max(0, next - 1) }, (_, i) => BigInt(i + 1));
  const requests = await calls(rpc, oracle, ids.map((id) => encodeFunctionData({ abi, functionName: "getRequest", args: [id] })), (data) => decodeFunctionResult({ abi, functionName: "getRequest", data }));
  let escrow = 0n;
  let bondsHeld = 0n;
  let openRequests = 0;
  let claimsHoldingBonds = 0;
  const claimReads: Hex[] = [];
  requests.forEach((q, i) => {
    const id = ids[i] as bigint;
    if (q.status === STATUS.Requested || q.status === STATUS.Submitted) escrow += q.escrow;
    if (q.status === STATUS.Submitted) openRequests++;
    if (q.bond > 0n) claimsHoldingBonds++;
    bondsHeld += q.bond;
    for (let c = 1n; c < q.claimCount; c++) claimReads.push(encodeFunctionData({ abi, functionName: "getClaim", args: [id, c] }));
  });
  const claims = await calls(rpc, oracle, claimReads, (data) => decodeFunctionResult({ abi, functionName: "getClaim", data }));
  for (const claim of claims) {
    if (claim.bond > 0n) claimsHoldingBonds++;
    bondsHeld += claim.bond;
  }
  const creditList = await calls(rpc, oracle, accounts.map((account) => encodeFunctionData({ abi, functionName: "creditOf", args: [account] })), (data) => BigInt(data));
  const credits = creditList.reduce((sum, c) => sum + c, 0n);
  return { balance, credits, protocolFeesAccrued: await read("protocolFeesAccrued"), burned: await read("burned"), escrow, bondsHeld, openRequests, claimsHoldingBonds };
}

/** The books' places added up: what the oracle should hold. */
export function oracleBooked(books: OracleBooks): bigint {
  return books.credits + books.protocolFeesAccrued + books.burned + books.escrow + books.bondsHeld;
}
