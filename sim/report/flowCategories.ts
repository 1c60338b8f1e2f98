/**
 * The named lines of the fee-flow tables, in the order the report shows them. `eth` lines are real ETH
 * moved between addresses; `credit` lines are bookkeeping inside the oracle or the token (pull credits,
 * escrow, revenue splits) and move no ETH by themselves.
 */
export const FLOW_CATEGORIES = {
  "request-fees": "Users pay request fees to the oracle",
  "nft-mint-payments": "Collectors pay the NFT contract to mint",
  "nft-mint-fee": "NFT contract forwards the mint fee to the token",
  "nft-oracle-fee": "NFT contract pays the oracle's request fee",
  "nft-rerequest-payments": "Payers re-request the content of a mint whose request expired (oracle fee)",
  "nft-oracle-credit-pulled": "NFT contract pulls its oracle credit (escrow of expired requests)",
  "nft-escrow-refunds": "NFT contract refunds an expired request's escrow to whoever paid for it",
  "nft-refunds-held": "A refund push failed: the NFT contract keeps it as the payer's credit",
  "nft-credit-withdrawals": "Payers withdraw held refunds from the NFT contract",
  "submitter-bonds-posted": "Submitters post a bond with each result",
  "challenger-bonds-posted": "Challengers post a bond with each claim (a challenge or a vouch)",
  "oracle-withdrawals": "Agents withdraw their pull credit from the oracle",
  "model-fees-flushed": "The oracle pays the token's model-fee credit out to it",
  "raise-deposits": "Investors deposit into the raise",
  "raise-refunds": "Oversubscribed deposits refunded at allocation claim",
  "raise-withdrawals": "Deposits withdrawn from a failed raise",
  "raise-proceeds": "Raise proceeds released to the treasury",
  "raise-dust": "Rounding dust swept to the treasury",
  "launch-harvests": "The launch claims the revenue of the sale tokens it holds for investors",
  "launch-revenue-paid": "The launch pays collecting investors the revenue their tokens earned since settlement",
  "launch-revenue-recycled": "Revenue of sale tokens nobody bought (before settlement, failed raise, dust) back to the token",
  "launch-burn-redemptions": "The launch burns unsold or dust sale tokens; what the burn redeems is recycled",
  "launch-payments-held": "A push from the launch failed: it keeps it as the payee's credit",
  "launch-credit-withdrawals": "Payees withdraw held payments from the launch",
  "nft-purchases": "Buyers pay the market for listed NFTs",
  royalties: "The market pays the ERC-2981 royalty to the token",
  "sale-proceeds": "The market pays sellers",
  "sale-proceeds-held": "A push to a seller failed: the market keeps it as the seller's credit",
  "market-withdrawals": "Sellers withdraw held proceeds from the market",
  "revenue-claims": "Holders claim revenue from the token",
  "burn-redemptions": "Holders burn tokens for a share of the redeem pool",
  "token-payouts-held": "A payout of the token failed (the holder refused it): the token keeps it as the holder's credit",
  "token-credit-withdrawals": "Holders (the launch included) withdraw held payouts from the token",
  "model-share-to-token": "Model fee credited to the model's token (receiverBps)",
  "model-share-to-owner": "Model fee credited to the model owner (the rest)",
  "protocol-fee": "Protocol fee accrued for the protocol treasury",
  "submitter-reward-escrow": "Submitter reward held in escrow until finality",
  "callback-gas-escrow": "Callback gas payment held in escrow until finality",
  "overpayment-refund": "Payment above the fee credited back to the payer",
  "expired-escrow-refund": "Escrow of an unanswered, expired request credited back to the requester",
  "submitter-reward-paid": "Submitter reward credited to the owner of the winning claim",
  "callback-gas-paid": "Callback gas payment credited to the owner of the winning claim",
  "bond-returned": "Bond of the winning claim credited back to its owner with the reward",
  "bond-to-winner": "Share of a defeated claim's bond credited to the owner of the claim that beat it",
  "bond-released": "Bond of an undefeated claim that did not win credited back to its owner (releaseBond)",
  "bond-slashed-burned": "Rest of a defeated claim's bond burned (kept forever by the oracle)",
  "bond-slashed-treasury": "Rest of a defeated claim's bond credited to the protocol treasury",
  "protocol-fees-collected": "Accrued protocol fees credited to the treasury",
  "revenue-to-claimable": "Token revenue split at a snapshot: claimable share",
  "revenue-to-redeem-pool": "Token revenue split at a snapshot: burn-redeem pool share",
  "unclaimed-rolled-forward": "Unclaimed revenue of a closed window rolled into the next snapshot",
  "unclaimed-to-redeem-pool": "Unclaimed revenue of a closed window moved to the redeem pool",
} as const;

export type FlowCategory = keyof typeof FLOW_CATEGORIES | `other:${string}`;

/** Position of a category in the report's order (unknown ones last, by name). */
export function categoryRank(category: string): number {
  const index = Object.keys(FLOW_CATEGORIES).indexOf(category);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}
