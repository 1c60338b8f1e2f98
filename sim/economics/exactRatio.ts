/**
 * A finite non-negative double as an exact fraction of integers: `[numerator, denominator]`, with the
 * denominator a power of two, in lowest terms. Every double is m × 2^e exactly, so a decision that compares a probability
 * (a belief, a double) with amounts of wei (bigints) can be made without rounding either side.
 */
export function exactRatio(x: number): readonly [bigint, bigint] {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`a probability or ratio must be a finite number >= 0, got ${x}`);
  if (x === 0) return [0n, 1n];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Normal numbers carry an implicit leading 1; subnormal ones have exponent bits 0 and scale 2^-1074.
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  if (exponent >= 0) return [mantissa << BigInt(exponent), 1n];
  // In lowest terms: take the factors of two out of the mantissa.
  let numerator = mantissa;
  let shift = -exponent;
  while (shift > 0 && (numerator & 1n) === 0n) {
    numerator >>= 1n;
    shift--;
  }
  return [numerator, 1n << BigInt(shift)];
}
