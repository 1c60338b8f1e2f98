import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTableWriter } from "./createTableWriter.ts";

describe("createTableWriter", () => {
  it("streams rows with a header, full bigints, booleans and empty cells", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "table-")), "t.csv");
    const writer = createTableWriter<{ epoch: number; wei: bigint; ok: boolean; note: string | undefined }>(path, ["epoch", "wei", "ok", "note"]);
    writer.write({ epoch: 1, wei: 123456789012345678901234567890n, ok: true, note: undefined });
    writer.write({ epoch: 2, wei: 0n, ok: false, note: "a, \"quoted\" note" });
    expect(writer.rows).toBe(2);
    await writer.close();
    expect(readFileSync(path, "utf8")).toBe(
      'epoch,wei,ok,note\n1,123456789012345678901234567890,true,\n2,0,false,"a, ""quoted"" note"\n',
    );
  });
});

describe("createTableWriter with no rows", () => {
  it("still writes the header", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "table-")), "empty.csv");
    const writer = createTableWriter<{ a: number; b: number }>(path, ["a", "b"]);
    await writer.close();
    expect(readFileSync(path, "utf8")).toBe("a,b\n");
  });
});
