import { describe, expect, it } from "vitest";
import { burnFloor } from "./burnFloor.ts";

const row = (listed: boolean, price: bigint, redeem: bigint) => ({ listed: String(listed), price_wei_per_token: price.toString(), redeem_wei_per_token: redeem.toString() });

describe("burnFloor", () => {
  it("counts listed epochs whose price is below the redeem value beyond the tolerance", () => {
    const rows = [row(false, 0n, 0n), row(true, 100n, 0n), row(true, 100n, 100n), row(true, 98n, 100n), row(true, 50n, 100n), row(true, 200n, 100n)];
    const f = burnFloor(rows, 300);
    expect(f.epochs).toBe(4);
    expect(f.belowFloor).toBe(1); // 98 is within 3 %, 50 is not
    expect(f.shareBelow).toBe(0.25);
    expect(f.minRatio).toBe(0.5);
    expect(f.medianRatio).toBe(0.99);
    expect(f.finalRatio).toBe(2);
  });
});
