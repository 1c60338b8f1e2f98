import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { addLockEvent, capitalCostWei, emptyLockTally, lockedWeiSeconds, lockedWeiSecondsUntil, SECONDS_PER_YEAR } from "./capitalCost.ts";

const ETH = 10n ** 18n;

describe("capital cost", () => {
  it("is amount × rate × time locked, a year being 365 days, rounded down", () => {
    // 1 ETH for a year at 5 %: 0.05 ETH.
    expect(capitalCostWei(lockedWeiSeconds(ETH, 0, Number(SECONDS_PER_YEAR)), 500)).toBe(ETH / 20n);
    // 0.1 ETH for two hours at 5 %: 0.1 × 0.05 × 7,200 / 31,536,000 = 1,141,552,511,415.5… wei.
    expect(capitalCostWei(lockedWeiSeconds(ETH / 10n, 1_000, 8_200), 500)).toBe(1_141_552_511_415n);
    expect(capitalCostWei(0n, 500)).toBe(0n);
    expect(capitalCostWei(ETH, 0)).toBe(0n);
    expect(() => lockedWeiSeconds(1n, 10, 9)).toThrow(RangeError);
    expect(() => capitalCostWei(-1n, 500)).toThrow(RangeError);
  });

  it("integrates a balance that goes up and down from running sums alone: the same as summing each amount's own time", () => {
    const interval = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 21n }), fc.integer({ min: 0, max: 10_000_000 }), fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), fc.integer({ min: 0, max: 10_000_000 }), (amounts, extra) => {
        const end = 20_000_001 + extra;
        let tally = emptyLockTally();
        let expected = 0n;
        for (const [amount, from, length] of amounts) {
          // Released after `length` seconds, or still locked at the end.
          const to = length === undefined ? end : from + length;
          tally = addLockEvent(tally, amount, from, "lock");
          if (length !== undefined) tally = addLockEvent(tally, amount, to, "release");
          expected += lockedWeiSeconds(amount, from, to);
        }
        expect(lockedWeiSecondsUntil(tally, end)).toBe(expected);
      }),
      fcParams(),
    );
  });
});
