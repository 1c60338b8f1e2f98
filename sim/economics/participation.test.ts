import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { afterEpoch, breakEvenRewardWei, enters, trailingProfitWei, type Participation, type ParticipationRule } from "./participation.ts";

const MILLI = 10n ** 15n;
const rule: ParticipationRule = { windowEpochs: 4, exitAfterLosingEpochs: 3, entryThresholdWei: 0n, maxActive: 5 };
const start: Participation = { active: true, trailingProfitWei: 0n, losingEpochs: 0 };
const run = (profits: readonly bigint[], r = rule) => profits.reduce((p, x) => afterEpoch(p, x, r), start);

describe("entry and exit", () => {
  it("keeps a trailing mean of the profit per epoch, a new epoch weighing 1/window", () => {
    expect(trailingProfitWei(0n, 8n * MILLI, 4)).toBe(2n * MILLI);
    expect(trailingProfitWei(2n * MILLI, 2n * MILLI, 4)).toBe(2n * MILLI);
    expect(trailingProfitWei(5n, -3n, 1)).toBe(-3n);
    expect(() => trailingProfitWei(0n, 0n, 0)).toThrow(RangeError);
  });

  it("a submitter that loses every epoch leaves after exitAfterLosingEpochs epochs, and one that makes money stays", () => {
    const losing = Array.from({ length: 10 }, () => -MILLI);
    expect(run(losing.slice(0, 2)).active).toBe(true);
    expect(run(losing.slice(0, 3))).toMatchObject({ active: false, losingEpochs: 3 });
    // Once out it stays out, whatever happens to it (it no longer earns or pays anything).
    expect(run(losing).active).toBe(false);
    expect(run(Array.from({ length: 10 }, () => MILLI)).active).toBe(true);
  });

  it("never leaves while its trailing profit is at least zero, and a profitable epoch ends a losing run", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -10n * MILLI, max: 10n * MILLI }), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (profits, window, exitAfter) => {
        const r = { ...rule, windowEpochs: window, exitAfterLosingEpochs: exitAfter };
        let p = start;
        for (const x of profits) {
          const next = afterEpoch(p, x, r);
          if (p.active && next.trailingProfitWei >= 0n) expect(next).toMatchObject({ active: true, losingEpochs: 0 });
          if (p.active && !next.active) expect(next.losingEpochs).toBe(exitAfter);
          if (!p.active) expect(next).toBe(p);
          p = next;
        }
      }),
      fcParams(500),
    );
  });

  it("a newcomer enters only while its kind makes more than the threshold and there is room", () => {
    expect(enters(1n, 0, rule)).toBe(true);
    expect(enters(0n, 0, rule)).toBe(false);
    expect(enters(1n, 5, rule)).toBe(false);
    expect(enters(-MILLI, 0, { ...rule, entryThresholdWei: -2n * MILLI })).toBe(true);
  });

  it("prices the reward at which an honest answer breaks even: gas, compute and the capital of the bond", () => {
    // 100,000 gas at 20 gwei = 0.002 ETH, plus 0.0001 ETH of compute and 0.00001 ETH of capital.
    expect(breakEvenRewardWei({ gasPerAnswer: 100_000, gasPriceWei: 20n * 10n ** 9n, computeWei: MILLI / 10n, capitalWei: MILLI / 100n })).toBe(2_110_000_000_000_000n);
  });
});
