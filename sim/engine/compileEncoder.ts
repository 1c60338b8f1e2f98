import { isAddress, toFunctionSelector, type AbiFunction, type Hex } from "viem";

/** Encodes a function's arguments into calldata; undefined when an argument is not one it takes (viem then does). */
export type CompiledEncoder = (args: readonly unknown[]) => Hex | undefined;

const WORD = 64;
const HEX = /^0x[0-9a-fA-F]*$/;
/** Addresses seen, and whether viem takes them (a mixed-case address must match its checksum): a run has few. */
const addressOk = new Map<string, boolean>();
function validAddress(value: string): boolean {
  let ok = addressOk.get(value);
  if (ok === undefined) {
    ok = isAddress(value, { strict: true });
    if (addressOk.size < 100_000) addressOk.set(value, ok);
  }
  return ok;
}

/** One argument's head word (static types), or its tail (bytes: length word and data padded to a word). */
type ParamEncoder = { dynamic: false; word(value: unknown): string | undefined } | { dynamic: true; tail(value: unknown): string | undefined };

function uintWord(bits: number): ParamEncoder {
  const limit = 1n << BigInt(bits);
  return {
    dynamic: false,
    word(value) {
      const v = typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : undefined;
      if (v === undefined || v < 0n || v >= limit) return undefined;
      return v.toString(16).padStart(WORD, "0");
    },
  };
}

function paramEncoder(type: string): ParamEncoder | undefined {
  const uint = /^uint(\d*)$/.exec(type);
  if (uint) return uintWord(uint[1] ? Number(uint[1]) : 256);
  if (type === "address") {
    return { dynamic: false, word: (value) => (typeof value === "string" && validAddress(value) ? value.slice(2).toLowerCase().padStart(WORD, "0") : undefined) };
  }
  if (type === "bool") return { dynamic: false, word: (value) => (typeof value === "boolean" ? (value ? "1" : "0").padStart(WORD, "0") : undefined) };
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const size = Number(fixed[1]) * 2;
    return { dynamic: false, word: (value) => (typeof value === "string" && value.length === size + 2 && HEX.test(value) ? value.slice(2).toLowerCase().padEnd(WORD, "0") : undefined) };
  }
  if (type === "bytes") {
    return {
      dynamic: true,
      tail(value) {
        if (typeof value !== "string" || value.length % 2 !== 0 || !HEX.test(value)) return undefined;
        const data = value.slice(2).toLowerCase();
        const padded = data.length % WORD === 0 ? data : data.padEnd(data.length + WORD - (data.length % WORD), "0");
        return (data.length / 2).toString(16).padStart(WORD, "0") + padded;
      },
    };
  }
  return undefined;
}

/**
 * An ABI encoder for a function whose parameters are all of the simple types (uintN, address, bool, bytesN,
 * bytes), built once from the ABI item: the same bytes as viem's `encodeFunctionData` (compileEncoder.test.ts
 * checks it on every such function of every contract) at a fraction of the time per call. Undefined for a
 * function with other parameter types (arrays, tuples, signed integers, strings), which viem encodes.
 */
export function compileEncoder(item: AbiFunction): CompiledEncoder | undefined {
  const params = item.inputs.map((input) => paramEncoder(input.type));
  if (params.some((p) => p === undefined)) return undefined;
  const encoders = params as ParamEncoder[];
  const selector = toFunctionSelector(item);
  const headSize = encoders.length * 32;
  return (args) => {
    if (args.length !== encoders.length) return undefined;
    let head = "";
    let tail = "";
    for (let i = 0; i < encoders.length; i++) {
      const encoder = encoders[i] as ParamEncoder;
      if (encoder.dynamic) {
        const part = encoder.tail(args[i]);
        if (part === undefined) return undefined;
        head += (headSize + tail.length / 2).toString(16).padStart(WORD, "0");
        tail += part;
      } else {
        const word = encoder.word(args[i]);
        if (word === undefined) return undefined;
        head += word;
      }
    }
    return `${selector}${head}${tail}` as Hex;
  };
}
