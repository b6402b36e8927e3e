import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * A seeded pseudo-random stream (xoroshiro128+ from `pure-rand`) with the few distributions the
 * generators need. Never uses `Math.random`: the same key always yields the same sequence.
 */
export class Random {
  private readonly generator: RandomGenerator;
  private spareNormal: number | undefined;

  private constructor(generator: RandomGenerator) {
    this.generator = generator;
  }

  /**
   * Creates a stream from any list of key parts (seed, territory, index, stream name...).
   * @param parts - joined with a separator that cannot occur in the parts' usual values, then hashed.
   * @returns an independent stream for that key.
   */
  public static fromKey(...parts: readonly (string | number)[]): Random {
    const state = hashToState(parts.map(String).join('\u001f'));
    return new Random(xoroshiro128plus.fromState(state));
  }

  /** @returns a float in [0, 1). */
  public float(): number {
    return (this.generator.unsafeNext() >>> 0) / 4294967296;
  }

  /** @returns a float in [min, max). */
  public uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** @returns an integer in [min, max], both included. */
  public int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** @returns true with probability `p`. */
  public chance(p: number): boolean {
    return this.float() < p;
  }

  /** @returns a standard normal deviate (Box-Muller, the spare value is kept for the next call). */
  public normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** @returns a log-normal deviate with the given median and log standard deviation. */
  public logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** @returns one element of a non-empty list, uniformly. */
  public pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  }

  /** @returns a key of `weights`, with probability proportional to its weight. */
  public weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let target = this.float() * total;
    for (const [key, weight] of entries) {
      target -= weight;
      if (target < 0) return key;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('weighted() needs at least one weight');
    return last[0];
  }
}

/** cyrb128: a small, well-mixed 128-bit string hash, used only to seed the generator. */
function hashToState(text: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const state = [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
  // xoroshiro128+ must not start from the all-zero state.
  if (!state.some((word) => word !== 0)) state[0] = 1;
  return state;
}
