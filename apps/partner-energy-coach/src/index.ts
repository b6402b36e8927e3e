import { startPartnerApp, type RunningPartnerApp, type StartPartnerAppOptions } from '@sdt/partner-sdk';
import { ENERGY_ABOUT } from './about.ts';
import { computeEnergyAdvice } from './compute.ts';
import { ENERGY_COACH_DESCRIPTION } from './description.ts';
import type { EnergyAdvice } from './rules.ts';

export * from './rules.ts';
export { ENERGY_COACH_DESCRIPTION } from './description.ts';
export { computeEnergyAdvice } from './compute.ts';

/** Default port of the service. */
export const ENERGY_COACH_PORT = 3202;

/** Starts the energy coach (see `startPartnerApp` for the options). */
export function startEnergyCoach(
  options: Partial<Omit<StartPartnerAppOptions<EnergyAdvice>, 'description' | 'compute'>> = {},
): Promise<RunningPartnerApp> {
  return startPartnerApp({
    port: ENERGY_COACH_PORT,
    ...options,
    description: ENERGY_COACH_DESCRIPTION,
    compute: computeEnergyAdvice,
    about: ENERGY_ABOUT,
  });
}
