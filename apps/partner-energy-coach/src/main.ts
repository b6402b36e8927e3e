/** Process entry: `pnpm --filter @sdt/partner-energy-coach start` (port 3202 unless PORT is set). */
import { runPartnerAppMain } from '@sdt/partner-sdk';
import { startEnergyCoach } from './index.ts';

await runPartnerAppMain('energy-coach', (options) => startEnergyCoach(options));
