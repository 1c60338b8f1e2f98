import type { Hex } from "viem";

/** `abi.encodePacked(int32[])` → numbers. */
export function decodeInts(bytes: Hex): number[] {
  const hex = bytes.slice(2);
  const out: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) out.push(Number.parseInt(hex.slice(i, i + 8), 16) | 0);
  return out;
}
