/**
 * Process entry: `pnpm --filter @sdt/partner-energy-coach start` (port 3202 unless PORT is set). The
 * territory statistics are read from `SDT_ENERGY_COACH_STATISTICS_SERVER` when set (`none`: model
 * reference only), else from the app's pod server (`SDT_PARTNER_SERVER`, by default Nantes).
 */
import { runPartnerAppMain } from '@sdt/partner-sdk';
import { startEnergyCoach } from './index.ts';

const statistics = process.env.SDT_ENERGY_COACH_STATISTICS_SERVER;

await runPartnerAppMain('energy-coach', (options) =>
  startEnergyCoach({
    ...options,
    ...(statistics ? { statisticsServer: statistics === 'none' ? false : statistics } : {}),
  }),
);
