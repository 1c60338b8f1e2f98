import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeFunctionData, parseEther, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { runAnvilSettings, startAnvil, type StartAnvilReturnType } from "../chain/startAnvil.ts";
import { parties } from "../engine/deployStack.ts";
import { simulate } from "../engine/simulate.ts";
import { buildReport } from "../report/buildReport.ts";
import { loadScenario } from "../scenario/loadScenario.ts";
import type { Scenario } from "../scenario/schema.ts";
import { erc20Abi } from "./uniswap.ts";

/**
 * The holders' return table (report/holder_returns.csv) of the shipped market scenario against the chain it was
 * run on, read after the last epoch while anvil still runs: every holder's tokens at the end are its balance of the
 * token, every agent's ETH at the end is what it started with less what it paid in plus what it received (gas is
 * priced at zero on the simulator's chain), and the split adds up to the total on every row. And the market
 * scenario with two liquidity providers: their adds and removals through Router02 are in their rows (ETH, tokens,
 * the LP positions at the end), to the wei against the chain.
 *
 * Regression checks, each run once against the old code: the LP tests below failed before the holder ledger read
 * lp.csv and the flows and moves of adds and removals (no liquidity columns, adds as plain transfers, providers' ETH
 * off by their deposits), and the first test failed when the pair (named "pair" since liquidity providers came)
 * was listed as a holder.
 */
const root = mkdtempSync(join(tmpdir(), "imo-sim-returns-"));
const TRADERS = new Set(["fundamental-trader", "noise-trader", "burn-arbitrageur"]);
let anvil: StartAnvilReturnType;
let scenario: Scenario;
const dir = join(root, "run");
let lpAnvil: StartAnvilReturnType;
let lpScenario: Scenario;
const lpDir = join(root, "lp-run");

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] as string, v])));
}

beforeAll(async () => {
  if (!existsSync("out/ImoLaunch.sol/ImoLaunch.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  // the burn-floor scenario (revenue mostly to the redeem pool, investors selling at listing, a burn arbitrageur),
  // shorter: pool buys, pool sales, burns, claims and claimable revenue left at the end all happen
  const base = loadScenario("scenarios/market-burn-floor.yaml").scenario;
  scenario = { ...base, epochs: 20 };
  anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600, ...runAnvilSettings() });
  mkdirSync(dir, { recursive: true });
  await simulate({ scenario, rpc: anvil.rpc, dir });
  await buildReport(dir);
  // the market scenario with two liquidity providers (as its own Anvil test runs it)
  const market = loadScenario("scenarios/market.yaml").scenario;
  lpScenario = { ...market, market: { ...market.market, liquidityProviders: 2 } };
  lpAnvil = await startAnvil({ timestamp: lpScenario.startTimestamp - 3_600, ...runAnvilSettings() });
  mkdirSync(lpDir, { recursive: true });
  await simulate({ scenario: lpScenario, rpc: lpAnvil.rpc, dir: lpDir });
  await buildReport(lpDir);
}, 600_000);

afterAll(async () => {
  await anvil?.stop();
  await lpAnvil?.stop();
});

const call = async (to: Address, data: Hex) => BigInt(await anvil.rpc.request<Hex>("eth_call", [{ to, data }, "latest"]));

describe("holder returns against the chain", () => {
  it("has one row per holder that adds up: revenue + burn + price = total = received + claimable + held at price − paid in", () => {
    const rows = readCsv(join(dir, "report", "holder_returns.csv"));
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(["investor", "liquidity", "burn-arbitrageur"]));
    for (const r of rows) {
      const w = (k: string) => BigInt(r[k] ?? "x");
      expect(w("revenue_return_wei") + w("burn_return_wei") + w("liquidity_return_wei") + w("price_return_wei"), r.agent).toBe(w("total_return_wei"));
      expect(w("received_wei") + w("claimable_unclaimed_wei") + w("held_at_price_wei") + w("lp_value_end_wei") - w("paid_in_wei"), r.agent).toBe(w("total_return_wei"));
    }
    // the run had each kind of move the split must handle
    expect(rows.some((r) => BigInt(r.pool_sales_eth_wei ?? "0") > 0n)).toBe(true);
    expect(rows.some((r) => BigInt(r.tokens_burned ?? "0") > 0n && BigInt(r.burn_redeemed_wei ?? "0") > 0n)).toBe(true);
    expect(rows.some((r) => BigInt(r.revenue_claimed_wei ?? "0") > 0n)).toBe(true);
    expect(rows.some((r) => BigInt(r.pool_buys_eth_wei ?? "0") > 0n)).toBe(true);
    expect(rows.some((r) => BigInt(r.claimable_unclaimed_wei ?? "0") > 0n)).toBe(true);
  });

  it("each holder's tokens at the end are its balance on the token, and the holders, the pair, the launch and the slices minted at deployment hold the whole supply", async () => {
    const { token, launch } = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8")).deployment as Record<string, Address>;
    const moves = readCsv(join(dir, "token_moves.csv"));
    const addressOf = new Map(moves.map((m) => [m.to, m.to_address as Address]));
    const rows = readCsv(join(dir, "report", "holder_returns.csv"));
    let held = 0n;
    for (const r of rows) {
      const address = addressOf.get(r.agent ?? "") as Address;
      const balance = await call(token as Address, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "balanceOf", args: [address] }));
      expect(BigInt(r.tokens_end ?? "x"), r.agent).toBe(balance);
      held += balance;
    }
    const market = readCsv(join(dir, "market.csv"));
    const pairTokens = BigInt(market.at(-1)?.reserve_tokens ?? "x");
    const launchTokens = await call(token as Address, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "balanceOf", args: [launch as Address] }));
    const supply = await call(token as Address, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "totalSupply" }));
    // contributors and team got their slices when the token was deployed, before the run records moves: not in the table
    const minted = await Promise.all([parties.contributors, parties.team].map((a) => call(token as Address, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "balanceOf", args: [a] }))));
    expect(held + pairTokens + launchTokens + minted.reduce((t, b) => t + b, 0n)).toBe(supply);
  });

  it("each agent's ETH at the end is its start less what it paid in plus what it received, to the wei", async () => {
    const moves = readCsv(join(dir, "token_moves.csv"));
    const addressOf = new Map(moves.map((m) => [m.to, m.to_address as Address]));
    const rows = readCsv(join(dir, "report", "holder_returns.csv")).filter((r) => r.role !== "liquidity");
    expect(rows.filter((r) => TRADERS.has(r.role ?? "")).length).toBeGreaterThan(0);
    for (const r of rows) {
      const start = TRADERS.has(r.role ?? "") ? parseEther(scenario.market.traderEth) : parseEther("1000000");
      const balance = BigInt(await anvil.rpc.request<Hex>("eth_getBalance", [addressOf.get(r.agent ?? ""), "latest"]));
      expect(balance, r.agent).toBe(start - BigInt(r.paid_in_wei ?? "x") + BigInt(r.received_wei ?? "x"));
    }
  });
});

const lpCall = async (to: Address, data: Hex) => BigInt(await lpAnvil.rpc.request<Hex>("eth_call", [{ to, data }, "latest"]));

describe("holder returns of liquidity providers against the chain", () => {
  const rows = () => readCsv(join(lpDir, "report", "holder_returns.csv"));
  const lastLp = () => {
    const lp = readCsv(join(lpDir, "lp.csv"));
    return new Map(lp.filter((r) => r.epoch === lp.at(-1)?.epoch).map((r) => [r.lp ?? "", r]));
  };
  const addresses = () => {
    const moves = readCsv(join(lpDir, "token_moves.csv"));
    return new Map([...moves.map((m) => [m.to ?? "", m.to_address as Address] as const), ...moves.map((m) => [m.from ?? "", m.from_address as Address] as const)]);
  };

  it("every LP position has its holder row: the position at the end and its against-hold are lp.csv's, and the split adds up", () => {
    const byAgent = new Map(rows().map((r) => [r.agent ?? "", r]));
    const positions = lastLp();
    expect([...positions.values()].filter((p) => p.role === "liquidity-provider").length).toBe(2);
    for (const [name, p] of positions) {
      const r = byAgent.get(name);
      expect(r, name).toBeDefined();
      const w = (k: string) => BigInt(r?.[k] ?? "x");
      expect(w("lp_value_end_wei"), name).toBe(BigInt(p.position_value_wei ?? "x"));
      expect(w("liquidity_return_wei"), name).toBe(BigInt(p.against_hold_wei ?? "x"));
      expect(w("revenue_return_wei") + w("burn_return_wei") + w("liquidity_return_wei") + w("price_return_wei"), name).toBe(w("total_return_wei"));
      expect(w("received_wei") + w("claimable_unclaimed_wei") + w("held_at_price_wei") + w("lp_value_end_wei") - w("paid_in_wei"), name).toBe(w("total_return_wei"));
      if (p.role === "liquidity-provider") {
        // the ETH and the tokens it added and removed are lp.csv's, the tokens moved as liquidity, not as transfers
        expect(w("lp_deposited_eth_wei"), name).toBe(BigInt(p.eth_deposited_wei ?? "x"));
        expect(w("lp_withdrawn_eth_wei"), name).toBe(BigInt(p.eth_withdrawn_wei ?? "x"));
        expect(w("tokens_lp_deposited"), name).toBe(BigInt(p.tokens_deposited ?? "x"));
        expect(w("tokens_lp_withdrawn"), name).toBe(BigInt(p.tokens_withdrawn ?? "x"));
      } else {
        // the launch's position: the recipient paid nothing for it
        expect(w("lp_deposited_eth_wei"), name).toBe(0n);
        expect(w("lp_value_end_wei"), name).toBeGreaterThan(0n);
      }
    }
    // the run added and removed liquidity, and the providers bought their token half on the pool
    const providers = [...positions.keys()].filter((n) => positions.get(n)?.role === "liquidity-provider").map((n) => byAgent.get(n));
    expect(providers.some((r) => BigInt(r?.lp_withdrawn_eth_wei ?? "0") > 0n)).toBe(true);
    expect(providers.every((r) => BigInt(r?.pool_buys_eth_wei ?? "0") > 0n)).toBe(true);
  });

  it("no move of the token into or out of the pair is a plain transfer: swaps are pool buys and sales, adds and removals liquidity", () => {
    const moves = readCsv(join(lpDir, "token_moves.csv"));
    const pair = moves.find((m) => m.kind === "pool-buy")?.from;
    expect(pair).toBeDefined();
    const atPair = moves.filter((m) => m.from === pair || m.to === pair);
    expect(atPair.filter((m) => m.kind === "transfer")).toEqual([]);
    expect(new Set(atPair.map((m) => m.kind))).toEqual(new Set(["pool-buy", "pool-sell", "lp-deposit", "lp-withdrawal"]));
  });

  it("each provider's ETH at the end is its start less what it paid in plus what it received, its tokens its balance, and its LP tokens lp.csv's, to the wei", async () => {
    const { token } = JSON.parse(readFileSync(join(lpDir, "metadata.json"), "utf8")).deployment as Record<string, Address>;
    const pair = readCsv(join(lpDir, "token_moves.csv")).find((m) => m.kind === "pool-buy")?.from_address as Address;
    const addressOf = addresses();
    const positions = lastLp();
    const agents = rows().filter((r) => r.role === "liquidity-provider" || TRADERS.has(r.role ?? "") || r.role === "investor");
    expect(agents.filter((r) => r.role === "liquidity-provider").length).toBe(2);
    for (const r of agents) {
      const address = addressOf.get(r.agent ?? "") as Address;
      const start = r.role === "liquidity-provider" ? parseEther(lpScenario.market.lpEth) : TRADERS.has(r.role ?? "") ? parseEther(lpScenario.market.traderEth) : parseEther("1000000");
      const balance = BigInt(await lpAnvil.rpc.request<Hex>("eth_getBalance", [address, "latest"]));
      expect(balance, r.agent).toBe(start - BigInt(r.paid_in_wei ?? "x") + BigInt(r.received_wei ?? "x"));
      const tokens = await lpCall(token as Address, encodeFunctionData({ abi: contractAbis.RevShareToken, functionName: "balanceOf", args: [address] }));
      expect(BigInt(r.tokens_end ?? "x"), r.agent).toBe(tokens);
      if (r.role !== "liquidity-provider") continue;
      const lpTokens = await lpCall(pair as Address, encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [address] }));
      expect(lpTokens, r.agent).toBe(BigInt(positions.get(r.agent ?? "")?.lp_tokens ?? "x"));
    }
  });
});
