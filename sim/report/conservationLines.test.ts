import { describe, expect, it } from "vitest";
import { conservationLines } from "./conservationLines.ts";

describe("conservationLines", () => {
  it("balances a contract to the wei and flags a mismatch", () => {
    const lines = conservationLines({ oracle: "7", token: "5" }, new Map([["oracle", 10n], ["token", 5n]]), new Map([["oracle", 3n], ["token", 1n]]));
    expect(lines.map((l) => [l.contract, l.ok, l.differenceWei])).toEqual([
      ["oracle", true, 0n],
      ["token", false, 1n],
    ]);
  });
});
