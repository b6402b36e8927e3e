import type * as RDF from '@rdfjs/types';
import type { Territory } from '@sdt/vocab';
import { runStudyQuery, type PodFailure } from '../coordinator/runStudyQuery.ts';
import type { ResearchEngineAccount } from '../studies/ResearchEngineAccount.ts';
import { listStudyParticipants } from '../studies/studyConsent.ts';
import { StatisticsError } from './StatisticsError.ts';
import {
  compareObservations,
  STATISTICS_PATH,
  statisticsToQuads,
  statisticsToTurtle,
  validateStatisticsCube,
} from './statisticsCube.ts';
import { buildStatisticsQuery } from './statisticsQueries.ts';
import { ensureTerritoryStatisticsStudy } from './territoryStatisticsStudy.ts';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_MEASURES,
  STATISTICS_UNITS,
  type StatisticsDimension,
  type StatisticsMeasure,
  type StatisticsObservation,
  type TerritoryStatistics,
} from './TerritoryStatistics.ts';

/** Progress of a publication: query `query` of `queries`, and its pods done / failed / total. */
export interface StatisticsProgress {
  readonly query: number;
  readonly queries: number;
  readonly done: number;
  readonly failed: number;
  readonly total: number;
}

/** Options of {@link publishTerritoryStatistics}. */
export interface PublishTerritoryStatisticsOptions {
  /** The territory's research engine (owner session of its pod). */
  readonly engine: ResearchEngineAccount;
  readonly territory: Territory;
  /** Territory servers with a research endpoint (the three platform servers). */
  readonly endpoints: readonly string[];
  /** Base fetch under the study client's authentication (e.g. `createKeepAliveFetch(32).fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  readonly onProgress?: (progress: StatisticsProgress) => void;
  /** Publication time (default now). */
  readonly now?: Date;
}

/** What a publication did, beyond the published statistics (never published: pod URLs stay private). */
export interface PublishedTerritoryStatistics extends TerritoryStatistics {
  /** Every pod that failed at least one query, with the first reason. */
  readonly failures: readonly PodFailure[];
  /** Groups left out because fewer than k homes were in them (all queries). */
  readonly groupsSuppressed: number;
  /** Groups of at least k homes (all queries) = observations. */
  readonly groups: number;
  /** Why the cube is empty, when it is. */
  readonly note?: string;
}

/** Digits kept: the Wh for energy, the decilitre for water. */
const DIGITS: Readonly<Record<StatisticsMeasure, number>> = { electricity: 3, gas: 3, water: 1 };

function groupValue(term: RDF.Term, dimension: StatisticsDimension): string {
  if (dimension === 'energyLabel' && term.termType === 'NamedNode') return term.value.replace(/^.*[#/]Label/u, '');
  return term.value;
}

/**
 * Computes and publishes a territory's monthly statistics: ensures the standing statistics study,
 * lists its participants, runs one study query per measure (electricity, gas, water) and dimension
 * (DPE class, household size, district) through the territory servers' research endpoints (groups
 * below k suppressed by the coordinator), and writes the RDF Data Cube, checked against
 * `shapes/TerritoryStatisticsShape.ttl`, to the public `<engine pod>statistics/monthly`.
 * With no participant, an empty (valid) cube is published and `note` says so; failed pods are
 * counted in the cube's coverage and listed in `failures`.
 * @throws StudyError (study, registry), ResearchError (query refused), StatisticsError `http` (write)
 */
export async function publishTerritoryStatistics(
  options: PublishTerritoryStatisticsOptions,
): Promise<PublishedTerritoryStatistics> {
  const { engine, territory } = options;
  const now = options.now ?? new Date();
  const study = await ensureTerritoryStatisticsStudy(engine, territory, { now });
  const pods = await listStudyParticipants(study, engine);
  const observations: StatisticsObservation[] = [];
  const failures = new Map<string, PodFailure>();
  let groupsSuppressed = 0;
  const queries = STATISTICS_MEASURES.length * STATISTICS_DIMENSIONS.length;
  if (pods.length > 0) {
    const client = await engine.openStudyClient(study.slug, options.fetch);
    let index = 0;
    for (const measure of STATISTICS_MEASURES) {
      for (const dimension of STATISTICS_DIMENSIONS) {
        const query = ++index;
        const answer = await runStudyQuery({
          study,
          query: buildStatisticsQuery(measure, dimension),
          pods,
          fetch: client.fetch,
          endpoints: options.endpoints,
          now,
          ...(options.onProgress ? { onProgress: (p) => options.onProgress?.({ query, queries, ...p }) } : {}),
        });
        groupsSuppressed += answer.report.groupsSuppressed;
        for (const failure of answer.report.failures)
          if (!failures.has(failure.pod)) failures.set(failure.pod, failure);
        for (const row of answer.rows) {
          const group = row.bindings.group;
          const month = row.bindings.month;
          const average = row.bindings.average;
          if (!group || !month || !average || row.contributingPods === undefined) continue;
          const perDay = Number(average.value) * (measure === 'water' ? 1000 : 1);
          observations.push({
            measure,
            dimension,
            value: groupValue(group, dimension),
            month: month.value,
            averagePerDay: Number(perDay.toFixed(DIGITS[measure])),
            unit: STATISTICS_UNITS[measure],
            homes: row.contributingPods,
          });
        }
      }
    }
  }
  observations.sort(compareObservations);
  const datasetUrl = `${engine.podUrl}${STATISTICS_PATH}`;
  const note =
    pods.length === 0
      ? `No home has opted in to the statistics study ${study.iri} yet: nothing to publish.`
      : observations.length === 0
        ? `No group reached ${study.minimumGroupSize} homes: nothing to publish.`
        : undefined;
  const statistics: TerritoryStatistics = {
    territory,
    datasetUrl,
    study: study.iri,
    issued: now.toISOString(),
    minimumGroupSize: study.minimumGroupSize,
    coverage: { podsAsked: pods.length, podsAnswered: pods.length - failures.size, podsFailed: failures.size },
    observations,
  };
  const noteOption = note === undefined ? {} : { note };
  await validateStatisticsCube(statisticsToQuads(statistics, noteOption));
  await writePublicStatistics(engine, datasetUrl, statisticsToTurtle(statistics, noteOption));
  return {
    ...statistics,
    failures: [...failures.values()].sort((a, b) => a.pod.localeCompare(b.pod)),
    groupsSuppressed,
    groups: observations.length,
    ...noteOption,
  };
}

async function expectOk(response: Response, what: string): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
  if (![200, 201, 204, 205].includes(response.status))
    throw new StatisticsError('http', `${what} answered ${response.status}.`, { status: response.status });
}

/** Writes the cube in the engine's public-read, owner-write `statistics/` container. */
async function writePublicStatistics(engine: ResearchEngineAccount, url: string, turtle: string): Promise<void> {
  await engine.ensurePublicContainer(url.slice(engine.podUrl.length, url.lastIndexOf('/') + 1));
  await expectOk(
    await engine.fetch(url, { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: turtle }),
    `PUT ${url}`,
  );
}
