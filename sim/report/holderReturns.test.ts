import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { afterBuy, spotPrice, sqrt } from "../market/amm.ts";
import { applyDeposit, applyRemoval, emptyLpBook, holdValue, lpPosition, lpReturn } from "../market/lpReturns.ts";
import { createHolderLedger, emptyHolderAccount, holderReturn, holderReturnRows, returnsByRole, type HolderMarks } from "./holderReturns.ts";

const WHOLE = 10n ** 18n;
const HOLDERS = ["investor-0", "investor-1", "noise-trader-0", "fundamental-trader-0"] as const;
const isHolder = (name: string) => (HOLDERS as readonly string[]).includes(name);

/** What can happen to a holder, as the run folder records it (flows.csv and token_moves.csv rows). */
type Event =
  | { kind: "deposit" | "refund" | "claim" | "launch-paid" | "redeem"; who: number; wei: bigint }
  | { kind: "allocation"; who: number; tokens: bigint }
  | { kind: "buy" | "sell"; who: number; tokens: bigint; wei: bigint }
  | { kind: "burn"; who: number; tokens: bigint }
  | { kind: "transfer"; who: number; to: number; tokens: bigint }
  | { kind: "claimable"; who: number; wei: bigint }
  | { kind: "lp-add" | "lp-remove"; who: number; tokens: bigint; wei: bigint }
  | { kind: "lp-row"; who: number; value: bigint; againstHold: bigint };

const who = fc.integer({ min: 0, max: HOLDERS.length - 1 });
const wei = fc.bigInt({ min: 0n, max: 10n ** 21n });
const tokens = fc.bigInt({ min: 0n, max: 10n ** 26n });
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constantFrom("deposit" as const, "refund" as const, "claim" as const, "launch-paid" as const, "redeem" as const), who, wei }),
  fc.record({ kind: fc.constant("allocation" as const), who, tokens }),
  fc.record({ kind: fc.constantFrom("buy" as const, "sell" as const), who, tokens, wei }),
  fc.record({ kind: fc.constant("burn" as const), who, tokens }),
  fc.record({ kind: fc.constant("transfer" as const), who, to: who, tokens }),
  fc.record({ kind: fc.constant("claimable" as const), who, wei }),
  fc.record({ kind: fc.constantFrom("lp-add" as const, "lp-remove" as const), who, tokens, wei }),
  fc.record({ kind: fc.constant("lp-row" as const), who, value: wei, againstHold: fc.bigInt({ min: -(10n ** 21n), max: 10n ** 21n }) }),
);
const marks: fc.Arbitrary<HolderMarks> = fc.record({ priceWeiPerToken: fc.bigInt({ min: 0n, max: 10n ** 15n }), redeemWeiPerToken: fc.bigInt({ min: 0n, max: 10n ** 15n }) });

const flow = (kind: string, from: string, to: string, amount: bigint) => ({ movement: "eth", kind, from, to, amount_wei: amount.toString() });
const move = (kind: string, from: string, to: string, amount: bigint, eth = 0n) => ({ kind, from, to, amount_wei: amount.toString(), eth_wei: eth.toString() });

/** Feeds the events to a ledger as the run's rows, in order (the pair, the launch and the zero address are not holders). */
function ledgerOf(events: readonly Event[]) {
  const ledger = createHolderLedger();
  for (const e of events) {
    const name = HOLDERS[e.who] as string;
    switch (e.kind) {
      case "deposit":
        ledger.flow(flow("ImoLaunch.deposit", name, "launch", e.wei));
        break;
      case "refund":
        ledger.flow(flow("raise-refund", "launch", name, e.wei));
        break;
      case "claim":
        ledger.flow(flow("revenue-claimed", "token", name, e.wei));
        break;
      case "launch-paid":
        ledger.flow(flow("launch-revenue-paid", "launch", name, e.wei));
        break;
      case "redeem":
        ledger.flow(flow("burn-redeemed", "token", name, e.wei));
        break;
      case "allocation":
        ledger.move(move("transfer", "launch", name, e.tokens));
        break;
      case "buy":
        ledger.move(move("pool-buy", "0xpair", name, e.tokens, e.wei));
        break;
      case "sell":
        ledger.move(move("pool-sell", name, "0xpair", e.tokens, e.wei));
        break;
      case "burn":
        ledger.move(move("burn", name, "0x0000000000000000000000000000000000000000", e.tokens));
        break;
      case "transfer":
        ledger.move(move("transfer", name, HOLDERS[e.to] as string, e.tokens));
        break;
      case "claimable":
        ledger.claimable({ agent: name, snapshot_id: "1", claimable_wei: e.wei.toString() });
        break;
      // addLiquidityETH: the pair's Mint took the ETH and the tokens, straight from the provider
      case "lp-add":
        ledger.flow(flow("lp-deposit", name, "pair", e.wei));
        ledger.move(move("lp-deposit", name, "pair", e.tokens));
        break;
      // removeLiquidityETH: the pair pays the router, which hands the tokens (and the ETH, unwrapped) on
      case "lp-remove":
        ledger.flow(flow("lp-withdrawal", "pair", name, e.wei));
        ledger.move(move("lp-withdrawal", "pair", "UniswapV2Router02", e.tokens));
        ledger.move(move("lp-withdrawal", "UniswapV2Router02", name, e.tokens));
        break;
      case "lp-row":
        ledger.lp({ epoch: "1", lp: name, position_value_wei: e.value.toString(), against_hold_wei: e.againstHold.toString() });
        break;
    }
  }
  return ledger;
}

/** The same holder's cash and tokens, summed straight from the events (a second, independent bookkeeping). */
function modelOf(events: readonly Event[], index: number) {
  let cash = 0n;
  let held = 0n;
  let revenue = 0n;
  let burn = 0n;
  let lpValue = 0n;
  let liquidity = 0n;
  for (const e of events) {
    if (e.kind === "transfer") {
      if (e.who === index) held -= e.tokens;
      if (e.to === index) held += e.tokens;
      continue;
    }
    if (e.who !== index) continue;
    if (e.kind === "deposit") cash -= e.wei;
    if (e.kind === "refund") cash += e.wei;
    if (e.kind === "claim" || e.kind === "launch-paid" || e.kind === "claimable") revenue += e.wei;
    if (e.kind === "redeem") burn += e.wei;
    if (e.kind === "allocation") held += e.tokens;
    if (e.kind === "buy") (cash -= e.wei), (held += e.tokens);
    if (e.kind === "sell") (cash += e.wei), (held -= e.tokens);
    if (e.kind === "burn") held -= e.tokens;
    if (e.kind === "lp-add") (cash -= e.wei), (held -= e.tokens);
    if (e.kind === "lp-remove") (cash += e.wei), (held += e.tokens);
    // lp.csv's rows come in epoch order: the last one is the position at the end
    if (e.kind === "lp-row") (lpValue = e.value), (liquidity = e.againstHold);
  }
  return { cash, held, revenue, burn, lpValue, liquidity };
}

describe("a holder's return split", () => {
  it("revenue + burn + liquidity + price is the total, to the wei, and the total is cash (LP adds and removals included) + revenue + redemptions + tokens at the closing price + LP positions at the end", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), marks, (events, m) => {
        const ledger = ledgerOf(events);
        const rows = holderReturnRows(ledger, m, isHolder);
        for (const r of rows) {
          expect(r.revenueReturnWei + r.burnReturnWei + r.liquidityReturnWei + r.priceReturnWei).toBe(r.totalReturnWei);
          const model = modelOf(events, HOLDERS.indexOf(r.agent as (typeof HOLDERS)[number]));
          expect(r.tokensEndWei).toBe(model.held);
          expect(r.revenueReturnWei).toBe(model.revenue);
          expect(r.burnReturnWei).toBe(model.burn);
          expect(r.liquidityReturnWei).toBe(model.liquidity);
          expect(r.lpValueEndWei).toBe(model.lpValue);
          expect(r.totalReturnWei).toBe(model.cash + model.revenue + model.burn + (model.held * m.priceWeiPerToken) / WHOLE + model.lpValue);
          expect(r.heldAtRedeemWei).toBe((model.held * m.redeemWeiPerToken) / WHOLE);
        }
        // every name that received tokens or owned an LP position and is a holder has its row; the pair, the router,
        // the launch and the zero address have none
        const received = new Set(
          events.flatMap((e) =>
            e.kind === "allocation" || e.kind === "buy" || e.kind === "lp-remove" ? (e.tokens > 0n ? [HOLDERS[e.who]] : []) : e.kind === "transfer" && e.tokens > 0n ? [HOLDERS[e.to]] : e.kind === "lp-row" ? [HOLDERS[e.who]] : [],
          ),
        );
        expect(rows.map((r) => r.agent)).toEqual([...received].sort());
      }),
      fcParams(),
    );
  });

  it("sums per role and over all holders, and the shares of the return's size add up to one", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), marks, (events, m) => {
        const rows = holderReturnRows(ledgerOf(events), m, isHolder);
        const byRole = returnsByRole(rows);
        const all = byRole.at(-1);
        expect(all?.role).toBe("all");
        expect(all?.totalReturnWei).toBe(rows.reduce((t, r) => t + r.totalReturnWei, 0n));
        expect(byRole.slice(0, -1).reduce((t, r) => t + r.totalReturnWei, 0n)).toBe(all?.totalReturnWei);
        for (const r of byRole) {
          expect(r.revenueReturnWei + r.burnReturnWei + r.liquidityReturnWei + r.priceReturnWei).toBe(r.totalReturnWei);
          const shares = r.revenueShare + r.burnShare + r.liquidityShare + r.priceShare;
          if (r.revenueReturnWei !== 0n || r.burnReturnWei !== 0n || r.liquidityReturnWei !== 0n || r.priceReturnWei !== 0n) expect(Math.abs(shares - 1)).toBeLessThan(1e-5);
          else expect(shares).toBe(0);
        }
      }),
      fcParams(),
    );
  });

  it("a holder that never trades: price is its tokens at the closing price less what it kept in the raise", () => {
    fc.assert(
      fc.property(wei, wei, tokens, wei, marks, (deposit, refund, allocation, claimed, m) => {
        const r = holderReturn({ ...zero(), depositedWei: deposit, refundedWei: refund, tokensInWei: allocation, claimedWei: claimed }, m);
        expect(r.priceReturnWei).toBe((allocation * m.priceWeiPerToken) / WHOLE - (deposit - refund));
        expect(r.revenueReturnWei).toBe(claimed);
        expect(r.burnReturnWei).toBe(0n);
      }),
      fcParams(),
    );
  });

  it("a holder that sells everything holds nothing at the end: price is what it sold for less what it paid", () => {
    fc.assert(
      fc.property(tokens, wei, wei, wei, marks, (bought, paid, sold, claimed, m) => {
        const r = holderReturn({ ...zero(), poolBuyEthWei: paid, tokensInWei: bought, tokensBoughtWei: bought, tokensOutWei: bought, tokensSoldWei: bought, poolSellEthWei: sold, claimedWei: claimed }, m);
        expect(r.tokensEndWei).toBe(0n);
        expect(r.heldAtPriceWei).toBe(0n);
        expect(r.priceReturnWei).toBe(sold - paid);
        expect(r.totalReturnWei).toBe(sold - paid + claimed);
      }),
      fcParams(),
    );
  });

  it("a holder that burns: the redemption is the burn part, and the burned tokens leave its holdings (their cost stays in price)", () => {
    fc.assert(
      fc.property(tokens, tokens, wei, wei, marks, (bought, burnedRaw, paid, redeemed, m) => {
        const burned = burnedRaw > bought ? bought : burnedRaw;
        const r = holderReturn({ ...zero(), poolBuyEthWei: paid, tokensInWei: bought, tokensBoughtWei: bought, tokensOutWei: burned, tokensBurnedWei: burned, burnRedeemedWei: redeemed }, m);
        expect(r.burnReturnWei).toBe(redeemed);
        expect(r.tokensEndWei).toBe(bought - burned);
        expect(r.priceReturnWei).toBe(((bought - burned) * m.priceWeiPerToken) / WHOLE - paid);
      }),
      fcParams(),
    );
  });

  it("a provider that adds and removes at the same price, no swap between: liquidity is 0 and so is its total, but for rounding, which goes against it", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 24n }),
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        (reserveEth, reserveTokens, deposit) => {
          const pool = { eth: reserveEth, tokens: reserveTokens };
          const supply = sqrt(reserveEth * reserveTokens);
          // Router02's quote of the ETH for the tokens, and UniswapV2Pair's mint and burn, to the wei
          const eth = (deposit * pool.eth) / pool.tokens;
          const lp = min((eth * supply) / pool.eth, (deposit * supply) / pool.tokens);
          fc.pre(eth > 0n && lp > 0n);
          const added = { eth: pool.eth + eth, tokens: pool.tokens + deposit };
          const out = { eth: (lp * added.eth) / (supply + lp), tokens: (lp * added.tokens) / (supply + lp) };
          const closing = { eth: added.eth - out.eth, tokens: added.tokens - out.tokens };
          const m: HolderMarks = { priceWeiPerToken: spotPrice(closing), redeemWeiPerToken: 0n };
          const book = applyRemoval(applyDeposit(emptyLpBook(), eth, deposit), lp, lp, out.eth, out.tokens, added);
          const position = lpReturn(book, lpPosition(book, 0n, supply, closing));

          // the provider paid the closing price for the tokens it deposits (rounded up), added, then removed it all
          const ledger = createHolderLedger();
          ledger.move(move("pool-buy", "pair", "investor-0", deposit, (deposit * m.priceWeiPerToken + WHOLE - 1n) / WHOLE));
          ledger.flow(flow("lp-deposit", "investor-0", "pair", eth));
          ledger.move(move("lp-deposit", "investor-0", "pair", deposit));
          ledger.flow(flow("lp-withdrawal", "pair", "investor-0", out.eth));
          ledger.move(move("lp-withdrawal", "pair", "UniswapV2Router02", out.tokens));
          ledger.move(move("lp-withdrawal", "UniswapV2Router02", "investor-0", out.tokens));
          ledger.lp({ epoch: "1", lp: "investor-0", position_value_wei: "0", against_hold_wei: position.againstHold.toString() });
          const [r] = holderReturnRows(ledger, m, isHolder);
          if (!r) throw new Error("the provider has no row");
          expect(r.account.tokensLpDepositedWei).toBe(deposit);
          expect(r.account.tokensLpWithdrawnWei).toBe(out.tokens);
          expect(r.tokensEndWei).toBe(out.tokens);
          // rounding: the pair's mint and burn round the LP tokens and the shares down, the quote leaves at most
          // one ETH wei's worth of tokens in the pool, and the marks round; each at most a wei of ETH and a wei of
          // tokens per LP token wei, or per token wei
          const bound = 4n * (added.eth / (supply + lp) + 1n) + 4n * (added.eth / added.tokens + 1n) + 4n;
          expect(r.liquidityReturnWei).toBeLessThanOrEqual(0n);
          expect(r.liquidityReturnWei).toBeGreaterThanOrEqual(-bound);
          expect(r.totalReturnWei).toBeLessThanOrEqual(0n);
          expect(r.totalReturnWei).toBeGreaterThanOrEqual(-bound);
          expect(r.revenueReturnWei + r.burnReturnWei + r.liquidityReturnWei + r.priceReturnWei).toBe(r.totalReturnWei);
        },
      ),
      fcParams(),
    );
  });

  it("a provider whose position is still open after the price moved: liquidity is lp.csv's against-hold, and price is what its deposited tokens made as if held", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }),
        fc.bigInt({ min: 10n ** 20n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        wei,
        (reserveEth, reserveTokens, deposit, swapEth, cost) => {
          const pool = { eth: reserveEth, tokens: reserveTokens };
          const supply = sqrt(reserveEth * reserveTokens);
          const eth = (deposit * pool.eth) / pool.tokens;
          const lp = min((eth * supply) / pool.eth, (deposit * supply) / pool.tokens);
          fc.pre(eth > 0n && lp > 0n);
          // someone else buys after the add: the price moves and the pool keeps the fee
          const closing = afterBuy({ eth: pool.eth + eth, tokens: pool.tokens + deposit }, swapEth);
          const m: HolderMarks = { priceWeiPerToken: spotPrice(closing), redeemWeiPerToken: 0n };
          const book = applyDeposit(emptyLpBook(), eth, deposit);
          const open = lpPosition(book, lp, supply + lp, closing);
          const position = lpReturn(book, open);

          const ledger = createHolderLedger();
          ledger.move(move("pool-buy", "pair", "investor-0", deposit, cost));
          ledger.flow(flow("lp-deposit", "investor-0", "pair", eth));
          ledger.move(move("lp-deposit", "investor-0", "pair", deposit));
          ledger.lp({ epoch: "1", lp: "investor-0", position_value_wei: open.value.toString(), against_hold_wei: position.againstHold.toString() });
          const [r] = holderReturnRows(ledger, m, isHolder);
          if (!r) throw new Error("the provider has no row");
          expect(r.tokensEndWei).toBe(0n);
          expect(r.paidInWei).toBe(cost + eth);
          expect(r.totalReturnWei).toBe(open.value - eth - cost);
          expect(r.liquidityReturnWei).toBe(open.value - open.hold);
          // the hold value is the ETH deposited plus the tokens deposited at the closing price
          expect(r.priceReturnWei).toBe(holdValue(0n, deposit, closing) - cost);
        },
      ),
      fcParams(),
    );
  });

  it("the liquidity recipient, who paid nothing for the launch's position: its value is in the total, against-hold in liquidity, and the launch's deposit at the closing price in price", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }), fc.bigInt({ min: 10n ** 20n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10n ** 24n }), (launchEth, launchTokens, swapEth) => {
        const lp = sqrt(launchEth * launchTokens);
        const closing = afterBuy({ eth: launchEth, tokens: launchTokens }, swapEth);
        const book = applyDeposit(emptyLpBook(), launchEth, launchTokens);
        const open = lpPosition(book, lp, lp, closing);
        const ledger = createHolderLedger();
        // the launch's listing: its ETH is the launch's (raise-liquidity), and the position is the recipient's
        ledger.flow(flow("raise-liquidity", "launch", "pair", launchEth));
        ledger.move(move("lp-deposit", "launch", "pair", launchTokens));
        ledger.lp({ epoch: "1", lp: "investor-0", position_value_wei: open.value.toString(), against_hold_wei: lpReturn(book, open).againstHold.toString() });
        const [r] = holderReturnRows(ledger, { priceWeiPerToken: spotPrice(closing), redeemWeiPerToken: 0n }, isHolder);
        if (!r) throw new Error("the recipient has no row");
        expect(r.paidInWei).toBe(0n);
        expect(r.totalReturnWei).toBe(open.value);
        expect(r.liquidityReturnWei).toBe(open.value - open.hold);
        expect(r.priceReturnWei).toBe(open.hold);
        expect(open.hold).toBe(holdValue(launchEth, launchTokens, closing));
      }),
      fcParams(),
    );
  });
});

const min = (a: bigint, b: bigint) => (a < b ? a : b);

function zero() {
  return emptyHolderAccount();
}
