/** Process entry: `pnpm --filter @sdt/partner-co2-coach start` (port 3203 unless PORT is set). */
import { runPartnerAppMain } from '@sdt/partner-sdk';
import { startCo2Coach } from './index.ts';

await runPartnerAppMain('co2-coach', (options) => startCo2Coach(options));
