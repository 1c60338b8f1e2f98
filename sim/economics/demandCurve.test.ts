import fc from "fast-check";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { parseScenario } from "../scenario/index.ts";
import { elasticityFactor, expectedRequests, requestPriceWei } from "./demandCurve.ts";

// Prices from 1 gwei to 100 ETH against references from 0.000001 to 1 ETH: ratios whose powers stay clear of float underflow.
const price = fc.bigInt({ min: 10n ** 9n, max: 10n ** 20n });
const referencePrice = fc.bigInt({ min: 10n ** 12n, max: 10n ** 18n });

describe("the demand curve", () => {
  it("prices a request as the model fee plus the oracle's submitter reward and protocol fee", () => {
    expect(requestPriceWei(parseScenario("epochs: 1\n", "d.yaml"))).toBe(parseEther("0.0016"));
    const s = parseScenario(`epochs: 1\nmodel: { fee: "0.004" }\noracle: { submitterReward: "0.0002", protocolFee: "0.00005" }\n`, "d.yaml");
    expect(requestPriceWei(s)).toBe(parseEther("0.00425"));
  });

  it("falls as the price rises when the elasticity is above zero (never rises), and does not move when it is zero", () => {
    fc.assert(
      fc.property(price, price, referencePrice, fc.double({ min: 0.01, max: 20, noNaN: true }), (a, b, reference, elasticity) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        // Never more requests at a higher price; strictly fewer once the prices differ by more than float precision.
        expect(elasticityFactor(high, reference, elasticity)).toBeLessThanOrEqual(elasticityFactor(low, reference, elasticity));
        if (high * 1_000n >= low * 1_001n) expect(elasticityFactor(high, reference, elasticity)).toBeLessThan(elasticityFactor(low, reference, elasticity));
        expect(elasticityFactor(high, reference, 0)).toBe(1);
      }),
      fcParams(500),
    );
  });

  it("is the scripted mean at the reference price, and (price / reference)^(−elasticity) times it elsewhere", () => {
    const s = parseScenario(`epochs: 1\ndemand: { strategy: elastic, elasticity: 2, meanRequestsPerEpoch: 20, referenceFee: "0.002" }\n`, "d.yaml");
    expect(expectedRequests(s.demand, 0, parseEther("0.002"))).toBe(20);
    expect(expectedRequests(s.demand, 0, parseEther("0.004"))).toBeCloseTo(5, 12);
    expect(expectedRequests(s.demand, 0, parseEther("0.001"))).toBeCloseTo(80, 12);
    // Scripted demand does not look at the price.
    const scripted = parseScenario(`epochs: 1\ndemand: { meanRequestsPerEpoch: 20, trendPerEpoch: 0.1 }\n`, "d.yaml");
    expect(expectedRequests(scripted.demand, 2, parseEther("100"))).toBeCloseTo(24.2, 12);
  });

  it("keeps the trend and the shock of the scripted demand", () => {
    const s = parseScenario(`epochs: 1\ndemand: { strategy: elastic, elasticity: 1, meanRequestsPerEpoch: 10, trendPerEpoch: 0.1, shock: { atEpoch: 3, durationEpochs: 1, multiplier: 4 } }\n`, "d.yaml");
    const twice = parseEther("0.0032");
    expect(expectedRequests(s.demand, 1, twice)).toBeCloseTo(5.5, 12);
    expect(expectedRequests(s.demand, 3, twice)).toBeCloseTo(10 * 1.1 ** 3 * 4 * 0.5, 12);
  });

  it("refuses elastic demand at a price of zero, naming the fields", () => {
    expect(() => parseScenario(`epochs: 1\nmodel: { fee: "0" }\noracle: { submitterReward: "0", protocolFee: "0" }\ndemand: { strategy: elastic }\n`, "d.yaml")).toThrow(/model\.fee.*price per request/s);
    expect(() => parseScenario(`epochs: 1\ndemand: { strategy: elastic, referenceFee: "0" }\n`, "d.yaml")).toThrow(/demand\.referenceFee/);
    // Scripted demand does not care.
    expect(() => parseScenario(`epochs: 1\ndemand: { referenceFee: "0" }\n`, "d.yaml")).not.toThrow();
  });
});
