import { z } from 'zod';
import { TERRITORIES } from '@sdt/vocab';
import { httpUrlSchema, localeSchema } from './schemas.ts';

/** Longest query text the researcher space sends (20 kB). */
export const MAX_QUERY_LENGTH = 20_000;

/** The IRI of a study: `<server>research-engine/studies/<slug>#study`, http(s). */
export const studyIriSchema = httpUrlSchema
  .max(2048, 'unknown-study')
  .refine((iri) => /\/research-engine\/studies\/[a-z0-9-]{3,60}#study$/u.test(iri), 'unknown-study');

/** Opt-in and opt-out forms of the research page: which study. */
export const studyConsentInputSchema = z.object({
  study: studyIriSchema,
  locale: localeSchema,
});

/** The body of `POST /api/research/run`. */
export const runStudyBodySchema = z.object({
  study: studyIriSchema,
  query: z.string().trim().min(1, 'query-missing').max(MAX_QUERY_LENGTH, 'query-too-long'),
});

/** The route segments of one study in the researcher space. */
export const studyRouteSchema = z.object({
  territory: z.enum(TERRITORIES as [string, ...string[]]),
  slug: z.string().regex(/^[a-z0-9-]{3,60}$/u),
});
