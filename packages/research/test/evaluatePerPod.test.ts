import { QueryEngine } from '@comunica/query-sparql';
import { Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import {
  checkStudyQuery,
  ENERGY_STUDY_POLICY,
  evaluatePerPod,
  evaluatePodPartials,
  finalise,
  mergePartials,
  parsePartialAggregates,
  ResearchError,
  type StudyQueryPlan,
} from '../src/index.ts';
import { parseDateTime } from '../src/evaluation/dateTime.ts';
import { addNumerics, divideNumerics, formatNumeric, parseNumeric } from '../src/evaluation/numeric.ts';
import { explainPartialsDifference } from './support/compareResults.ts';

const PREFIXES = `@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .
@prefix saref: <https://saref.etsi.org/core/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;
const QUERY_PREFIXES = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
`;

function pod(turtle: string): Store {
  return new Store(new Parser().parse(PREFIXES + turtle));
}

function plan(query: string): StudyQueryPlan {
  return checkStudyQuery(QUERY_PREFIXES + query, ENERGY_STUDY_POLICY);
}

function values(rows: ReturnType<typeof finalise>, name: string): string[] {
  return rows.map((row) => row.bindings[name]?.value ?? 'unbound');
}

describe('numbers', () => {
  it('adds decimals exactly', () => {
    const sum = [0.1, 0.2, 0.3].map((value) => parseNumeric(String(value), 'decimal')!).reduce(addNumerics);
    expect(formatNumeric(sum)).toBe('0.6');
  });

  it('divides integers into a decimal and keeps 24 fractional digits', () => {
    const third = divideNumerics(parseNumeric('1', 'integer')!, parseNumeric('3', 'integer')!)!;
    expect(third.type).toBe('decimal');
    expect(formatNumeric(third)).toBe('0.333333333333333333333333');
    expect(divideNumerics(parseNumeric('1', 'integer')!, parseNumeric('0', 'integer')!)).toBeUndefined();
  });

  it('promotes integer + decimal to decimal and anything + double to double', () => {
    expect(addNumerics(parseNumeric('1', 'integer')!, parseNumeric('1.5', 'decimal')!).type).toBe('decimal');
    expect(addNumerics(parseNumeric('1.5', 'decimal')!, parseNumeric('1e0', 'double')!).type).toBe('double');
  });
});

describe('dateTimes', () => {
  it('reads components in the literal own offset and compares instants', () => {
    const local = parseDateTime('2025-01-01T00:30:00+01:00')!;
    const utc = parseDateTime('2024-12-31T23:30:00Z')!;
    expect([local.year, local.month, local.day]).toEqual([2025, 1, 1]);
    expect(local.epochMs).toBe(utc.epochMs);
  });

  it('refuses invalid dates', () => {
    expect(parseDateTime('2025-02-29T00:00:00Z')).toBeUndefined();
    expect(parseDateTime('2024-02-29T00:00:00Z')).toBeDefined();
    expect(parseDateTime('2025-01-01')).toBeUndefined();
  });
});

describe('evaluatePerPod and the merge', () => {
  it('averages over all readings of all pods, not over the pods averages', () => {
    const query = plan('SELECT (AVG(?kwh) AS ?avg) WHERE { ?r saref:hasValue ?kwh }');
    const small = pod('<#a> saref:hasValue 10 .');
    const large = pod('<#b> saref:hasValue 1 . <#c> saref:hasValue 1 . <#d> saref:hasValue 1 .');
    const rows = finalise(mergePartials([evaluatePerPod(query, small), evaluatePerPod(query, large)]), query);
    // (10 + 1 + 1 + 1) / 4 = 3.25, while the average of the averages would be 5.5.
    expect(values(rows, 'avg')).toEqual(['3.25']);
    expect(rows[0]?.contributingPods).toBe(2);
  });

  it('never joins the data of one pod with another', () => {
    const query = plan(
      'SELECT ?label (COUNT(*) AS ?n) WHERE { ?r a sdt:ElectricityEnergyReading . ?d sdt:energyLabel ?label } GROUP BY ?label',
    );
    const withReadings = pod('<#r1> a sdt:ElectricityEnergyReading . <#r2> a sdt:ElectricityEnergyReading .');
    const withLabel = pod('<#d> sdt:energyLabel sdt:LabelA .');
    const rows = finalise(
      mergePartials([evaluatePerPod(query, withReadings), evaluatePerPod(query, withLabel)]),
      query,
    );
    expect(rows).toEqual([]);
  });

  it('counts distinct contributing pods per group', () => {
    const query = plan('SELECT ?label (COUNT(*) AS ?n) WHERE { ?d sdt:energyLabel ?label } GROUP BY ?label');
    const pods = ['LabelA', 'LabelA', 'LabelB'].map((label) => pod(`<#d> sdt:energyLabel sdt:${label} .`));
    const rows = finalise(mergePartials(pods.map((store) => evaluatePerPod(query, store))), query);
    expect(rows.map((row) => [row.bindings.label?.value.split('#')[1], row.contributingPods])).toEqual([
      ['LabelA', 2],
      ['LabelB', 1],
    ]);
  });

  it('keeps the implicit group of a query without GROUP BY even when no pod matches', () => {
    const query = plan('SELECT (COUNT(*) AS ?n) (SUM(?kwh) AS ?s) (AVG(?kwh) AS ?a) WHERE { ?r saref:hasValue ?kwh }');
    const rows = finalise(mergePartials([evaluatePerPod(query, pod('')), evaluatePerPod(query, pod(''))]), query);
    expect(rows).toEqual([{ bindings: expect.objectContaining({}), contributingPods: 0 }]);
    expect(values(rows, 'n')).toEqual(['0']);
    expect(values(rows, 'a')).toEqual(['0']);
  });

  it('drops groups below a minimum before LIMIT when asked', () => {
    const query = plan(
      'SELECT ?label (COUNT(*) AS ?n) WHERE { ?d sdt:energyLabel ?label } GROUP BY ?label ORDER BY DESC(?n) LIMIT 1',
    );
    const pods = ['LabelA', 'LabelB', 'LabelB'].map((label) =>
      pod(`<#d> sdt:energyLabel sdt:${label} . <#e> sdt:energyLabel sdt:LabelA .`),
    );
    const merged = mergePartials(pods.map((store) => evaluatePerPod(query, store)));
    expect(finalise(merged, query, { minimumContributingPods: 3 }).map((row) => row.bindings.label?.value)).toEqual([
      'https://w3id.org/selfdata-territorial/ns#LabelA',
    ]);
  });

  it('merges in any grouping: per server first, then across servers, gives the same as all at once', () => {
    const query = plan(
      'SELECT ?label (AVG(?kwh) AS ?a) (COUNT(*) AS ?n) WHERE { ?r saref:hasValue ?kwh . ?d sdt:energyLabel ?label } GROUP BY ?label',
    );
    const partials = [
      pod('<#d> sdt:energyLabel sdt:LabelA . <#r> saref:hasValue 1.5 .'),
      pod('<#d> sdt:energyLabel sdt:LabelB . <#r> saref:hasValue 2 . <#s> saref:hasValue 2.25 .'),
      pod('<#d> sdt:energyLabel sdt:LabelA . <#r> saref:hasValue 4e0 .'),
    ].map((store) => evaluatePerPod(query, store));
    const all = finalise(mergePartials(partials), query);
    const staged = finalise(
      mergePartials([mergePartials(partials.slice(0, 2)), mergePartials(partials.slice(2))]),
      query,
    );
    expect(staged).toEqual(all);
    expect(values(all, 'a')).toEqual(['2.75E0', '2.125']);
  });

  it('skips solutions whose aggregate reads an unbound variable but fails on any other error, as Comunica does', () => {
    const query = plan(`SELECT (COUNT(?v * 2) AS ?typeError) (COUNT(?u * 2) AS ?unbound) (COUNT(?v) AS ?values)
      (SUM(?v) AS ?sum) WHERE { ?s sdt:volume ?x OPTIONAL { ?s saref:hasValue ?v } OPTIONAL { ?s sdt:meterIndex ?u } }`);
    const store = pod(
      '<#a> sdt:volume 1 ; saref:hasValue 1 . <#b> sdt:volume 1 ; saref:hasValue "s" . <#c> sdt:volume 1 .',
    );
    const [row] = finalise(mergePartials([evaluatePerPod(query, store)]), query);
    expect(row?.bindings.typeError).toBeUndefined();
    expect(row?.bindings.unbound?.value).toBe('0');
    expect(row?.bindings.values?.value).toBe('2');
    expect(row?.bindings.sum).toBeUndefined();
  });

  it('refuses to merge partials of different queries', () => {
    const count = plan('SELECT (COUNT(*) AS ?n) WHERE { ?r saref:hasValue ?kwh }');
    const sum = plan('SELECT (SUM(?kwh) AS ?n) WHERE { ?r saref:hasValue ?kwh }');
    const empty = pod('');
    expect(() => mergePartials([evaluatePerPod(count, empty), evaluatePerPod(sum, empty)])).toThrow(
      /different queries/u,
    );
  });

  it('groups readings by the month of their own offset, as SPARQL says', () => {
    const query = plan('SELECT ?m (COUNT(*) AS ?n) WHERE { ?r saref:hasTimestamp ?t } GROUP BY (MONTH(?t) AS ?m)');
    const store = pod(`<#a> saref:hasTimestamp "2025-01-31T23:30:00+01:00"^^xsd:dateTime .
      <#b> saref:hasTimestamp "2025-01-31T23:30:00-02:00"^^xsd:dateTime .`);
    const rows = finalise(mergePartials([evaluatePerPod(query, store)]), query);
    expect(values(rows, 'm')).toEqual(['1']);
    expect(values(rows, 'n')).toEqual(['2']);
  });

  it('reports the query shapes it does not cover, and evaluatePodPartials falls back to Comunica', async () => {
    const query = plan('SELECT (COUNT(*) AS ?n) WHERE { ?r (saref:hasValue|sdt:volume) ?v }');
    expect(query.fastEvaluation).toEqual({
      supported: false,
      reason: 'The fast evaluator does not support property paths.',
    });
    expect(() => evaluatePerPod(query, pod(''))).toThrow(ResearchError);
    const store = pod('<#a> saref:hasValue 1 . <#b> sdt:volume 2 ; a sdt:GasReading .');
    const partial = await evaluatePodPartials(query, store, { engine: new QueryEngine() });
    expect(partial.groups[0]?.aggregates[0]).toEqual({ fn: 'count', count: 2 });
  });

  it('leaves to Comunica a FILTER in a nested group that reads a variable from outside it', () => {
    const query = plan(
      'SELECT (COUNT(*) AS ?n) WHERE { ?r saref:hasValue ?kwh . { ?x saref:hasValue ?y FILTER(?y > ?kwh) } }',
    );
    expect(query.fastEvaluation.supported).toBe(false);
  });

  it('gives Comunica identical partials on readings with every numeric type and missing values', async () => {
    const query = plan(`SELECT ?label (SUM(?kwh) AS ?s) (AVG(?kwh) AS ?a) (COUNT(?kwh) AS ?c) WHERE {
      ?r a sdt:ElectricityEnergyReading . OPTIONAL { ?r saref:hasValue ?kwh } ?d sdt:energyLabel ?label } GROUP BY ?label`);
    const store = pod(`<#d> sdt:energyLabel sdt:LabelE .
      <#a> a sdt:ElectricityEnergyReading ; saref:hasValue 1 .
      <#b> a sdt:ElectricityEnergyReading ; saref:hasValue 2.50 .
      <#c> a sdt:ElectricityEnergyReading ; saref:hasValue "3"^^xsd:int .
      <#e> a sdt:ElectricityEnergyReading .`);
    const reference = await evaluatePodPartials(
      { ...query, fastEvaluation: { supported: false, reason: 'test' } },
      store,
    );
    expect(explainPartialsDifference(evaluatePerPod(query, store), reference)).toBeUndefined();
    expect(values(finalise(reference, query), 's')).toEqual(['6.5']);
  });
});

describe('parsePartialAggregates', () => {
  const query = plan(
    'SELECT ?label (AVG(?kwh) AS ?a) WHERE { ?r saref:hasValue ?kwh . ?d sdt:energyLabel ?label } GROUP BY ?label',
  );

  it('accepts partials that went through JSON', () => {
    const partial = evaluatePerPod(query, pod('<#d> sdt:energyLabel sdt:LabelA . <#r> saref:hasValue 2.5 .'));
    expect(parsePartialAggregates(JSON.parse(JSON.stringify(partial)), query)).toEqual(partial);
  });

  it('names the JSON path of a malformed field', () => {
    const bad = {
      functions: ['avg'],
      grouped: true,
      groups: [
        {
          key: ['https://w3id.org/selfdata-territorial/ns#LabelA'],
          pods: 1,
          rows: 1,
          aggregates: [{ fn: 'avg', sum: '"x"', count: 1 }],
        },
      ],
    };
    expect(() => parsePartialAggregates(bad, query)).toThrow(
      'Invalid partial aggregates at $.groups[0].aggregates[0].sum: expected a numeric literal.',
    );
    expect(() => parsePartialAggregates({ ...bad, functions: ['sum'] }, query)).toThrow(/\$\.functions/u);
  });
});

describe('the work limit', () => {
  it('stops a query whose cross product exceeds the allowed matches, with a resource-limit error', () => {
    const query = plan(
      'SELECT (COUNT(*) AS ?n) WHERE { ?a saref:hasValue ?x . ?b saref:hasValue ?y . ?c saref:hasValue ?z }',
    );
    const store = pod(Array.from({ length: 30 }, (_, index) => `<#r${index}> saref:hasValue ${index} .`).join('\n'));
    expect(() => evaluatePerPod(query, store, { maxMatches: 10_000 })).toThrow(
      /more than 10000 triple matches on one pod/u,
    );
    expect(evaluatePerPod(query, store, { maxMatches: 100_000 }).groups[0]?.aggregates[0]).toEqual({
      fn: 'count',
      count: 27_000,
    });
  });
});
