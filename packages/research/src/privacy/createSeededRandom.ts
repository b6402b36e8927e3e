import { xoroshiro128plus } from 'pure-rand';

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seedable uniform random source (xoroshiro128+ from `pure-rand`), for reproducible noise in
 * tests and audits. Each call to the returned function draws 53 random bits.
 * @param seed - any 32-bit integer
 */
export function createSeededRandom(seed: number): RandomSource {
  const generator = xoroshiro128plus(seed);
  return () => {
    const high = generator.unsafeNext() >>> 5; // 27 bits
    const low = generator.unsafeNext() >>> 6; // 26 bits
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  };
}

/**
 * A random source backed by the platform's cryptographic generator, for production noise (noise
 * from a predictable generator could be subtracted by whoever guesses the seed).
 */
export function createSecureRandom(): RandomSource {
  const buffer = new Uint32Array(2);
  return () => {
    globalThis.crypto.getRandomValues(buffer);
    const high = buffer[0]! >>> 5;
    const low = buffer[1]! >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  };
}
