import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";

const minter = agentAddress("user-0");
const buyer = agentAddress("user-1");

describe("NFT events", () => {
  it("a mint request gives the minter a token; a transfer to the market (a listing's escrow) keeps its owner, any other transfer moves it and ends its listing", () => {
    const t = testIndexer();
    t.apply([t.log("nft", "MintRequested", { tokenId: 4n, minter, requestId: 1n, prompt: "0x01", mintFee: 1n, oracleFee: 1n })]);
    expect(t.world.nft.tokens.get(4n)).toEqual({ tokenId: 4n, owner: minter, price: undefined });
    t.apply([t.log("market", "Listed", { nft: t.deployment.nft, tokenId: 4n, seller: minter, price: 9n }), t.log("nft", "Transfer", { from: minter, to: t.deployment.market, tokenId: 4n })]);
    expect(t.world.nft.tokens.get(4n)).toEqual({ tokenId: 4n, owner: minter, price: 9n });
    t.apply([t.log("nft", "Transfer", { from: t.deployment.market, to: buyer, tokenId: 4n })]);
    expect(t.world.nft.tokens.get(4n)).toEqual({ tokenId: 4n, owner: buyer, price: undefined });
  });

  it("records approvals of the market only, and only when granted", () => {
    const t = testIndexer();
    t.apply([
      t.log("nft", "ApprovalForAll", { owner: minter, operator: t.deployment.market, approved: true }),
      t.log("nft", "ApprovalForAll", { owner: buyer, operator: t.deployment.market, approved: false }),
      t.log("nft", "ApprovalForAll", { owner: buyer, operator: minter, approved: true }),
    ]);
    expect([...t.world.nft.approvedMarket]).toEqual([minter.toLowerCase()]);
  });

  it("knows which token each open NFT request produces: a mint or a re-request sets it, finality or expiry at the oracle ends it", () => {
    const t = testIndexer();
    const mint = (tokenId: bigint, requestId: bigint) => t.log("nft", "MintRequested", { tokenId, minter, requestId, prompt: "0x01", mintFee: 1n, oracleFee: 1n });
    t.apply([mint(4n, 1n), mint(5n, 2n)]);
    expect([...t.world.nft.tokenOfRequest]).toEqual([[1n, 4n], [2n, 5n]]);
    t.apply([t.log("oracle", "RequestExpired", { requestId: 1n, requester: t.deployment.nft, refund: 1n })]);
    expect([...t.world.nft.tokenOfRequest]).toEqual([[2n, 5n]]);
    // the expired mint's content is requested again under a new request
    t.apply([t.log("nft", "ContentRerequested", { tokenId: 4n, payer: buyer, requestId: 3n, oracleFee: 1n })]);
    expect(t.world.nft.tokenOfRequest.get(3n)).toBe(4n);
    t.apply([t.log("oracle", "ResultFinalized", { requestId: 2n, submitter: buyer, paid: 1n })]);
    expect([...t.world.nft.tokenOfRequest]).toEqual([[3n, 4n]]);
  });
});
