import { gunzipSync } from "node:zlib";
import type { Hex } from "viem";
import type { RpcClient } from "../chain/rpc.ts";

/** What `anvil_dumpState` holds: accounts, storage slots (and how many of them are zero), sizes. */
export type AnvilStateSize = {
  accounts: number;
  /** Storage entries anvil keeps, summed over accounts (zero-valued ones included). */
  slots: number;
  /** Entries whose value is zero: a deleted slot, or one that was only read. */
  zeroSlots: number;
  /** The accounts that hold the most entries (at most 8), largest first. */
  largest: { address: string; slots: number; zeroSlots: number }[];
  /** Size of the dump as anvil sends it (gzip) and uncompressed, in bytes. */
  gzipBytes: number;
  jsonBytes: number;
  /** Seconds the dump took (anvil's side and the transfer). */
  seconds: number;
};

type Dump = { accounts?: Record<string, { storage?: Record<string, string> }> };

const ZERO = /^0x0*$/;

/**
 * Dumps anvil's state and counts it. Anvil 1.7.1 rebuilds the state root from every account's storage map at
 * each block, so these counts are what a block's cost grows with.
 */
export async function measureAnvilState(rpc: RpcClient): Promise<AnvilStateSize> {
  const started = performance.now();
  const hex = await rpc.request<Hex>("anvil_dumpState");
  const seconds = (performance.now() - started) / 1000;
  const gzip = Buffer.from(hex.slice(2), "hex");
  const json = gunzipSync(gzip);
  const dump = JSON.parse(json.toString("utf8")) as Dump;
  let slots = 0;
  let zeroSlots = 0;
  const byAccount: AnvilStateSize["largest"] = [];
  const accounts = Object.entries(dump.accounts ?? {});
  for (const [address, account] of accounts) {
    const values = Object.values(account.storage ?? {});
    const zeros = values.filter((v) => ZERO.test(v)).length;
    slots += values.length;
    zeroSlots += zeros;
    if (values.length > 0) byAccount.push({ address, slots: values.length, zeroSlots: zeros });
  }
  const largest = byAccount.sort((a, b) => b.slots - a.slots).slice(0, 8);
  return { accounts: accounts.length, slots, zeroSlots, largest, gzipBytes: gzip.length, jsonBytes: json.length, seconds };
}
