/** The token's share of `total` paid with a report: `floor(total · shareBps / 10000)`, as the ledger computes it. */
export function owedToToken(total: bigint, shareBps: number | bigint): bigint {
  return (total * BigInt(shareBps)) / 10_000n;
}
