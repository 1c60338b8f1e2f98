import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quantileSorted } from "simple-statistics";
import { buildReport } from "./buildReport.ts";
import { readCsv } from "./readCsv.ts";
import { runShippedScenario, runTinyScenario } from "./runTinyScenario.ts";

const MALICIOUS = `submitters: { honest: 2, malicious: 1, wrongProbability: 0.5 }
challengers: { honest: 1, griefers: 1, griefProbability: 0.3 }`;

let runDir = "";
let shippedDir = "";
beforeAll(async () => {
  runDir = await runTinyScenario(MALICIOUS);
  shippedDir = await runShippedScenario("malicious-submitters");
}, 300_000);
afterAll(() => {
  for (const dir of [runDir, shippedDir]) if (dir) rmSync(dirname(dir), { recursive: true, force: true });
});

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => /\.(csv|json|html)$/.test(f)).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));

describe("buildReport", () => {
  it("writes byte-identical tables, summary and page when rebuilt from the same run folder", async () => {
    const first = await buildReport(runDir);
    const a = snapshot(first.reportDir);
    rmSync(first.reportDir, { recursive: true });
    const second = await buildReport(runDir);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["summary.json", "report.html", "fee_flows_by_epoch.csv", "conservation.csv", "latency_stats.csv", "gas_by_function.csv"]));
    expect(snapshot(second.reportDir)).toEqual(a);
  });

  it("balances every contract's ETH to the wei in a run with malicious submitters", async () => {
    const { summaryPath, conserved } = await buildReport(runDir);
    const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
    expect(summary.latency.counts.wrongFirstResults).toBeGreaterThan(0);
    expect(conserved).toBe(true);
    for (const line of summary.conservation.lines) {
      expect(BigInt(line.inWei) - BigInt(line.outWei), line.contract).toBe(BigInt(line.finalBalanceWei));
    }
    const meta = JSON.parse(readFileSync(join(runDir, "metadata.json"), "utf8"));
    expect(summary.conservation.lines.map((l: { contract: string }) => l.contract).sort()).toEqual(Object.keys(meta.finalBalancesWei).sort());
    expect(summary.bonds.lostMatchesSettlements).toBe(true);
  });

  it("reports the dispute latency that the raw requests.csv rows give, for the shipped malicious-submitters scenario", async () => {
    const { summaryPath } = await buildReport(shippedDir);
    const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
    // Recompute independently from requests.csv.
    const rows: Record<string, string>[] = [];
    await readCsv(join(shippedDir, "requests.csv"), (r) => rows.push({ ...r }));
    const disputed = rows.filter((r) => Number(r.games) > 0);
    expect(disputed.length).toBeGreaterThan(0);
    const since = (r: Record<string, string>, col: string, unit: "time" | "block") => (r[`${col}_${unit}`] ? Number(r[`${col}_${unit}`]) - Number(r[`submitted_${unit}`]) : undefined);
    const stats = (values: (number | undefined)[]) => {
      const v = values.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
      if (v.length === 0) return { count: 0, mean: null, median: null, p90: null, p99: null, max: null };
      const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
      return { count: v.length, mean: r6(v.reduce((s, x) => s + x, 0) / v.length), median: r6(quantileSorted(v, 0.5)), p90: r6(quantileSorted(v, 0.9)), p99: r6(quantileSorted(v, 0.99)), max: v[v.length - 1] };
    };
    for (const [key, col] of [["submitToChallenge", "challenged"], ["submitToGameEnd", "last_game_end"], ["submitToFinal", "finalized"]] as const) {
      expect(summary.latency.disputes[key].seconds, key).toEqual(stats(disputed.map((r) => since(r, col, "time"))));
      expect(summary.latency.disputes[key].blocks, key).toEqual(stats(disputed.map((r) => since(r, col, "block"))));
    }
    const finalized = rows.filter((r) => r.finalized_time);
    expect(summary.latency.timeToFinality.all.seconds).toEqual(stats(finalized.map((r) => Number(r.finalized_time) - Number(r.requested_time))));
    expect(summary.latency.counts.wrongFinalized).toBe(rows.filter((r) => r.final_wrong === "true").length);
    expect(summary.latency.counts.griefed).toBe(rows.filter((r) => r.griefed === "true").length);
    expect(summary.latency.counts.disputedRequests).toBe(disputed.length);
  });
});
