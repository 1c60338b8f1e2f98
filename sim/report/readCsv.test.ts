import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv, splitCsvLine } from "./readCsv.ts";

describe("readCsv", () => {
  it("splits quoted cells with commas, quotes and line breaks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "readcsv-"));
    const file = join(dir, "t.csv");
    writeFileSync(file, 'a,b,c\n1,"x,y",\n2,"say ""hi""","two\nlines"\n');
    const rows: Record<string, string>[] = [];
    await readCsv(file, (row) => rows.push({ ...row }));
    expect(rows).toEqual([
      { a: "1", b: "x,y", c: "" },
      { a: "2", b: 'say "hi"', c: "two\nlines" },
    ]);
  });

  it("reads a missing file as no rows", async () => {
    let n = 0;
    await readCsv("/nonexistent/file.csv", () => n++);
    expect(n).toBe(0);
    expect(splitCsvLine("a,,b")).toEqual(["a", "", "b"]);
  });
});
