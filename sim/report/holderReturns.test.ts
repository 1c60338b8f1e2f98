import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcParams } from "../testing/fcParams.ts";
import { createHolderLedger, holderReturn, holderReturnRows, returnsByRole, type HolderMarks } from "./holderReturns.ts";

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
  | { kind: "claimable"; who: number; wei: bigint };

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
  }
  return { cash, held, revenue, burn };
}

describe("a holder's return split", () => {
  it("revenue + burn + price is the total, to the wei, and the total is cash + revenue + redemptions + tokens at the closing price", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), marks, (events, m) => {
        const ledger = ledgerOf(events);
        const rows = holderReturnRows(ledger, m, isHolder);
        for (const r of rows) {
          expect(r.revenueReturnWei + r.burnReturnWei + r.priceReturnWei).toBe(r.totalReturnWei);
          const model = modelOf(events, HOLDERS.indexOf(r.agent as (typeof HOLDERS)[number]));
          expect(r.tokensEndWei).toBe(model.held);
          expect(r.revenueReturnWei).toBe(model.revenue);
          expect(r.burnReturnWei).toBe(model.burn);
          expect(r.totalReturnWei).toBe(model.cash + model.revenue + model.burn + (model.held * m.priceWeiPerToken) / WHOLE);
          expect(r.heldAtRedeemWei).toBe((model.held * m.redeemWeiPerToken) / WHOLE);
        }
        // every name that received tokens and is a holder has its row; the pair, the launch and the zero address have none
        const received = new Set(events.flatMap((e) => (e.kind === "allocation" || e.kind === "buy" ? (e.tokens > 0n ? [HOLDERS[e.who]] : []) : e.kind === "transfer" && e.tokens > 0n ? [HOLDERS[e.to]] : [])));
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
          expect(r.revenueReturnWei + r.burnReturnWei + r.priceReturnWei).toBe(r.totalReturnWei);
          const shares = r.revenueShare + r.burnShare + r.priceShare;
          if (r.revenueReturnWei !== 0n || r.burnReturnWei !== 0n || r.priceReturnWei !== 0n) expect(Math.abs(shares - 1)).toBeLessThan(1e-5);
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
});

function zero() {
  return { depositedWei: 0n, refundedWei: 0n, poolBuyEthWei: 0n, poolSellEthWei: 0n, claimedWei: 0n, burnRedeemedWei: 0n, claimableWei: 0n, tokensInWei: 0n, tokensOutWei: 0n, tokensBoughtWei: 0n, tokensSoldWei: 0n, tokensBurnedWei: 0n };
}
