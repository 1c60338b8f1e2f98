import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { csvOptions } from "../metrics/csvOptions.ts";

export type TableCell = string | number | bigint | boolean | null | undefined;

/** Writes rows as a tidy CSV table with a header line and `\n` line ends (same conventions as the run's tables). */
export function writeCsvTable(path: string, columns: readonly string[], rows: readonly Record<string, TableCell>[]): void {
  const text = stringify(rows as Record<string, unknown>[], csvOptions(columns));
  writeFileSync(path, text.length === 0 ? `${columns.join(",")}\n` : text);
}
