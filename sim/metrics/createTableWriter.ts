import { createWriteStream, type WriteStream } from "node:fs";
import { stringify, type Stringifier } from "csv-stringify";
import { csvOptions } from "./csvOptions.ts";

export type Cell = string | number | bigint | boolean | null | undefined;

export type TableWriter<Row extends Record<string, Cell>> = {
  /** Appends one row; it is streamed to disk, never held. */
  write(row: Row): void;
  /** Rows written so far. */
  readonly rows: number;
  /** Flushes and closes the file. */
  close(): Promise<void>;
};

/**
 * Streams rows of a fixed set of columns to a CSV file (tidy, long format, a header line, `\n` line
 * ends). Bigints are written in full, booleans as true/false, missing values as empty cells.
 */
export function createTableWriter<Row extends Record<string, Cell>>(path: string, columns: readonly (keyof Row & string)[]): TableWriter<Row> {
  const file: WriteStream = createWriteStream(path, { encoding: "utf8" });
  const csv: Stringifier = stringify(csvOptions(columns));
  csv.pipe(file);
  let rows = 0;
  let failure: Error | undefined;
  csv.on("error", (error) => {
    failure = error;
  });
  file.on("error", (error) => {
    failure = error;
  });
  return {
    write(row) {
      if (failure) throw failure;
      csv.write(row);
      rows++;
    },
    get rows() {
      return rows;
    },
    close() {
      return new Promise((resolve, reject) => {
        file.once("finish", () => (failure ? reject(failure) : resolve()));
        file.once("error", reject);
        csv.end();
      });
    },
  };
}
