import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { afterBuy, afterSell, sqrt, type Reserves } from "./amm.ts";
import { applyDeposit, applyRemoval, emptyLpBook, lpPosition, lpReturn, type LpBook } from "./lpReturns.ts";

/** A pair as Uniswap v2's `mint` and `burn` compute it: reserves and LP supply (the first mint locks 1,000). */
type Pair = { pool: Reserves; supply: bigint };

function open(eth: bigint, tokens: bigint): { pair: Pair; lp: bigint } {
  const lp = sqrt(eth * tokens) - 1000n;
  return { pair: { pool: { eth, tokens }, supply: lp + 1000n }, lp };
}

/** Adds at the pool's ratio (ETH side `eth`), as the router's `quote` and the pair's `mint` do. */
function add(pair: Pair, eth: bigint): { pair: Pair; eth: bigint; tokens: bigint; lp: bigint } {
  const tokens = (eth * pair.pool.tokens) / pair.pool.eth;
  const a = (eth * pair.supply) / pair.pool.eth;
  const b = (tokens * pair.supply) / pair.pool.tokens;
  const lp = a < b ? a : b;
  return { pair: { pool: { eth: pair.pool.eth + eth, tokens: pair.pool.tokens + tokens }, supply: pair.supply + lp }, eth, tokens, lp };
}

function remove(pair: Pair, lp: bigint): { pair: Pair; eth: bigint; tokens: bigint } {
  const eth = (lp * pair.pool.eth) / pair.supply;
  const tokens = (lp * pair.pool.tokens) / pair.supply;
  return { pair: { pool: { eth: pair.pool.eth - eth, tokens: pair.pool.tokens - tokens }, supply: pair.supply - lp }, eth, tokens };
}

/** A swap without the fee that keeps k (rounded so k never falls): moves the price by `ratio` (parts per million). */
function feelessMove(pool: Reserves, ratioPpm: bigint): Reserves {
  const k = pool.eth * pool.tokens;
  const eth = sqrt((pool.eth * pool.eth * ratioPpm) / 1_000_000n);
  return { eth, tokens: (k + eth - 1n) / eth };
}

const eth = (min: bigint, max: bigint) => fc.bigInt({ min, max });
const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("buy" as const), amount: eth(10n ** 12n, 10n ** 19n) }),
    fc.record({ op: fc.constant("sell" as const), amount: eth(10n ** 15n, 10n ** 24n) }),
    fc.record({ op: fc.constant("add" as const), amount: eth(10n ** 14n, 10n ** 19n) }),
    fc.record({ op: fc.constant("remove" as const), amount: fc.bigInt({ min: 1n, max: 100n }) }),
  ),
  { maxLength: 20 },
);

describe("LP returns against holding", () => {
  it("keeps value = hold + impermanent loss + fees to the wei, and the loss is never above zero, over any path of trades, adds and removals", () => {
    fc.assert(
      fc.property(eth(10n ** 17n, 10n ** 20n), eth(10n ** 22n, 10n ** 26n), eth(10n ** 15n, 10n ** 19n), ops, (poolEth, poolTokens, firstEth, steps) => {
        let { pair } = open(poolEth, poolTokens);
        const first = add(pair, firstEth);
        pair = first.pair;
        let book: LpBook = applyDeposit(emptyLpBook(), first.eth, first.tokens);
        let lp = first.lp;
        for (const s of steps) {
          if (s.op === "buy") pair = { ...pair, pool: afterBuy(pair.pool, s.amount) };
          else if (s.op === "sell") pair = { ...pair, pool: afterSell(pair.pool, s.amount) };
          else if (s.op === "add") {
            const a = add(pair, s.amount);
            if (a.lp === 0n || a.tokens === 0n) continue;
            pair = a.pair;
            lp += a.lp;
            book = applyDeposit(book, a.eth, a.tokens);
          } else if (lp > 0n) {
            const burned = (lp * s.amount) / 100n;
            if (burned === 0n) continue;
            const before = pair.pool;
            const r = remove(pair, burned);
            pair = r.pair;
            book = applyRemoval(book, burned, lp, r.eth, r.tokens, before);
            lp -= burned;
          }
          const position = lpPosition(book, lp, pair.supply, pair.pool);
          expect(position.value).toBe(position.hold + position.impermanentLoss + position.fees);
          expect(position.impermanentLoss).toBeLessThanOrEqual(0n);
          const total = lpReturn(book, position);
          expect(total.value).toBe(total.hold + total.impermanentLoss + total.fees);
          expect(total.impermanentLoss).toBeLessThanOrEqual(0n);
          expect(total.againstHold).toBe(total.impermanentLoss + total.fees);
        }
      }),
      fcParams(),
    );
  });

  it("with no fee and the price back where it entered, the position is worth what holding is (within a millionth) and earned no fees", () => {
    fc.assert(
      fc.property(eth(10n ** 18n, 10n ** 21n), eth(10n ** 24n, 10n ** 27n), eth(10n ** 17n, 10n ** 20n), fc.bigInt({ min: 200_000n, max: 5_000_000n }), (poolEth, poolTokens, deposit, ratio) => {
        let { pair } = open(poolEth, poolTokens);
        const a = add(pair, deposit);
        pair = a.pair;
        const book = applyDeposit(emptyLpBook(), a.eth, a.tokens);
        const entry = pair.pool;
        // away and back without fees: k unchanged but for rounding up
        pair = { ...pair, pool: feelessMove(pair.pool, ratio) };
        const away = lpPosition(book, a.lp, pair.supply, pair.pool);
        pair = { ...pair, pool: { eth: entry.eth, tokens: (pair.pool.eth * pair.pool.tokens + entry.eth - 1n) / entry.eth } };
        const back = lpPosition(book, a.lp, pair.supply, pair.pool);
        const tolerance = back.hold / 1_000_000n + 10n;
        expect(back.value - back.hold).toBeLessThanOrEqual(tolerance);
        expect(back.hold - back.value).toBeLessThanOrEqual(tolerance);
        expect(back.fees < 0n ? -back.fees : back.fees).toBeLessThanOrEqual(tolerance);
        // away from entry the loss is what theory says: 2√r/(1+r) − 1 of holding, within a thousandth
        const r = Number(ratio) / 1e6;
        const theory = (2 * Math.sqrt(r)) / (1 + r) - 1;
        expect(Math.abs(Number(away.impermanentLoss) / Number(away.hold) - theory)).toBeLessThan(1e-3);
      }),
      fcParams(),
    );
  });

  it("round trips with the 0.3 % fee earn the position fees, and more trading earns more", () => {
    fc.assert(
      fc.property(eth(10n ** 18n, 10n ** 21n), eth(10n ** 24n, 10n ** 27n), eth(10n ** 17n, 10n ** 20n), eth(10n ** 16n, 10n ** 19n), (poolEth, poolTokens, deposit, trade) => {
        let { pair } = open(poolEth, poolTokens);
        const a = add(pair, deposit);
        pair = a.pair;
        const book = applyDeposit(emptyLpBook(), a.eth, a.tokens);
        const feesAfter = (rounds: number) => {
          let pool = pair.pool;
          for (let i = 0; i < rounds; i++) {
            const tokensBefore = pool.tokens;
            pool = afterBuy(pool, trade);
            pool = afterSell(pool, tokensBefore - pool.tokens);
          }
          return lpPosition(book, a.lp, pair.supply, pool).fees;
        };
        const once = feesAfter(1);
        expect(once).toBeGreaterThanOrEqual(0n);
        expect(feesAfter(3)).toBeGreaterThanOrEqual(once);
      }),
      fcParams(),
    );
  });

  it("a removal of everything leaves no basis and realizes what it paid out", () => {
    const { pair } = open(10n ** 19n, 10n ** 26n);
    const a = add(pair, 10n ** 18n);
    const book = applyDeposit(emptyLpBook(), a.eth, a.tokens);
    const r = remove(a.pair, a.lp);
    const after = applyRemoval(book, a.lp, a.lp, r.eth, r.tokens, a.pair.pool);
    expect([after.basisEth, after.basisTokens, after.basisLiquidity]).toEqual([0n, 0n, 0n]);
    expect(after.ethWithdrawn).toBe(r.eth);
    expect(after.realizedValue).toBe(r.eth + (r.tokens * a.pair.pool.eth) / a.pair.pool.tokens);
  });
});
