import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario, type RunScenarioReturnType } from "../engine/runScenario.ts";
import { buildReport } from "../report/buildReport.ts";
import { parseScenario } from "../scenario/index.ts";

const root = mkdtempSync(join(tmpdir(), "imo-sim-rational-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function readCsv(dir: string, table: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, `${table}.csv`), "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  // These tables quote nothing (no commas in their values).
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] as string, v])));
}

const small = `epoch: { seconds: 3600, blocks: 6 }
token: { snapshotIntervalEpochs: 4 }
raise: { target: "20", windowEpochs: 1 }
investors: { count: 6, meanDeposit: "6" }
holders: { claimEverySnapshot: 2, claimLate: 0, neverClaim: 0 }
`;

/** The inspection game in small: one rational liar, one rational lazy challenger, checking priced at 0.004 ETH. */
const game = parseScenario(
  `seed: 5\nepochs: 14\n${small}demand: { users: 6, meanRequestsPerEpoch: 12, nftMintProbability: 0 }
submitters: { honest: 0, malicious: 1, strategy: rational, participation: { exitAfterLosingEpochs: 0 } }
challengers: { honest: 0, lazy: 1, strategy: rational, participation: { exitAfterLosingEpochs: 0 } }
oracle: { challengeWindow: 1200 }
costs: { computePerMillionSteps: "4", lieValue: "0.05" }\n`,
  "game.yaml",
);
/** Honest rational submitters paid less than an answer's gas (0.0005 ETH against 84,000 gas at 20 gwei): they leave; the entrant never comes. */
const unpaid = parseScenario(
  `seed: 6\nepochs: 8\n${small}demand: { users: 6, meanRequestsPerEpoch: 8, nftMintProbability: 0 }
submitters: { honest: 2, malicious: 0, strategy: rational, entrants: 1, participation: { windowEpochs: 1, exitAfterLosingEpochs: 2 } }
challengers: { honest: 1 }\noracle: { requestTimeout: 3600 }\n`,
  "unpaid.yaml",
);
/** The same paid 0.01 ETH an answer: nobody leaves and the entrant joins. */
const paid = parseScenario(
  `seed: 6\nepochs: 6\n${small}demand: { users: 6, meanRequestsPerEpoch: 8, nftMintProbability: 0 }
submitters: { honest: 2, malicious: 0, strategy: rational, entrants: 1, participation: { windowEpochs: 1, exitAfterLosingEpochs: 2 } }
challengers: { honest: 1 }\noracle: { submitterReward: "0.01" }\n`,
  "paid.yaml",
);

const runs: Record<string, RunScenarioReturnType> = {};
beforeAll(async () => {
  if (!existsSync("out/OpmlOracle.sol/OpmlOracle.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  for (const [name, scenario] of [["game", game], ["again", game], ["unpaid", unpaid], ["paid", paid]] as const) {
    runs[name] = await runScenario({ scenario, outDir: join(root, name) });
    await buildReport(join(root, name));
  }
}, 600_000);

const record = (run: RunScenarioReturnType, id: string) => (run.agentStates.get(id) as { record: Record<string, number | bigint> }).record;

describe("rational submitters and challengers on anvil", () => {
  it("the liar's record is what the chain shows: its answers and its lies, and the lies the challenger caught", () => {
    const run = runs.game as RunScenarioReturnType;
    expect(run.assertions.every((a) => a.passed)).toBe(true);
    const state = run.agentStates.get("malicious-submitter-0") as unknown as { policy: { sent: Record<string, boolean> } };
    const requests = readCsv(run.outDir, "requests").filter((r) => r.first_submitter === "malicious-submitter-0");
    // Answers mined in the last turn are counted from the next turn on: they are still in `sent`.
    const pending = Object.keys(state.policy.sent).length;
    const r = record(run, "malicious-submitter-0");
    expect(Number(r.answers) + pending).toBe(requests.length);
    const wrong = requests.filter((q) => q.first_result_wrong === "true");
    expect(wrong.length).toBeGreaterThan(0);
    expect(Number(r.lies) + Object.values(state.policy.sent).filter(Boolean).length).toBe(wrong.length);
    // Some lies were caught and some not: the game is mixed, not a pure strategy.
    const challenged = wrong.filter((q) => q.challenged_block !== "");
    expect(challenged.length).toBeGreaterThan(0);
    expect(challenged.length).toBeLessThan(wrong.length);
    expect(Number(r.lies_caught)).toBeLessThanOrEqual(challenged.length);
  });

  it("the rational challenger challenges only lies, each check runs the model once, and it checks some results but not all", () => {
    const run = runs.game as RunScenarioReturnType;
    const wrong = new Set(readCsv(run.outDir, "requests").filter((q) => q.first_result_wrong === "true").map((q) => q.request_id));
    const challenges = readCsv(run.outDir, "disputes").filter((d) => d.challenger === "lazy-challenger-0");
    expect(challenges.length).toBeGreaterThan(0);
    for (const d of challenges) expect(wrong.has(d.request_id as string), `request ${d.request_id}`).toBe(true);
    const r = record(run, "lazy-challenger-0");
    expect(Number(r.challenges)).toBe(challenges.length);
    expect(Number(r.model_runs)).toBe(Number(r.checks));
    expect(Number(r.checks)).toBeGreaterThan(0);
    expect(Number(r.checks)).toBeLessThan(Number(r.results_seen));
    const byEpoch = readCsv(join(run.outDir, "report"), "rational_by_epoch");
    expect(byEpoch).toHaveLength(game.epochs);
    expect(byEpoch.reduce((t, e) => t + Number(e.checks), 0)).toBe(Number(r.checks));
    const summary = JSON.parse(readFileSync(join(run.outDir, "report", "summary.json"), "utf8")) as { rational: { theory: { lieRate: number; checkRate: number } } };
    expect(summary.rational.theory.lieRate).toBeCloseTo(0.0935, 3);
  });

  it("learning stays deterministic: a second run of the same scenario and seed writes the same bytes", () => {
    for (const table of ["agent_epochs", "requests", "transactions", "flows", "disputes"]) {
      expect(readFileSync(join(root, "again", `${table}.csv`), "utf8"), table).toBe(readFileSync(join(root, "game", `${table}.csv`), "utf8"));
    }
  });

  it("submitters paid less than an answer's gas leave after two losing epochs and the entrant stays out; paid enough, the entrant joins", () => {
    const unpaidRun = runs.unpaid as RunScenarioReturnType;
    const epochs = readCsv(join(unpaidRun.outDir, "report"), "rational_by_epoch");
    expect(Number(epochs[0]?.active_submitters)).toBe(2);
    expect(Number(epochs.at(-1)?.active_submitters)).toBe(0);
    const submits = readCsv(unpaidRun.outDir, "transactions").filter((t) => t.function === "submit");
    const left = Number(epochs.findIndex((e) => Number(e.active_submitters) === 0));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(4);
    expect(submits.filter((t) => t.agent === "honest-submitter-2")).toHaveLength(0);
    expect(submits.filter((t) => t.agent === "honest-submitter-0").length).toBeGreaterThan(0);
    const paidRun = runs.paid as RunScenarioReturnType;
    const paidEpochs = readCsv(join(paidRun.outDir, "report"), "rational_by_epoch");
    expect(Number(paidEpochs.at(-1)?.active_submitters)).toBe(3);
    expect(readCsv(paidRun.outDir, "transactions").filter((t) => t.function === "submit" && t.agent === "honest-submitter-2").length).toBeGreaterThan(0);
  });
});
