import { join } from "node:path";
import { createTableWriter, type Cell, type TableWriter } from "./createTableWriter.ts";

/**
 * The run folder's tables of off-chain usage, written only when the scenario has an `offchain` section (so a run
 * without it writes exactly the tables it always did). One row per epoch, per operator and period, per challenge
 * and per slash; reports/README.md explains every column.
 */
export const USAGE_TABLES = {
  usage_epochs: [
    "epoch",
    "time",
    "uses",
    "true_revenue_wei",
    "owed_wei",
    "reports",
    "paid_by_reports_wei",
    "lies_committed",
    "hidden_receipts",
    "hidden_revenue_wei",
    "checks",
    "refused_proofs",
    "challenges",
    "answered",
    "refunded",
    "slashes",
    "lies_detected",
    "missed_reports",
    "slashed_to_token_wei",
    "to_provers_wei",
    "burned_wei",
    "revenue_to_token_wei",
    "revenue_escrowed_wei",
    "escrow_wei",
    "bonded_wei",
    "serving_operators",
  ],
  usage_periods: [
    "period",
    "operator",
    "role",
    "uses",
    "true_revenue_wei",
    "owed_wei",
    "reported",
    "report_time",
    "reported_count",
    "reported_total_wei",
    "paid_wei",
    "hidden_receipts",
    "hidden_revenue_wei",
    "checks",
    "refused_proofs",
    "slashed_to_token_wei",
    "slashed_for",
  ],
  usage_challenges: ["digest", "operator", "operator_role", "challenger", "challenger_role", "period", "sequence", "asked_first", "opened_time", "deadline", "outcome", "answerer", "ended_time"],
  usage_slashes: ["epoch", "time", "block", "operator", "operator_role", "lie", "prover", "prover_role", "evidence_period", "bond_wei", "to_token_wei", "to_prover_wei", "burned_wei"],
} as const;

export type UsageTable = keyof typeof USAGE_TABLES;
export type UsageRow<K extends UsageTable> = Record<(typeof USAGE_TABLES)[K][number], Cell>;

export type UsageRecorder = {
  write<K extends UsageTable>(table: K, row: UsageRow<K>): void;
  counts(): Record<UsageTable, number>;
  close(): Promise<void>;
};

/** Streams the usage tables to `dir`. */
export function createUsageRecorder(dir: string): UsageRecorder {
  const writers = Object.fromEntries(Object.entries(USAGE_TABLES).map(([name, columns]) => [name, createTableWriter<Record<string, Cell>>(join(dir, `${name}.csv`), columns)])) as Record<UsageTable, TableWriter<Record<string, Cell>>>;
  return {
    write(table, row) {
      writers[table].write(row);
    },
    counts: () => Object.fromEntries(Object.entries(writers).map(([name, w]) => [name, w.rows])) as Record<UsageTable, number>,
    async close() {
      await Promise.all(Object.values(writers).map((w) => w.close()));
    },
  };
}
