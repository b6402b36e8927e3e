import type { Territory } from '@sdt/vocab';

/** Login and pod of a seeded citizen on its territory's pod server. */
export interface CitizenAccount {
  email: string;
  password: string;
  podName: string;
}

/**
 * @returns the account of synthetic citizen `index`: `citizen-0042@lyon.example`, pod `citizen-0042`,
 * password `synth-lyon-0042` (demo-only credentials, derived so that re-seeding is idempotent).
 */
export function getSyntheticAccount(territory: Territory, index: number): CitizenAccount {
  const number = String(index).padStart(4, '0');
  return {
    email: `citizen-${number}@${territory}.example`,
    password: `synth-${territory}-${number}`,
    podName: `citizen-${number}`,
  };
}

/** @returns the demo citizen's account: `demo@<territory>.example`, password `demo-citizen`, pod `demo`. */
export function getDemoAccount(territory: Territory): CitizenAccount {
  return { email: `demo@${territory}.example`, password: 'demo-citizen', podName: 'demo' };
}
