import fc from "fast-check";
import { encodePacked } from "viem";
import { describe, expect, it } from "vitest";
import { fcParams } from "../../testing/fcParams.ts";
import { decodeInts } from "./decodeInts.ts";

describe("decodeInts", () => {
  it("reads back what abi.encodePacked(int32[]) wrote", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 20 }), (values) => {
        expect(decodeInts(encodePacked(values.map(() => "int32"), values))).toEqual(values);
      }),
      fcParams(200),
    );
  });
});
