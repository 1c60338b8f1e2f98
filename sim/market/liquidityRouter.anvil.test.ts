import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatHex, decodeFunctionResult, encodeAbiParameters, encodeFunctionData, parseAbi, parseEther, type Address, type Hex, type Log } from "viem";
import type { Action, Agent } from "../agents/types.ts";
import { createExecutor, type Executor, type TxRequest } from "../chain/executor.ts";
import { startAnvil, type StartAnvilReturnType } from "../chain/startAnvil.ts";
import type { Deployment } from "../engine/deployment.ts";
import { encodeAction } from "../engine/encodeAction.ts";
import { createPairLedger, recordPairTransaction, type PairFlow, type PairLedger } from "../engine/pairLedger.ts";
import { liquidityDecision } from "./liquidityProvider.ts";
import { lpPosition } from "./lpReturns.ts";
import { erc20Abi, pairAbi, uniswapBytecode } from "./uniswap.ts";

/**
 * A liquidity provider's router calls on Anvil against the published Uniswap v2 (WETH9, the factory and Router02
 * as npm ships them; a second WETH9 stands in for the token, an ERC-20 anyone can mint with ETH): the adds and
 * removals the simulator encodes, the floors its rule sets, and the pair's ETH booked from the pair's events.
 */
const START = 1_800_000_000;
let anvil: StartAnvilReturnType;
let executor: Executor;
let d: Deployment;
let ledger: PairLedger;
const deployer = "0x00000000000000000000000000000000000d0001" as Address;
const provider: Agent = { id: "liquidity-provider-0", role: "liquidity-provider", index: 0, address: "0x00000000000000000000000000000000000d0002" };
const trader: Agent = { id: "noise-trader-0", role: "noise-trader", index: 0, address: "0x00000000000000000000000000000000000d0003" };
const wethAbi = parseAbi(["function deposit() payable"]);
const factoryAbi = parseAbi(["function getPair(address, address) view returns (address)"]);
let time = START;
const flows: PairFlow[] = [];
let lastLogs: Log[] = [];

async function call(to: Address, data: Hex): Promise<Hex> {
  return anvil.rpc.request<Hex>("eth_call", [{ to, data }, "latest"]);
}
const balanceOf = async (token: Address, owner: Address) => BigInt(await call(token, encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [owner] })));

/** Sends the actions in one block, in order, books the pair's ETH of the successful ones, and returns their statuses. */
async function block(...actions: Action[]) {
  const requests: TxRequest[] = actions.map((a) => ({ ...encodeAction(a, { deployment: d, shape: undefined as never }), gas: 6_000_000n }));
  const outcomes = await executor.execute(requests, { timestamp: (time += 12) });
  lastLogs = outcomes.flatMap((o) => [...o.logs]);
  for (const o of outcomes) if (o.status === "success" && ledger) flows.push(...recordPairTransaction(ledger, o.request.from, o.logs));
  return outcomes.map((o) => o.status);
}

async function pool() {
  const [r0, r1] = decodeFunctionResult({ abi: pairAbi, functionName: "getReserves", data: await call(ledger.pair, encodeFunctionData({ abi: pairAbi, functionName: "getReserves" })) });
  const supply = BigInt(await call(ledger.pair, encodeFunctionData({ abi: pairAbi, functionName: "totalSupply" })));
  return { reserves: ledger.tokenIsToken0 ? { tokens: r0, eth: r1 } : { tokens: r1, eth: r0 }, supply };
}

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
  executor = createExecutor({ rpc: anvil.rpc });
  await anvil.rpc.batchResults([deployer, provider.address, trader.address].map((a) => ({ method: "anvil_setBalance", params: [a, `0x${parseEther("1000").toString(16)}`] })));
  const deploy = (label: string, data: Hex): TxRequest => ({ from: deployer, data, label, gas: 30_000_000n });
  const [weth, token, factory] = (await executor.execute([deploy("WETH9", uniswapBytecode("WETH9")), deploy("token", uniswapBytecode("WETH9")), deploy("factory", concatHex([uniswapBytecode("UniswapV2Factory"), encodeAbiParameters([{ type: "address" }], [deployer])]))], { timestamp: (time += 12) })).map((o) => o.contractAddress as Address);
  const [router] = (await executor.execute([deploy("router", concatHex([uniswapBytecode("UniswapV2Router02"), encodeAbiParameters([{ type: "address" }, { type: "address" }], [factory as Address, weth as Address])]))], { timestamp: (time += 12) })).map((o) => o.contractAddress as Address);
  d = { token, amm: { weth, factory, router, pair: "0x0000000000000000000000000000000000000000" } } as unknown as Deployment;
  // both mint "tokens" with ETH and approve the router
  await executor.execute(
    [provider, trader].flatMap((a) => [
      { from: a.address, to: token, data: encodeFunctionData({ abi: wethAbi, functionName: "deposit" }), value: parseEther("100"), gas: 100_000n },
      { ...encodeAction({ kind: "approveRouter", agent: a }, { deployment: d, shape: undefined as never }), gas: 100_000n },
    ]),
    { timestamp: (time += 12) },
  );
}, 120_000);

afterAll(async () => {
  await anvil?.stop();
});

describe("a liquidity provider through Router02 on anvil", () => {
  it("adds at its floors (the first add creates the pair), and the ETH the pair got is booked to the wei", async () => {
    expect(await block({ kind: "addLiquidityEth", agent: provider, tokens: parseEther("40"), eth: parseEther("10"), tokenMin: parseEther("40"), ethMin: parseEther("10"), deadline: time + 600 })).toEqual(["success"]);
    const pair = decodeFunctionResult({ abi: factoryAbi, functionName: "getPair", data: await call(d.amm?.factory as Address, encodeFunctionData({ abi: factoryAbi, functionName: "getPair", args: [d.token, d.amm?.weth as Address] })) }) as Address;
    d = { ...d, amm: { ...(d.amm as NonNullable<Deployment["amm"]>), pair } };
    // the ledger is created once the pair's address is known (the engine knows it ahead, by CREATE2); book the add
    ledger = createPairLedger(d.amm as NonNullable<Deployment["amm"]>, d.token, deployer);
    flows.push(...recordPairTransaction(ledger, provider.address, lastLogs));
    expect(flows).toEqual([{ kind: "lp-deposit", party: provider.address, amount: parseEther("10") }]);
    flows.length = 0;
    expect(await block({ kind: "approvePair", agent: provider })).toEqual(["success"]);
    // a second add at the pool's ratio, sending more ETH than it needs: the router refunds the rest, which the books never count
    const before = await pool();
    expect(await block({ kind: "addLiquidityEth", agent: provider, tokens: parseEther("4"), eth: parseEther("2"), tokenMin: parseEther("4"), ethMin: parseEther("1"), deadline: time + 600 })).toEqual(["success"]);
    const after = await pool();
    expect(flows).toEqual([{ kind: "lp-deposit", party: provider.address, amount: after.reserves.eth - before.reserves.eth }]);
    expect(after.reserves.eth - before.reserves.eth).toBe(parseEther("1"));
    const holding = ledger.positions.get(provider.address.toLowerCase());
    // all LP tokens but the 1,000 the first mint locks forever
    expect(holding?.lpTokens).toBe(after.supply - 1000n);
    expect(holding?.book.ethDeposited).toBe(parseEther("11"));
  });

  it("refuses a removal whose floor a swap earlier in the same block undercut, and pays one at a fresh quote; the pair's WETH is what its flows say", async () => {
    const { reserves, supply } = await pool();
    const lpBalance = await balanceOf(ledger.pair, provider.address);
    // the rule's removal (the yield fell to nothing), floors 1 % under its share at this view
    const decision = liquidityDecision({ pool: reserves, lpSupply: supply, lpBalance, ethBalance: 0n, tokenBalance: 0n, trailingFeesWei: [0n], entryPrice: 0n }, { enterYieldBps: 1, exitYieldBps: 0.5, priceBandBps: 3_000, depositWei: 0n, slippageBps: 100 });
    expect(decision?.kind).toBe("remove");
    if (decision?.kind !== "remove") return;
    const remove: Action = { kind: "removeLiquidityEth", agent: provider, liquidity: decision.liquidity, tokenMin: decision.tokenMin, ethMin: decision.ethMin, deadline: time + 600 };
    // a 2 ETH buy lands first: the pool's tokens fall by about a sixth, under the removal's token floor
    const statuses = await block({ kind: "swapEthForTokens", agent: trader, ethIn: parseEther("2"), minOut: 0n, deadline: time + 600 }, remove);
    expect(statuses).toEqual(["success", "reverted"]);
    expect(await balanceOf(ledger.pair, provider.address)).toBe(lpBalance);
    // at a fresh quote it goes through, and pays the share the ledger books
    const now = await pool();
    const position = lpPosition(ledger.positions.get(provider.address.toLowerCase())?.book as never, lpBalance, now.supply, now.reserves);
    const fresh = liquidityDecision({ pool: now.reserves, lpSupply: now.supply, lpBalance, ethBalance: 0n, tokenBalance: 0n, trailingFeesWei: [0n], entryPrice: 0n }, { enterYieldBps: 1, exitYieldBps: 0.5, priceBandBps: 3_000, depositWei: 0n, slippageBps: 100 });
    if (fresh?.kind !== "remove") throw new Error("expected a removal");
    expect(await block({ kind: "removeLiquidityEth", agent: provider, liquidity: fresh.liquidity, tokenMin: fresh.tokenMin, ethMin: fresh.ethMin, deadline: time + 600 })).toEqual(["success"]);
    const holding = ledger.positions.get(provider.address.toLowerCase());
    expect(holding?.lpTokens).toBe(0n);
    expect(holding?.book.ethWithdrawn).toBe((now.reserves.eth * lpBalance) / now.supply);
    expect(holding?.book.realizedValue).toBe(position.value);
    // the pair's WETH: the first add's 10 ETH plus every booked flow in since, less every flow out
    const booked = flows.reduce((t, f) => (f.kind === "swap-eth-in" || f.kind === "lp-deposit" ? t + f.amount : t - f.amount), parseEther("10"));
    expect(flows.map((f) => f.kind)).toEqual(["lp-deposit", "swap-eth-in", "lp-withdrawal"]);
    expect(await balanceOf(d.amm?.weth as Address, ledger.pair)).toBe(booked);
  });
});
