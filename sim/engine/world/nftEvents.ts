import type { Address } from "viem";
import type { NftView } from "../../agents/types.ts";
import type { ContractEvents } from "./types.ts";

/** The ERC-7007 NFT's part of the world. */
export type NftState = {
  readonly tokens: Map<bigint, NftView>;
  /** Every NFT in the order it was minted (the owners' resale draw picks among them by position). */
  readonly minted: NftView[];
  /** NFTs listed for sale now (token id → the NFT): kept by the market's Listed and Cancelled and by sales. */
  readonly listed: Map<bigint, NftView>;
  /** Owners that approved the market (lower-cased addresses). */
  readonly approvedMarket: Set<string>;
  /**
   * The token whose content each open NFT request produces (request id → token id): set by a mint or a
   * re-request, dropped by the oracle's applier once the request is final or expired.
   */
  readonly tokenOfRequest: Map<bigint, bigint>;
};

export function createNftState(): NftState {
  return { tokens: new Map(), minted: [], listed: new Map(), approvedMarket: new Set(), tokenOfRequest: new Map() };
}

/**
 * AigcNFT: mints and re-requests of expired mints (which request produces which token), transfers (a transfer to
 * the market is a listing's escrow, not a change of owner), approvals.
 */
export const nftEvents: ContractEvents<"AigcNFT"> = {
  MintRequested({ nft }, e) {
    const tokenId = e.args.tokenId as bigint;
    const token: NftView = { tokenId, owner: e.args.minter as Address, price: undefined };
    nft.tokens.set(tokenId, token);
    nft.minted.push(token);
    nft.tokenOfRequest.set(e.args.requestId as bigint, tokenId);
  },
  ContentRerequested({ nft }, e) {
    nft.tokenOfRequest.set(e.args.requestId as bigint, e.args.tokenId as bigint);
  },
  Transfer({ nft }, e, { deployment }) {
    const token = nft.tokens.get(e.args.tokenId as bigint);
    const to = e.args.to as Address;
    if (token && to.toLowerCase() !== deployment.market.toLowerCase()) {
      token.owner = to;
      token.price = undefined;
      nft.listed.delete(token.tokenId);
    }
  },
  ApprovalForAll({ nft }, e, { deployment }) {
    if ((e.args.operator as Address).toLowerCase() === deployment.market.toLowerCase() && (e.args.approved as boolean)) {
      nft.approvedMarket.add((e.args.owner as Address).toLowerCase());
    }
  },
};
