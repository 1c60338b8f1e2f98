import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/index.ts";
import { equilibriumCheckRate, equilibriumLieRate } from "./inspectionGame.ts";
import { inspectionPayoffs } from "./inspectionPayoffs.ts";

const GWEI = 10n ** 9n;

describe("the inspection game's payoffs from a scenario", () => {
  it("prices a lie, a check and a dispute from the oracle's parameters and the cost model", () => {
    // Tiny model (1,032 steps) at 1 ETH per million steps: an inference costs 1,032 × 10^12 wei.
    const s = parseScenario(
      `epochs: 1\ngas: { priceGwei: 10 }\noracle: { submitterBond: "0.2", challengerBond: "0.1", slashToWinnerBps: 2500, submitterReward: "0.001", challengeWindow: 3600, responseDeadline: 900 }\ncosts: { computePerMillionSteps: "1", lieValue: "0.03", lieComputeSavedBps: 5000, capitalRateBps: 1000, gameMoveComputeBps: 100, gasEstimates: { challenge: 300000, bisectionMove: 40000 } }\n`,
      "p.yaml",
    );
    const { submitter, challenger } = inspectionPayoffs(s, 1_032);
    const inference = 1_032n * 10n ** 12n;
    expect(submitter).toEqual({ lieValueWei: 3n * 10n ** 16n, computeSavedWei: inference / 2n, bondWei: 2n * 10n ** 17n, rewardWei: 10n ** 15n, caughtCostWei: 0n });
    // 0.1 ETH for 4,500 s at 10 %: 0.1 × 0.1 × 4,500 / 31,536,000 = 1,426,940,639,269 wei (rounded down).
    expect(challenger).toEqual({ slashShareWei: 5n * 10n ** 16n, rewardWei: 10n ** 15n, disputeCostWei: 300_000n * 10n * GWEI + 1_426_940_639_269n, checkCostWei: inference, duplicateCostWei: 300_000n * 10n * GWEI });
    // A liar that plays 21 moves pays for them; the challenger answers 10.
    const played = inspectionPayoffs(s, 1_032, { liarMoves: 21 });
    const move = 40_000n * 10n * GWEI + inference / 100n;
    expect(played.submitter.caughtCostWei).toBe(21n * move);
    expect(played.challenger.disputeCostWei).toBe(challenger.disputeCostWei + 10n * move);
  });

  it("gives the shipped defaults' equilibrium: free compute and no lie value leave nothing to gain and nothing to pay for a check", () => {
    const { submitter, challenger } = inspectionPayoffs(parseScenario("epochs: 1\n", "d.yaml"), 1_032);
    expect(equilibriumCheckRate(submitter)).toBe(0);
    expect(equilibriumLieRate(challenger)).toBe(0);
  });
});
