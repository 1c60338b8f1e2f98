import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario, type RunScenarioReturnType } from "../engine/runScenario.ts";
import { buildReport } from "../report/buildReport.ts";
import { readCsv } from "../report/readCsv.ts";
import { loadScenario, type Scenario } from "../scenario/index.ts";
import { gameLength } from "./timing.ts";

// The shipped collusion-delay scenario at a small size, on Anvil: the coalition plays against the real contracts,
// and the claim rule's bound and the books are checked on what the chain did.

const root = mkdtempSync(join(tmpdir(), "imo-collusion-"));
const runs = new Map<string, { result: RunScenarioReturnType; scenario: Scenario; summary: Record<string, any> }>();
let again: RunScenarioReturnType;

/** The shipped scenario with fewer requests (none after epoch 3) and as many epochs as their disputes need. */
function small(tactic: "best-reply" | "issue-attack", partners: number): Scenario {
  const { scenario } = loadScenario("scenarios/collusion-delay.yaml");
  return {
    ...scenario,
    epochs: 12,
    demand: { ...scenario.demand, meanRequestsPerEpoch: 3, shock: { atEpoch: 3, durationEpochs: 9, multiplier: 0 } },
    colluders: { ...scenario.colluders, tactic, challengers: partners },
  };
}

async function rows(dir: string, table: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  await readCsv(join(dir, `${table}.csv`), (row) => out.push({ ...row }));
  return out;
}

beforeAll(async () => {
  if (!existsSync("out/OpmlOracle.sol/OpmlOracle.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  for (const [name, scenario] of [
    ["best-reply-2", small("best-reply", 2)],
    ["issue-attack-2", small("issue-attack", 2)],
    ["alone", small("best-reply", 0)],
  ] as const) {
    const result = await runScenario({ scenario, outDir: join(root, name) });
    const report = await buildReport(result.outDir);
    runs.set(name, { result, scenario, summary: JSON.parse(readFileSync(report.summaryPath, "utf8")) });
  }
  again = await runScenario({ scenario: small("best-reply", 2), outDir: join(root, "best-reply-2-again") });
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the collusion-delay scenario on Anvil", () => {
  it("every attacked request finalizes, with the true result, within windowEnd + (2⌈log2 T⌉ + 1)·D plus two blocks; the scenario's assertions pass", async () => {
    for (const [name, { result, scenario }] of runs) {
      expect(result.assertions.map((a) => [a.name, a.passed]), name).toEqual([
        ["noWrongFinalizedWhileHonestChallenger", true],
        ["moneyConserved", true],
        ["oracleBooksBalance", true],
        ["finalityWithinBound", true],
      ]);
      const requests = await rows(result.outDir, "requests");
      expect(requests.length, name).toBeGreaterThan(2);
      const G = gameLength(1_032, scenario.oracle.responseDeadline);
      const b = scenario.epoch.seconds / scenario.epoch.blocks;
      for (const r of requests) {
        expect(r.first_submitter, name).toBe("colluding-submitter-0");
        expect(r.first_result_wrong, name).toBe("true");
        expect(r.final_wrong, `${name} request ${r.request_id}`).toBe("false");
        expect(Number(r.finalized_time) - Number(r.window_end_time), `${name} request ${r.request_id}`).toBeLessThanOrEqual(G + 2 * b);
      }
    }
  });

  it("the coalition is no strawman: with a partner it holds every request to the bound (its last game ends past windowEnd + G); alone it cannot", async () => {
    const over = async (name: string) => {
      const { result, scenario } = runs.get(name) ?? (() => { throw new Error(name); })();
      const G = gameLength(1_032, scenario.oracle.responseDeadline);
      return (await rows(result.outDir, "requests")).map((r) => Number(r.finalized_time) - Number(r.window_end_time) - G);
    };
    for (const name of ["best-reply-2", "issue-attack-2"]) for (const x of await over(name)) expect(x, name).toBeGreaterThan(0);
    for (const x of await over("alone")) expect(x).toBeLessThan(0);
  });

  it("the best reply pays the honest party nothing and burns (1 − w) of the lie's bond per request; issue 14's attack burns more for the same delay", () => {
    const best = runs.get("best-reply-2")?.summary;
    const issue = runs.get("issue-attack-2")?.summary;
    const alone = runs.get("alone")?.summary;
    if (!best || !issue || !alone) throw new Error("missing run");
    const attacked = best.coalition.attackedRequests as number;
    expect(best.coalition.paidToOthers.wei).toBe("0");
    expect(BigInt(best.coalition.bondsBurned.wei)).toBe(BigInt(attacked) * 5n * 10n ** 16n);
    expect(BigInt(issue.coalition.bondsBurned.wei) / BigInt(issue.coalition.attackedRequests)).toBeGreaterThan(5n * 10n ** 16n);
    // Alone, the liar's bond and its last-block claim both fall to the honest challenger.
    expect(BigInt(alone.coalition.paidToOthers.wei)).toBeGreaterThan(0n);
  });

  it("is deterministic: the coalition's members hold their membership as state (inside a compute ledger that counts their lies and checks), and a second run writes the same bytes", () => {
    const first = runs.get("best-reply-2")?.result;
    if (!first) throw new Error("missing run");
    for (const file of ["requests.csv", "disputes.csv", "flows.csv", "transactions.csv", "epochs.csv"]) {
      expect(readFileSync(join(again.outDir, file)).equals(readFileSync(join(first.outDir, file))), file).toBe(true);
    }
    type Ledger = { policy: { liars: string[]; partners: string[] }; record: { model_runs: number; lie_runs: number; game_moves: number } };
    const partner = first.agentStates.get("colluding-challenger-1") as Ledger;
    const liar = first.agentStates.get("colluding-submitter-0") as Ledger;
    expect(partner.policy.liars).toHaveLength(1);
    expect(partner.policy.partners).toHaveLength(2);
    expect(liar.policy).toEqual(partner.policy);
    // The best reply's liar runs the model on every request it lies about (it bisects with the honest trace's
    // midpoints and must know the truth to plan), so its lies save it no compute: a model run each, no lie run.
    const attacked = runs.get("best-reply-2")?.summary.coalition.attackedRequests as number;
    expect(attacked).toBeGreaterThan(0);
    expect([liar.record.model_runs, liar.record.lie_runs]).toEqual([attacked, 0]);
    expect(liar.record.game_moves).toBeGreaterThan(0);
    expect(partner.record.model_runs).toBeGreaterThan(0);
  });

  it("conserves money to the wei: per contract (ETH in − out = balance), and in the oracle's books (bonds posted = returned + released + lost + held)", () => {
    for (const [name, { summary }] of runs) {
      expect(summary.conservation.ok, name).toBe(true);
      expect(summary.oracleBooks.balanced, name).toBe(true);
      expect(summary.oracleBooks.burnedMatchesFlows, name).toBe(true);
      expect(summary.bonds.accountedFor, name).toBe(true);
      expect(summary.bonds.lostMatchesSettlements, name).toBe(true);
    }
  });
});
