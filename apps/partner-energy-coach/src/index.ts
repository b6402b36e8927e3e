import {
  startPartnerApp,
  territoryServerUrl,
  type RunningPartnerApp,
  type StartPartnerAppOptions,
} from '@sdt/partner-sdk';
import { ENERGY_ABOUT } from './about.ts';
import { createEnergyAdviceCompute } from './compute.ts';
import { ENERGY_COACH_DESCRIPTION } from './description.ts';
import type { EnergyAdvice } from './rules.ts';

export * from './rules.ts';
export * from './territory.ts';
export { ENERGY_COACH_DESCRIPTION } from './description.ts';
export {
  computeEnergyAdvice,
  createEnergyAdviceCompute,
  formatMonth,
  type EnergyAdviceComputeOptions,
} from './compute.ts';

/** Default port of the service. */
export const ENERGY_COACH_PORT = 3202;

/** Options of {@link startEnergyCoach}: those of `startPartnerApp`, and where the statistics are read. */
export type EnergyCoachOptions = Partial<Omit<StartPartnerAppOptions<EnergyAdvice>, 'description' | 'compute'>> & {
  /**
   * Pod server whose research engine publishes the territory's open statistics (default: the app's
   * `serverUrl`, i.e. the Nantes server), or false for the model reference only.
   */
  readonly statisticsServer?: string | false;
};

/** Starts the energy coach (see `startPartnerApp` for the options). */
export function startEnergyCoach(options: EnergyCoachOptions = {}): Promise<RunningPartnerApp> {
  const { statisticsServer, ...appOptions } = options;
  return startPartnerApp({
    port: ENERGY_COACH_PORT,
    ...appOptions,
    description: ENERGY_COACH_DESCRIPTION,
    compute: createEnergyAdviceCompute({
      statisticsServer:
        statisticsServer ?? appOptions.serverUrl ?? territoryServerUrl(ENERGY_COACH_DESCRIPTION.territory),
    }),
    about: ENERGY_ABOUT,
  });
}
