/** Small numeric helpers shared by the generators. */

/** @returns the standard normal cumulative distribution at `x` (Zelen & Severo 26.2.17, error < 7.5e-8). */
export function getNormalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

/** @returns `value` limited to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** @returns `value` rounded to `digits` decimals (half away from zero is not needed: values are >= 0). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * @returns the key whose cumulative share first exceeds `u`, reading `shares` in order.
 * @param u - a probability in [0, 1).
 */
export function getQuantileKey<K extends string>(shares: readonly (readonly [K, number])[], u: number): K {
  const total = shares.reduce((sum, [, share]) => sum + share, 0);
  let cumulative = 0;
  for (const [key, share] of shares) {
    cumulative += share / total;
    if (u < cumulative) return key;
  }
  const last = shares[shares.length - 1];
  if (!last) throw new RangeError('getQuantileKey() needs at least one share');
  return last[0];
}
