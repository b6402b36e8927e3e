import { startPartnerApp, type RunningPartnerApp, type StartPartnerAppOptions } from '@sdt/partner-sdk';
import { SOLIDARITY_ABOUT } from './about.ts';
import { computeSolidarityTariff } from './compute.ts';
import { SOLIDARITY_TARIFF_DESCRIPTION } from './description.ts';
import type { SolidarityDecision } from './rules.ts';

export * from './rules.ts';
export { SOLIDARITY_TARIFF_DESCRIPTION } from './description.ts';
export { computeSolidarityTariff } from './compute.ts';

/** Default port of the service. */
export const SOLIDARITY_TARIFF_PORT = 3201;

/** Starts the solidarity-tariff service (see `startPartnerApp` for the options). */
export function startSolidarityTariff(
  options: Partial<Omit<StartPartnerAppOptions<SolidarityDecision>, 'description' | 'compute'>> = {},
): Promise<RunningPartnerApp> {
  return startPartnerApp({
    port: SOLIDARITY_TARIFF_PORT,
    ...options,
    description: SOLIDARITY_TARIFF_DESCRIPTION,
    compute: computeSolidarityTariff,
    about: SOLIDARITY_ABOUT,
  });
}
