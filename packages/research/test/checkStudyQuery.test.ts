import { describe, expect, it } from 'vitest';
import {
  checkStudyQuery,
  ENERGY_STUDY_POLICY,
  ResearchError,
  type ResearchErrorCode,
  type StudyQueryPolicy,
} from '../src/index.ts';

const PREFIXES = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
`;
const READING = '?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .';
const NOISY: StudyQueryPolicy = { ...ENERGY_STUDY_POLICY, usesNoise: true };

function refusal(query: string, policy: StudyQueryPolicy = ENERGY_STUDY_POLICY): ResearchError {
  try {
    checkStudyQuery(PREFIXES + query, policy);
  } catch (error) {
    if (ResearchError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('The query was accepted');
}

function expectRefusal(query: string, code: ResearchErrorCode, message: RegExp, policy?: StudyQueryPolicy): void {
  const error = refusal(query, policy);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe('checkStudyQuery', () => {
  it('accepts the benchmark query and plans its keys and aggregates', () => {
    const plan = checkStudyQuery(
      `${PREFIXES}SELECT ?label ?month (AVG(?kwh) AS ?avg) WHERE { ${READING} ?d sdt:energyLabel ?label . BIND(SUBSTR(STR(?t), 1, 7) AS ?month) } GROUP BY ?label ?month`,
      ENERGY_STUDY_POLICY,
    );
    expect(plan.groupKeys.map((key) => key.variable)).toEqual(['label', 'month']);
    expect(plan.aggregates.map((aggregate) => aggregate.fn)).toEqual(['avg']);
    expect(plan.projection.map((item) => item.variable)).toEqual(['label', 'month', 'avg']);
    expect(plan.fastEvaluation).toEqual({ supported: true });
  });

  it('reports invalid SPARQL with its line and column', () => {
    const error = refusal(`SELECT (COUNT(*) AS ?n) WHERE {\n  ?r a sdt:ElectricityEnergyReading .\n  FILTER(?r = }`);
    expect(error.code).toBe('syntax');
    expect(error.position).toEqual({ line: 6, column: 15 });
    expect(error.message).toBe("Invalid SPARQL at line 6, column 15: unexpected '}'.");
  });

  it('reports an unknown prefix with the place it is used', () => {
    const error = refusal('SELECT (COUNT(*) AS ?n) WHERE {\n ?r a foo:Bar }');
    expect(error.code).toBe('syntax');
    expect(error.message).toMatch(/Unknown prefix: foo/u);
    expect(error.position).toEqual({ line: 5, column: 7 });
  });

  it.each([
    ['CONSTRUCT { ?r ?p ?o } WHERE { ?r ?p ?o }', /CONSTRUCT/u],
    ['ASK { ?r a sdt:Dwelling }', /ASK/u],
    ['DESCRIBE ?r WHERE { ?r a sdt:Dwelling }', /DESCRIBE/u],
    ['INSERT DATA { sdt:a sdt:b sdt:c }', /update/u],
  ])('refuses a query that is not a SELECT: %s', (query, message) => {
    expectRefusal(query, 'not-select', message);
  });

  it('refuses a projected variable that is neither an aggregate nor a group key, naming it', () => {
    expectRefusal(
      `SELECT ?kwh (COUNT(*) AS ?n) WHERE { ${READING} }`,
      'not-aggregate',
      /\?kwh is neither an aggregate nor a GROUP BY key/u,
    );
  });

  it('refuses SELECT *', () => {
    expectRefusal(`SELECT * WHERE { ${READING} }`, 'not-aggregate', /SELECT \*/u);
  });

  it('refuses a query with neither GROUP BY nor an aggregate', () => {
    expectRefusal(`SELECT (1 AS ?one) WHERE { ${READING} }`, 'not-aggregate', /neither GROUP BY nor an aggregate/u);
  });

  it('refuses a raw value inside a projected expression', () => {
    expectRefusal(
      `SELECT (SUM(?kwh) + ?kwh AS ?x) WHERE { ${READING} }`,
      'not-aggregate',
      /\?kwh is used outside an aggregate/u,
    );
  });

  it('refuses a raw value in HAVING and in ORDER BY', () => {
    expectRefusal(`SELECT (SUM(?kwh) AS ?s) WHERE { ${READING} } HAVING (?kwh > 3)`, 'not-aggregate', /HAVING: \?kwh/u);
    expectRefusal(`SELECT (SUM(?kwh) AS ?s) WHERE { ${READING} } ORDER BY ?kwh`, 'not-aggregate', /ORDER BY: \?kwh/u);
  });

  it.each(['GROUP_CONCAT', 'SAMPLE'])('refuses %s, which returns individual values', (fn) => {
    expectRefusal(`SELECT (${fn}(?kwh) AS ?x) WHERE { ${READING} }`, 'aggregate-not-allowed', new RegExp(fn, 'u'));
  });

  it('refuses MIN and MAX unless the study adds noise', () => {
    expectRefusal(
      `SELECT (MAX(?kwh) AS ?x) WHERE { ${READING} }`,
      'aggregate-not-allowed',
      /only in studies that add noise/u,
    );
    expect(checkStudyQuery(`${PREFIXES}SELECT (MAX(?kwh) AS ?x) WHERE { ${READING} }`, NOISY).aggregates[0]?.fn).toBe(
      'max',
    );
  });

  it('refuses SERVICE', () => {
    expectRefusal(
      `SELECT (COUNT(*) AS ?n) WHERE { SERVICE <https://w3id.org/selfdata-territorial/ns#x> { ${READING} } }`,
      'forbidden-feature',
      /SERVICE/u,
    );
  });

  it('refuses FROM and FROM NAMED', () => {
    expectRefusal(
      `SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/selfdata-territorial/ns#g> WHERE { ${READING} }`,
      'forbidden-feature',
      /FROM/u,
    );
  });

  it('refuses GRAPH', () => {
    expectRefusal(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ${READING} } }`, 'forbidden-feature', /GRAPH/u);
  });

  it('refuses an IRI outside the vocabularies, which could single out a resource', () => {
    expectRefusal(
      `SELECT (SUM(?kwh) AS ?s) WHERE { ${READING} FILTER(?r != <https://alice.example/data/electricity#r1>) }`,
      'forbidden-feature',
      /names <https:\/\/alice\.example\/data\/electricity#r1>/u,
    );
  });

  it('refuses inspecting a resource identifier', () => {
    expectRefusal(
      `SELECT (COUNT(*) AS ?n) WHERE { ${READING} FILTER(STRSTARTS(STR(?r), "https://alice")) }`,
      'forbidden-feature',
      /\?r identifies a resource/u,
    );
  });

  it('allows counting and joining resource identifiers', () => {
    const plan = checkStudyQuery(
      `${PREFIXES}SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ${READING} OPTIONAL { ?r sdt:intervalDuration ?p } FILTER(BOUND(?p)) }`,
      ENERGY_STUDY_POLICY,
    );
    expect(plan.aggregates[0]?.distinct).toBe(true);
  });

  it('refuses a trailing VALUES block and VALUES binding a group key', () => {
    expectRefusal(`SELECT (COUNT(*) AS ?n) WHERE { ${READING} } VALUES ?kwh { 1 }`, 'forbidden-feature', /VALUES/u);
    expectRefusal(
      `SELECT ?label (COUNT(*) AS ?n) WHERE { ?d sdt:energyLabel ?label . VALUES ?label { sdt:LabelA } } GROUP BY ?label`,
      'group-key-not-allowed',
      /bound by VALUES/u,
    );
  });

  it('refuses VALUES injecting the identifier of a resource', () => {
    expectRefusal(
      `SELECT (SUM(?kwh) AS ?s) WHERE { ${READING} VALUES ?r { <https://alice.example/data/electricity#r1> } }`,
      'forbidden-feature',
      /VALUES names <https:\/\/alice\.example/u,
    );
  });

  it('refuses a sub-query that projects raw values', () => {
    expectRefusal(
      `SELECT (SUM(?kwh) AS ?s) WHERE { { SELECT ?kwh WHERE { ${READING} } } }`,
      'not-aggregate',
      /\?kwh is neither/u,
    );
  });

  it('accepts an aggregate sub-query', () => {
    const plan = checkStudyQuery(
      `${PREFIXES}SELECT ?month (AVG(?total) AS ?a) WHERE { { SELECT ?month (SUM(?kwh) AS ?total) WHERE { ${READING} BIND(SUBSTR(STR(?t), 1, 7) AS ?month) } GROUP BY ?month } } GROUP BY ?month`,
      ENERGY_STUDY_POLICY,
    );
    expect(plan.fastEvaluation.supported).toBe(true);
    expect(plan.subQueries.size).toBe(1);
  });

  it('refuses grouping by a raw value, naming the allowed attributes', () => {
    expectRefusal(
      `SELECT ?kwh (COUNT(*) AS ?n) WHERE { ${READING} } GROUP BY ?kwh`,
      'group-key-not-allowed',
      /GROUP BY \?kwh: .*energyLabel/u,
    );
  });

  it('refuses grouping by a full timestamp and suggests the month', () => {
    expectRefusal(
      `SELECT ?t (COUNT(*) AS ?n) WHERE { ${READING} } GROUP BY ?t`,
      'group-key-not-allowed',
      /full timestamp; group by YEAR/u,
    );
  });

  it('refuses grouping by a resource identifier', () => {
    expectRefusal(
      `SELECT ?r (COUNT(*) AS ?n) WHERE { ${READING} } GROUP BY ?r`,
      'group-key-not-allowed',
      /identifies a resource/u,
    );
  });

  it('refuses a group key bound by a BIND of a raw value', () => {
    expectRefusal(
      `SELECT ?k (COUNT(*) AS ?n) WHERE { ${READING} BIND(ROUND(?kwh) AS ?k) } GROUP BY ?k`,
      'group-key-not-allowed',
      /BIND that is not allowed/u,
    );
  });

  it('refuses a group key whose variable is also bound by another predicate', () => {
    expectRefusal(
      `SELECT ?label (COUNT(*) AS ?n) WHERE { ?d sdt:energyLabel ?label . ?x saref:hasValue ?label . } GROUP BY ?label`,
      'group-key-not-allowed',
      /not a coarse attribute/u,
    );
  });

  it('refuses the day of a timestamp, which is finer than the month', () => {
    expectRefusal(
      `SELECT ?d (COUNT(*) AS ?n) WHERE { ${READING} } GROUP BY (SUBSTR(STR(?t), 1, 10) AS ?d)`,
      'group-key-not-allowed',
      /SUBSTR is allowed only/u,
    );
    expectRefusal(
      `SELECT ?d (COUNT(*) AS ?n) WHERE { ${READING} } GROUP BY (DAY(?t) AS ?d)`,
      'group-key-not-allowed',
      /not an allowed group key/u,
    );
  });

  it('accepts YEAR, MONTH, STR of a coarse attribute and the month string as group keys', () => {
    const plan = checkStudyQuery(
      `${PREFIXES}SELECT ?y ?m ?l ?ym (COUNT(*) AS ?n) WHERE { ${READING} ?d sdt:energyLabel ?label . } GROUP BY (YEAR(?t) AS ?y) (MONTH(?t) AS ?m) (STR(?label) AS ?l) (SUBSTR(STR(?t), 1, 7) AS ?ym)`,
      ENERGY_STUDY_POLICY,
    );
    expect(plan.groupKeys).toHaveLength(4);
  });

  it('refuses an extension function', () => {
    expectRefusal(
      `SELECT (SUM(<http://www.w3.org/2005/xpath-functions#abs>(?kwh)) AS ?s) WHERE { ${READING} }`,
      'forbidden-feature',
      /only SPARQL built-in functions/u,
    );
  });

  it('recognises its errors across package copies', () => {
    expect(ResearchError.isInstance({ name: 'ResearchError', code: 'syntax', message: 'x' })).toBe(true);
    expect(ResearchError.isInstance(new Error('x'))).toBe(false);
  });
});
