import { describe, expect, it } from 'vitest';
import { DataFactory, Parser } from 'n3';
import {
  buildStatisticsQuery,
  checkStudyQuery,
  ENERGY_STUDY_ATTRIBUTES,
  findSimilarHomes,
  parseStatisticsCube,
  STATISTICS_DIMENSIONS,
  STATISTICS_MEASURES,
  StatisticsError,
  statisticsToQuads,
  statisticsToTurtle,
  validateStatisticsCube,
  type TerritoryStatistics,
} from '@sdt/research';

const url = 'http://localhost:3101/research-engine/statistics/monthly';
const statistics: TerritoryStatistics = {
  territory: 'lyon',
  datasetUrl: url,
  study: 'http://localhost:3101/research-engine/studies/territory-statistics#study',
  issued: '2025-11-01T10:00:00.000Z',
  minimumGroupSize: 10,
  coverage: { podsAsked: 14, podsAnswered: 13, podsFailed: 1 },
  observations: [
    {
      measure: 'electricity',
      dimension: 'energyLabel',
      value: 'D',
      month: '2025-09',
      averagePerDay: 9.123,
      unit: 'kWh/day',
      homes: 12,
    },
    {
      measure: 'electricity',
      dimension: 'energyLabel',
      value: 'D',
      month: '2025-10',
      averagePerDay: 10.5,
      unit: 'kWh/day',
      homes: 12,
    },
    {
      measure: 'electricity',
      dimension: 'householdSize',
      value: '2',
      month: '2025-10',
      averagePerDay: 8,
      unit: 'kWh/day',
      homes: 10,
    },
    {
      measure: 'gas',
      dimension: 'district',
      value: "Presqu'île - Confluence",
      month: '2025-10',
      averagePerDay: 31.25,
      unit: 'kWh/day',
      homes: 11,
    },
    {
      measure: 'water',
      dimension: 'householdSize',
      value: '2',
      month: '2025-10',
      averagePerDay: 290.4,
      unit: 'L/day',
      homes: 10,
    },
  ],
};

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('the territory statistics as an RDF Data Cube', () => {
  it('round-trips through Turtle and conforms to the Data Cube shape', async () => {
    const turtle = statisticsToTurtle(statistics);
    expect(parseStatisticsCube(turtle, url)).toEqual(statistics);
    await validateStatisticsCube(new Parser({ baseIRI: url }).parse(turtle));
  });

  it('publishes a valid empty cube', async () => {
    const empty = { ...statistics, observations: [], coverage: { podsAsked: 0, podsAnswered: 0, podsFailed: 0 } };
    await validateStatisticsCube(statisticsToQuads(empty, { note: 'nobody yet' }));
    expect(parseStatisticsCube(statisticsToTurtle(empty), url).observations).toEqual([]);
  });

  it('refuses an observation without the dimension of its data set (IC-11), naming the node', async () => {
    const quads = statisticsToQuads(statistics).filter(
      (q) => !(q.subject.value === `${url}#o1` && q.predicate.value.endsWith('#energyLabel')),
    );
    const error = await caught(validateStatisticsCube(quads));
    expect(StatisticsError.isInstance(error) && error.code).toBe('invalid-cube');
    expect((error as StatisticsError).focus).toBe(`${url}#o1`);
  });

  it('refuses an observation carrying a dimension of another data set', async () => {
    const quads = [
      ...statisticsToQuads(statistics),
      DataFactory.quad(
        DataFactory.namedNode(`${url}#o3`),
        DataFactory.namedNode('https://w3id.org/selfdata-territorial/ns#energyLabel'),
        DataFactory.namedNode('https://w3id.org/selfdata-territorial/ns#LabelC'),
      ),
    ];
    expect(((await caught(validateStatisticsCube(quads))) as StatisticsError).focus).toBe(`${url}#o3`);
  });

  it('refuses a group below 5 homes and an observation without its measure', async () => {
    const small = { ...statistics, observations: [{ ...statistics.observations[0]!, homes: 3 }] };
    expect(((await caught(validateStatisticsCube(statisticsToQuads(small)))) as StatisticsError).code).toBe(
      'invalid-cube',
    );
    const noMeasure = statisticsToQuads(statistics).filter(
      (q) => !(q.subject.value === `${url}#o2` && q.predicate.value.endsWith('#averagePerDay')),
    );
    expect(((await caught(validateStatisticsCube(noMeasure))) as StatisticsError).focus).toBe(`${url}#o2`);
  });

  it('names the node at fault when reading a malformed cube', () => {
    const turtle = statisticsToTurtle(statistics).replace('"2025-09"^^xsd:gYearMonth', '"September"^^xsd:gYearMonth');
    expect(() => parseStatisticsCube(turtle, url)).toThrow(/#o1> .*refPeriod>: "September" is not a month/u);
    expect(() => parseStatisticsCube('not turtle {', url)).toThrow(StatisticsError);
  });

  it('finds the series of similar homes along each dimension the home has', () => {
    const similar = findSimilarHomes(
      statistics,
      { energyLabel: 'LabelD', householdSize: 2, district: 'Croix-Rousse' },
      'electricity',
    );
    expect(similar).toEqual([
      {
        dimension: 'energyLabel',
        value: 'D',
        unit: 'kWh/day',
        series: [
          { month: '2025-09', averagePerDay: 9.123, homes: 12 },
          { month: '2025-10', averagePerDay: 10.5, homes: 12 },
        ],
      },
      {
        dimension: 'householdSize',
        value: '2',
        unit: 'kWh/day',
        series: [{ month: '2025-10', averagePerDay: 8, homes: 10 }],
      },
    ]);
    expect(findSimilarHomes(statistics, { energyLabel: 'G' }, 'electricity')[0]?.series).toEqual([]);
    expect(findSimilarHomes(statistics, {}, 'water')).toEqual([]);
  });

  it('builds study queries that the checker accepts and the fast evaluator covers', () => {
    for (const measure of STATISTICS_MEASURES)
      for (const dimension of STATISTICS_DIMENSIONS) {
        const plan = checkStudyQuery(buildStatisticsQuery(measure, dimension), {
          ...ENERGY_STUDY_ATTRIBUTES,
          usesNoise: false,
        });
        expect(plan.fastEvaluation.supported).toBe(true);
      }
  });
});
