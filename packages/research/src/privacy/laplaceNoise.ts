import { ResearchError } from '../ResearchError.ts';
import type { RandomSource } from './createSeededRandom.ts';

/**
 * Draws one sample of Laplace(0, scale) noise by inverse transform sampling. Its mean is 0 and its
 * variance 2·scale². For epsilon-differential privacy, scale = sensitivity / epsilon.
 * @param scale - the scale b > 0 (0 gives no noise)
 * @param random - uniform source in [0, 1), e.g. {@link createSeededRandom} or {@link createSecureRandom}
 * @throws ResearchError `invalid-parameter` when scale is negative or not finite
 */
export function laplaceNoise(scale: number, random: RandomSource): number {
  if (!Number.isFinite(scale) || scale < 0) {
    throw new ResearchError('invalid-parameter', `The Laplace scale must be a finite number >= 0, got ${scale}.`);
  }
  if (scale === 0) return 0;
  for (;;) {
    const u = random() - 0.5;
    const tail = 1 - 2 * Math.abs(u);
    // u = -0.5 would give log(0); draw again (probability 2^-53).
    if (tail > 0) return -scale * Math.sign(u) * Math.log(tail);
  }
}
