import { z } from 'zod';
import { CATEGORY_NAMES, TERRITORIES } from '@sdt/vocab';

/** A locale of the portal, as sent by its forms. */
export const localeSchema = z.enum(['fr', 'en']).catch('fr');

/** A data category of the catalogue. */
export const categorySchema = z.enum(CATEGORY_NAMES, { error: 'unknown-category' });

/** An http(s) URL (pod data and user input may hold any scheme; only these are followed). */
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'not-http-url' });

/**
 * The sign-in form: one of the three territories, or any Solid identity provider (its URL) for
 * `provider: "other"`.
 */
export const loginInputSchema = z
  .object({
    provider: z.enum([...TERRITORIES, 'other'], { error: 'unknown-provider' }),
    issuer: z.string().trim().max(2048).optional(),
    locale: localeSchema,
  })
  .superRefine((value, context) => {
    if (value.provider !== 'other') return;
    if (!value.issuer || !httpUrlSchema.safeParse(value.issuer).success) {
      context.addIssue({ code: 'custom', path: ['issuer'], message: 'not-http-url' });
    }
  });

/** What {@link loginInputSchema} accepts. */
export type LoginInput = z.output<typeof loginInputSchema>;

/** The path of one data resource inside the pod: `data/<category>/<name>`, nothing else. */
export const resourcePathSchema = z
  .string()
  .max(200)
  .regex(new RegExp(`^data/(${CATEGORY_NAMES.join('|')})/[A-Za-z0-9][A-Za-z0-9._-]*$`), 'not-a-data-resource')
  .refine((path) => !path.includes('..'), 'not-a-data-resource');

/** A checkbox that must be ticked to confirm an irreversible step. */
const confirmation = z.literal('on', { error: 'confirmation-required' });

/** Deleting one category's data (form of the "My data" and "Erase" pages). */
export const deleteCategoryInputSchema = z.object({
  category: categorySchema,
  confirm: confirmation,
  locale: localeSchema,
});

/** Erasing every data category of the pod. */
export const eraseAllInputSchema = z.object({
  confirm: confirmation,
  locale: localeSchema,
});

/** The day of the 30-minute curve shown on the dashboard (`?day=YYYY-MM-DD`). */
export const daySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'not-a-day');

/** The measure of the dashboard's comparison with similar homes (`?compare=gas`). */
export const comparisonMeasureSchema = z.enum(['electricity', 'gas', 'water'], { error: 'unknown-measure' });

/** An IRI in the citizen's own pod (requests, grants, receipts): http(s), under the pod root. */
export function podIriSchema(podUrl: string, under: string) {
  // Compared after URL parsing, which resolves `..` and `%2e%2e` segments as fetch will.
  return httpUrlSchema.refine((iri) => {
    try {
      return new URL(iri).href.startsWith(`${podUrl}${under}`);
    } catch {
      return false;
    }
  }, 'not-in-pod');
}

/** Answering an access request: approve (possibly narrower: fewer categories, an earlier end) or deny. */
export const answerRequestInputSchema = z
  .object({
    requestIri: httpUrlSchema,
    decision: z.enum(['approve', 'deny'], { error: 'unknown-decision' }),
    categories: z.array(categorySchema).max(CATEGORY_NAMES.length),
    until: z.union([z.literal(''), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'not-a-day')]).optional(),
    locale: localeSchema,
  })
  .superRefine((value, context) => {
    if (value.decision === 'approve' && value.categories.length === 0) {
      context.addIssue({ code: 'custom', path: ['categories'], message: 'no-category' });
    }
  });

/** Revoking a grant. */
export const revokeGrantInputSchema = z.object({
  grantIri: httpUrlSchema,
  locale: localeSchema,
});
