import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const seller = agentAddress("user-0");

describe("market events", () => {
  it("a listing puts a price on a known token; a cancellation takes it off; listings of unknown tokens are ignored", () => {
    const t = testIndexer();
    t.apply([t.log("nft", "MintRequested", { tokenId: 1n, minter: seller, requestId: 1n, prompt: "0x", mintFee: 0n, oracleFee: 0n })]);
    t.apply([t.log("market", "Listed", { nft: t.deployment.nft, tokenId: 1n, seller, price: 5n }), t.log("market", "Listed", { nft: t.deployment.nft, tokenId: 2n, seller, price: 5n })]);
    expect(t.world.nft.tokens.get(1n)?.price).toBe(5n);
    expect(t.world.nft.tokens.has(2n)).toBe(false);
    t.apply([t.log("market", "Cancelled", { nft: t.deployment.nft, tokenId: 1n, seller })]);
    expect(t.world.nft.tokens.get(1n)?.price).toBeUndefined();
  });

  it("the index of listed NFTs holds exactly the tokens with a price: a listing adds, a cancellation or a sale (transfer out of escrow) removes", () => {
    const t = testIndexer();
    const buyer = agentAddress("user-1");
    const mint = (tokenId: bigint) => t.log("nft", "MintRequested", { tokenId, minter: seller, requestId: tokenId, prompt: "0x", mintFee: 0n, oracleFee: 0n });
    const listed = () => [...t.world.nft.listed.keys()].sort();
    const priced = () => t.world.nft.minted.filter((n) => n.price !== undefined).map((n) => n.tokenId).sort();
    t.apply([mint(1n), mint(2n), mint(3n)]);
    expect(t.world.nft.minted.map((n) => n.tokenId)).toEqual([1n, 2n, 3n]);
    t.apply([
      t.log("nft", "Transfer", { from: seller, to: t.deployment.market, tokenId: 1n }),
      t.log("market", "Listed", { nft: t.deployment.nft, tokenId: 1n, seller, price: 5n }),
      t.log("nft", "Transfer", { from: seller, to: t.deployment.market, tokenId: 2n }),
      t.log("market", "Listed", { nft: t.deployment.nft, tokenId: 2n, seller, price: 6n }),
    ]);
    expect(listed()).toEqual([1n, 2n]);
    expect(priced()).toEqual(listed());
    t.apply([t.log("market", "Cancelled", { nft: t.deployment.nft, tokenId: 1n, seller }), t.log("nft", "Transfer", { from: t.deployment.market, to: seller, tokenId: 1n })]);
    t.apply([t.log("nft", "Transfer", { from: t.deployment.market, to: buyer, tokenId: 2n })]);
    expect(listed()).toEqual([]);
    expect(priced()).toEqual([]);
    expect(t.world.nft.tokens.get(2n)?.owner).toBe(buyer);
  });

  it("credited payments add up until withdrawn", () => {
    const t = testIndexer();
    t.apply([t.log("market", "PaymentCredited", { account: seller, amount: 3n }), t.log("market", "PaymentCredited", { account: seller, amount: 4n })]);
    expect(t.world.market.credits.get(seller.toLowerCase())).toBe(7n);
    t.apply([t.log("market", "Withdrawn", { account: seller, to: seller, amount: 7n })]);
    expect(t.world.market.credits.has(seller.toLowerCase())).toBe(false);
  });
});
