/** Process entry: `pnpm --filter @sdt/partner-solidarity-tariff start` (port 3201 unless PORT is set). */
import { runPartnerAppMain } from '@sdt/partner-sdk';
import { startSolidarityTariff } from './index.ts';

await runPartnerAppMain('solidarity-tariff', (options) => startSolidarityTariff(options));
