import fc from "fast-check";
import { encodeFunctionData, getAddress, type Abi, type AbiFunction, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { erc20Abi, routerAbi } from "../market/uniswap.ts";
import { fcParams } from "../testing/fcParams.ts";
import { compileEncoder } from "./compileEncoder.ts";

const abis: [string, Abi][] = [...Object.entries(contractAbis as Record<string, Abi>), ["erc20", erc20Abi as Abi], ["router", routerAbi as Abi]];

/** Every function of every contract the simulator calls, with its name counted once (overloads are viem's). */
const functions = abis.flatMap(([contract, abi]) => {
  const items = abi.filter((item): item is AbiFunction => item.type === "function");
  return items.filter((item) => items.filter((other) => other.name === item.name).length === 1).map((item) => ({ contract, abi, item }));
});

const hex = (bytes: fc.Arbitrary<Uint8Array>) => bytes.map((b) => `0x${Buffer.from(b).toString("hex")}` as Hex);

function arbitraryOf(type: string): fc.Arbitrary<unknown> {
  const uint = /^uint(\d*)$/.exec(type);
  if (uint) return fc.bigInt({ min: 0n, max: (1n << BigInt(uint[1] ? Number(uint[1]) : 256)) - 1n });
  if (type === "address") return hex(fc.uint8Array({ minLength: 20, maxLength: 20 })).chain((a) => fc.constantFrom(a, getAddress(a)));
  if (type === "bool") return fc.boolean();
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) return hex(fc.uint8Array({ minLength: Number(fixed[1]), maxLength: Number(fixed[1]) }));
  if (type === "bytes") return hex(fc.uint8Array({ maxLength: 200 }));
  throw new Error(`no arbitrary for ${type}`);
}

describe("compileEncoder", () => {
  const compiled = functions.flatMap((f) => {
    const encoder = compileEncoder(f.item);
    return encoder ? [{ ...f, encoder }] : [];
  });

  it("compiles the functions the simulator sends most (submit, requestCallback, bisect, respond, list, buy)", () => {
    const names = new Set(compiled.map((f) => `${f.contract}.${f.item.name}`));
    for (const name of ["OpmlOracle.submit", "OpmlOracle.requestCallback", "BisectionGame.bisect", "BisectionGame.respond", "RoyaltyMarket.list", "RoyaltyMarket.buy"]) expect(names, name).toContain(name);
  });

  it("writes the same calldata as viem for every compiled function of every contract, whatever the arguments", () => {
    for (const { abi, item, encoder } of compiled) {
      fc.assert(
        fc.property(fc.tuple(...item.inputs.map((input) => arbitraryOf(input.type))), (args) => {
          expect(encoder(args), `${item.name}(${args.join(", ")})`).toBe(encodeFunctionData({ abi, functionName: item.name, args } as never));
        }),
        fcParams(40),
      );
    }
  });

  it("takes no argument viem would refuse: out of range, wrong type or length (then viem encodes, and says what is wrong)", () => {
    const one = (type: string) => compileEncoder({ type: "function", name: "f", inputs: [{ name: "x", type }], outputs: [], stateMutability: "nonpayable" });
    expect(one("uint64")?.([1n << 64n])).toBeUndefined();
    expect(one("uint256")?.([-1n])).toBeUndefined();
    expect(one("uint256")?.([1.5])).toBeUndefined();
    expect(one("address")?.(["0x1234"])).toBeUndefined();
    // Mixed case that is not the checksum.
    expect(one("address")?.(["0x0000000000000000000000000000000000009a0B"])).toBeUndefined();
    expect(one("bytes32")?.(["0x12"])).toBeUndefined();
    expect(one("bytes")?.(["0x123"])).toBeUndefined();
    expect(one("bytes")?.(["0xzz"])).toBeUndefined();
    expect(one("bool")?.([1])).toBeUndefined();
    expect(one("uint256")?.([])).toBeUndefined();
    expect(one("string")).toBeUndefined();
    expect(one("int256")).toBeUndefined();
    expect(one("uint256[]")).toBeUndefined();
  });
});
