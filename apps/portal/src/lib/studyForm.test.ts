import { describe, expect, it } from 'vitest';
import { DPV, EU_GDPR } from '@sdt/vocab';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import { parseInput } from './ActionResult.ts';
import {
  STUDY_FORM_ERROR_CODES,
  STUDY_FORM_FIELDS,
  createStudyFormSchema,
  formFieldOfStudyField,
  studyFormToObject,
  toStudyInput,
  type StudyForm,
} from './studyForm.ts';

const NOW = new Date('2026-11-28T12:00:00Z');

function valid(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    locale: 'fr',
    territory: 'nantes',
    slug: 'heating-2027',
    titleFr: 'Chauffage et DPE',
    titleEn: 'Heating and DPE',
    team: 'Équipe chauffage',
    institution: 'Nantes Université',
    descriptionFr: 'Nous comparons le chauffage.',
    descriptionEn: 'We compare heating.',
    purpose: 'scientific-research',
    legalBasis: 'PublicInterest',
    categories: ['electricity', 'housing'],
    endDate: '2027-06-30',
    minimumGroupSize: '10',
    noise: 'exact',
    privacyBudget: '5',
    queryEpsilon: '0.5',
    clipLower: '0',
    clipUpper: '1240',
    clipMaxCount: '31',
    ...overrides,
  };
}

function parse(input: Record<string, unknown>) {
  return parseInput(createStudyFormSchema(NOW), input);
}

function errorsOf(input: Record<string, unknown>): Record<string, readonly string[]> {
  const result = parse(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.fieldErrors;
}

describe('the publish-a-study form', () => {
  it('maps a valid exact study to publishStudy input, ending at the end of the chosen day', () => {
    const result = parse(valid());
    expect(result.ok).toBe(true);
    const input = toStudyInput((result as { value: StudyForm }).value);
    expect(input).toEqual({
      slug: 'heating-2027',
      title: { fr: 'Chauffage et DPE', en: 'Heating and DPE' },
      team: 'Équipe chauffage',
      institution: 'Nantes Université',
      description: { fr: 'Nous comparons le chauffage.', en: 'We compare heating.' },
      purpose: DPV.ScientificResearch,
      legalBasis: DPV.PublicInterest,
      categories: ['electricity', 'housing'],
      endDate: '2027-06-30T23:59:59.000Z',
      minimumGroupSize: 10,
      usesNoise: false,
      privacyBudget: 1,
      queryEpsilon: 0.1,
      clippingBounds: {},
    });
    expect(input).not.toHaveProperty('researchers');
  });

  it('maps a noisy study: budget, epsilon per query, and the bounds of the first three aggregates', () => {
    const result = parse(
      valid({
        noise: 'noisy',
        purpose: 'official-statistics',
        legalBasis: 'A9-2-j',
        privacyBudget: '2,5',
        queryEpsilon: '0.25',
        clipUpper: '900',
        clipMaxCount: '30',
      }),
    );
    const input = toStudyInput((result as { value: StudyForm }).value);
    expect(input.purpose).toBe(DPV.ProvideOfficialStatistics);
    expect(input.legalBasis).toBe(EU_GDPR['A9-2-j']);
    expect(input.usesNoise).toBe(true);
    expect(input.privacyBudget).toBe(2.5);
    expect(input.queryEpsilon).toBe(0.25);
    const bounds = { lower: 0, upper: 900, maxCount: 30 };
    expect(input.clippingBounds).toEqual({ '#1': bounds, '#2': bounds, '#3': bounds });
  });

  it('refuses k below 5, a bad slug, no category, a past or too distant end date, each on its field', () => {
    expect(errorsOf(valid({ minimumGroupSize: '3' }))).toEqual({ minimumGroupSize: ['k-too-small'] });
    expect(errorsOf(valid({ minimumGroupSize: '7.5' }))).toEqual({ minimumGroupSize: ['k-invalid'] });
    expect(errorsOf(valid({ minimumGroupSize: '' }))).toEqual({ minimumGroupSize: ['k-invalid'] });
    expect(errorsOf(valid({ slug: 'Mon Étude' }))).toEqual({ slug: ['slug-invalid'] });
    expect(errorsOf(valid({ categories: [] }))).toEqual({ categories: ['categories-missing'] });
    expect(errorsOf(valid({ categories: ['secrets'] }))).toEqual({ 'categories.0': ['categories-invalid'] });
    expect(errorsOf(valid({ endDate: '2026-11-27' }))).toEqual({ endDate: ['end-date-past'] });
    expect(errorsOf(valid({ endDate: '2030-01-01' }))).toEqual({ endDate: ['end-date-too-far'] });
    expect(errorsOf(valid({ endDate: '30/06/2027' }))).toEqual({ endDate: ['end-date-invalid'] });
    expect(errorsOf(valid({ titleFr: '  ', territory: 'paris' }))).toEqual({
      titleFr: ['required'],
      territory: ['territory-invalid'],
    });
    expect(errorsOf(valid({ legalBasis: 'Whim', purpose: 'marketing' }))).toEqual({
      legalBasis: ['legal-basis-invalid'],
      purpose: ['purpose-invalid'],
    });
  });

  it('checks the noise settings only for a noisy study', () => {
    const broken = { privacyBudget: '', queryEpsilon: '-1', clipLower: '10', clipUpper: '5', clipMaxCount: '0' };
    expect(parse(valid({ ...broken, noise: 'exact' })).ok).toBe(true);
    expect(errorsOf(valid({ ...broken, noise: 'noisy' }))).toEqual({
      privacyBudget: ['epsilon-invalid'],
      queryEpsilon: ['epsilon-invalid'],
      clipUpper: ['bounds-order'],
      clipMaxCount: ['count-invalid'],
    });
    expect(
      errorsOf(valid({ noise: 'noisy', privacyBudget: '1', queryEpsilon: '2', clipLower: '10', clipUpper: '5' })),
    ).toEqual({
      queryEpsilon: ['epsilon-above-budget'],
      clipUpper: ['bounds-order'],
    });
  });

  it('reads the ticked categories of a submitted form as a list', () => {
    const form = new FormData();
    form.append('slug', 'a-study');
    form.append('categories', 'electricity');
    form.append('categories', 'gas');
    form.append('$ACTION_ID_x', '');
    expect(studyFormToObject(form)).toEqual({ slug: 'a-study', categories: ['electricity', 'gas'] });
    expect(studyFormToObject(new FormData())).toEqual({ categories: [] });
  });

  it('maps the registry’s field names back to the form fields', () => {
    expect(formFieldOfStudyField('minimumGroupSize')).toBe('minimumGroupSize');
    expect(formFieldOfStudyField('title')).toBe('titleFr');
    expect(formFieldOfStudyField('clippingBounds')).toBe('clipUpper');
    expect(formFieldOfStudyField('engineWebId')).toBe('_');
    expect(formFieldOfStudyField(undefined)).toBe('_');
  });

  it('has a sentence, label and hint in French and English for every error code and field', () => {
    for (const catalogue of [fr, en]) {
      const publish = catalogue.research.publish as unknown as Record<string, Record<string, string>>;
      for (const code of STUDY_FORM_ERROR_CODES) expect(publish.errors?.[code], code).toBeTruthy();
      for (const field of STUDY_FORM_FIELDS) {
        expect(publish[field]?.label, field).toBeTruthy();
        expect(publish[field]?.hint, field).toBeTruthy();
      }
    }
  });
});
