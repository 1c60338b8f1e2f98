import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "./loadScenario.ts";
import { ScenarioNotFoundError, ScenarioSyntaxError, ScenarioValidationError } from "./errors.ts";

function problemsOf(text: string) {
  try {
    parseScenario(text, "test.yaml");
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("parseScenario", () => {
  it("fills every default from the schema", () => {
    const scenario = parseScenario("epochs: 7\n", "test.yaml");
    expect(scenario.epochs).toBe(7);
    expect(scenario.seed).toBe(1);
    expect(scenario.token.claimableBps).toBe(8000);
    expect(scenario.raise.allocation.publicSale).toBe(5000);
    expect(scenario.oracle.submitterBond).toBe("0.1");
  });

  it("reads JSON as well as YAML", () => {
    expect(parseScenario('{"seed": 9, "demand": {"users": 3}}', "test.json").demand.users).toBe(3);
  });

  it("applies a seed override", () => {
    expect(parseScenario("seed: 2\n", "t.yaml", { seed: 5 }).seed).toBe(5);
  });

  it("names an out-of-range field, its value and the range", () => {
    const [problem] = problemsOf("token:\n  claimableBps: 12000\n");
    expect(problem).toEqual({ field: "token.claimableBps", value: 12000, problem: "must be <= 10000 (RevShareToken: claimableBps ≤ 10,000)" });
  });

  it("rejects unknown keys and lists the allowed ones", () => {
    const [problem] = problemsOf("oracle:\n  bond: '1'\n");
    expect(problem?.field).toBe("oracle.bond");
    expect(problem?.value).toBe("1");
    expect(problem?.problem).toMatch(/unknown field; allowed here: submitterBond, challengerBond/);
  });

  it("rejects a wrong type and a malformed ETH amount", () => {
    const problems = problemsOf("epochs: many\nmodel:\n  fee: 1e-3\n");
    expect(problems).toContainEqual({ field: "epochs", value: "many", problem: "must be a number" });
    expect(problems.find((p) => p.field === "model.fee")?.problem).toMatch(/must be a string|ETH/);
  });

  it("rejects an enum value outside the list", () => {
    const [problem] = problemsOf("model:\n  name: huge\n");
    expect(problem?.problem).toBe('must be one of "tiny", "small", "medium", "large"');
  });

  it("rejects allocation shares that do not sum to 10000", () => {
    const [problem] = problemsOf("raise:\n  allocation:\n    team: 2000\n");
    expect(problem?.field).toBe("raise.allocation");
    expect(problem?.problem).toMatch(/sum to 10000/);
  });

  it("refuses a winner's share above the oracle's MAX_SLASH_WINNER_BPS (a defeat burns at least 20 %)", () => {
    const [problem] = problemsOf("oracle:\n  slashToWinnerBps: 8001\n");
    expect(problem).toEqual({ field: "oracle.slashToWinnerBps", value: 8001, problem: "must be <= 8000 (OpmlOracle.MAX_SLASH_WINNER_BPS = 8,000)" });
  });

  it("refuses a submitter bond whose burned part does not exceed the reward, naming the fields and the smallest bond that works", () => {
    const problems = problemsOf('oracle:\n  submitterBond: "0.05"\n  submitterReward: "0.01"\n  slashToWinnerBps: 8000\n');
    expect(problems).toEqual([
      {
        field: "oracle.submitterBond",
        value: "0.05",
        problem:
          "the part of submitterBond a defeat burns, 0.01 ETH (submitterBond − submitterBond × slashToWinnerBps 8000 / 10,000), must be > submitterReward (0.01 ETH) (OpmlOracle_LyingPays: else a liar that corrects itself from a second address profits): raise oracle.submitterBond to at least 0.050000001 ETH, or lower oracle.slashToWinnerBps or oracle.submitterReward",
      },
    ]);
    expect(parseScenario('oracle:\n  submitterBond: "0.050000001"\n  submitterReward: "0.01"\n  slashToWinnerBps: 8000\n', "ok.yaml").oracle.submitterBond).toBe("0.050000001");
  });

  it("refuses colluding challengers without a coalition liar", () => {
    const [problem] = problemsOf("colluders:\n  challengers: 2\n");
    expect(problem?.field).toBe("colluders.submitters");
    expect(problem?.problem).toMatch(/set colluders.submitters to 1/);
  });

  it("reports a YAML syntax error", () => {
    expect(() => parseScenario("epochs: [1,\n", "bad.yaml")).toThrow(ScenarioSyntaxError);
  });

  it("rejects a scenario that is not a mapping", () => {
    expect(() => parseScenario("- 1\n- 2\n", "list.yaml")).toThrow(ScenarioValidationError);
  });
});

describe("loadScenario", () => {
  it("finds a file without its extension", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    writeFileSync(join(dir, "mine.yaml"), "epochs: 3\n");
    expect(loadScenario(join(dir, "mine")).scenario.epochs).toBe(3);
  });

  it("says where it looked when the file is missing", () => {
    expect(() => loadScenario("scenarios/does-not-exist")).toThrow(ScenarioNotFoundError);
    expect(() => loadScenario("scenarios/does-not-exist")).toThrow(/does-not-exist\.yaml/);
  });
});
