import { encodeEventTopics, encodeAbiParameters, parseAbi, type Address, type Hex, type Log } from "viem";
import { describe, expect, it } from "vitest";
import { tokenMovesOf } from "./tokenMoves.ts";
import { pairAbi } from "./uniswap.ts";

/**
 * How tokenMovesOf names a transaction's Transfers of the token from the pair's events: the Router02 calls of
 * the simulator's traders and liquidity providers, as logs (the token is token1: the pair's amount0 is WETH).
 * Run once against the old code: the add and the removal came out as plain transfers.
 */
const token: Address = "0x00000000000000000000000000000000000000a1";
const pair: Address = "0x00000000000000000000000000000000000000b2";
const router: Address = "0x00000000000000000000000000000000000000c3";
const provider: Address = "0x00000000000000000000000000000000000000d4";
const zero: Address = "0x0000000000000000000000000000000000000000";
const transferAbi = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);

const log = (address: Address, topics: readonly Hex[], data: Hex) => ({ address, topics: topics as [Hex, ...Hex[]], data }) as unknown as Log;
const transfer = (address: Address, from: Address, to: Address, value: bigint) =>
  log(address, encodeEventTopics({ abi: transferAbi, eventName: "Transfer", args: { from, to } }) as Hex[], encodeAbiParameters([{ type: "uint256" }], [value]));
const mint = (eth: bigint, tokens: bigint) => log(pair, encodeEventTopics({ abi: pairAbi, eventName: "Mint", args: { sender: router } }) as Hex[], encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [eth, tokens]));
const burn = (eth: bigint, tokens: bigint) =>
  log(pair, encodeEventTopics({ abi: pairAbi, eventName: "Burn", args: { sender: router, to: router } }) as Hex[], encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [eth, tokens]));
const swap = (ethIn: bigint, tokensIn: bigint, ethOut: bigint, tokensOut: bigint, to: Address) =>
  log(
    pair,
    encodeEventTopics({ abi: pairAbi, eventName: "Swap", args: { sender: router, to } }) as Hex[],
    encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }, { type: "uint256" }, { type: "uint256" }], [ethIn, tokensIn, ethOut, tokensOut]),
  );
const kinds = (logs: Log[]) => tokenMovesOf(logs, { token, pair, tokenIsToken0: false }).map((m) => [m.kind, m.from.toLowerCase(), m.to.toLowerCase(), m.amount, m.ethWei]);

describe("tokenMovesOf", () => {
  it("addLiquidityETH: the provider's tokens into the pair, where the pair minted LP tokens, are a liquidity deposit", () => {
    expect(kinds([transfer(token, provider, pair, 500n), transfer(pair, zero, provider, 7n), mint(3n, 500n)])).toEqual([["lp-deposit", provider, pair, 500n, 0n]]);
  });

  it("removeLiquidityETH: the pair pays the router, which hands the tokens on; both moves are the withdrawal", () => {
    const logs = [transfer(pair, provider, pair, 7n), transfer(pair, pair, zero, 7n), transfer(token, pair, router, 480n), burn(3n, 480n), transfer(token, router, provider, 480n)];
    expect(kinds(logs)).toEqual([
      ["lp-withdrawal", pair, router, 480n, 0n],
      ["lp-withdrawal", router, provider, 480n, 0n],
    ]);
  });

  it("a swap stays a pool buy or sale, and a transfer with no pair event, or the pair's tokens moved by nobody it paid, a transfer", () => {
    expect(kinds([transfer(token, pair, provider, 90n), swap(5n, 0n, 0n, 90n, provider)])).toEqual([["pool-buy", pair, provider, 90n, 5n]]);
    expect(kinds([transfer(token, provider, pair, 90n), swap(0n, 90n, 4n, 0n, router)])).toEqual([["pool-sell", provider, pair, 90n, 4n]]);
    expect(kinds([transfer(token, provider, router, 10n)])).toEqual([["transfer", provider, router, 10n, 0n]]);
    // in a removal, a Transfer by someone the pair did not pay is not the withdrawal's
    expect(kinds([transfer(token, pair, router, 480n), burn(3n, 480n), transfer(token, provider, router, 1n)]).at(-1)).toEqual(["transfer", provider, router, 1n, 0n]);
  });
});
