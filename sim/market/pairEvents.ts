import { decodeEventLog, parseAbi, type Address, type Log } from "viem";
import { pairAbi } from "./uniswap.ts";

/** What one transaction did to the token's pair, in the pair's own words (its events), with the token side named. */
export type PairEvent =
  | { readonly kind: "swap"; readonly ethIn: bigint; readonly ethOut: bigint; readonly tokensIn: bigint; readonly tokensOut: bigint }
  | { readonly kind: "mint"; readonly eth: bigint; readonly tokens: bigint }
  | { readonly kind: "burn"; readonly eth: bigint; readonly tokens: bigint }
  | { readonly kind: "sync"; readonly eth: bigint; readonly tokens: bigint }
  | { readonly kind: "lpTransfer"; readonly from: Address; readonly to: Address; readonly value: bigint };

const transferAbi = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)", "event Sync(uint112 reserve0, uint112 reserve1)"]);
const abi = [...pairAbi, ...transferAbi];

/** The events of `pair` among `logs`, in order (the token is token0 when `tokenIsToken0`). */
export function pairEvents(logs: readonly Log[], pair: Address, tokenIsToken0: boolean): PairEvent[] {
  const pairKey = pair.toLowerCase();
  const events: PairEvent[] = [];
  const side = (a0: bigint, a1: bigint) => (tokenIsToken0 ? { tokens: a0, eth: a1 } : { tokens: a1, eth: a0 });
  for (const log of logs) {
    if (log.address.toLowerCase() !== pairKey) continue;
    let decoded;
    try {
      decoded = decodeEventLog({ abi, data: log.data, topics: log.topics });
    } catch {
      continue;
    }
    const a = decoded.args as Record<string, unknown>;
    switch (decoded.eventName) {
      case "Swap": {
        const inn = side(a.amount0In as bigint, a.amount1In as bigint);
        const out = side(a.amount0Out as bigint, a.amount1Out as bigint);
        events.push({ kind: "swap", ethIn: inn.eth, ethOut: out.eth, tokensIn: inn.tokens, tokensOut: out.tokens });
        break;
      }
      case "Mint":
        events.push({ kind: "mint", ...side(a.amount0 as bigint, a.amount1 as bigint) });
        break;
      case "Burn":
        events.push({ kind: "burn", ...side(a.amount0 as bigint, a.amount1 as bigint) });
        break;
      case "Sync":
        events.push({ kind: "sync", ...side(a.reserve0 as bigint, a.reserve1 as bigint) });
        break;
      case "Transfer":
        events.push({ kind: "lpTransfer", from: a.from as Address, to: a.to as Address, value: a.value as bigint });
        break;
    }
  }
  return events;
}
