import { describe, expect, it } from "vitest";
import { holderEconomics } from "./holderEconomics.ts";

const ETH = 10n ** 18n;

describe("holders' lines", () => {
  it("add up what each investor put in, claimed and paid in gas, and price its outside option", () => {
    const lines = holderEconomics({
      holderAccounts: new Map([
        // 10 ETH deposited at t = 0, 4 ETH refunded at t = 3,600: 6 ETH in the raise until the end (31,536,000 + 3,600).
        ["investor-10", { deposited: 10n * ETH, depositedTimesTime: 0n, returned: 4n * ETH, returnedTimesTime: 4n * ETH * 3_600n, claimed: ETH / 100n, redeemed: ETH / 1_000n }],
        ["investor-2", { deposited: ETH, depositedTimesTime: ETH * 3_600n, returned: 0n, returnedTimesTime: 0n, claimed: 0n, redeemed: 0n }],
      ]),
      agentGas: new Map([
        ["investor-10", { role: "investor", gas: 200_000, transactions: 4, claims: 2, claimGas: 120_000 }],
        ["investor-2", { role: "investor", gas: 50_000, transactions: 1, claims: 0, claimGas: 0 }],
        ["honest-submitter-0", { role: "honest-submitter", gas: 1, transactions: 1, claims: 0, claimGas: 0 }],
      ]),
      holderStrategyOf: (index) => (index === 2 ? "never-claim" : "passive"),
      claimStrategy: "rational",
      gasPriceWei: 10n ** 10n,
      outsideRateBps: 1_000,
      endTime: 31_536_000 + 3_600,
    });
    expect(lines.map((l) => [l.agent, l.holderStrategy, l.claimRule])).toEqual([
      ["investor-2", "never-claim", "never"],
      ["investor-10", "passive", "rational"],
    ]);
    const big = lines[1];
    expect(big?.investedWei).toBe(6n * ETH);
    expect(big?.claimGasCostWei).toBe(120_000n * 10n ** 10n);
    expect(big?.gasCostWei).toBe(200_000n * 10n ** 10n);
    expect(big?.netIncomeWei).toBe(ETH / 100n + ETH / 1_000n - 2n * 10n ** 15n);
    // 6 ETH for a year and an hour, 4 ETH for the hour before their refund, at 10 %: 0.6 + 10 × 0.1 × 3,600 / 31,536,000 ETH.
    expect(big?.outsideReturnWei).toBe((6n * ETH) / 10n + (10n * ETH * 3_600n * 1_000n) / (10_000n * 31_536_000n));
  });
});
