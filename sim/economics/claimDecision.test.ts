import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { rationalClaim } from "./claimDecision.ts";
import { claimGas } from "./gasCost.ts";

const GWEI = 10n ** 9n;
const gas = { claim: 57_000, claimPerExtraSnapshot: 10_000 };

/** Snapshot id → claimable wei, a few open snapshots. */
const claimable = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.bigInt({ min: 0n, max: 10n ** 16n })), { selector: ([id]) => id, maxLength: 5 }).map((entries) => new Map(entries));
const gasPrice = fc.bigInt({ min: 0n, max: 500n * GWEI });
const estimates = fc.record({ claim: fc.integer({ min: 0, max: 200_000 }), claimPerExtraSnapshot: fc.integer({ min: 0, max: 50_000 }) });

/** The net worth of claiming `ids`: what they hold less the claim's gas. */
const net = (map: ReadonlyMap<number, bigint>, ids: readonly number[], price: bigint, g: typeof gas) => ids.reduce((t, id) => t + (map.get(id) ?? 0n), 0n) - BigInt(claimGas(ids.length, g)) * price;

describe("a rational holder's claim", () => {
  it("never claims an amount that is not worth more than the claim's gas", () => {
    fc.assert(
      fc.property(claimable, gasPrice, estimates, (map, price, g) => {
        const ids = rationalClaim({ claimable: map, gasPriceWei: price, gas: g });
        if (ids.length > 0) expect(net(map, ids, price, g)).toBeGreaterThan(0n);
        for (const id of ids) expect(map.has(id)).toBe(true);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }),
      fcParams(500),
    );
  });

  it("takes the best claim there is: no other set of its snapshots is worth more, and it claims whenever one is worth anything", () => {
    fc.assert(
      fc.property(claimable, gasPrice, estimates, (map, price, g) => {
        const ids = rationalClaim({ claimable: map, gasPriceWei: price, gas: g });
        const chosen = ids.length === 0 ? 0n : net(map, ids, price, g);
        const all = [...map.keys()];
        for (let mask = 1; mask < 1 << all.length; mask++) {
          const subset = all.filter((_, i) => mask & (1 << i));
          expect(net(map, subset, price, g)).toBeLessThanOrEqual(chosen);
        }
      }),
      fcParams(300),
    );
  });

  it("at 20 gwei leaves a 0.001 ETH snapshot (a claim costs 0.00114 ETH) and takes a 0.002 ETH one, batching a second above the extra gas", () => {
    const price = 20n * GWEI;
    expect(rationalClaim({ claimable: new Map([[3, 10n ** 15n]]), gasPriceWei: price, gas })).toEqual([]);
    expect(rationalClaim({ claimable: new Map([[3, 2n * 10n ** 15n]]), gasPriceWei: price, gas })).toEqual([3]);
    // The second snapshot adds 10,000 gas (0.0002 ETH): worth taking at 0.0003 ETH, not at 0.0001 ETH.
    expect(rationalClaim({ claimable: new Map([[4, 3n * 10n ** 14n], [3, 2n * 10n ** 15n]]), gasPriceWei: price, gas })).toEqual([3, 4]);
    expect(rationalClaim({ claimable: new Map([[3, 2n * 10n ** 15n], [4, 10n ** 14n]]), gasPriceWei: price, gas })).toEqual([3]);
    // Two snapshots worth 0.0007 ETH each: neither alone pays a claim, together they do (0.0014 > 0.00134).
    expect(rationalClaim({ claimable: new Map([[3, 7n * 10n ** 14n], [4, 7n * 10n ** 14n]]), gasPriceWei: price, gas })).toEqual([3, 4]);
    // Free gas: any amount is worth claiming, nothing is not.
    expect(rationalClaim({ claimable: new Map([[1, 1n], [2, 0n]]), gasPriceWei: 0n, gas })).toEqual([1]);
  });
});
