import { describe, expect, it } from "vitest";
import { costParameters } from "../economics/costParameters.ts";
import { parseScenario } from "../scenario/index.ts";
import { agentEconomics } from "./agentEconomics.ts";
import type { OracleAccount } from "./summarizeFlows.ts";

const ETH = 10n ** 18n;
const account = (fields: Partial<OracleAccount>): OracleAccount => ({ bondsPosted: 0n, rewards: 0n, callbackGas: 0n, bondsReturned: 0n, slashIncome: 0n, bondsReleased: 0n, otherCredits: 0n, withdrawn: 0n, bondsPostedTimesTime: 0n, bondsReleasedTimesTime: 0n, ...fields });

// 0.001 ETH per million steps on a 1,000-step model: 10^9 wei a step. Capital at 5 %, 0.5 ETH per wrong final result.
const costs = costParameters(parseScenario(`epochs: 1\ngas: { priceGwei: 20 }\ncosts: { computePerMillionSteps: "0.001", capitalRateBps: 500, lieValue: "0.5", lieComputeSavedBps: 10000 }\n`, "c.yaml"), 1_000);

describe("agents' profit lines", () => {
  it("break down into the chain's books and the modelled costs, to the wei", () => {
    const [honest, liar] = agentEconomics({
      accounts: new Map([
        // Two bonds of 0.1 ETH posted at t = 1,000 and 2,000; one back at 8,200, one still locked at the end (9,200).
        ["honest-submitter-0", account({ bondsPosted: 2n * ETH / 10n, bondsPostedTimesTime: (ETH / 10n) * 3_000n, bondsReturned: ETH / 10n, bondsReleasedTimesTime: (ETH / 10n) * 8_200n, rewards: ETH / 1_000n, callbackGas: 3n, slashIncome: ETH / 20n })],
        // One bond of 0.1 ETH posted at 1,000 and lost when its game ended at 4,600.
        ["malicious-submitter-0", account({ bondsPosted: ETH / 10n, bondsPostedTimesTime: (ETH / 10n) * 1_000n })],
      ]),
      agentGas: new Map([
        ["malicious-submitter-0", { role: "malicious-submitter", gas: 50_000, transactions: 2 }],
        ["honest-submitter-0", { role: "honest-submitter", gas: 100_000, transactions: 4 }],
        ["investor-0", { role: "investor", gas: 60_000, transactions: 1 }],
      ]),
      bondsLost: new Map([["malicious-submitter-0", ETH / 10n]]),
      bondsLostTimesTime: new Map([["malicious-submitter-0", (ETH / 10n) * 4_600n]]),
      compute: new Map([
        ["honest-submitter-0", { modelRuns: 10, lieRuns: 0, gameMoves: 2 }],
        ["malicious-submitter-0", { modelRuns: 1, lieRuns: 3, gameMoves: 4 }],
      ]),
      wrongFinalOwners: new Map([["malicious-submitter-0", 2]]),
      costs,
      endTime: 9_200,
    });
    expect(honest?.agent).toBe("honest-submitter-0");
    // On the chain's books: 0.001 + 3 wei + 0.05 − 0 − 100,000 gas × 20 gwei (0.002).
    expect(honest?.netProfitWei).toBe(ETH / 1_000n + 3n + ETH / 20n - 2n * 10n ** 15n);
    expect(honest?.bondsLockedWei).toBe(ETH / 10n);
    // 12 traces of 1,000 steps at 10^9 wei a step.
    expect(honest?.computeSteps).toBe(12_000n);
    expect(honest?.computeCostWei).toBe(12_000n * 10n ** 9n);
    // 0.1 ETH for 7,200 s (1,000 → 8,200) and 0.1 ETH for 7,200 s (2,000 → the end at 9,200), at 5 % a year.
    expect(honest?.bondWeiSeconds).toBe((ETH / 10n) * 14_400n);
    expect(honest?.capitalCostWei).toBe(((ETH / 10n) * 14_400n * 500n) / (10_000n * 31_536_000n));
    expect(honest?.capitalCostWei).toBe(2_283_105_022_831n);
    expect(honest?.lieValueWei).toBe(0n);
    expect(honest?.economicProfitWei).toBe((honest?.netProfitWei ?? 0n) - 12_000n * 10n ** 9n - 2_283_105_022_831n);

    expect(liar?.netProfitWei).toBe(-ETH / 10n - 10n ** 15n);
    expect(liar?.bondsLockedWei).toBe(0n);
    // A lie saves the whole trace: 1 run + 0 for the lies + 4 moves = 5 traces; the lies saved 3.
    expect(liar?.computeCostWei).toBe(5_000n * 10n ** 9n);
    expect(liar?.computeSavedWei).toBe(3_000n * 10n ** 9n);
    expect(liar?.bondWeiSeconds).toBe((ETH / 10n) * 3_600n);
    expect(liar?.wrongFinalResults).toBe(2);
    expect(liar?.lieValueWei).toBe(ETH);
    expect(liar?.economicProfitWei).toBe(-ETH / 10n - 10n ** 15n - 5_000n * 10n ** 9n - ((ETH / 10n) * 3_600n * 500n) / (10_000n * 31_536_000n) + ETH);
  });

  it("counts a bond released after finality (releaseBond) as back, not locked, and its capital until the release", () => {
    const [partner] = agentEconomics({
      accounts: new Map([
        // A staller's bond of 0.1 ETH posted at 1,000, its game void, released at 5,000; the run ends at 9,200.
        ["colluding-challenger-0", account({ bondsPosted: ETH / 10n, bondsPostedTimesTime: (ETH / 10n) * 1_000n, bondsReleased: ETH / 10n, bondsReleasedTimesTime: (ETH / 10n) * 5_000n })],
      ]),
      agentGas: new Map([["colluding-challenger-0", { role: "colluding-challenger", gas: 10_000, transactions: 2 }]]),
      bondsLost: new Map(),
      bondsLostTimesTime: new Map(),
      compute: new Map([["colluding-challenger-0", { modelRuns: 1, lieRuns: 0, gameMoves: 3 }]]),
      wrongFinalOwners: new Map(),
      costs,
      endTime: 9_200,
    });
    expect(partner?.bondsReleasedWei).toBe(ETH / 10n);
    expect(partner?.bondsLockedWei).toBe(0n);
    expect(partner?.creditLeftWei).toBe(ETH / 10n);
    expect(partner?.bondWeiSeconds).toBe((ETH / 10n) * 4_000n);
    expect(partner?.netProfitWei).toBe(-10_000n * 20n * 10n ** 9n);
    expect(partner?.computeCostWei).toBe(4_000n * 10n ** 9n);
  });

  it("lists only the oracle's workers (colluders and the keeper among them), in name order, with no compute for an agent that has no ledger", () => {
    const lines = agentEconomics({
      accounts: new Map(),
      agentGas: new Map([
        ["lazy-challenger-1", { role: "lazy-challenger", gas: 1, transactions: 1 }],
        ["griefer-0", { role: "griefer", gas: 1, transactions: 1 }],
        ["keeper-0", { role: "keeper", gas: 1, transactions: 1 }],
        ["colluding-submitter-0", { role: "colluding-submitter", gas: 1, transactions: 1 }],
        ["colluding-challenger-1", { role: "colluding-challenger", gas: 1, transactions: 1 }],
        ["investor-2", { role: "investor", gas: 1, transactions: 1 }],
      ]),
      bondsLost: new Map(),
      bondsLostTimesTime: new Map(),
      compute: new Map(),
      wrongFinalOwners: new Map(),
      costs,
      endTime: 0,
    });
    expect(lines.map((l) => l.agent)).toEqual(["colluding-challenger-1", "colluding-submitter-0", "griefer-0", "keeper-0", "lazy-challenger-1"]);
    expect(lines.every((l) => l.computeCostWei === 0n && l.capitalCostWei === 0n && l.economicProfitWei === l.netProfitWei)).toBe(true);
  });
});
