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

  it("credited payments add up until withdrawn", () => {
    const t = testIndexer();
    t.apply([t.log("market", "PaymentCredited", { account: seller, amount: 3n }), t.log("market", "PaymentCredited", { account: seller, amount: 4n })]);
    expect(t.world.market.credits.get(seller.toLowerCase())).toBe(7n);
    t.apply([t.log("market", "Withdrawn", { account: seller, to: seller, amount: 7n })]);
    expect(t.world.market.credits.has(seller.toLowerCase())).toBe(false);
  });
});
