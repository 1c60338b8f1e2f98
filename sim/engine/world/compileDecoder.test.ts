import fc from "fast-check";
import { bytesToHex, decodeAbiParameters, decodeEventLog, encodeAbiParameters, encodeEventTopics, type Abi, type AbiEvent, type AbiParameter, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { contractAbis, type ContractName } from "../../chain/contracts.ts";
import { fcParams } from "../../testing/fcParams.ts";
import { compileDecoder } from "./compileDecoder.ts";
import { createLogDecoder } from "./createLogDecoder.ts";

/** A value of an ABI type, as viem's encoder takes it. */
function valueOf(parameter: AbiParameter): fc.Arbitrary<unknown> {
  const type = parameter.type;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = valueOf({ ...parameter, type: array[1] as string } as AbiParameter);
    const length = array[2] === "" ? undefined : Number(array[2]);
    return fc.array(inner, length === undefined ? { maxLength: 3 } : { minLength: length, maxLength: length });
  }
  const integer = /^(u?)int(\d*)$/.exec(type);
  if (integer) {
    const bits = BigInt(integer[2] || "256");
    return integer[1] === "u" ? fc.bigInt(0n, (1n << bits) - 1n) : fc.bigInt(-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n);
  }
  if (type === "address") return fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b) as Address);
  if (type === "bool") return fc.boolean();
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) return fc.uint8Array({ minLength: Number(fixed[1]), maxLength: Number(fixed[1]) }).map((b) => bytesToHex(b));
  if (type === "bytes") return fc.uint8Array({ maxLength: 80 }).map((b) => bytesToHex(b));
  if (type === "string") return fc.string({ maxLength: 40 });
  if (type === "tuple") {
    const components = (parameter as { components: readonly AbiParameter[] }).components;
    return fc.tuple(...components.map(valueOf)).map((values) => (components.every((c) => c.name) ? Object.fromEntries(components.map((c, k) => [c.name, values[k]])) : values));
  }
  throw new Error(`no arbitrary for ${type}`);
}

const events = (Object.keys(contractAbis) as ContractName[]).flatMap((contract) =>
  (contractAbis[contract] as Abi).filter((item): item is AbiEvent => item.type === "event").map((event) => ({ contract, event })),
);

describe("compileDecoder", () => {
  it("decodes every event of every contract as viem does (random arguments, encoded by viem)", () => {
    expect(events.length).toBeGreaterThan(40);
    const decoderAddress: Address = "0x00000000000000000000000000000000000000aa";
    for (const { contract, event } of events) {
      const decode = createLogDecoder([[decoderAddress, contract]]);
      fc.assert(
        fc.property(fc.tuple(...event.inputs.map((input) => valueOf(input as AbiParameter))), (values) => {
          const args = Object.fromEntries(event.inputs.map((input, k) => [input.name as string, values[k]]));
          const topics = encodeEventTopics({ abi: [event], eventName: event.name, args } as never) as Hex[];
          const plain = event.inputs.filter((input) => !input.indexed) as AbiParameter[];
          const data = encodeAbiParameters(plain, plain.map((input) => args[input.name as string]) as never);
          const expected = decodeEventLog({ abi: [event], topics: topics as [Hex, ...Hex[]], data });
          const decoded = decode({ address: decoderAddress, topics, data, blockNumber: 1n } as never, 0);
          expect(decoded?.name).toBe(expected.eventName);
          // An event without arguments: viem says undefined, the world event carries {}.
          expect(decoded?.args).toEqual(expected.args ?? {});
        }),
        fcParams(20),
      );
    }
  });

  it("falls back to viem for arrays and dynamic tuples, and reads numbers of 48 bits or fewer as numbers", () => {
    const parameters: AbiParameter[] = [
      { name: "a", type: "uint48" },
      { name: "b", type: "int8" },
      { name: "c", type: "uint256[]" },
    ];
    const data = encodeAbiParameters(parameters, [2n ** 48n - 1n, -3, [1n, 2n]]);
    expect(compileDecoder(parameters)(data)).toEqual(decodeAbiParameters(parameters, data));
    expect(compileDecoder(parameters.slice(0, 2))(data)).toEqual([2 ** 48 - 1, -3]);
    // Integers at their bounds, which random values seldom hit.
    const bounds: AbiParameter[] = [
      { name: "a", type: "int256" },
      { name: "b", type: "int256" },
      { name: "c", type: "uint256" },
      { name: "d", type: "int8" },
      { name: "e", type: "int48" },
      { name: "f", type: "int56" },
    ];
    const extremes = encodeAbiParameters(bounds, [-(2n ** 255n), 2n ** 255n - 1n, 2n ** 256n - 1n, -128, -(2 ** 47), -(2n ** 55n)]);
    expect(compileDecoder(bounds)(extremes)).toEqual(decodeAbiParameters(bounds, extremes));
    expect(compileDecoder(bounds)(extremes)).toEqual([-(2n ** 255n), 2n ** 255n - 1n, 2n ** 256n - 1n, -128, -(2 ** 47), -(2n ** 55n)]);
  });
});
