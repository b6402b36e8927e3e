import { ademeDpe } from './ademeDpe.ts';
import { apiParticulierQuotient } from './apiParticulierQuotient.ts';
import { enedisCustomerCsv } from './enedisCustomerCsv.ts';
import { enedisDataConnect } from './enedisDataConnect.ts';
import type { FormatDefinition } from './FormatDefinition.ts';
import { grdfAdict } from './grdfAdict.ts';
import { tripsCsv } from './tripsCsv.ts';
import { tripsGeoJson } from './tripsGeoJson.ts';
import { waterCsv } from './waterCsv.ts';

/** Supported formats, in detection order (the first whose `matches` accepts the head wins). */
export const FORMAT_DEFINITIONS: readonly FormatDefinition[] = [
  enedisDataConnect,
  grdfAdict,
  apiParticulierQuotient,
  ademeDpe,
  tripsGeoJson,
  enedisCustomerCsv,
  waterCsv,
  tripsCsv,
];
