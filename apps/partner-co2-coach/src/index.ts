import { startPartnerApp, type RunningPartnerApp, type StartPartnerAppOptions } from '@sdt/partner-sdk';
import { CO2_ABOUT } from './about.ts';
import { computeCo2Report } from './compute.ts';
import { CO2_COACH_DESCRIPTION } from './description.ts';
import type { Co2Report } from './rules.ts';

export * from './rules.ts';
export { CO2_COACH_DESCRIPTION } from './description.ts';
export { computeCo2Report } from './compute.ts';

/** Default port of the service. */
export const CO2_COACH_PORT = 3203;

/** Starts the CO2 coach (see `startPartnerApp` for the options). */
export function startCo2Coach(
  options: Partial<Omit<StartPartnerAppOptions<Co2Report>, 'description' | 'compute'>> = {},
): Promise<RunningPartnerApp> {
  return startPartnerApp({
    port: CO2_COACH_PORT,
    ...options,
    description: CO2_COACH_DESCRIPTION,
    compute: computeCo2Report,
    about: CO2_ABOUT,
  });
}
