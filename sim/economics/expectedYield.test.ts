import fc from "fast-check";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { parseScenario } from "../scenario/index.ts";
import { estimatedRequestsPerEpoch, expectedAnnualYield, joinsRaise, revenuePerRequestWei } from "./expectedYield.ts";

describe("a yield-seeking investor", () => {
  it("expects the token's share of the model fee per request, plus the mint fee of the NFT share", () => {
    const s = parseScenario(`epochs: 1\nmodel: { fee: "0.002", receiverBps: 5000 }\nnft: { mintFee: "0.01" }\ndemand: { nftMintProbability: 0.25 }\n`, "y.yaml");
    expect(revenuePerRequestWei(s)).toBe(parseEther("0.001") + parseEther("0.0025"));
  });

  it("estimates demand as the advertised mean weighted against what it has seen", () => {
    expect(estimatedRequestsPerEpoch(20, 1, 0, 0)).toBe(20);
    expect(estimatedRequestsPerEpoch(20, 1, 30, 3)).toBe(12.5);
    expect(estimatedRequestsPerEpoch(20, 0, 30, 3)).toBe(10);
    expect(estimatedRequestsPerEpoch(20, 0, 0, 0)).toBe(20);
    fc.assert(
      // Requests take time to arrive: the evidence is some share of an epoch at least.
      fc.property(fc.double({ min: 0, max: 1_000, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0.01, max: 1_000, noNaN: true }), (prior, weight, seen, elapsed) => {
        const estimate = estimatedRequestsPerEpoch(prior, weight, seen, elapsed);
        const observed = seen / elapsed;
        expect(estimate).toBeGreaterThanOrEqual(Math.min(prior, observed) * (1 - 1e-12));
        expect(estimate).toBeLessThanOrEqual(Math.max(prior, observed) * (1 + 1e-12));
      }),
      fcParams(),
    );
  });

  it("values a year of that demand at the sale price of the tokens that earn", () => {
    // Defaults: 150 ETH for half the supply; the liquidity reserve (30 %) earns nothing, so 70 % of the supply is
    // worth 210 ETH. 20 requests × 0.001 ETH × 8,760 hourly epochs = 175.2 ETH a year; no NFTs.
    const s = parseScenario(`epochs: 1\ndemand: { nftMintProbability: 0 }\n`, "y.yaml");
    expect(expectedAnnualYield(20, s)).toBeCloseTo(175.2 / 210, 12);
    expect(expectedAnnualYield(0, s)).toBe(0);
  });

  it("never joins when the outside rate is at least the yield it expects, and always joins when it is below", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 100_000 }), (expected, outsideBps) => {
        expect(joinsRaise(expected, outsideBps)).toBe(expected > outsideBps / 10_000);
        if (outsideBps / 10_000 >= expected) expect(joinsRaise(expected, outsideBps)).toBe(false);
      }),
      fcParams(500),
    );
  });
});
