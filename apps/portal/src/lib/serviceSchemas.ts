import { z } from 'zod';
import { TERRITORIES } from '@sdt/vocab';
import { httpUrlSchema, localeSchema } from './schemas.ts';

/** A service id of the registry (the SDK's rule: lower-case letters, digits, dashes). */
export const serviceIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'unknown-service');

/** "Connect this service" in the catalogue: which service of which territory's registry. */
export const connectServiceInputSchema = z.object({
  serviceId: serviceIdSchema,
  territory: z.enum(TERRITORIES as [string, ...string[]], { error: 'unknown-service' }),
  locale: localeSchema,
});

/** The partner console's registration form: the description (JSON text), the app URL, the grants' client id. */
export const registerServiceInputSchema = z.object({
  description: z.string().trim().min(1, 'description-missing').max(65_536, 'description-too-long'),
  appUrl: httpUrlSchema,
  grantClientId: z.string().trim().min(1, 'client-id-missing').max(2048, 'client-id-missing'),
  locale: localeSchema,
});
