/**
 * The seeded random generator: the only source of randomness agents may use.
 *
 * xoshiro128** (Blackman and Vigna), seeded through splitmix32. `fork(label)` derives an independent
 * stream from the parent's seed and a label, so giving each agent its own stream means adding or
 * removing one agent does not change what the others draw.
 */
export type Rng = {
  /** The seed this stream was created from (for the run's metadata). */
  readonly seed: string;
  /** A float in [0, 1) with 32 bits of randomness. */
  float(): number;
  /** An integer in [min, max] (inclusive), unbiased. */
  int(min: number, max: number): number;
  /** True with probability p. */
  bool(p: number): boolean;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** A Poisson-distributed count with mean lambda (Knuth for small lambda, normal approximation above 500). */
  poisson(lambda: number): number;
  /** A standard normal draw (Box-Muller). */
  normal(): number;
  /** An exponential draw with the given mean. */
  exponential(mean: number): number;
  /** An independent stream named by `label`. */
  fork(label: string): Rng;
  /**
   * Moves the stream on by `count` 32-bit draws, as `count` calls of `float` would (one `normal` takes two): for a
   * value a policy must draw, to keep what follows the same, but does not use.
   */
  skip(count: number): void;
};

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units of a string: turns seeds and labels into 32-bit numbers. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * xoshiro128** state and draws as a class: its methods live once on the prototype, so `fork` (called for every
 * agent every turn, and for many decisions) allocates one small object, not a dozen closures.
 */
class Xoshiro implements Rng {
  readonly seed: string;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seedText: string) {
    this.seed = seedText;
    const init = splitmix32(hash32(seedText));
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  float(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`rng.int needs whole numbers min <= max, got ${min} and ${max}`);
    }
    const span = max - min + 1;
    if (span > 0x1_0000_0000) {
      // Two draws for spans above 32 bits (up to 2^53).
      return min + Math.floor(((this.nextUint32() * 0x1_0000_0000 + this.nextUint32()) / 2 ** 64) * span);
    }
    // Rejection sampling keeps the draw unbiased.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % span);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return min + (x % span);
  }

  bool(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("rng.pick needs a non-empty array");
    return items[this.int(0, items.length - 1)] as T;
  }

  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`rng.poisson needs lambda >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  fork(label: string): Rng {
    return new Xoshiro(`${this.seed}/${label}`);
  }

  skip(count: number): void {
    for (let i = 0; i < count; i++) this.nextUint32();
  }
}

export function createRng(seed: number | string): Rng {
  return new Xoshiro(String(seed));
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
