import { checksumAddress, decodeAbiParameters, hexToString, type AbiParameter, type Hex } from "viem";

/**
 * Decodes ABI-encoded values (a log's data, or one topic) exactly as viem's `decodeAbiParameters` does, for the
 * types events carry: integers (a number up to 48 bits, a bigint above, as viem), addresses (checksummed), bools,
 * fixed bytes, `bytes`, `string`, and tuples of static types. Anything else (arrays, dynamic tuples) goes to viem.
 * Events are most of what the simulator decodes, and viem's general decoder (bytes arrays, cursors) was its
 * largest cost per block; this one reads the hex string in place. `world/compileDecoder.test.ts` checks it against
 * viem on every event of every contract.
 */
export type ParametersDecoder = (hex: Hex) => readonly unknown[];

type WordDecoder = (hex: string, at: number) => unknown;

const WORD = 64;

/** Reads the value of one static parameter whose head starts at hex character `at` (no "0x"). */
function staticDecoder(parameter: AbiParameter): WordDecoder | undefined {
  const type = parameter.type;
  const integer = /^(u?)int(\d*)$/.exec(type);
  if (integer) {
    const signed = integer[1] === "";
    const bits = Number(integer[2] || "256");
    const big = bits > 48;
    return (hex, at) => {
      const word = hex.slice(at, at + WORD);
      let value = BigInt(`0x${word}`);
      if (signed && value >= 1n << 255n) value -= 1n << 256n;
      return big ? value : Number(value);
    };
  }
  if (type === "address") return (hex, at) => checksumAddress(`0x${hex.slice(at + 24, at + WORD)}`);
  if (type === "bool") return (hex, at) => hex.slice(at, at + WORD) !== "0".repeat(WORD);
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const size = Number(fixed[1]);
    return (hex, at) => `0x${hex.slice(at, at + 2 * size)}`;
  }
  if (type === "tuple") {
    const components = (parameter as { components?: readonly AbiParameter[] }).components ?? [];
    const parts = components.map((c) => staticDecoder(c));
    if (parts.some((p) => p === undefined)) return undefined;
    const named = components.length > 0 && components.every((c) => c.name);
    const offsets: number[] = [];
    let size = 0;
    for (const c of components) {
      offsets.push(size);
      size += staticWords(c) * WORD;
    }
    return (hex, at) => {
      const values = parts.map((part, k) => (part as WordDecoder)(hex, at + (offsets[k] as number)));
      return named ? Object.fromEntries(components.map((c, k) => [c.name as string, values[k]])) : values;
    };
  }
  return undefined;
}

/** Words a static parameter takes in the head (a static tuple takes one per component). */
function staticWords(parameter: AbiParameter): number {
  if (parameter.type !== "tuple") return 1;
  return ((parameter as { components?: readonly AbiParameter[] }).components ?? []).reduce((n, c) => n + staticWords(c), 0);
}

/** `bytes` or `string`: the head holds the offset of a length word, then the content. */
function dynamicDecoder(parameter: AbiParameter): WordDecoder | undefined {
  if (parameter.type !== "bytes" && parameter.type !== "string") return undefined;
  const asString = parameter.type === "string";
  return (hex, at) => {
    const offset = Number.parseInt(hex.slice(at, at + WORD), 16) * 2;
    const length = Number.parseInt(hex.slice(offset, offset + WORD), 16) * 2;
    const content = `0x${hex.slice(offset + WORD, offset + WORD + length)}` as Hex;
    return asString ? hexToString(content) : content;
  };
}

/** A decoder for `parameters` (in order), or viem's own where a parameter is of a type this one leaves to it. */
export function compileDecoder(parameters: readonly AbiParameter[]): ParametersDecoder {
  const readers: { read: WordDecoder; at: number }[] = [];
  let head = 0;
  for (const parameter of parameters) {
    const read = staticDecoder(parameter) ?? dynamicDecoder(parameter);
    if (!read) return (hex) => decodeAbiParameters(parameters, hex);
    readers.push({ read, at: head });
    head += (dynamicDecoder(parameter) ? 1 : staticWords(parameter)) * WORD;
  }
  return (hex) => {
    const body = hex.slice(2);
    // SAFETY: data shorter than its head is malformed; viem's decoder says why.
    if (body.length < head) return decodeAbiParameters(parameters, hex);
    return readers.map(({ read, at }) => read(body, at));
  };
}
