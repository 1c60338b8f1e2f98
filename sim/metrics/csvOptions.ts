import type { Options } from "csv-stringify";

/**
 * The CSV conventions of every table the project writes (run folder and report): a header line, `\n`
 * line ends, bigints in full, booleans as true/false, missing and non-finite numbers as empty cells.
 */
export function csvOptions(columns: readonly string[]): Options {
  return {
    header: true,
    columns: columns as string[],
    record_delimiter: "unix",
    cast: {
      bigint: (value) => value.toString(),
      boolean: (value) => (value ? "true" : "false"),
      number: (value) => (Number.isFinite(value) ? String(value) : ""),
    },
  };
}
