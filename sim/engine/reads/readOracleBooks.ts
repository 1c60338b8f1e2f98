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
  await eachBatch(rpc, to, items.length, (i) => items[i] as Hex, (results) => {
    for (const data of results) out.push(decode(data));
  });
  return out;
}

/**
 * `count` eth_calls (the i-th one's calldata from `data(i)`), in batches of BATCH, each batch's answers handed to
 * `onBatch` in order and then dropped: a run's every request is read at its end (a million of them in the longest
 * runs), so neither the calls nor their answers are held all at once.
 */
async function eachBatch(rpc: RpcClient, to: Address, count: number, data: (i: number) => Hex, onBatch: (results: Hex[], first: number) => void): Promise<void> {
  for (let first = 0; first < count; first += BATCH) {
    const batch = [];
    for (let i = first; i < Math.min(count, first + BATCH); i++) batch.push({ method: "eth_call", params: [{ to, data: data(i) }, "latest"] });
    onBatch(await rpc.batchResults<Hex>(batch), first);
  }
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
  let escrow = 0n;
  let bondsHeld = 0n;
  let openRequests = 0;
  let claimsHoldingBonds = 0;
  const claimReads: Hex[] = [];
  // Request ids run from 1 to nextRequestId - 1.
  await eachBatch(
    rpc,
    oracle,
    Math.max(0, next - 1),
    (i) => encodeFunctionData({ abi, functionName: "getRequest", args: [BigInt(i + 1)] }),
    (results, first) => {
      results.forEach((data, k) => {
        const id = BigInt(first + k + 1);
        const q = decodeFunctionResult({ abi, functionName: "getRequest", data });
        if (q.status === STATUS.Requested || q.status === STATUS.Submitted) escrow += q.escrow;
        if (q.status === STATUS.Submitted) openRequests++;
        if (q.bond > 0n) claimsHoldingBonds++;
        bondsHeld += q.bond;
        for (let c = 1n; c < q.claimCount; c++) claimReads.push(encodeFunctionData({ abi, functionName: "getClaim", args: [id, c] }));
      });
    },
  );
  await eachBatch(rpc, oracle, claimReads.length, (i) => claimReads[i] as Hex, (results) => {
    for (const data of results) {
      const claim = decodeFunctionResult({ abi, functionName: "getClaim", data });
      if (claim.bond > 0n) claimsHoldingBonds++;
      bondsHeld += claim.bond;
    }
  });
  const creditList = await calls(rpc, oracle, accounts.map((account) => encodeFunctionData({ abi, functionName: "creditOf", args: [account] })), (data) => BigInt(data));
  const credits = creditList.reduce((sum, c) => sum + c, 0n);
  return { balance, credits, protocolFeesAccrued: await read("protocolFeesAccrued"), burned: await read("burned"), escrow, bondsHeld, openRequests, claimsHoldingBonds };
}

/** The books' places added up: what the oracle should hold. */
export function oracleBooked(books: OracleBooks): bigint {
  return books.credits + books.protocolFeesAccrued + books.burned + books.escrow + books.bondsHeld;
}
