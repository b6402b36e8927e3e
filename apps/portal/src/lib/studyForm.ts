import { z } from 'zod';
import type { StudyInput } from '@sdt/research';
import { CATEGORY_NAMES, DPV, LEGAL_BASES, MAX_GRANT_YEARS, TERRITORIES, type CategoryName } from '@sdt/vocab';
import { localeSchema } from './schemas.ts';

// The "publish a study" form of the researcher space: its fields, their zod schema (errors are codes
// the page translates), the mapping to `publishStudy`'s input, and back from a `StudyError` field to
// the form field it names. Pure: the server action (`research/studies/new/actions.ts`) does the I/O.

/** Purposes offered, as form values, and the DPV purpose each stands for. */
export const STUDY_FORM_PURPOSES = {
  'scientific-research': DPV.ScientificResearch,
  'official-statistics': DPV.ProvideOfficialStatistics,
} as const;

/** Local name of an IRI (`…#PublicInterest` → `PublicInterest`, `…/A6-1-e` → `A6-1-e`). */
function localName(iri: string): string {
  return iri.replace(/^.*[#/]/u, '');
}

/** The legal bases a study may name (those of `LEGAL_BASES`), by local name (the form's values). */
export const STUDY_FORM_LEGAL_BASES: Readonly<Record<string, string>> = Object.fromEntries(
  LEGAL_BASES.map((iri) => [localName(iri), iri]),
);

/** Default values of the form (k 10, the clipping bounds of a daily kWh average over a month). */
export const STUDY_FORM_DEFAULTS = {
  minimumGroupSize: '10',
  noise: 'exact',
  privacyBudget: '5',
  queryEpsilon: '0.5',
  clipLower: '0',
  clipUpper: '1240',
  clipMaxCount: '31',
  purpose: 'scientific-research',
  legalBasis: 'PublicInterest',
} as const;

/** Names of the form's fields, in the page's order (also the ids of their error lines). */
export const STUDY_FORM_FIELDS = [
  'territory',
  'slug',
  'titleFr',
  'titleEn',
  'team',
  'institution',
  'descriptionFr',
  'descriptionEn',
  'purpose',
  'legalBasis',
  'categories',
  'endDate',
  'minimumGroupSize',
  'noise',
  'privacyBudget',
  'queryEpsilon',
  'clipLower',
  'clipUpper',
  'clipMaxCount',
] as const;
export type StudyFormField = (typeof STUDY_FORM_FIELDS)[number];

/** Every error code the form shows (each has a sentence under `research.publish.errors`). */
export const STUDY_FORM_ERROR_CODES = [
  'required',
  'too-long',
  'territory-invalid',
  'slug-invalid',
  'slug-taken',
  'purpose-invalid',
  'legal-basis-invalid',
  'categories-missing',
  'categories-invalid',
  'end-date-invalid',
  'end-date-past',
  'end-date-too-far',
  'k-invalid',
  'k-too-small',
  'noise-invalid',
  'epsilon-invalid',
  'epsilon-above-budget',
  'bound-invalid',
  'bounds-order',
  'count-invalid',
  'registry-refused',
  'not-accredited',
  'engine-unreachable',
] as const;

const DAY_MS = 86_400_000;
const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too-long');
const number = (code: string) =>
  z
    .string()
    .trim()
    .min(1, code)
    .transform((value) => Number(value.replace(',', '.')))
    .refine((value) => Number.isFinite(value), code);

/** The first problem of an end day (`YYYY-MM-DD`, the study ends at its last second, UTC), or undefined. */
function findEndDateProblem(day: string, now: Date): string | undefined {
  const end = Date.parse(`${day}T23:59:59Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day) || Number.isNaN(end)) return 'end-date-invalid';
  if (end <= now.getTime()) return 'end-date-past';
  if (end > now.getTime() + MAX_GRANT_YEARS * 365 * DAY_MS) return 'end-date-too-far';
  return undefined;
}

/**
 * The zod schema of the submitted form (strings; `categories` an array). The end date must be after
 * `now` and at most `MAX_GRANT_YEARS` ahead (an opt-in grant cannot outlive it).
 */
export function createStudyFormSchema(now: Date = new Date()) {
  const noiseFields = ['privacyBudget', 'queryEpsilon', 'clipLower', 'clipUpper', 'clipMaxCount'] as const;
  // An exact study uses none of the noise settings (hidden on the page): their defaults stand in.
  const ignoreNoiseSettings = (input: unknown): unknown =>
    typeof input === 'object' && input !== null && (input as Record<string, unknown>).noise !== 'noisy'
      ? { ...input, ...Object.fromEntries(noiseFields.map((field) => [field, STUDY_FORM_DEFAULTS[field]])) }
      : input;
  const form = z
    .object({
      locale: localeSchema,
      territory: z.enum(TERRITORIES as unknown as [string, ...string[]], { error: 'territory-invalid' }),
      slug: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{2,59}$/u, 'slug-invalid'),
      titleFr: text(200),
      titleEn: text(200),
      team: text(200),
      institution: text(200),
      descriptionFr: text(4000),
      descriptionEn: text(4000),
      purpose: z.enum(Object.keys(STUDY_FORM_PURPOSES) as [string, ...string[]], { error: 'purpose-invalid' }),
      legalBasis: z.enum(Object.keys(STUDY_FORM_LEGAL_BASES) as [string, ...string[]], {
        error: 'legal-basis-invalid',
      }),
      categories: z
        .array(z.enum(CATEGORY_NAMES as unknown as [string, ...string[]], { error: 'categories-invalid' }))
        .min(1, 'categories-missing'),
      endDate: z.string().superRefine((day, context) => {
        const problem = findEndDateProblem(day, now);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
      minimumGroupSize: number('k-invalid')
        .refine((k) => Number.isInteger(k), 'k-invalid')
        .refine((k) => k >= 5, 'k-too-small')
        .refine((k) => k <= 10_000, 'k-invalid'),
      noise: z.enum(['exact', 'noisy'], { error: 'noise-invalid' }),
      privacyBudget: number('epsilon-invalid').refine((e) => e > 0 && e <= 100, 'epsilon-invalid'),
      queryEpsilon: number('epsilon-invalid').refine((e) => e > 0 && e <= 100, 'epsilon-invalid'),
      clipLower: number('bound-invalid'),
      clipUpper: number('bound-invalid'),
      clipMaxCount: number('count-invalid').refine(
        (n) => Number.isInteger(n) && n >= 1 && n <= 10_000,
        'count-invalid',
      ),
    })
    .superRefine((form, context) => {
      if (form.noise !== 'noisy') return;
      if (form.queryEpsilon > form.privacyBudget)
        context.addIssue({ code: 'custom', path: ['queryEpsilon'], message: 'epsilon-above-budget' });
      if (form.clipLower > form.clipUpper)
        context.addIssue({ code: 'custom', path: ['clipUpper'], message: 'bounds-order' });
    });
  return z.preprocess(ignoreNoiseSettings, form);
}

/** The parsed form. */
export type StudyForm = z.output<ReturnType<typeof createStudyFormSchema>>;

/**
 * Reads the submitted form into a plain object (text fields; `categories` as the list of the ticked boxes).
 */
export function studyFormToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    if (key === 'categories') out.categories = [...((out.categories as string[] | undefined) ?? []), value];
    else out[key] = value;
  }
  out.categories ??= [];
  return out;
}

/**
 * `publishStudy`'s input from the parsed form (the server adds `researchers: [webId]`). Noisy studies
 * get the clipping bounds for their first three aggregates (`#1`…`#3`), so that any of them can be noised.
 */
export function toStudyInput(form: StudyForm): StudyInput {
  const noisy = form.noise === 'noisy';
  const bounds = { lower: form.clipLower, upper: form.clipUpper, maxCount: form.clipMaxCount };
  return {
    slug: form.slug,
    title: { fr: form.titleFr, en: form.titleEn },
    team: form.team,
    institution: form.institution,
    description: { fr: form.descriptionFr, en: form.descriptionEn },
    purpose: STUDY_FORM_PURPOSES[form.purpose as keyof typeof STUDY_FORM_PURPOSES],
    legalBasis: STUDY_FORM_LEGAL_BASES[form.legalBasis]!,
    categories: form.categories as CategoryName[],
    endDate: new Date(`${form.endDate}T23:59:59.000Z`).toISOString(),
    minimumGroupSize: form.minimumGroupSize,
    usesNoise: noisy,
    // An exact study spends no budget; the registry still records one (its shape asks for a positive epsilon).
    privacyBudget: noisy ? form.privacyBudget : 1,
    queryEpsilon: noisy ? form.queryEpsilon : 0.1,
    clippingBounds: noisy ? { '#1': bounds, '#2': bounds, '#3': bounds } : {},
  };
}

/** Form field of a `StudyError` `invalid-study` field (`title` → `titleFr`, `clippingBounds` → `clipUpper`…). */
export function formFieldOfStudyField(field: string | undefined): StudyFormField | '_' {
  switch (field) {
    case 'title':
      return 'titleFr';
    case 'description':
      return 'descriptionFr';
    case 'clippingBounds':
      return 'clipUpper';
    case 'usesNoise':
      return 'noise';
    case undefined:
      return '_';
    default:
      return (STUDY_FORM_FIELDS as readonly string[]).includes(field) ? (field as StudyFormField) : '_';
  }
}
