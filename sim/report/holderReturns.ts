import { partyOf } from "./partyOf.ts";

const WHOLE = 10n ** 18n;

/** What one holder paid and got, in wei and token wei, summed from the run's flows, token moves and claimable at the end. */
export type HolderAccount = {
  /** Raise deposits (ImoLaunch.deposit). */
  depositedWei: bigint;
  /** Refunds of an oversubscribed raise and withdrawals from a failed one. */
  refundedWei: bigint;
  /** ETH paid into the pool for tokens, the 0.3 % fee included. */
  poolBuyEthWei: bigint;
  /** ETH got out of the pool for tokens. */
  poolSellEthWei: bigint;
  /** Revenue the token paid (or credited) on its claims, and revenue the launch passed on. */
  claimedWei: bigint;
  burnRedeemedWei: bigint;
  /** What it could still claim at the end (open snapshots). */
  claimableWei: bigint;
  tokensInWei: bigint;
  tokensOutWei: bigint;
  tokensBoughtWei: bigint;
  tokensSoldWei: bigint;
  tokensBurnedWei: bigint;
  /** ETH it added to the pair as liquidity (addLiquidityETH: what the pair's Mint took, the router's refund excluded). */
  lpDepositedEthWei: bigint;
  /** ETH its liquidity removals paid out of the pair (removeLiquidityETH). */
  lpWithdrawnEthWei: bigint;
  /** Tokens it moved into the pair as liquidity, and got back out of it by removals. */
  tokensLpDepositedWei: bigint;
  tokensLpWithdrawnWei: bigint;
  /** Its LP positions at the end (lp.csv's last row): the open position's value at the pool's price. */
  lpValueEndWei: bigint;
  /** …and what providing earned against holding what was deposited (impermanent loss + fees, removals included). */
  lpAgainstHoldWei: bigint;
};

export const emptyHolderAccount = (): HolderAccount => ({
  depositedWei: 0n,
  refundedWei: 0n,
  poolBuyEthWei: 0n,
  poolSellEthWei: 0n,
  claimedWei: 0n,
  burnRedeemedWei: 0n,
  claimableWei: 0n,
  tokensInWei: 0n,
  tokensOutWei: 0n,
  tokensBoughtWei: 0n,
  tokensSoldWei: 0n,
  tokensBurnedWei: 0n,
  lpDepositedEthWei: 0n,
  lpWithdrawnEthWei: 0n,
  tokensLpDepositedWei: 0n,
  tokensLpWithdrawnWei: 0n,
  lpValueEndWei: 0n,
  lpAgainstHoldWei: 0n,
});

/** The closing marks a holder's tokens are valued at (wei per whole token). */
export type HolderMarks = { priceWeiPerToken: bigint; redeemWeiPerToken: bigint };

/** One holder's total return and its split; `revenue + burn + liquidity + price = total` exactly. */
export type HolderReturn = {
  /** Raise deposits net of refunds, pool buys, and ETH added to the pair as liquidity. */
  paidInWei: bigint;
  /** Revenue claimed, burn redemptions, pool sales, and ETH liquidity removals paid out. */
  receivedWei: bigint;
  tokensEndWei: bigint;
  /** Tokens held at the end at the closing pool price. */
  heldAtPriceWei: bigint;
  /** The same tokens at what burning them would redeem. */
  heldAtRedeemWei: bigint;
  /** Its LP positions still open at the end, at the pool's price. */
  lpValueEndWei: bigint;
  /** received + claimable + held at the pool price + LP positions at the end − paid in. */
  totalReturnWei: bigint;
  /** Revenue claimed plus revenue claimable and not yet claimed. */
  revenueReturnWei: bigint;
  /** Burn redemptions. */
  burnReturnWei: bigint;
  /** What its LP positions earned against holding what they were deposited with: impermanent loss + fees. */
  liquidityReturnWei: bigint;
  /**
   * Everything else: what trading and holding made against what it paid (pool sales + tokens held at the pool price
   * − paid in), with the tokens and ETH in its LP positions counted as if held (their hold value).
   */
  priceReturnWei: bigint;
};

/**
 * A holder's total return, split four ways. The split is an identity: revenue is what the token paid it as
 * revenue (claimed, and claimable at the end), burn is what burning redeemed, liquidity is what its LP positions
 * earned against holding what it deposited in them (lp.csv's against-hold: impermanent loss + fees, removals at
 * their own prices), and price is all the rest, which is what trading and holding at the closing price made against
 * what it paid, the deposits in LP positions counted as held. A position the holder got without paying for it (the
 * launch's liquidity, which the liquidity recipient owns) is in its total at its value, so its hold value (what the
 * launch deposited, at the closing price) falls in price like any tokens it got free, and the rest in liquidity.
 * Gas is not in it (holders.csv has it).
 */
export function holderReturn(a: HolderAccount, { priceWeiPerToken, redeemWeiPerToken }: HolderMarks): HolderReturn {
  const paidIn = a.depositedWei - a.refundedWei + a.poolBuyEthWei + a.lpDepositedEthWei;
  const received = a.claimedWei + a.burnRedeemedWei + a.poolSellEthWei + a.lpWithdrawnEthWei;
  const tokensEnd = a.tokensInWei - a.tokensOutWei;
  const heldAtPrice = (tokensEnd * priceWeiPerToken) / WHOLE;
  const heldAtRedeem = (tokensEnd * redeemWeiPerToken) / WHOLE;
  const total = received + a.claimableWei + heldAtPrice + a.lpValueEndWei - paidIn;
  const revenue = a.claimedWei + a.claimableWei;
  const burn = a.burnRedeemedWei;
  const liquidity = a.lpAgainstHoldWei;
  return {
    paidInWei: paidIn,
    receivedWei: received,
    tokensEndWei: tokensEnd,
    heldAtPriceWei: heldAtPrice,
    heldAtRedeemWei: heldAtRedeem,
    lpValueEndWei: a.lpValueEndWei,
    totalReturnWei: total,
    revenueReturnWei: revenue,
    burnReturnWei: burn,
    liquidityReturnWei: liquidity,
    priceReturnWei: total - revenue - burn - liquidity,
  };
}

type Row = Readonly<Record<string, string | undefined>>;
const wei = (v: string | undefined) => BigInt(v || "0");

/** Flow kinds (flows.csv) that a holder's account sums, and into which field, paid by or to the holder. */
const FLOW_FIELDS: Record<string, { field: keyof HolderAccount; side: "from" | "to" }> = {
  "ImoLaunch.deposit": { field: "depositedWei", side: "from" },
  "raise-refund": { field: "refundedWei", side: "to" },
  "raise-withdrawal": { field: "refundedWei", side: "to" },
  "revenue-claimed": { field: "claimedWei", side: "to" },
  "launch-revenue-paid": { field: "claimedWei", side: "to" },
  "burn-redeemed": { field: "burnRedeemedWei", side: "to" },
  "lp-deposit": { field: "lpDepositedEthWei", side: "from" },
  "lp-withdrawal": { field: "lpWithdrawnEthWei", side: "to" },
};

/** Sums the accounts of every name a row touches, from flows.csv, token_moves.csv, claimable_end.csv and lp.csv rows. */
export type HolderLedger = {
  flow(row: Row): void;
  move(row: Row): void;
  claimable(row: Row): void;
  /** An lp.csv row (in epoch order: the last one per position is its state at the end). */
  lp(row: Row): void;
  readonly accounts: ReadonlyMap<string, HolderAccount>;
  /** Names that ever received the token or owned an LP position. */
  readonly holders: ReadonlySet<string>;
};

export function createHolderLedger(): HolderLedger {
  const accounts = new Map<string, HolderAccount>();
  const holders = new Set<string>();
  const of = (name: string) => {
    let a = accounts.get(name);
    if (!a) accounts.set(name, (a = emptyHolderAccount()));
    return a;
  };
  return {
    accounts,
    holders,
    flow(row) {
      const f = FLOW_FIELDS[row.kind ?? ""];
      if (!f || row.movement !== "eth") return;
      of(row[f.side] ?? "none")[f.field] += wei(row.amount_wei);
    },
    move(row) {
      const amount = wei(row.amount_wei);
      const eth = wei(row.eth_wei);
      const from = of(row.from ?? "none");
      const to = of(row.to ?? "none");
      from.tokensOutWei += amount;
      to.tokensInWei += amount;
      if (amount > 0n) holders.add(row.to ?? "none");
      if (row.kind === "pool-buy") {
        to.poolBuyEthWei += eth;
        to.tokensBoughtWei += amount;
      } else if (row.kind === "pool-sell") {
        from.poolSellEthWei += eth;
        from.tokensSoldWei += amount;
      } else if (row.kind === "lp-deposit") from.tokensLpDepositedWei += amount;
      else if (row.kind === "lp-withdrawal") to.tokensLpWithdrawnWei += amount;
      else if (row.kind === "burn") from.tokensBurnedWei += amount;
    },
    claimable(row) {
      of(row.agent ?? "none").claimableWei += wei(row.claimable_wei);
    },
    lp(row) {
      const name = row.lp ?? "none";
      const a = of(name);
      a.lpValueEndWei = wei(row.position_value_wei);
      a.lpAgainstHoldWei = wei(row.against_hold_wei);
      holders.add(name);
    },
  };
}

export type HolderReturnRow = HolderReturn & { agent: string; role: string; account: HolderAccount };

/** One row per holder (`isHolder` picks agents out of the names that received the token), in name order. */
export function holderReturnRows(ledger: Pick<HolderLedger, "accounts" | "holders">, marks: HolderMarks, isHolder: (name: string) => boolean): HolderReturnRow[] {
  return [...ledger.holders]
    .filter(isHolder)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((agent) => {
      const account = ledger.accounts.get(agent) ?? emptyHolderAccount();
      return { agent, role: partyOf(agent), account, ...holderReturn(account, marks) };
    });
}

/** The figures of a holder's return that add up over holders. */
type SummedReturn = "paidInWei" | "receivedWei" | "heldAtPriceWei" | "lpValueEndWei" | "totalReturnWei" | "revenueReturnWei" | "burnReturnWei" | "liquidityReturnWei" | "priceReturnWei";

export type RoleReturns = Pick<HolderReturn, SummedReturn> & {
  role: string;
  holders: number;
  /** |revenue| / (|revenue| + |burn| + |liquidity| + |price|): the share of the return's size that is revenue (0 when nothing moved). */
  revenueShare: number;
  burnShare: number;
  liquidityShare: number;
  priceShare: number;
};

const abs = (x: bigint) => (x < 0n ? -x : x);
/** a / b as a number with 6 decimals, b > 0. */
const ratio = (a: bigint, b: bigint) => (b === 0n ? 0 : Number((a * 1_000_000n) / b) / 1_000_000);

/** The holders' returns summed per role (in role order), and over all holders as role `all`. */
export function returnsByRole(rows: readonly HolderReturnRow[]): RoleReturns[] {
  const roles = [...new Set(rows.map((r) => r.role))].sort();
  const sum = (role: string, picked: readonly HolderReturnRow[]): RoleReturns => {
    const t = (k: SummedReturn) =>
      picked.reduce((s, r) => s + r[k], 0n);
    const revenue = t("revenueReturnWei");
    const burn = t("burnReturnWei");
    const liquidity = t("liquidityReturnWei");
    const price = t("priceReturnWei");
    const size = abs(revenue) + abs(burn) + abs(liquidity) + abs(price);
    return {
      role,
      holders: picked.length,
      paidInWei: t("paidInWei"),
      receivedWei: t("receivedWei"),
      heldAtPriceWei: t("heldAtPriceWei"),
      lpValueEndWei: t("lpValueEndWei"),
      totalReturnWei: t("totalReturnWei"),
      revenueReturnWei: revenue,
      burnReturnWei: burn,
      liquidityReturnWei: liquidity,
      priceReturnWei: price,
      revenueShare: ratio(abs(revenue), size),
      burnShare: ratio(abs(burn), size),
      liquidityShare: ratio(abs(liquidity), size),
      priceShare: ratio(abs(price), size),
    };
  };
  return [...roles.map((role) => sum(role, rows.filter((r) => r.role === role))), sum("all", rows)];
}
