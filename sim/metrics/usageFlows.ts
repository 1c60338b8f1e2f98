import type { Address } from "viem";
import type { WorldEvent } from "../engine/world/types.ts";
import type { FlowRow } from "./createRecorder.ts";

/**
 * Flow rows the usage ledger's events imply. ETH moves out of the ledger as revenue to the model's receiver (the
 * token), bonds withdrawn and credits withdrawn (`eth` rows); ETH moves in with transactions (`register`, `report`,
 * `challengeReceipt`, `addBond`), which the turn's recorder writes from their value. A slash's split and escrowed
 * revenue are bookkeeping inside the ledger (`credit` rows): the token's part then leaves as a `RevenuePaid`.
 */
export function usageFlowsOf(event: WorldEvent, epoch: number, ledger: Address | undefined, nameOf: (a: Address | undefined) => string): FlowRow[] {
  const a = event.args;
  const rows: FlowRow[] = [];
  const row = (movement: "eth" | "credit", kind: string, from: Address | undefined, to: Address | undefined, amount: bigint): void => {
    if (amount === 0n) return;
    rows.push({ epoch, block: event.blockNumber, time: event.time, movement, kind, from: nameOf(from), to: nameOf(to), amount_wei: amount, request_id: undefined, from_address: from, to_address: to });
  };
  switch (event.name) {
    case "RevenuePaid":
      row("eth", a.fromEscrow ? "usage-escrow-flushed" : "usage-revenue-paid", ledger, a.receiver as Address, a.amount as bigint);
      break;
    case "RevenueEscrowed":
      row("credit", "usage-revenue-escrowed", ledger, ledger, a.amount as bigint);
      break;
    case "OperatorSlashed": {
      row("credit", "usage-slash-to-token", a.operator as Address, ledger, a.toToken as bigint);
      row("credit", "usage-slash-to-prover", a.operator as Address, a.prover as Address, a.toProver as bigint);
      row("credit", "usage-slash-burned", a.operator as Address, undefined, a.burned as bigint);
      break;
    }
    case "BondWithdrawn":
      row("eth", "usage-bond-withdrawn", ledger, a.operator as Address, a.amount as bigint);
      break;
    case "Withdrawn":
      row("eth", "usage-credit-withdrawn", ledger, a.account as Address, a.amount as bigint);
      break;
  }
  return rows;
}
