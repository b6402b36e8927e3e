import { describe, expect, it } from 'vitest';
import {
  getStudyQueryPolicy,
  isStudyExpired,
  parseStudy,
  StudyError,
  studyToTurtle,
  validateStudy,
  ENERGY_STUDY_ATTRIBUTES,
  type StudyDescription,
} from '@sdt/research';

const study: StudyDescription = {
  slug: 'dpe-electricity',
  title: { fr: 'Consommation par classe DPE', en: 'Use by energy label' },
  team: 'Équipe énergie',
  institution: 'Université de Nantes',
  researchers: ['https://researcher.example/profile/card#me'],
  description: { fr: 'Comparer.', en: 'Compare.' },
  purpose: 'https://w3id.org/dpv#ProvideOfficialStatistics',
  legalBasis: 'https://w3id.org/dpv#PublicInterest',
  categories: ['electricity', 'housing'],
  endDate: '2030-01-01T00:00:00.000Z',
  minimumGroupSize: 10,
  privacyBudget: 2,
  usesNoise: true,
  queryEpsilon: 0.5,
  groupKeyPredicates: [...ENERGY_STUDY_ATTRIBUTES.groupKeyPredicates],
  timestampPredicates: [...ENERGY_STUDY_ATTRIBUTES.timestampPredicates],
  clippingBounds: { avgKwh: { lower: 0, upper: 1240, maxCount: 31 }, '#2': { maxCount: 31 } },
  maxGroupsPerPod: 12,
  engineWebId: 'http://localhost:3101/research-engine/profile/card#me',
  engineClientId: 'study-dpe-electricity_abc',
  engineInbox: 'http://localhost:3101/research-engine/inbox/',
  created: '2026-11-28T10:00:00.000Z',
};

async function refusal(change: Partial<StudyDescription>): Promise<StudyError> {
  try {
    await validateStudy({ ...study, ...change }, new Date('2026-11-28T12:00:00Z'));
  } catch (error: unknown) {
    if (StudyError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a study as RDF', () => {
  it('reads back what was written', () => {
    const url = 'http://localhost:3101/research-engine/studies/dpe-electricity';
    const read = parseStudy(studyToTurtle(study, url), url);
    expect(read).toEqual({ ...study, iri: `${url}#study` });
  });

  it('passes its SHACL shape and rules', async () => {
    await expect(validateStudy(study, new Date('2026-11-28T12:00:00Z'))).resolves.toBeUndefined();
  });

  it.each([
    [{ minimumGroupSize: 4 }, 'minimumGroupSize'],
    [{ purpose: 'https://w3id.org/dpv#Marketing' }, 'purpose'],
    [{ title: { fr: 'Seulement en français', en: '' } }, 'title'],
    [{ endDate: '2020-01-01T00:00:00Z' }, 'endDate'],
    [{ slug: 'A b' }, 'slug'],
    [{ queryEpsilon: 5 }, 'queryEpsilon'],
    [{ clippingBounds: { avgKwh: { lower: 10, upper: 1 } } }, 'clippingBounds'],
  ] as [Partial<StudyDescription>, string][])('refuses %j naming the field', async (change, field) => {
    const error = await refusal(change);
    expect(error.code).toBe('invalid-study');
    expect(error.field).toBe(field);
  });

  it('gives the query policy and the end of the study', () => {
    expect(getStudyQueryPolicy(study)).toEqual({
      groupKeyPredicates: study.groupKeyPredicates,
      timestampPredicates: study.timestampPredicates,
      usesNoise: true,
    });
    expect(isStudyExpired(study, new Date('2029-12-31T23:59:59Z'))).toBe(false);
    expect(isStudyExpired(study, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});
