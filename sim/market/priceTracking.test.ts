import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { priceTracking, revenueImpliedValue, stepResponse } from "./priceTracking.ts";

const WHOLE = 10n ** 18n;

describe("price tracking", () => {
  it("recovers the exponent of a price that is a power of the value, with correlation 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e6, max: 1e12, noNaN: true }), { minLength: 3, maxLength: 40 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (values, k, c) => {
        fc.pre(Math.max(...values) / Math.min(...values) > 1.01);
        const prices = values.map((v) => c * v ** k);
        const t = priceTracking(prices, values);
        expect(t.epochs).toBe(values.length);
        expect(t.elasticity).toBeCloseTo(k, 6);
        if (Math.abs(k) > 1e-3) expect(Math.abs(t.correlation)).toBeCloseTo(1, 6);
      }),
      fcParams(),
    );
  });

  it("leaves out epochs with no price or no value", () => {
    const t = priceTracking([0, 2, 4, 8], [5, 1, 2, 0]);
    expect(t.epochs).toBe(2);
    expect(t.medianRatio).toBe(2);
    expect(t.elasticity).toBeCloseTo(1, 12);
  });

  it("times a step: the halfway lag is where the series first reaches the geometric middle of before and after", () => {
    const series = [1, 1, 1, 1, 1, 1.5, 2, 3, 4, 4, 4, 4];
    const r = stepResponse(series, 4, 3);
    expect(r.before).toBe(1);
    expect(r.after).toBe(4);
    expect(r.halfwayLag).toBe(2); // 2 ≥ √(1 × 4) at epoch 6
    expect(stepResponse([2, 2, 2, 2, 2, 2], 3, 2).halfwayLag).toBe(0);
    expect(stepResponse([4, 4, 4, 1, 1, 1], 3, 2).halfwayLag).toBe(0);
  });

  it("values the revenue of each snapshot per token as a perpetuity, smoothed, carried between snapshots", () => {
    // 1 ETH per whole-token supply of 1e3 tokens over 2 epochs: 5e14 wei per token per epoch; at 2 %: 2.5e16
    const supply = 1000n * WHOLE;
    const v = revenueImpliedValue(
      [
        { epoch: 1, toClaimableWei: WHOLE, eligibleSupply: supply },
        { epoch: 3, toClaimableWei: 3n * WHOLE, eligibleSupply: supply },
      ],
      { epochs: 5, snapshotIntervalEpochs: 2, discountRatePerEpoch: 0.02, beliefSmoothing: 0.5 },
    );
    expect(v[0]).toBe(0);
    expect(v[1]).toBeCloseTo(2.5e16, 0);
    expect(v[2]).toBeCloseTo(2.5e16, 0);
    expect(v[3]).toBeCloseTo(5e16, 0); // half of 2.5e16 and half of 7.5e16
    expect(v[4]).toBeCloseTo(5e16, 0);
  });
});
