import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { spotPrice, type Reserves } from "./amm.ts";
import { liquidityDecision, outsideBand, trailingYieldBps, type LiquidityProviderParameters, type LiquidityProviderView } from "./liquidityProvider.ts";

const pools: fc.Arbitrary<Reserves> = fc.record({ tokens: fc.bigInt({ min: 10n ** 21n, max: 10n ** 27n }), eth: fc.bigInt({ min: 10n ** 16n, max: 10n ** 22n }) });
const params: fc.Arbitrary<LiquidityProviderParameters> = fc
  .record({
    enterYieldBps: fc.double({ min: 0.01, max: 100, noNaN: true }),
    exitGap: fc.double({ min: 0, max: 1, noNaN: true }),
    priceBandBps: fc.integer({ min: 100, max: 9_000 }),
    depositWei: fc.bigInt({ min: 10n ** 15n, max: 10n ** 21n }),
    slippageBps: fc.integer({ min: 0, max: 1_000 }),
  })
  .map(({ exitGap, ...p }) => ({ ...p, exitYieldBps: p.enterYieldBps * exitGap }));
const views = (pool: Reserves): fc.Arbitrary<LiquidityProviderView> =>
  fc.record({
    pool: fc.constant(pool),
    lpSupply: fc.bigInt({ min: 10n ** 9n, max: 10n ** 24n }),
    lpBalance: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 9n })),
    ethBalance: fc.bigInt({ min: 0n, max: 10n ** 21n }),
    tokenBalance: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 26n })),
    trailingFeesWei: fc.array(fc.bigInt({ min: 0n, max: pool.eth / 100n }), { maxLength: 6 }),
    entryPrice: fc.bigInt({ min: spotPrice(pool) / 3n, max: spotPrice(pool) * 3n }),
  });
const situations = pools.chain((pool) => fc.tuple(views(pool), params));

describe("a liquidity provider", () => {
  it("adds only when the trailing fee yield is at its threshold, at the pool's ratio, within its budget and balances, with floors below its amounts", () => {
    fc.assert(
      fc.property(situations, ([v, p]) => {
        const d = liquidityDecision({ ...v, lpBalance: 0n }, p);
        if (!d) return;
        expect(trailingYieldBps(v.pool, v.trailingFeesWei)).toBeGreaterThanOrEqual(p.enterYieldBps);
        expect(d.kind).not.toBe("remove");
        if (d.kind === "add") {
          expect(d.eth).toBeLessThanOrEqual(p.depositWei);
          expect(d.eth).toBeLessThanOrEqual(v.ethBalance);
          expect(d.tokens).toBeLessThanOrEqual(v.tokenBalance);
          // tokens / eth is the pool's ratio, within the rounding of one division
          const slack = v.pool.eth + v.pool.tokens;
          expect(d.tokens * v.pool.eth).toBeLessThanOrEqual(d.eth * v.pool.tokens + slack);
          expect(d.eth * v.pool.tokens).toBeLessThanOrEqual(d.tokens * v.pool.eth + slack);
          expect(d.tokenMin).toBeLessThanOrEqual(d.tokens);
          expect(d.ethMin).toBeLessThanOrEqual(d.eth);
          expect(d.tokenMin * 10_000n).toBeGreaterThanOrEqual(d.tokens * BigInt(10_000 - p.slippageBps) - 10_000n);
        } else if (d.kind === "buy") {
          // the token half of its budget, never more
          expect(d.ethIn * 2n).toBeLessThanOrEqual(p.depositWei < v.ethBalance ? p.depositWei : v.ethBalance);
          expect(d.minOut).toBeLessThanOrEqual(d.tokensOut);
        }
      }),
      fcParams(),
    );
  });

  it("removes all it holds exactly when the yield fell below its exit threshold or the price left its band, with floors under its share", () => {
    fc.assert(
      fc.property(situations, ([v, p]) => {
        const held = { ...v, lpBalance: v.lpBalance === 0n ? 1n : v.lpBalance };
        const d = liquidityDecision(held, p);
        const price = spotPrice(v.pool);
        const shouldLeave = trailingYieldBps(v.pool, v.trailingFeesWei) < p.exitYieldBps || outsideBand(price, v.entryPrice, p.priceBandBps);
        expect(d?.kind === "remove").toBe(shouldLeave);
        if (d?.kind !== "remove") return;
        expect(d.liquidity).toBe(held.lpBalance);
        expect(d.ethMin).toBeLessThanOrEqual((v.pool.eth * held.lpBalance) / v.lpSupply);
        expect(d.tokenMin).toBeLessThanOrEqual((v.pool.tokens * held.lpBalance) / v.lpSupply);
      }),
      fcParams(),
    );
  });

  it("never adds with a window of no fees, and reads the yield as fees per epoch over twice the ETH reserve", () => {
    const pool = { eth: 10n ** 19n, tokens: 10n ** 27n };
    expect(trailingYieldBps(pool, [])).toBe(0);
    // 0.01 ETH of fees per epoch on a pool worth 20 ETH: 5 basis points
    expect(trailingYieldBps(pool, [10n ** 16n, 10n ** 16n])).toBe(5);
    const p = { enterYieldBps: 1, exitYieldBps: 0.5, priceBandBps: 2_000, depositWei: 10n ** 18n, slippageBps: 100 };
    const view = { pool, lpSupply: 10n ** 23n, lpBalance: 0n, ethBalance: 10n ** 19n, tokenBalance: 0n, trailingFeesWei: [0n, 0n], entryPrice: 0n };
    expect(liquidityDecision(view, p)).toBeUndefined();
    expect(liquidityDecision({ ...view, trailingFeesWei: [10n ** 16n] }, p)?.kind).toBe("buy");
    expect(liquidityDecision({ ...view, trailingFeesWei: [10n ** 16n], tokenBalance: 10n ** 26n }, p)).toMatchObject({ kind: "add", eth: 10n ** 18n, tokens: 10n ** 26n });
  });
});
