import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "./main.ts";

let dir: string;
let stderr: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "imo-sim-cli-"));
  stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function runWith(scenarioText: string | undefined, extra: string[] = []) {
  const file = join(dir, "s.yaml");
  if (scenarioText !== undefined) writeFileSync(file, scenarioText);
  const out = join(dir, "out");
  const code = await main(["run", file, "--out", out, ...extra]);
  return { code, out };
}

describe("imo-sim run with bad input", () => {
  const cases: [string, string, RegExp][] = [
    ["an out-of-range field", "token:\n  claimableBps: 20000\n", /token\.claimableBps = 20000: must be <= 10000/],
    ["an unknown key", "epochz: 3\n", /epochz = 3: unknown field; allowed here: .*epochs/],
    ["a wrong type", "seed: abc\n", /seed = "abc": must be a number/],
    ["broken YAML", "epochs: [1,\n", /not valid YAML/],
    ["shares that do not add up", "raise:\n  allocation:\n    team: 3000\n", /raise\.allocation .* sum to 10000/],
    ["more holder strategies than investors", "investors:\n  count: 2\nholders:\n  claimEverySnapshot: 3\n  claimLate: 0\n  neverClaim: 0\n", /only 2 investors/],
    ["a bond with finer digits than gwei", "oracle:\n  submitterBond: \"0.0000000001\"\n", /oracle\.submitterBond = "0\.0000000001": must be an amount of ETH in whole gwei/],
    // The contracts' limits (sim/scenario/contractLimits.ts): refused by the schema, naming the field and the contract's bound.
    ["a bond of zero", "oracle:\n  submitterBond: \"0\"\n", /oracle\.submitterBond = "0": must be at least 0\.000000001 ETH \(OpmlOracle: a bond is > 0/],
    ["a bond of 10^12 ETH", "oracle:\n  challengerBond: \"999999999999\"\n", /oracle\.challengerBond = "999999999999": must be at most 1099\.511627775 ETH \(OpmlOracle\.MAX_GWEI_AMOUNT/],
    ["a challenge window of ten years", "oracle:\n  challengeWindow: 315360000\n", /oracle\.challengeWindow = 315360000: must be <= 2592000 \(OpmlOracle\.MAX_WINDOW = 30 days\)/],
    ["a response deadline of 8 days", "oracle:\n  responseDeadline: 691200\n", /oracle\.responseDeadline = 691200: must be <= 604800 \(OpmlOracle\.MAX_RESPONSE_DEADLINE = 7 days\)/],
    ["a model fee of 999,999,999,999 ETH", "model:\n  fee: \"999999999999\"\n", /model\.fee = "999999999999": must be at most 4722\.366482869645213695 ETH \(ModelRegistry\.MAX_FEE/],
    ["a callback gas price that is not whole gwei", "oracle:\n  callbackGasPriceGwei: 1.5\n", /oracle\.callbackGasPriceGwei = 1\.5: must be a whole number/],
    ["vesting longer than the launch allows", "raise:\n  vestingEpochs: 87601\n", /raise\.vestingEpochs = 87601: vestingEpochs × epoch\.seconds = 315363600 s must be <= 315360000 s \(ImoLaunch\.MAX_VESTING_DURATION/],
    ["a seed written in hex", "seed: 0x10\n", /seed = "0x10": write the seed in decimal digits \(0x10 would be read as 16\)/],
    ["a seed written with an exponent", "seed: 1e3\n", /seed = "1e3": write the seed in decimal digits/],
    ["an epoch count of .nan", "epochs: .nan\n", /epochs = \.nan: must be a number/],
    ["a window of .inf", "oracle:\n  challengeWindow: .inf\n", /oracle\.challengeWindow = \.inf: must be/],
    ["an empty file", "", /ScenarioSyntaxError: Scenario .*s\.yaml is empty/],
    ["a file of comments only", "# nothing yet\n", /ScenarioSyntaxError: Scenario .*s\.yaml is empty/],
  ];
  for (const [what, text, message] of cases) {
    it(`names ${what}, exits 2 and writes no run folder`, async () => {
      const { code, out } = await runWith(text);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("refuses JSON that is not strict JSON (a trailing comma), naming the line and column", async () => {
    const file = join(dir, "s.json");
    writeFileSync(file, '{\n  "epochs": 2,\n  "demand": { "users": 2, },\n}\n');
    const code = await main(["run", file, "--out", join(dir, "out")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/ScenarioSyntaxError: Scenario .*s\.json is not valid JSON[\s\S]*at line 3, column 27/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("says where it looked for a missing scenario", async () => {
    const { code, out } = await runWith(undefined);
    expect(code).toBe(2);
    expect(stderr).toMatch(/No scenario at .*s\.yaml/);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects a bad --seed and an unknown flag", async () => {
    expect((await runWith("epochs: 1\n", ["--seed", "-4"])).code).toBe(2);
    expect(stderr).toMatch(/--seed -4 is not a seed in decimal digits/);
    expect(await main(["run", "x.yaml", "--fast"])).toBe(2);
    expect(stderr).toMatch(/Unknown flag --fast/);
    expect(await main(["frobnicate"])).toBe(2);
  });
});
