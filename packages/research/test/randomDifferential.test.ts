/**
 * Generated differential tests: queries assembled at random (fixed seed) from group keys, aggregates,
 * filters, OPTIONAL and HAVING over the corpus pods; the fast evaluator must agree with Comunica per
 * pod, and the merged rows with Comunica over the union of the pods in named graphs.
 */
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory, Store } from 'n3';
import sparqljs from 'sparqljs';
import { describe, expect, it } from 'vitest';
import {
  checkStudyQuery,
  ENERGY_STUDY_POLICY,
  evaluatePerPod,
  evaluatePerPodWithComunica,
  evaluateWithComunica,
  finalise,
  mergePartials,
} from '../src/index.ts';
import { explainPartialsDifference, explainRowsDifference } from './support/compareResults.ts';
import { createCorpusPods, createEnergyPod, createTestRandom } from './support/energyPods.ts';

const PREFIXES = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
`;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function generateQuery(random: () => number): string {
  const needs = new Set<string>();
  const where: string[] = [];
  const optionalValue = random() < 0.25;
  where.push(
    optionalValue
      ? '?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t . OPTIONAL { ?r saref:hasValue ?kwh }'
      : '?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .',
  );
  const keyChoices = ['label', 'optionalLabel', 'district', 'size', 'month', 'yearFn', 'monthFn', 'heating'];
  const keys: string[] = [];
  const groupBy: string[] = [];
  const keyCount = Math.floor(random() * 3);
  for (let index = 0; index < keyCount; index += 1) {
    const key = pick(random, keyChoices);
    if (
      keys.includes(key) ||
      (key === 'label' && keys.includes('optionalLabel')) ||
      (key === 'optionalLabel' && keys.includes('label'))
    )
      continue;
    keys.push(key);
    switch (key) {
      case 'label':
        needs.add('label');
        groupBy.push('?label');
        break;
      case 'optionalLabel':
        needs.add('optionalLabel');
        groupBy.push('?label');
        break;
      case 'district':
        needs.add('district');
        groupBy.push('?district');
        break;
      case 'size':
        needs.add('size');
        groupBy.push('?size');
        break;
      case 'heating':
        needs.add('heating');
        groupBy.push('?heating');
        break;
      case 'month':
        where.push('BIND(SUBSTR(STR(?t), 1, 7) AS ?month)');
        groupBy.push('?month');
        break;
      case 'yearFn':
        groupBy.push('(YEAR(?t) AS ?year)');
        break;
      case 'monthFn':
        groupBy.push('(MONTH(?t) AS ?m)');
        break;
    }
  }
  const filters: string[] = [];
  const filterCount = Math.floor(random() * 3);
  for (let index = 0; index < filterCount; index += 1) {
    const threshold = (random() * 25).toFixed(pick(random, [0, 1, 3]));
    const filter = pick(random, [
      `?kwh > ${threshold}`,
      `?kwh <= ${Number(threshold).toExponential(2)}`,
      `?t >= "2025-0${1 + Math.floor(random() * 9)}-${pick(random, ['01', '15', '28'])}T${pick(random, ['00:00:00', '23:30:00'])}${pick(random, ['Z', '+01:00', '+02:00'])}"^^xsd:dateTime`,
      'YEAR(?t) = 2025',
      `MONTH(?t) IN (${pick(random, ['1, 2', '3', '10, 11, 12', '6, 7'])})`,
      'isNumeric(?kwh)',
      'DATATYPE(?kwh) = xsd:decimal',
      'HOURS(?t) = 0',
      `?district IN ("Vaise", "Confluence")`,
      `?size >= ${1 + Math.floor(random() * 4)}`,
      'REGEX(?district, "^(c|p)", "i")',
      '!BOUND(?label)',
      `(?kwh * 2 > ${threshold} || ?kwh < 5)`,
      `NOT EXISTS { ?r saref:hasValue ?v2 FILTER(?v2 > ${threshold}) }`,
      'EXISTS { ?g a sdt:GasReading }',
    ]);
    if (filter.includes('?district')) needs.add('district');
    if (filter.includes('?size')) needs.add('size');
    if (filter.includes('?label') && !needs.has('label')) needs.add('optionalLabel');
    filters.push(`FILTER(${filter})`);
  }
  const aggregates: string[] = [];
  const aggregateCount = 1 + Math.floor(random() * 3);
  for (let index = 0; index < aggregateCount; index += 1) {
    const aggregate = pick(random, [
      'COUNT(*)',
      'COUNT(?kwh)',
      'COUNT(DISTINCT ?r)',
      'SUM(?kwh)',
      'AVG(?kwh)',
      'SUM(?kwh * 2)',
      'AVG(?kwh + 1)',
      'SUM(IF(?kwh > 12, 1, 0))',
      'MIN(?kwh)',
      'MAX(?kwh)',
      'MAX(?t)',
      'AVG(?area)',
      'SUM(IF(?kwh > 20, "big", ?kwh))',
      'COUNT(IF(?kwh != "x", 1, 0))',
      'MAX(IF(?kwh > 15, STR(?kwh), ?kwh))',
    ]);
    if (aggregate.includes('?area')) needs.add('area');
    aggregates.push(`(${aggregate} AS ?agg${index})`);
  }
  if (needs.has('label')) where.push('?d sdt:energyLabel ?label .');
  if (needs.has('optionalLabel')) where.push('?d a sdt:Dwelling . OPTIONAL { ?d sdt:energyLabel ?label }');
  if (needs.has('heating')) where.push('?dh sdt:heatingEnergy ?heating .');
  if (needs.has('area')) where.push('?da sdt:floorArea ?area .');
  if (needs.has('district')) where.push('?h sdt:district ?district .');
  if (needs.has('size')) where.push('?hs sdt:householdSize ?size .');
  if (random() < 0.15) where.push(`MINUS { ?r saref:hasValue ?mv FILTER(?mv < ${(random() * 12).toFixed(1)}) }`);
  if (random() < 0.1) where.push('VALUES ?vs { 1 2 3 } ?hv sdt:householdSize ?vs .');
  const projected = groupBy.map((key) => /AS (\?\w+)\)$/u.exec(key)?.[1] ?? key);
  const having = random() < 0.2 ? ` HAVING (COUNT(*) > ${Math.floor(random() * 30)})` : '';
  const order =
    projected.length > 0 && random() < 0.3
      ? ` ORDER BY ${projected.map((key) => (random() < 0.5 ? `DESC(${key})` : key)).join(' ')}`
      : '';
  return `${PREFIXES}SELECT ${[...projected, ...aggregates].join(' ')} WHERE {\n  ${[...where, ...filters].join('\n  ')}\n}${groupBy.length > 0 ? ` GROUP BY ${groupBy.join(' ')}` : ''}${having}${order}`;
}

describe('generated differential queries', () => {
  const pods = createCorpusPods().map((options) => createEnergyPod(options));
  const union = new Store();
  pods.forEach((pod, index) => {
    for (const quad of pod.getQuads(null, null, null, null)) {
      union.addQuad(quad.subject, quad.predicate, quad.object, DataFactory.namedNode(`urn:test:pod:${index}`));
    }
  });
  const engine = new QueryEngine();
  const random = createTestRandom(Number(process.env.FUZZ_SEED ?? 20251128));
  const queries = Array.from({ length: Number(process.env.FUZZ_COUNT ?? 30) }, () => generateQuery(random));

  for (const [index, query] of queries.entries()) {
    it(`generated query ${index + 1} gives the same result as Comunica`, async () => {
      const plan = checkStudyQuery(query, { ...ENERGY_STUDY_POLICY, usesNoise: true });
      expect(plan.fastEvaluation, query).toEqual({ supported: true });
      const partials = pods.map((pod) => evaluatePerPod(plan, pod));
      for (const [podIndex, pod] of pods.entries()) {
        const reference = await evaluatePerPodWithComunica(plan, pod, { engine });
        expect(explainPartialsDifference(partials[podIndex]!, reference), `pod ${podIndex}\n${query}`).toBeUndefined();
      }
      const rows = finalise(mergePartials(partials), plan).map((row) => row.bindings);
      const unionQuery = new sparqljs.Generator().stringify({
        ...plan.query,
        where: [{ type: 'graph', name: DataFactory.variable('sdtPod'), patterns: [...plan.where] }],
      });
      const unionRows = await evaluateWithComunica(unionQuery, [union], { engine });
      expect(explainRowsDifference(rows, unionRows, plan.order.length > 0), query).toBeUndefined();
    });
  }
});
