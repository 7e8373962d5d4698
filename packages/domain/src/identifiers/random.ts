/**
 * A source of random bytes, supplied by the caller so the domain package stays deterministic.
 * In production pass a cryptographic source, for example
 * `(n) => crypto.getRandomValues(new Uint8Array(n))`; in tests pass a seeded one.
 */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * A uniformly distributed integer in `[0, bound)`, drawn from `random` by rejection sampling so
 * that no value is more likely than another. Precondition: `bound` is an integer from 1 to 2^32.
 */
export function randomBelow(random: RandomBytes, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
    throw new RangeError(`bound must be an integer from 1 to 2^32, not ${bound}`);
  }
  // The largest multiple of `bound` that fits in 32 bits: values at or above it are rejected.
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const bytes = random(4);
    if (bytes.length < 4) throw new RangeError('The random source returned too few bytes');
    const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (value < limit) return value % bound;
  }
}

/**
 * A deterministic {@link RandomBytes} source for tests and fixtures (mulberry32, seeded). Never use
 * it for anything a person must not guess, such as access codes in production.
 */
export function seededRandomBytes(seed: number): RandomBytes {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = next() & 0xff;
    return out;
  };
}
