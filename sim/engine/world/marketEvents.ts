import type { Address } from "viem";
import type { ContractEvents } from "./types.ts";

/** The royalty market's part of the world (its listings live on the NFTs they list). */
export type MarketState = {
  /** Sale proceeds credited to a seller whose payment failed (lower-cased address → wei). */
  readonly credits: Map<string, bigint>;
};

export function createMarketState(): MarketState {
  return { credits: new Map() };
}

/** RoyaltyMarket: listings, cancellations, credited payments and their withdrawal. */
export const marketEvents: ContractEvents<"RoyaltyMarket"> = {
  Listed({ nft }, e) {
    const token = nft.tokens.get(e.args.tokenId as bigint);
    if (token) {
      token.owner = e.args.seller as Address;
      token.price = e.args.price as bigint;
      nft.listed.set(token.tokenId, token);
    }
  },
  Cancelled({ nft }, e) {
    const token = nft.tokens.get(e.args.tokenId as bigint);
    if (token) token.price = undefined;
    nft.listed.delete(e.args.tokenId as bigint);
  },
  PaymentCredited({ market }, e) {
    const account = (e.args.account as Address).toLowerCase();
    market.credits.set(account, (market.credits.get(account) ?? 0n) + (e.args.amount as bigint));
  },
  Withdrawn({ market }, e) {
    market.credits.delete((e.args.account as Address).toLowerCase());
  },
};
