import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/index.ts";

/** The gas figures the gas tests record (snapshots/<Contract>.json), by name. */
const snapshot = (contract: string): Record<string, number> => Object.fromEntries(Object.entries(JSON.parse(readFileSync(`snapshots/${contract}.json`, "utf8")) as Record<string, string>).map(([k, v]) => [k, Number(v)]));

describe("the gas agents expect", () => {
  it("stays within 10 % of what the gas tests measure: re-measure the defaults when a contract changes", () => {
    const estimates = parseScenario("epochs: 1\n", "g.yaml").costs.gasEstimates;
    const token = snapshot("RevShareToken");
    const oracle = snapshot("OpmlOracle");
    const game = snapshot("BisectionGame");
    const measured: Record<keyof typeof estimates, number> = {
      claim: ((token["claim after 1 past checkpoints"] ?? 0) + (token["claim, not the first claimer"] ?? 0)) / 2,
      claimPerExtraSnapshot: ((token["claimBatch of 10"] ?? 0) - (token["claimBatch of 2"] ?? 0)) / 8,
      submit: oracle["submit, bond and no-op callback"] ?? 0,
      challenge: oracle["challenge, opens a game"] ?? 0,
      bisectionMove: Math.max(game["bisect, max over 16 rounds"] ?? 0, game["respond, max over 16 rounds"] ?? 0),
      step: game["step, VM step + settle (defeats a claim)"] ?? 0,
    };
    for (const [name, figure] of Object.entries(measured)) {
      expect(figure, name).toBeGreaterThan(0);
      expect(Math.abs(estimates[name as keyof typeof estimates] - figure) / figure, name).toBeLessThan(0.1);
    }
  });
});
