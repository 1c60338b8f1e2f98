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
  ];
  for (const [what, text, message] of cases) {
    it(`names ${what}, exits 2 and writes no run folder`, async () => {
      const { code, out } = await runWith(text);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

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
