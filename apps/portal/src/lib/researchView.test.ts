import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { ENERGY_STUDY_POLICY, ResearchError, checkStudyQuery } from '@sdt/research';
import { runStudyBodySchema, studyConsentInputSchema, studyRouteSchema } from './researchSchemas.ts';
import {
  QUERY_TEMPLATES,
  csvFileName,
  flattenStudies,
  isStudyResearcher,
  splitRunLines,
  summariseFailures,
  toCsv,
  toResultChart,
  toResultTable,
  toStudyCard,
  type AnswerRowJson,
  type StudyFacts,
} from './researchView.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SDT = 'https://w3id.org/selfdata-territorial/ns#';

function study(overrides: Partial<StudyFacts> = {}): StudyFacts {
  return {
    iri: 'http://localhost:3101/research-engine/studies/dpe-electricity#study',
    slug: 'dpe-electricity',
    title: { fr: 'Consommation par classe DPE', en: 'Use by energy label' },
    team: 'Équipe énergie',
    institution: 'Université de Lyon',
    description: { fr: 'Comparer.', en: 'Compare.' },
    researchers: ['http://localhost:3101/researcher/profile/card#me'],
    purpose: 'https://w3id.org/dpv#ScientificResearch',
    legalBasis: 'https://w3id.org/dpv#PublicInterest',
    categories: ['electricity', 'housing'],
    endDate: '2027-06-30T00:00:00.000Z',
    minimumGroupSize: 5,
    privacyBudget: 1,
    usesNoise: false,
    queryEpsilon: 0.1,
    engineWebId: 'http://localhost:3101/research-engine/profile/card#me',
    engineClientId: 'study-dpe-electricity_abc',
    ...overrides,
  };
}

const literal = (value: string, type: string) => ({ termType: 'Literal', value, datatype: `${XSD}${type}` });

describe('the research view-models', () => {
  it('shows a study in the page language, with its end day, and as ended once the end date has passed', () => {
    const card = toStudyCard(study(), 'lyon', 'en', new Date('2026-11-28T12:00:00Z'));
    expect(card).toMatchObject({
      title: 'Use by energy label',
      description: 'Compare.',
      endDay: '2027-06-30',
      ended: false,
      minimumGroupSize: 5,
      workspacePath: 'research/studies/lyon/dpe-electricity',
    });
    expect(toStudyCard(study(), 'lyon', 'fr', new Date('2027-06-30T00:00:00Z')).ended).toBe(true);
    expect(toStudyCard(study({ endDate: 'not a date' }), 'lyon', 'fr', new Date()).ended).toBe(true);
  });

  it('keeps a study in the researcher space only for the WebIDs it names as researchers', () => {
    expect(isStudyResearcher(study(), 'http://localhost:3101/researcher/profile/card#me')).toBe(true);
    expect(isStudyResearcher(study(), 'http://localhost:3101/someone/profile/card#me')).toBe(false);
    expect(isStudyResearcher({}, 'http://localhost:3101/researcher/profile/card#me')).toBe(false);
    const registries = [
      { territory: 'nantes' as const, studies: [study({ slug: 'a', researchers: [] })] },
      { territory: 'lyon' as const, studies: [study({ slug: 'b' }), study({ slug: 'c' })] },
      { territory: 'larochelle' as const },
    ];
    const mine = flattenStudies(registries, (s) => isStudyResearcher(s, 'http://localhost:3101/researcher/profile/card#me'));
    expect(mine.map(({ territory, study: s }) => `${territory}/${s.slug}`)).toEqual(['lyon/b', 'lyon/c']);
    expect(flattenStudies(registries)).toHaveLength(3);
  });

  it('offers templates that the study checker accepts', () => {
    expect(QUERY_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const template of QUERY_TEMPLATES) {
      expect(() => checkStudyQuery(template.query, ENERGY_STUDY_POLICY), template.id).not.toThrow();
    }
  });

  it('refuses a leaking query and gives line and column of a syntax error (what the page shows)', () => {
    const leak = `PREFIX saref: <https://saref.etsi.org/core/>\nSELECT ?kwh WHERE { ?r saref:hasValue ?kwh }`;
    expect(() => checkStudyQuery(leak, ENERGY_STUDY_POLICY)).toThrow(/\?kwh/);
    try {
      checkStudyQuery('SELECT (COUNT(?r) AS ?n) WHERE {\n  ?r a ?t .\n  }}', ENERGY_STUDY_POLICY);
      expect.unreachable();
    } catch (error: unknown) {
      expect(ResearchError.isInstance(error) && error.code).toBe('syntax');
      expect((error as ResearchError).position?.line).toBe(3);
    }
  });

  it('reads the NDJSON stream line by line across chunk boundaries, skipping broken lines', () => {
    const first = splitRunLines('', '{"type":"progress","done":1,"failed":0,"total":3}\n{"type":"prog');
    expect(first.lines).toEqual([{ type: 'progress', done: 1, failed: 0, total: 3 }]);
    const second = splitRunLines(first.rest, 'ress","done":2,"failed":1,"total":3}\nnot json\n[1]\n{"type":"error","code":"syntax","message":"m"}\n');
    expect(second.lines).toEqual([
      { type: 'progress', done: 2, failed: 1, total: 3 },
      { type: 'error', code: 'syntax', message: 'm' },
    ]);
    expect(second.rest).toBe('');
  });

  it('sums failed pods up by reason, without their addresses', () => {
    const failures = [
      { pod: 'http://a/', reason: 'forbidden', message: 'x', path: 'endpoint' },
      { pod: 'http://b/', reason: 'timeout', message: 'y', path: 'http' },
      { pod: 'http://c/', reason: 'forbidden', message: 'z', path: 'endpoint' },
    ];
    expect(summariseFailures(failures)).toEqual([
      { reason: 'forbidden', count: 2 },
      { reason: 'timeout', count: 1 },
    ]);
  });

  const rows: AnswerRowJson[] = [
    {
      bindings: { label: { termType: 'NamedNode', value: `${SDT}LabelC` }, month: literal('2025-01', 'string'), avgKwh: literal('12.5', 'decimal'), days: literal('155', 'integer') },
      contributingPods: 5,
    },
    {
      bindings: { label: { termType: 'NamedNode', value: `${SDT}LabelC` }, month: literal('2025-02', 'string'), avgKwh: literal('11', 'decimal'), days: literal('140', 'integer') },
      contributingPods: 6,
    },
  ];

  it('turns an answer into a table with short IRIs, numeric columns and the pods column', () => {
    const table = toResultTable(['label', 'month', 'avgKwh', 'days'], rows, 'pods');
    expect(table.header).toEqual(['label', 'month', 'avgKwh', 'days', 'pods']);
    expect(table.rows).toEqual([
      ['LabelC', '2025-01', '12.5', '155', '5'],
      ['LabelC', '2025-02', '11', '140', '6'],
    ]);
    expect(table.numericColumns).toEqual([2, 3, 4]);
    const noisy = toResultTable(['avgKwh'], [{ bindings: { avgKwh: literal('3.2', 'double') } }], 'pods');
    expect(noisy).toMatchObject({ header: ['avgKwh'], hasPodsColumn: false, numericColumns: [0] });
  });

  it('charts the first numeric column by the group keys', () => {
    const chart = toResultChart(toResultTable(['label', 'month', 'avgKwh', 'days'], rows, 'pods'));
    expect(chart).toEqual({
      valueHeader: 'avgKwh',
      labelHeader: 'label · month',
      points: [
        { label: 'LabelC · 2025-01', value: 12.5 },
        { label: 'LabelC · 2025-02', value: 11 },
      ],
    });
    expect(toResultChart(toResultTable(['label'], [{ bindings: { label: literal('x', 'string') } }], 'pods'))).toBeUndefined();
    const repeated = toResultChart({ header: ['k', 'v'], rows: [['a', '1'], ['a', '2']], numericColumns: [1], hasPodsColumn: false });
    expect(repeated?.points.map((point) => point.label)).toEqual(['a', 'a (2)']);
  });

  it('writes a CSV that quotes commas, quotes and line breaks and defuses spreadsheet formulas', () => {
    const csv = toCsv({ header: ['district', 'total'], rows: [['Croix-Rousse, "haut"', '12.5'], ['=HYPERLINK("x")', '-3'], ['a\nb', '']] });
    expect(csv.split('\r\n')[0]).toBe('district,total');
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['district', 'total'],
      ['Croix-Rousse, "haut"', '12.5'],
      [`'=HYPERLINK("x")`, '-3'],
      ['a\nb', ''],
    ]);
    expect(csvFileName('dpe-electricity', new Date('2026-11-28T21:05:09.123Z'))).toBe('dpe-electricity-2026-11-28T21-05-09.csv');
  });

  it('validates the forms and the run body', () => {
    const iri = 'http://localhost:3101/research-engine/studies/dpe-electricity#study';
    expect(studyConsentInputSchema.safeParse({ study: iri, locale: 'en' }).success).toBe(true);
    expect(studyConsentInputSchema.safeParse({ study: 'http://evil.example/x#study', locale: 'fr' }).success).toBe(false);
    expect(studyConsentInputSchema.safeParse({ study: 'javascript:alert(1)//research-engine/studies/abc#study' }).success).toBe(false);
    expect(runStudyBodySchema.safeParse({ study: iri, query: 'SELECT' }).success).toBe(true);
    expect(runStudyBodySchema.safeParse({ study: iri, query: 'x'.repeat(20_001) }).success).toBe(false);
    expect(runStudyBodySchema.safeParse({ study: iri, query: '   ' }).success).toBe(false);
    expect(studyRouteSchema.safeParse({ territory: 'lyon', slug: 'dpe-electricity' }).success).toBe(true);
    expect(studyRouteSchema.safeParse({ territory: 'paris', slug: 'dpe-electricity' }).success).toBe(false);
    expect(studyRouteSchema.safeParse({ territory: 'lyon', slug: '../x' }).success).toBe(false);
  });
});
