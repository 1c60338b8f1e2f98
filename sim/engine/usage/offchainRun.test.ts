import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../report/index.ts";
import { readCsv, type CsvRow } from "../../report/readCsv.ts";
import { CHROMIUM_PATH, checkReportInBrowser } from "../../report/checkReportInBrowser.ts";
import { REPORT_FILES, USAGE_REPORT_FILES } from "../../report/reportFiles.ts";
import { smallScenario } from "../../testing/smallScenario.ts";
import { runScenario, type RunScenarioReturnType } from "../runScenario.ts";

/**
 * A run with off-chain usage on Anvil, small: two honest operators, one that leaves 30 % of its receipts out of
 * every report, one strategic operator with a bond too small to deter it; users check 30 % of their receipts (a
 * third of them on chain at once, so honest operators answer challenges too). Nothing is mocked: receipts are
 * signed with viem, reports, challenges, answers and slashes are transactions to the compiled UsageLedger.
 * Compute and capital have a price (the `costs` section), so operators' economic profit has something to count.
 */
const offchain = (extra: string) => `offchain:
  demand: { usesPerEpoch: 240 }
  users: { count: 40, checkProbability: 0.3, checkOnChainProbability: 0.3 }
  operators: { honest: 2, underReporting: 1, strategic: 1, bond: "0.02", lieProbability: 1, hiddenShare: 0.3, priorCheckProbability: 0.0001, priorWeight: 100000${extra} }
  ledger: { minBond: "0.005", challengeBond: "0.001", proverReward: "0.002" }
costs: { computePerMillionSteps: "0.001", capitalRateBps: 50000 }`;

const root = mkdtempSync(join(tmpdir(), "imo-sim-offchain-"));
let lazy: RunScenarioReturnType;
let eager: RunScenarioReturnType;
let lowerCount: RunScenarioReturnType;

async function rows(dir: string, table: string): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  await readCsv(join(dir, `${table}.csv`), (row) => out.push(row));
  return out;
}
const sum = (list: readonly CsvRow[], column: string) => list.reduce((t, r) => t + BigInt(r[column] || "0"), 0n);

beforeAll(async () => {
  if (!existsSync("out/UsageLedger.sol/UsageLedger.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  lazy = await runScenario({ scenario: smallScenario(offchain("")), outDir: join(root, "lazy") });
  eager = await runScenario({ scenario: { ...smallScenario(offchain("")), offchain: { ...smallScenario(offchain("")).offchain!, signEveryReceipt: true } }, outDir: join(root, "eager") });
  lowerCount = await runScenario({ scenario: smallScenario(offchain(", lieStyle: lower-count")), outDir: join(root, "lower") });
  await buildReport(lazy.outDir);
}, 300_000);

describe("a run with off-chain usage on anvil", () => {
  it("pays the token exactly the honest operators' owed share, the liars' reported share, and the slashes' token part", async () => {
    const periods = await rows(lazy.outDir, "usage_periods");
    const slashes = await rows(lazy.outDir, "usage_slashes");
    const flows = await rows(lazy.outDir, "flows");
    const honest = periods.filter((p) => p.role === "honest-operator" && p.reported === "true");
    expect(honest.length).toBeGreaterThan(8);
    // An honest report pays the token's share of every receipt: exactly what was owed on the true revenue.
    for (const p of honest) expect(p.paid_wei, `${p.operator} period ${p.period}`).toBe(p.owed_wei);
    const liars = periods.filter((p) => p.role !== "honest-operator" && BigInt(p.hidden_revenue_wei || "0") > 0n);
    expect(liars.length).toBeGreaterThan(0);
    for (const p of liars) expect(BigInt(p.paid_wei ?? "0")).toBeLessThan(BigInt(p.owed_wei ?? "0"));
    const toToken = sum(
      flows.filter((f) => f.movement === "eth" && f.from === "ledger" && f.to === "token"),
      "amount_wei",
    );
    const metadata = JSON.parse(readFileSync(join(lazy.outDir, "metadata.json"), "utf8")) as { finalBalancesWei: Record<string, string> };
    const epochs = await rows(lazy.outDir, "usage_epochs");
    const escrowAtEnd = BigInt(epochs.at(-1)?.escrow_wei ?? "-1");
    expect(toToken + escrowAtEnd).toBe(sum(periods, "paid_wei") + sum(slashes, "to_token_wei"));
    expect(toToken).toBeGreaterThan(0n);
    expect(BigInt(metadata.finalBalancesWei.ledger ?? "-1")).toBeGreaterThan(0n);
  });

  it("detects the lies: the under-reporting and the strategic operator are slashed for unanswered challenges, honest ones answer theirs", async () => {
    const slashes = await rows(lazy.outDir, "usage_slashes");
    const challenges = await rows(lazy.outDir, "usage_challenges");
    for (const role of ["under-reporting-operator", "strategic-operator"]) expect(slashes.some((s) => s.operator_role === role && s.lie === "unanswered"), role).toBe(true);
    expect(slashes.every((s) => s.operator_role !== "honest-operator")).toBe(true);
    expect(challenges.some((c) => c.operator_role === "honest-operator" && c.outcome === "answered")).toBe(true);
    expect(challenges.every((c) => c.operator_role !== "honest-operator" || c.outcome === "answered" || c.outcome === "open")).toBe(true);
    const tx = await rows(lazy.outDir, "transactions");
    for (const fn of ["register", "report", "challengeReceipt", "answerChallenge", "slashUnanswered", "withdraw", "flushRevenue"]) {
      expect(tx.some((t) => t.contract === "UsageLedger" && t.function === fn && t.status === "success"), fn).toBe(true);
    }
    expect(tx.filter((t) => t.contract === "UsageLedger" && t.status !== "success")).toEqual([]);
  });

  it("conserves money to the wei: the ledger's balance is its books, and every contract's ETH in − out is its balance", async () => {
    expect(lazy.assertions.find((a) => a.name === "moneyConserved")).toMatchObject({ passed: true });
    expect(lazy.assertions.find((a) => a.name === "moneyConserved")?.detail).toMatch(/usage ledger holds (\d+) wei, its books say \1 wei/);
    const summary = JSON.parse(readFileSync(join(lazy.outDir, "report", "summary.json"), "utf8")) as { conservation: { ok: boolean; lines: { contract: string; ok: boolean }[] }; offchain: { recoveryRate: number } };
    expect(summary.conservation.ok).toBe(true);
    expect(summary.conservation.lines.map((l) => l.contract)).toContain("ledger");
    expect(summary.offchain.recoveryRate).toBeGreaterThan(0);
    expect(summary.offchain.recoveryRate).toBeLessThan(1);
    expect(readdirSync(join(lazy.outDir, "report")).sort()).toEqual([...REPORT_FILES, ...USAGE_REPORT_FILES].sort());
  });

  it("draws the off-chain charts in headless Chromium, with data and without errors", async (context) => {
    if (!existsSync(CHROMIUM_PATH)) {
      if (process.env.CI === "true") throw new Error(`No browser at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
      context.skip();
    }
    const result = await checkReportInBrowser(join(lazy.outDir, "report", "report.html"), join(root, "offchain-report.png"));
    expect(result.errors).toEqual([]);
    expect(result.ready.errors).toEqual([]);
    expect(result.external).toEqual([]);
    for (const id of ["chart-usage-recovery", "chart-usage-lies"]) {
      expect(result.ready.charts[id]?.series, id).toBe(4);
      expect(result.ready.charts[id]?.points, id).toBeGreaterThan(8);
    }
    expect(result.clippedTables).toEqual({ screen: [], print: [] });
  }, 120_000);

  it("prices operators' serving compute and bond capital with the costs section: a model run per use, the bond until its slash or the run's end", async () => {
    const agents = await rows(join(lazy.outDir, "report"), "usage_agents");
    const periods = await rows(lazy.outDir, "usage_periods");
    const slashes = await rows(lazy.outDir, "usage_slashes");
    const flows = await rows(lazy.outDir, "flows");
    const epochs = await rows(lazy.outDir, "epochs");
    const meta = JSON.parse(readFileSync(join(lazy.outDir, "metadata.json"), "utf8")) as { model: { traceLength: number } };
    const end = BigInt(epochs.at(-1)?.time ?? "0");
    const computePerMillion = 10n ** 15n; // 0.001 ETH
    const operators = agents.filter((a) => a.role?.endsWith("-operator"));
    expect(operators.map((a) => a.role).sort()).toEqual(["honest-operator", "honest-operator", "strategic-operator", "under-reporting-operator"]);
    for (const a of operators) {
      const uses = periods.filter((p) => p.operator === a.agent).reduce((t, p) => t + BigInt(p.uses || "0"), 0n);
      expect(uses, a.agent).toBeGreaterThan(0n);
      expect(BigInt(a.compute_cost_wei ?? ""), a.agent).toBe((uses * BigInt(meta.model.traceLength) * computePerMillion) / 1_000_000n);
      // Its bond: posted at registration, held until its slash (the whole bond) or the run's end.
      const posted = flows.filter((f) => f.kind === "UsageLedger.register" && f.from === a.agent);
      expect(posted, a.agent).toHaveLength(1);
      const slash = slashes.find((s) => s.operator === a.agent);
      const heldUntil = slash ? BigInt(slash.time ?? "") : end;
      const bond = BigInt(posted[0]?.amount_wei ?? "");
      if (slash) expect(BigInt(slash.bond_wei ?? ""), a.agent).toBe(bond);
      expect(BigInt(a.bond_wei_seconds ?? ""), a.agent).toBe(bond * (heldUntil - BigInt(posted[0]?.time ?? "")));
      expect(BigInt(a.capital_cost_wei ?? ""), a.agent).toBe((BigInt(a.bond_wei_seconds ?? "") * 50_000n) / (10_000n * 31_536_000n));
      expect(BigInt(a.economic_profit_wei ?? ""), a.agent).toBe(BigInt(a.net_profit_wei ?? "") - BigInt(a.compute_cost_wei ?? "") - BigInt(a.capital_cost_wei ?? ""));
    }
    // The strategic operator's belief is in agent_epochs.csv every epoch, and only its.
    const beliefs = (await rows(lazy.outDir, "agent_epochs")).filter((r) => r.metric === "believed_check_probability");
    expect(beliefs.length).toBe(10);
    expect(new Set(beliefs.map((r) => r.role))).toEqual(new Set(["strategic-operator"]));
    // The slashed operators' bonds stopped costing at their slash.
    const wei = (role: string) => BigInt(operators.find((a) => a.role === role)?.bond_wei_seconds ?? "0");
    expect(wei("under-reporting-operator")).toBeLessThan(wei("honest-operator"));
    const summary = JSON.parse(readFileSync(join(lazy.outDir, "report", "summary.json"), "utf8")) as { offchain: { economicProfitPerOperatorEth: Record<string, number>; profitPerOperatorEth: Record<string, number> } };
    expect(summary.offchain.economicProfitPerOperatorEth["honest-operator"]).toBeLessThan(summary.offchain.profitPerOperatorEth["honest-operator"] ?? 0);
  });

  it("records the usage tables in metadata.json, so a report refuses a damaged one", async () => {
    const metadata = JSON.parse(readFileSync(join(lazy.outDir, "metadata.json"), "utf8")) as { files: Record<string, { rows: number }> };
    for (const table of ["usage_epochs.csv", "usage_periods.csv", "usage_challenges.csv", "usage_slashes.csv"]) expect(metadata.files[table]?.rows, table).toBeGreaterThan(0);
    const copy = join(root, "damaged");
    cpSync(lazy.outDir, copy, { recursive: true });
    const text = readFileSync(join(copy, "usage_periods.csv"), "utf8");
    writeFileSync(join(copy, "usage_periods.csv"), text.replace(/,true,/, ",false,"));
    await expect(buildReport(copy)).rejects.toThrow(/usage_periods\.csv/);
  });

  it("proves a lower count at once with a dropped receipt (proveOutOfRange)", async () => {
    const slashes = await rows(lowerCount.outDir, "usage_slashes");
    expect(slashes.some((s) => s.operator_role === "under-reporting-operator" && s.lie === "out-of-range" && s.prover_role === "offchain-user")).toBe(true);
    expect(lowerCount.assertions.every((a) => a.passed)).toBe(true);
  });

  it("signing every receipt when it is issued gives the same run, table for table, as signing only the receipts presented", () => {
    const tables = readdirSync(lazy.outDir).filter((f) => f.endsWith(".csv")).sort();
    expect(tables).toContain("usage_periods.csv");
    expect(readdirSync(eager.outDir).filter((f) => f.endsWith(".csv")).sort()).toEqual(tables);
    for (const table of tables) expect(readFileSync(join(eager.outDir, table), "utf8"), table).toBe(readFileSync(join(lazy.outDir, table), "utf8"));
  });
});
