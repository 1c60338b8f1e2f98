import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { MARKET_TABLES, TABLES } from "../metrics/createRecorder.ts";
import { USAGE_TABLES } from "../metrics/usageTables.ts";

/** What metadata.json records of each table: its data rows (the header aside) and the sha256 of its bytes. */
export type RunFileRecord = { rows: number; sha256: string };

/** The tables every run writes, by file name. */
export const RUN_TABLE_FILES: readonly string[] = Object.keys(TABLES).map((table) => `${table}.csv`);

/** The tables a run writes only with a feature: off-chain usage (the scenario's `offchain` section), the token's market (`market.enabled`). */
export const FEATURE_TABLE_FILES: readonly string[] = [...Object.keys(USAGE_TABLES), ...Object.keys(MARKET_TABLES)].map((table) => `${table}.csv`);

/** Reads a file in 1 MiB chunks (runs write tens of MB), calling `onChunk` with each. */
function eachChunk(path: string, onChunk: (chunk: Buffer) => void): void {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      onChunk(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

export function sha256File(path: string): string {
  const hash = createHash("sha256");
  eachChunk(path, (chunk) => hash.update(chunk));
  return hash.digest("hex");
}

export type CsvShape = {
  /** Complete records after the header (a quoted cell may hold a line break). */
  rows: number;
  /** False when the last record has no line end: the file was cut mid-line. */
  endsWithNewline: boolean;
  /** 1-based record numbers (header = 0) whose cell count differs from the header's; at most 5. */
  ragged: number[];
};

/**
 * Counts the records of a CSV file as the run's table writer writes them (`\n` line ends, RFC 4180 quotes),
 * and notes whether it ends mid-line and which records have the wrong number of cells.
 */
export function csvShape(path: string): CsvShape {
  let quoted = false;
  let records = 0;
  let cells = 1;
  let headerCells = -1;
  let last = 0x0a;
  let pending = false;
  const ragged: number[] = [];
  eachChunk(path, (chunk) => {
    for (const byte of chunk) {
      pending = true;
      if (byte === 0x22) quoted = !quoted;
      else if (!quoted && byte === 0x2c) cells++;
      else if (!quoted && byte === 0x0a) {
        if (headerCells < 0) headerCells = cells;
        else if (cells !== headerCells && ragged.length < 5) ragged.push(records);
        records++;
        cells = 1;
        pending = false;
      }
      last = byte;
    }
  });
  return { rows: Math.max(0, records - 1), endsWithNewline: last === 0x0a && !pending, ragged };
}

/** The record of every table of a run folder, for metadata.json (keyed by file name, in the tables' order). */
export function describeRunFiles(dir: string): Record<string, RunFileRecord> {
  const files: Record<string, RunFileRecord> = {};
  for (const file of [...RUN_TABLE_FILES, ...FEATURE_TABLE_FILES]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    files[file] = { rows: csvShape(path).rows, sha256: sha256File(path) };
  }
  return files;
}
