import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { keeperPolicy } from "../agents/keeper.ts";
import { defineRole, roles, type RoleRegistry } from "../agents/roles.ts";
import { smallScenario } from "../testing/smallScenario.ts";
import { runScenario, type RunScenarioReturnType } from "./runScenario.ts";

const root = mkdtempSync(join(tmpdir(), "imo-sim-run-"));
let first: RunScenarioReturnType;
let second: RunScenarioReturnType;
let otherSeed: RunScenarioReturnType;
let plainAnvil: RunScenarioReturnType;

function readCsv(dir: string, table: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, `${table}.csv`), "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  // The tables written by the simulator quote nothing that these tests split on (no commas in values).
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] as string, v])));
}

/**
 * The shipped roles with a keeper that keeps state (the turns it has seen and the last time) and acts
 * exactly as the scripted keeper: a run with it must write the same bytes, and end with its count.
 */
const countingKeeper: RoleRegistry = {
  ...roles,
  agents: roles.agents.map((role) =>
    role.role !== "keeper"
      ? role
      : defineRole<{ turns: number; lastNow: number }>({
          ...role,
          initialState: () => ({ turns: 0, lastNow: 0 }),
          policy: (agent, state, observation) => ({ actions: keeperPolicy(agent, observation), state: { turns: state.turns + 1, lastNow: observation.now } }),
        }),
  ),
};

beforeAll(async () => {
  if (!existsSync("out/OpmlOracle.sol/OpmlOracle.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  first = await runScenario({ scenario: smallScenario(), outDir: join(root, "a") });
  second = await runScenario({ scenario: smallScenario(), outDir: join(root, "b"), roles: countingKeeper });
  otherSeed = await runScenario({ scenario: { ...smallScenario(), seed: 12 }, outDir: join(root, "c") });
  plainAnvil = await runScenario({ scenario: smallScenario(), outDir: join(root, "d"), anvil: {} });
}, 300_000);

describe("a run on anvil", () => {
  it("exercises the whole life of a request: requests, lies, claims, vouches, games, corrections, finality, released bonds", () => {
    const requests = readCsv(first.outDir, "requests");
    const disputes = readCsv(first.outDir, "disputes");
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.some((r) => r.first_result_wrong === "true")).toBe(true);
    expect(requests.some((r) => r.corrections !== "0" && r.finalized_block !== "")).toBe(true);
    expect(disputes.some((d) => d.winner === "challenger" && d.defender_role === "malicious-submitter")).toBe(true);
    expect(disputes.every((d) => !(d.defender_role === "honest-submitter" && d.winner === "challenger"))).toBe(true);
    // No honest claim is ever defeated: a game the honest side lost was void.
    const honestRoles = new Set(["honest-submitter", "honest-challenger"]);
    for (const d of disputes.filter((g) => g.outcome === "defeated")) {
      const loserRole = d.winner === "challenger" ? d.defender_role : d.challenger_role;
      expect(honestRoles.has(loserRole ?? ""), `game ${d.game_id}`).toBe(false);
    }
    // Every oracle and game transaction succeeded: the dispute policies and the keeper's oracle chores never race
    // each other into a revert (each party's timeout or finalize is a backstop a block after the keeper's).
    const disputeContracts = new Set(["OpmlOracle", "BisectionGame"]);
    expect(readCsv(first.outDir, "transactions").filter((t) => disputeContracts.has(t.contract ?? "") && t.status !== "success")).toEqual([]);
    const tx = readCsv(first.outDir, "transactions");
    for (const fn of ["requestCallback", "submit", "challenge", "vouch", "releaseBond", "timeout", "finalizeBatch", "snapshot", "mint", "buy", "deposit", "claimAllocation"]) {
      expect(tx.some((t) => t.function === fn && t.status === "success"), fn).toBe(true);
    }
  });

  it("finalizes no wrong result while the honest challenger is online, and passes its assertions", () => {
    expect(first.wrongFinalized).toBe(0);
    expect(first.assertions.every((a) => a.passed)).toBe(true);
    const requests = readCsv(first.outDir, "requests");
    expect(requests.filter((r) => r.final_wrong === "true")).toHaveLength(0);
  });

  it("conserves money: every wei that entered a contract was paid out or is still held, to the wei", () => {
    const flows = readCsv(first.outDir, "flows").filter((f) => f.movement === "eth");
    const metadata = JSON.parse(readFileSync(join(first.outDir, "metadata.json"), "utf8")) as { finalBalancesWei: Record<string, string> };
    for (const contract of ["oracle", "token", "nft", "market", "launch"]) {
      const into = flows.filter((f) => f.to === contract).reduce((sum, f) => sum + BigInt(f.amount_wei as string), 0n);
      const out = flows.filter((f) => f.from === contract).reduce((sum, f) => sum + BigInt(f.amount_wei as string), 0n);
      expect(into - out, contract).toBe(BigInt(metadata.finalBalancesWei[contract] ?? "-1"));
    }
  });

  it("writes byte-identical CSV and JSON for the same scenario and seed, and different ones for another seed", () => {
    const files = readdirSync(first.outDir).sort();
    expect(files).toEqual(["agent_epochs.csv", "claimable_end.csv", "disputes.csv", "epochs.csv", "flows.csv", "market.csv", "metadata.json", "requests.csv", "snapshots.csv", "token_moves.csv", "transactions.csv"]);
    for (const file of files) {
      expect(readFileSync(join(second.outDir, file)).equals(readFileSync(join(first.outDir, file))), file).toBe(true);
    }
    expect(readFileSync(join(otherSeed.outDir, "requests.csv")).equals(readFileSync(join(first.outDir, "requests.csv")))).toBe(false);
  });

  it("writes the same bytes on a plain anvil as on the fork of an empty one that runs use (no state root per block)", () => {
    for (const file of readdirSync(first.outDir).sort()) {
      expect(readFileSync(join(plainAnvil.outDir, file)).equals(readFileSync(join(first.outDir, file))), file).toBe(true);
    }
  });

  it("hands every agent its state back each turn: scripted agents end as they began (in their compute ledger, if any), a stateful keeper counted every turn", () => {
    const scenario = smallScenario();
    const turns = scenario.epochs * scenario.epoch.blocks;
    const lastNow = scenario.startTimestamp + (scenario.epochs - 1) * scenario.epoch.seconds + (scenario.epoch.blocks - 1) * (scenario.epoch.seconds / scenario.epoch.blocks);
    expect(second.agentStates.get("keeper-0")).toEqual({ turns, lastNow });
    expect([...first.agentStates.keys()]).toEqual([...second.agentStates.keys()]);
    // A scripted policy keeps an empty state; submitters, challengers and griefers keep theirs inside the ledger that counts their compute.
    for (const [id, state] of first.agentStates) expect(JSON.stringify("policy" in state ? state.policy : state), id).toBe("{}");
    const ledgers = [...first.agentStates].filter(([, state]) => "record" in state);
    expect(ledgers.map(([id]) => id.replace(/-\d+$/, "")).sort()).toEqual(["griefer", "honest-challenger", "honest-submitter", "malicious-submitter"]);
  });

  it("records each ledger's counts at every epoch's end, the last ones equal to the agents' final states", () => {
    const rows = readCsv(first.outDir, "agent_epochs");
    const scenario = smallScenario();
    const agents = new Set(rows.map((r) => r.agent));
    expect(rows).toHaveLength(scenario.epochs * agents.size * 3);
    for (const agent of agents) {
      const record = (first.agentStates.get(agent as string) as { record: Record<string, number> }).record;
      const last = rows.filter((r) => r.agent === agent && r.epoch === String(scenario.epochs - 1));
      expect(Object.fromEntries(last.map((r) => [r.metric, Number(r.value)])), agent).toEqual(record);
    }
    // The honest challenger checked results (ran the model), the malicious submitter lied and played games.
    const final = (agent: string, metric: string) => Number(rows.filter((r) => r.agent === agent && r.metric === metric).at(-1)?.value);
    expect(final("honest-challenger-0", "model_runs")).toBeGreaterThan(0);
    expect(final("malicious-submitter-0", "lie_runs")).toBeGreaterThan(0);
    expect(final("malicious-submitter-0", "game_moves")).toBeGreaterThan(0);
  });
});
