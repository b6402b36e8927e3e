/**
 * The service description a partner publishes: who runs the service, why (DPV purpose and legal
 * basis), which data it needs and why, how long it asks access for and how long it keeps what it
 * derives. Validated with zod; every problem is reported with its JSON path.
 */
import { z } from 'zod';
import {
  CATEGORIES,
  CATEGORY_NAMES,
  DPV_NS,
  EU_GDPR,
  LEGAL_BASES,
  MAX_GRANT_YEARS,
  PURPOSES,
  TERRITORIES,
  isCategoryName,
  type CategoryName,
  type Territory,
} from '@sdt/vocab';
import { ServiceDescriptionError, type DescriptionIssue } from './ServiceDescriptionError.ts';

/** Text in French and English. */
export interface Localized {
  readonly fr: string;
  readonly en: string;
}

/** One data category the service needs, whether it cannot work without it, and why (fr, en). */
export interface DataNeed {
  readonly category: CategoryName;
  readonly required: boolean;
  readonly why: Localized;
}

/** A validated service description (purpose and legal basis as IRIs). */
export interface ServiceDescription {
  /** Short identifier, lower-case letters, digits and dashes, e.g. `energy-coach`. */
  readonly id: string;
  /** Territory whose registry lists the service. */
  readonly territory: Territory;
  readonly name: Localized;
  /** What the service does for the citizen, in plain words (shown in the access request). */
  readonly summary: Localized;
  readonly operator: { readonly name: string; readonly url?: string };
  readonly contact: { readonly email: string; readonly url?: string };
  /** DPV purpose IRI (one of the platform's `PURPOSES`). */
  readonly purpose: string;
  /** DPV legal basis or GDPR article IRI (one of the platform's `LEGAL_BASES`). */
  readonly legalBasis: string;
  readonly dataNeeds: readonly DataNeed[];
  /** Days of access the service asks for (the grant duration), at most 3 years. */
  readonly accessDays: number;
  /** Days the service keeps what it derives; never longer than the grant (`accessDays`). */
  readonly retentionDays: number;
  readonly privacyPolicy: string;
  readonly homepage?: string;
}

/** What a partner writes: purpose and legal basis may be DPV local names (`ServiceProvision`, `A6-1-e`). */
export type ServiceDescriptionInput = Omit<ServiceDescription, 'purpose' | 'legalBasis' | 'dataNeeds'> & {
  readonly purpose: string;
  readonly legalBasis: string;
  readonly dataNeeds: readonly { readonly category: string; readonly required: boolean; readonly why: Localized }[];
};

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** Resolves a DPV purpose given as IRI or local name, or undefined when it is not on the platform list. */
export function resolvePurposeIri(value: string): string | undefined {
  const iri = value.includes(':') ? value : `${DPV_NS}${value}`;
  return (PURPOSES as readonly string[]).includes(iri) ? iri : undefined;
}

/** Resolves a legal basis given as IRI or local name (`Consent`, `A6-1-e`), or undefined when unknown. */
export function resolveLegalBasisIri(value: string): string | undefined {
  const iri = value.includes(':') ? value : /^A\d/.test(value) ? `${EU_GDPR.NS}${value}` : `${DPV_NS}${value}`;
  return (LEGAL_BASES as readonly string[]).includes(iri) ? iri : undefined;
}

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `is required (${what})` : `must be ${what}`),
});

const text = (what: string) => z.string(required(what)).trim().min(1, `must not be empty (${what})`);
const localized = (what: string) =>
  z.object(
    { fr: text(`${what} in French`), en: text(`${what} in English`) },
    required(`${what} in French and English`),
  );
const url = (what: string) =>
  z.url(required(`an http(s) URL (${what})`)).refine((value) => /^https?:/.test(value), 'must be an http or https URL');
const MAX_DAYS = MAX_GRANT_YEARS * 365;

const descriptionSchema = z
  .object(
    {
      id: z
        .string(required('an identifier'))
        .regex(
          /^[a-z][a-z0-9-]{1,62}$/,
          'must be lower-case letters, digits and dashes, starting with a letter (e.g. energy-coach)',
        ),
      territory: z.enum(TERRITORIES as [Territory, ...Territory[]], required(`one of ${TERRITORIES.join(', ')}`)),
      name: localized('the name'),
      summary: localized('what the service does'),
      operator: z.object(
        { name: text('the operator name'), url: url('operator website').optional() },
        required('the operator'),
      ),
      contact: z.object(
        { email: z.email(required('an email address')), url: url('contact page').optional() },
        required('a contact'),
      ),
      purpose: z
        .string(required(`a DPV purpose, one of ${PURPOSES.map(localName).join(', ')}`))
        .refine((value) => resolvePurposeIri(value) !== undefined, {
          error: (issue) =>
            `unknown purpose "${String(issue.input)}"; expected one of ${PURPOSES.map(localName).join(', ')}`,
        }),
      legalBasis: z
        .string(required(`a legal basis, one of ${LEGAL_BASES.map(localName).join(', ')}`))
        .refine((value) => resolveLegalBasisIri(value) !== undefined, {
          error: (issue) =>
            `unknown legal basis "${String(issue.input)}"; expected one of ${LEGAL_BASES.map(localName).join(', ')}`,
        }),
      dataNeeds: z
        .array(
          z.object({
            category: z.string(required('a category name')).refine(isCategoryName, {
              error: (issue) =>
                `unknown category "${String(issue.input)}"; expected one of ${CATEGORY_NAMES.join(', ')}`,
            }),
            required: z.boolean(required('true or false')),
            why: localized('why the service needs it'),
          }),
          required('a list of data needs'),
        )
        .min(1, 'must name at least one data category'),
      accessDays: z
        .int(required('a whole number of days'))
        .min(1, 'must be at least 1 day')
        .max(MAX_DAYS, `must be at most ${MAX_DAYS} days (${MAX_GRANT_YEARS} years)`),
      retentionDays: z.int(required('a whole number of days')).min(0, 'must not be negative'),
      privacyPolicy: url('privacy policy'),
      homepage: url('service homepage').optional(),
    },
    required('an object'),
  )
  .superRefine((value, context) => {
    if (value.retentionDays > value.accessDays) {
      context.addIssue({
        code: 'custom',
        path: ['retentionDays'],
        message: `${value.retentionDays} days is longer than the grant duration (accessDays: ${value.accessDays} days); derived data may not outlive the grant`,
      });
    }
    const seen = new Set<string>();
    value.dataNeeds.forEach((need, index) => {
      if (seen.has(need.category))
        context.addIssue({
          code: 'custom',
          path: ['dataNeeds', index, 'category'],
          message: `"${need.category}" is listed twice`,
        });
      seen.add(need.category);
    });
    if (!value.dataNeeds.some((need) => need.required)) {
      context.addIssue({
        code: 'custom',
        path: ['dataNeeds'],
        message: 'at least one category must be required (a service that needs nothing should not ask)',
      });
    }
  });

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Validates a service description and resolves its purpose and legal basis to IRIs.
 *
 * @param input - the description as written by the partner (e.g. parsed JSON)
 * @returns the validated description
 * @throws ServiceDescriptionError listing every problem with its JSON path (e.g. `dataNeeds[0].category: unknown category "electric"`)
 */
export function validateServiceDescription(input: unknown): ServiceDescription {
  const parsed = descriptionSchema.safeParse(input);
  if (!parsed.success) {
    const issues: DescriptionIssue[] = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    throw new ServiceDescriptionError(issues);
  }
  const value = parsed.data;
  return {
    ...value,
    purpose: resolvePurposeIri(value.purpose)!,
    legalBasis: resolveLegalBasisIri(value.legalBasis)!,
    dataNeeds: value.dataNeeds.map((need) => ({ ...need, category: need.category as CategoryName })),
  } as ServiceDescription;
}

/** Category names of a description, required ones first. */
export function categoriesOf(
  description: Pick<ServiceDescription, 'dataNeeds'>,
  which: 'all' | 'required' = 'all',
): CategoryName[] {
  return description.dataNeeds.filter((need) => which === 'all' || need.required).map((need) => need.category);
}

/** Label of a category in a language, from the platform catalogue. */
export function categoryLabel(category: CategoryName, language: 'fr' | 'en' = 'fr'): string {
  return CATEGORIES[category].label[language];
}
