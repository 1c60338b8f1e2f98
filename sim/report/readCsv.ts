import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";

export type CsvRow = Readonly<Record<string, string>>;

/**
 * Streams a CSV file written by the run's table writer (a header line, `\n` line ends, RFC 4180 quoting)
 * and calls `onRow` once per row with the cells keyed by column name. Nothing but the current line is held,
 * so a run of any size is read in constant memory. A missing file reads as no rows.
 */
export async function readCsv(path: string, onRow: (row: CsvRow) => void): Promise<void> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Number.POSITIVE_INFINITY });
  let header: string[] | undefined;
  let pending = "";
  for await (const line of lines) {
    const text = pending === "" ? line : `${pending}\n${line}`;
    // A quoted cell may hold a line break: keep reading until the quotes balance.
    if (countQuotes(text) % 2 === 1) {
      pending = text;
      continue;
    }
    pending = "";
    if (text === "") continue;
    const cells = splitCsvLine(text);
    if (header === undefined) {
      header = cells;
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((column, i) => {
      row[column] = cells[i] ?? "";
    });
    onRow(row);
  }
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** Splits one CSV record into cells, undoing RFC 4180 quoting. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
