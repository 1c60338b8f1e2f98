import { createKeccak } from 'hash-wasm'
import { bytesToHex, type Hex } from 'viem'

export const INT32_MIN = -0x80000000
export const INT32_MAX = 0x7fffffff
/** int32 words per 32-byte Merkle leaf. */
export const LANES = 8

export function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
}

export function clampInt32(v: bigint): number {
  if (v > BigInt(INT32_MAX)) return INT32_MAX
  if (v < BigInt(INT32_MIN)) return INT32_MIN
  return Number(v)
}

// keccak-256 in WebAssembly: about ten times faster than the JavaScript one on small inputs, and the
// VM hashes a Merkle path per step, so it matters for the simulator's throughput.
const hasher = await createKeccak(256)

export function keccak(bytes: Uint8Array): Uint8Array {
  hasher.init()
  hasher.update(bytes)
  return hasher.digest('binary')
}

/** keccak-256 as a 0x-prefixed hex string (what viem's keccak256 returns). */
export function keccakHex(bytes: Uint8Array): Hex {
  return bytesToHex(keccak(bytes))
}

/** Packs int32 words big-endian, 4 bytes each (abi.encodePacked(int32[])). */
export function packWords(words: ArrayLike<number>, padToLeaves = false): Uint8Array {
  const length = padToLeaves ? Math.ceil(words.length / LANES) * 32 : words.length * 4
  const out = new Uint8Array(length)
  const view = new DataView(out.buffer)
  for (let i = 0; i < words.length; i++) view.setInt32(4 * i, words[i] as number, false)
  return out
}

export function unpackWords(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(view.getInt32(i, false))
  return out
}

/** 32-byte big-endian two's complement of an int256. */
export function int256Bytes(v: bigint): Uint8Array {
  let x = BigInt.asUintN(256, v)
  const out = new Uint8Array(32)
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let x = 0n
  for (const b of bytes) x = (x << 8n) | BigInt(b)
  return x
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
