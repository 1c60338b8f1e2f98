import type { FlowCategory } from "./flowCategories.ts";
import { partyOf } from "./partyOf.ts";
import type { CsvRow } from "./readCsv.ts";

/** One line of a fee-flow table: a flow row named and its ends grouped into parties. */
export type ClassifiedFlow = {
  movement: "eth" | "credit";
  category: FlowCategory;
  /** Party group of the payer (`user`, `oracle`, ...). */
  from: string;
  /** Party group of the payee. */
  to: string;
  /** Agent id or party name of the payer and payee, as in flows.csv. */
  fromName: string;
  toName: string;
  amount: bigint;
};

export type FlowClassifier = {
  classify(row: CsvRow): ClassifiedFlow[];
  /** Requests whose escrow is booked but not paid out yet. */
  readonly openEscrows: number;
};

const ETH_KINDS: Record<string, FlowCategory> = {
  "OpmlOracle.requestCallback": "request-fees",
  "AigcNFT.mint": "nft-mint-payments",
  "AigcNFT.reveal": "nft-mint-payments",
  "AigcNFT.rerequest": "nft-rerequest-payments",
  "nft-oracle-credit-pulled": "nft-oracle-credit-pulled",
  "nft-escrow-refund": "nft-escrow-refunds",
  "nft-refund-credited": "nft-refunds-held",
  "nft-credit-withdrawal": "nft-credit-withdrawals",
  "nft-mint-fee": "nft-mint-fee",
  "nft-oracle-fee": "nft-oracle-fee",
  "OpmlOracle.submit": "submitter-bonds-posted",
  "OpmlOracle.challenge": "challenger-bonds-posted",
  "OpmlOracle.vouch": "challenger-bonds-posted",
  "oracle-withdrawal": "oracle-withdrawals",
  "model-fee-flushed": "model-fees-flushed",
  "ImoLaunch.deposit": "raise-deposits",
  "raise-refund": "raise-refunds",
  "raise-withdrawal": "raise-withdrawals",
  "raise-proceeds": "raise-proceeds",
  "raise-dust": "raise-dust",
  "raise-liquidity": "raise-liquidity",
  "swap-eth-in": "swap-eth-in",
  "swap-eth-out": "swap-eth-out",
  "lp-deposit": "lp-deposits",
  "lp-withdrawal": "lp-withdrawals",
  "launch-revenue-harvested": "launch-harvests",
  "launch-revenue-paid": "launch-revenue-paid",
  "launch-revenue-recycled": "launch-revenue-recycled",
  "launch-burn-redeemed": "launch-burn-redemptions",
  "launch-payment-credited": "launch-payments-held",
  "launch-credit-withdrawal": "launch-credit-withdrawals",
  "RoyaltyMarket.buy": "nft-purchases",
  royalty: "royalties",
  "sale-proceeds": "sale-proceeds",
  "sale-proceeds-credited": "sale-proceeds-held",
  "market-withdrawal": "market-withdrawals",
  "revenue-claimed": "revenue-claims",
  "burn-redeemed": "burn-redemptions",
  "UsageLedger.register": "usage-bonds-posted",
  "UsageLedger.addBond": "usage-bonds-posted",
  "UsageLedger.report": "usage-report-payments",
  "UsageLedger.challengeReceipt": "usage-challenge-bonds-posted",
  "usage-revenue-paid": "usage-revenue",
  "usage-escrow-flushed": "usage-revenue",
  "usage-bond-withdrawn": "usage-bonds-withdrawn",
  "usage-credit-withdrawn": "usage-withdrawals",
  "token-payout-credited": "token-payouts-held",
  "token-credit-withdrawal": "token-credit-withdrawals",
};

const CREDIT_KINDS: Record<string, FlowCategory> = {
  "model-fee-to-token": "model-share-to-token",
  "model-fee-to-owner": "model-share-to-owner",
  "protocol-fee": "protocol-fee",
  "overpayment-refund": "overpayment-refund",
  "expired-escrow-refund": "expired-escrow-refund",
  "bond-to-winner": "bond-to-winner",
  "bond-released": "bond-released",
  "protocol-fees-collected": "protocol-fees-collected",
  "revenue-to-claimable": "revenue-to-claimable",
  "revenue-to-redeem-pool": "revenue-to-redeem-pool",
  "unclaimed-rolled-forward": "unclaimed-rolled-forward",
  "unclaimed-to-redeem-pool": "unclaimed-to-redeem-pool",
  "usage-revenue-escrowed": "usage-revenue-escrowed",
  "usage-slash-to-token": "usage-slash-to-token",
  "usage-slash-to-prover": "usage-slash-to-prover",
  "usage-slash-burned": "usage-slash-burned",
};

/** Where a credit row's payee is a bookkeeping place rather than an address. */
const CREDIT_PAYEE: Partial<Record<FlowCategory, string>> = {
  "overpayment-refund": "payer",
  "revenue-to-claimable": "token-claimable",
  "revenue-to-redeem-pool": "token-redeem-pool",
  "unclaimed-rolled-forward": "token-next-snapshot",
  "unclaimed-to-redeem-pool": "token-redeem-pool",
  "usage-revenue-escrowed": "ledger-escrow",
  "usage-slash-burned": "burned",
};

export type CreateFlowClassifierParameters = {
  /** The scenario's submitter reward, in wei: the escrow of a request is this reward plus its callback gas payment. */
  submitterRewardWei: bigint;
  /** Where the slashed rest of a losing bond goes (`oracle.slashRemainder`). */
  slashRemainder: "burn" | "treasury";
};

/**
 * Names flow rows. The oracle's escrow (reward + callback gas) and its payout at finality (escrow + bond)
 * are split into their parts: the escrow of each open request is remembered until it is paid or refunded,
 * so memory grows with open requests only.
 */
export function createFlowClassifier({ submitterRewardWei, slashRemainder }: CreateFlowClassifierParameters): FlowClassifier {
  const escrows = new Map<string, bigint>();
  const line = (movement: "eth" | "credit", category: FlowCategory, fromName: string, toName: string, amount: bigint, to = partyOf(toName), from = partyOf(fromName)): ClassifiedFlow => ({
    movement,
    category,
    from,
    to,
    fromName,
    toName,
    amount,
  });
  return {
    get openEscrows() {
      return escrows.size;
    },
    classify(row) {
      const amount = BigInt(row.amount_wei || "0");
      const kind = row.kind ?? "";
      const fromName = row.from ?? "none";
      const toName = row.to ?? "none";
      const id = row.request_id ?? "";
      if (row.movement === "eth") {
        return [line("eth", ETH_KINDS[kind] ?? `other:${kind}`, fromName, toName, amount)];
      }
      switch (kind) {
        case "escrow": {
          escrows.set(id, (escrows.get(id) ?? 0n) + amount);
          const reward = amount < submitterRewardWei ? amount : submitterRewardWei;
          return [line("credit", "submitter-reward-escrow", fromName, "oracle-escrow", reward, "oracle-escrow"), line("credit", "callback-gas-escrow", fromName, "oracle-escrow", amount - reward, "oracle-escrow")].filter((l) => l.amount > 0n);
        }
        case "submitter-paid": {
          const escrow = escrows.get(id) ?? 0n;
          escrows.delete(id);
          const reward = escrow < submitterRewardWei ? escrow : submitterRewardWei;
          return [
            line("credit", "submitter-reward-paid", "oracle-escrow", toName, reward, undefined, "oracle-escrow"),
            line("credit", "callback-gas-paid", "oracle-escrow", toName, escrow - reward, undefined, "oracle-escrow"),
            line("credit", "bond-returned", fromName, toName, amount - escrow),
          ].filter((l) => l.amount > 0n);
        }
        case "expired-escrow-refund":
          escrows.delete(id);
          return [line("credit", "expired-escrow-refund", "oracle-escrow", toName, amount, undefined, "oracle-escrow")];
        case "bond-slashed": {
          const category = slashRemainder === "treasury" ? "bond-slashed-treasury" : "bond-slashed-burned";
          return [line("credit", category, fromName, toName, amount, slashRemainder === "treasury" ? "protocolTreasury" : "burned")];
        }
        default: {
          const category = CREDIT_KINDS[kind] ?? `other:${kind}`;
          return [line("credit", category, fromName, toName, amount, CREDIT_PAYEE[category])];
        }
      }
    },
  };
}
