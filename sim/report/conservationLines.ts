/** One contract's ETH books: what flowed in, what flowed out, and what it holds at the end. */
export type ConservationLine = { contract: string; inWei: bigint; outWei: bigint; inMinusOutWei: bigint; finalBalanceWei: bigint; differenceWei: bigint; ok: boolean };

/** ETH in − ETH out of each contract, from the eth flow rows, against its final balance in metadata.json, to the wei. */
export function conservationLines(finalBalancesWei: Readonly<Record<string, string>>, ethIn: ReadonlyMap<string, bigint>, ethOut: ReadonlyMap<string, bigint>): ConservationLine[] {
  return Object.keys(finalBalancesWei)
    .sort()
    .map((contract) => {
      const inWei = ethIn.get(contract) ?? 0n;
      const outWei = ethOut.get(contract) ?? 0n;
      const finalBalanceWei = BigInt(finalBalancesWei[contract] ?? "0");
      const differenceWei = finalBalanceWei - (inWei - outWei);
      return { contract, inWei, outWei, inMinusOutWei: inWei - outWei, finalBalanceWei, differenceWei, ok: differenceWei === 0n };
    });
}
