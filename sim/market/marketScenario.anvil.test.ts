import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type RunScenarioReturnType } from "../engine/runScenario.ts";
import { buildReport } from "../report/buildReport.ts";
import { verifyRunFolder } from "../report/verifyRunFolder.ts";
import { loadScenario } from "../scenario/loadScenario.ts";

/**
 * The shipped market scenario (scenarios/market.yaml) with two liquidity providers on Anvil, twice with its seed: the raise lists the token
 * on Uniswap v2 at the sale price, traders trade through the router, the pair's swaps are the ones the
 * transactions say, liquidity providers add and remove through the router, the books hold (the pair's ETH
 * included), and the run is reproducible byte for byte. And the rolled-forward policy.
 */
const root = mkdtempSync(join(tmpdir(), "imo-sim-market-"));
let first: RunScenarioReturnType;
let second: RunScenarioReturnType;
let rolled: RunScenarioReturnType;

function readCsv(dir: string, table: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, `${table}.csv`), "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] as string, v])));
}

beforeAll(async () => {
  if (!existsSync("out/ImoLaunch.sol/ImoLaunch.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  // with two liquidity providers (the file has none, so the figures its sweeps give in the README stay as they are)
  const loaded = loadScenario("scenarios/market.yaml").scenario;
  const scenario = { ...loaded, market: { ...loaded.market, liquidityProviders: 2 } };
  first = await runScenario({ scenario, outDir: join(root, "a") });
  second = await runScenario({ scenario, outDir: join(root, "b") });
  rolled = await runScenario({ scenario: { ...scenario, market: { ...scenario.market, pairRevenue: "rolled-forward" } }, outDir: join(root, "c") });
}, 300_000);

describe("the market scenario on anvil", () => {
  it("lists the token at the sale price when the raise settles", () => {
    const market = readCsv(first.outDir, "market");
    const listed = market.find((r) => r.listed === "true");
    expect(listed, "the raise listed the token").toBeDefined();
    // 20% of the 20 ETH target against the reserve, at 20 ETH per 5e8 sale tokens: 4e10 wei per whole token
    const { scenario } = loadScenario("scenarios/market.yaml");
    const saleTokens = (BigInt(scenario.token.supply) * 10n ** 18n * BigInt(scenario.raise.allocation.publicSale)) / 10_000n;
    const salePrice = (BigInt(20) * 10n ** 36n) / saleTokens;
    expect(BigInt(listed?.price_wei_per_token ?? "0")).toBe(salePrice);
    expect(BigInt(listed?.reserve_eth_wei ?? "0")).toBe((20n * 10n ** 18n * BigInt(scenario.market.ethBps)) / 10_000n);
  });

  it("trades through the router with slippage limits: every successful swap transaction is one Swap of the pair", () => {
    const tx = readCsv(first.outDir, "transactions");
    const swaps = tx.filter((t) => t.contract === "UniswapV2Router02" && t.function?.startsWith("swap") && t.status === "success");
    expect(swaps.length).toBeGreaterThan(2);
    expect(new Set(swaps.map((t) => t.role)).size).toBeGreaterThanOrEqual(1);
    const market = readCsv(first.outDir, "market");
    expect(market.reduce((n, r) => n + Number(r.swaps), 0)).toBe(swaps.length);
    expect(market.every((r) => BigInt(r.fees_eth_wei ?? "0") * 1000n <= BigInt(r.volume_eth_wei ?? "0") * 4n)).toBe(true);
    // a trader's swap that would get less than its floor reverts (two traders with one view in one block)
    expect(tx.some((t) => t.contract === "UniswapV2Router02" && t.status === "reverted")).toBe(true);
  });

  it("keeps the books under both pair policies: the token holds what its books say, and ETH is conserved (the ETH paired included)", async () => {
    for (const run of [first, rolled]) {
      expect(run.assertions.map((a) => `${a.name}: ${a.passed}`)).toContain("moneyConserved: true");
      expect((await buildReport(run.outDir)).conserved).toBe(true);
    }
  }, 120_000);

  it("liquidity providers add and remove through Router02 with floors: a removal whose floor the block's trades undercut reverts", () => {
    const tx = readCsv(first.outDir, "transactions").filter((t) => t.role === "liquidity-provider" && t.contract === "UniswapV2Router02");
    const outcomes = (fn: string) => tx.filter((t) => t.function === fn).map((t) => t.status);
    expect(outcomes("addLiquidityETH")).toContain("success");
    expect(outcomes("removeLiquidityETH")).toContain("success");
    // the view is read at the epoch's first turn and other traders' swaps land in the same block first: a removal
    // whose share fell more than the slippage tolerance under its quote is refused by the router
    expect(outcomes("removeLiquidityETH")).toContain("reverted");
  });

  it("books the ETH of every position to the wei: the flows into and out of the pair are lp.csv's deposits and withdrawals, and the pair's WETH is its conservation line", () => {
    const flows = readCsv(first.outDir, "flows");
    const lp = readCsv(first.outDir, "lp");
    const lastEpoch = lp.at(-1)?.epoch;
    const providers = lp.filter((r) => r.epoch === lastEpoch && r.role === "liquidity-provider");
    expect(providers.length).toBeGreaterThan(0);
    for (const row of providers) {
      const sum = (kind: string) => flows.filter((f) => f.kind === kind && (f.from === row.lp || f.to === row.lp)).reduce((t, f) => t + BigInt(f.amount_wei ?? "0"), 0n);
      expect(sum("lp-deposit"), row.lp).toBe(BigInt(row.eth_deposited_wei ?? "0"));
      expect(sum("lp-withdrawal"), row.lp).toBe(BigInt(row.eth_withdrawn_wei ?? "0"));
    }
    const conservation = readCsv(join(first.outDir, "report"), "conservation").find((l) => l.contract === "pair");
    expect(conservation?.status).toBe("ok");
    expect(BigInt(conservation?.final_balance_wei ?? "0")).toBeGreaterThan(0n);
    // every row keeps the decomposition: position + realized = hold + impermanent loss + fees, and the loss is ≤ 0
    for (const r of lp) {
      const b = (k: string) => BigInt(r[k] ?? "0");
      expect(b("position_value_wei") + b("realized_value_wei")).toBe(b("hold_value_wei") + b("impermanent_loss_wei") + b("fees_wei"));
      expect(b("impermanent_loss_wei")).toBeLessThanOrEqual(0n);
    }
  });

  it("checks lp.csv like every table: a market run's metadata records it, and an edited copy is refused", () => {
    const meta = JSON.parse(readFileSync(join(first.outDir, "metadata.json"), "utf8")) as { files: Record<string, { rows: number }> };
    expect(meta.files["lp.csv"]?.rows).toBe(readCsv(first.outDir, "lp").length);
    const copy = join(root, "edited");
    cpSync(first.outDir, copy, { recursive: true });
    const path = join(copy, "lp.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace(/,1(\d)/, (_, d: string) => `,2${d}`));
    expect(() => verifyRunFolder(copy)).toThrow(/lp\.csv/);
  });

  it("reports the price against the fundamental value band and the redeem value (a market chart only for market runs)", async () => {
    const { htmlPath } = await buildReport(first.outDir);
    const html = readFileSync(htmlPath, "utf8");
    expect(html).toContain('id="chart-market"');
    const market = readCsv(first.outDir, "market").filter((r) => r.listed === "true");
    // the page embeds one price per listed epoch
    expect(html).toContain(`"epochs":[${market.map((r) => r.epoch).join(",")}]`);
  }, 120_000);

  it("is reproducible: the same scenario and seed write the same market and transactions", () => {
    for (const table of ["market", "transactions", "flows", "epochs", "token_moves", "claimable_end", "lp"]) {
      expect(readFileSync(join(second.outDir, `${table}.csv`), "utf8"), table).toBe(readFileSync(join(first.outDir, `${table}.csv`), "utf8"));
    }
  });

  it("writes the same holder returns from the same seed, byte for byte", async () => {
    await buildReport(first.outDir);
    await buildReport(second.outDir);
    const text = readFileSync(join(first.outDir, "report", "holder_returns.csv"), "utf8");
    expect(text.split("\n").length).toBeGreaterThan(5);
    expect(readFileSync(join(second.outDir, "report", "holder_returns.csv"), "utf8")).toBe(text);
  }, 120_000);

  it("the rolled-forward policy changes who is paid (the pair dilutes the holders, its share rolls on), with the books kept above", () => {
    expect(readFileSync(join(rolled.outDir, "flows.csv"), "utf8")).not.toBe(readFileSync(join(first.outDir, "flows.csv"), "utf8"));
  });
});
