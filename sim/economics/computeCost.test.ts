import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { parseScenario } from "../scenario/index.ts";
import { computeCostWei, computeCountsCostWei, computeSavedWei, computeSteps, gameMoveComputeWei, inferenceComputeWei, lieComputeSavedWei } from "./computeCost.ts";
import { costParameters, gasPriceWeiOf } from "./costParameters.ts";
import { claimGas, gasCostWei } from "./gasCost.ts";
import { lieGainWei } from "./lieGain.ts";

const scenario = (costs: string, gasPriceGwei = 20) => parseScenario(`epochs: 2\ngas: { priceGwei: ${gasPriceGwei} }\ncosts: ${costs}\n`, "costs.yaml");

describe("compute cost", () => {
  it("prices steps at the price per million, rounded down", () => {
    expect(computeCostWei(1_000_000n, 7n)).toBe(7n);
    expect(computeCostWei(1_032n, 10n ** 12n)).toBe(1_032_000_000n);
    expect(computeCostWei(999_999n, 1n)).toBe(0n);
    expect(computeCostWei(0n, 10n ** 18n)).toBe(0n);
    expect(() => computeCostWei(-1n, 1n)).toThrow(RangeError);
  });

  it("gives an inference, a lie, a game move and the compute a lie saves, from the scenario's costs", () => {
    // The tiny model: 1,032 steps. 0.001 ETH per million steps = 10^15 wei per 10^6 steps = 10^9 wei a step.
    const p = costParameters(scenario(`{ computePerMillionSteps: "0.001", lieComputeSavedBps: 7500, gameMoveComputeBps: 2500 }`), 1_032);
    expect(p.computeWeiPerMillionSteps).toBe(10n ** 15n);
    expect(inferenceComputeWei(p)).toBe(1_032n * 10n ** 9n);
    expect(lieComputeSavedWei(p)).toBe(774n * 10n ** 9n);
    expect(gameMoveComputeWei(p)).toBe(258n * 10n ** 9n);
    // 3 runs + 2 lies (each a quarter of a run) + 4 moves (a quarter each) = 4.5 runs = 4,644 steps.
    const counts = { modelRuns: 3, lieRuns: 2, gameMoves: 4 };
    expect(computeSteps(counts, p)).toBe(4_644n);
    expect(computeCountsCostWei(counts, p)).toBe(4_644n * 10n ** 9n);
    expect(computeSavedWei(counts, p)).toBe(2n * 774n * 10n ** 9n);
    expect(lieGainWei({ ...p, lieValueWei: 5n })).toBe(5n + 774n * 10n ** 9n);
  });

  it("rounds once over an agent's whole compute, not per run", () => {
    // 3 steps at 1 wei per million: each run alone rounds to 0, a million runs cost 3 wei.
    const p = costParameters(scenario(`{ computePerMillionSteps: "0.000000000000000001" }`), 3);
    expect(inferenceComputeWei(p)).toBe(0n);
    expect(computeCountsCostWei({ modelRuns: 1_000_000, lieRuns: 0, gameMoves: 0 }, p)).toBe(3n);
  });

  it("never charges more for a lie than for a run, and charges more the more the agent computes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 21 }),
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        (traceLength, price, savedBps, runs, lies) => {
          const p = { ...costParameters(scenario("{}"), traceLength), computeWeiPerMillionSteps: price, lieComputeSavedBps: savedBps };
          const honest = computeCountsCostWei({ modelRuns: runs + lies, lieRuns: 0, gameMoves: 0 }, p);
          const lying = computeCountsCostWei({ modelRuns: runs, lieRuns: lies, gameMoves: 0 }, p);
          expect(lying).toBeLessThanOrEqual(honest);
          expect(computeCountsCostWei({ modelRuns: runs + 1, lieRuns: lies, gameMoves: 0 }, p)).toBeGreaterThanOrEqual(lying);
        },
      ),
      fcParams(),
    );
  });
});

describe("gas cost", () => {
  it("values gas at the scenario's gas price, to the wei", () => {
    expect(gasPriceWeiOf(scenario("{}", 20))).toBe(20_000_000_000n);
    expect(gasPriceWeiOf(scenario("{}", 0.5))).toBe(500_000_000n);
    expect(gasCostWei(57_000, 20_000_000_000n)).toBe(1_140_000_000_000_000n);
    expect(gasCostWei(0, 10n ** 18n)).toBe(0n);
    expect(() => gasCostWei(-1, 1n)).toThrow(RangeError);
  });

  it("prices a claim of n snapshots as one claim plus the extra gas of each further snapshot", () => {
    const estimates = { claim: 57_000, claimPerExtraSnapshot: 10_000 };
    expect(claimGas(0, estimates)).toBe(0);
    expect(claimGas(1, estimates)).toBe(57_000);
    expect(claimGas(3, estimates)).toBe(77_000);
  });
});
