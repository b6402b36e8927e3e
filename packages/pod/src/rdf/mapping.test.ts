import { Parser, DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { generateDemoCitizen } from '@sdt/synth';
import { SAREF, SCHEMA, SDT, UNIT, validateQuads } from '@sdt/vocab';
import { PodDataError, PodError } from '../errors.ts';
import { contentToQuads, contentToTurtle, quadsToContent, splitByMonth, type ResourceContent } from './index.ts';

const POD = 'https://pod.example/alice/';
const { namedNode, literal, quad } = DataFactory;

function kindOf(content: ResourceContent): { category: ResourceContent['category']; series?: string } {
  return 'series' in content ? { category: content.category, series: content.series } : { category: content.category };
}

function parse(turtle: string, base: string): Quad[] {
  return new Parser({ baseIRI: base }).parse(turtle);
}

const examples: [string, string, ResourceContent][] = [
  [
    'identity',
    'data/identity/person',
    {
      category: 'identity',
      record: {
        givenName: 'Camille',
        familyName: 'Martin',
        birthDate: '1984-05-17',
        email: 'camille@example.org',
        address: { streetAddress: '12 rue de la République', postalCode: '69002', addressLocality: 'Lyon', district: 'Presqu’île' },
      },
    },
  ],
  [
    'identity without optional fields',
    'data/identity/person',
    {
      category: 'identity',
      record: {
        givenName: 'Léa',
        familyName: 'Durand',
        birthDate: '2001-11-30',
        address: { streetAddress: '3 quai Valin', postalCode: '17000', addressLocality: 'La Rochelle' },
      },
    },
  ],
  [
    'household',
    'data/household/household',
    {
      category: 'household',
      record: {
        size: 3,
        district: 'Croix-Rousse',
        members: [
          { role: 'adult', birthYear: 1984 },
          { role: 'adult', birthYear: 1986 },
          { role: 'child', birthYear: 2015 },
        ],
      },
    },
  ],
  [
    'income',
    'data/income/family-quotient',
    {
      category: 'income',
      record: { familyQuotient: 742.5, numberOfChildren: 2, allocataires: ['Alex Martin', 'Camille Martin'], date: '2025-01-01', provider: 'CAF' },
    },
  ],
  [
    'housing',
    'data/housing/dwelling',
    {
      category: 'housing',
      record: {
        floorArea: 68.5,
        energyLabel: 'E',
        greenhouseGasLabel: 'C',
        heatingEnergy: 'heat-pump',
        tenure: 'social-tenant',
        yearBuilt: 1972,
        primaryEnergyConsumption: 287,
        greenhouseGasEmissions: 14.2,
      },
    },
  ],
  ['housing without optional fields', 'data/housing/dwelling', { category: 'housing', record: { floorArea: 31, energyLabel: 'G', heatingEnergy: 'gas', tenure: 'tenant' } }],
  [
    'health',
    'data/health/observations',
    {
      category: 'health',
      records: [
        { id: 'obs-2025-01-10-29463-7', code: '29463-7', label: 'Poids corporel', value: 72.4, unit: 'KiloGM', date: '2025-01-10' },
        { id: 'obs-2025-02-10-8480-6', code: '8480-6', label: 'Pression systolique', value: 128, unit: 'MilliM_HG', date: '2025-02-10' },
      ],
    },
  ],
  [
    'electricity daily',
    'data/electricity/daily-2025-01',
    {
      category: 'electricity',
      series: 'daily',
      readings: [
        { start: '2025-01-01T00:00:00+01:00', interval: 'P1D', kWh: 14.236 },
        { start: '2025-01-02T00:00:00+01:00', interval: 'P1D', kWh: 0 },
      ],
    },
  ],
  [
    'electricity curve',
    'data/electricity/curve-2025-10',
    {
      category: 'electricity',
      series: 'curve',
      readings: [
        { start: '2025-10-26T02:00:00+02:00', interval: 'PT30M', watts: 410 },
        { start: '2025-10-26T02:30:00+02:00', interval: 'PT30M', watts: 398.5 },
        { start: '2025-10-26T02:00:00+01:00', interval: 'PT30M', watts: 395.5 },
        { start: '2025-10-26T02:30:00+01:00', interval: 'PT30M', watts: 380 },
      ],
    },
  ],
  [
    'gas daily',
    'data/gas/daily-2025-01',
    {
      category: 'gas',
      series: 'daily',
      readings: [
        { start: '2025-01-01T00:00:00+01:00', interval: 'P1D', kWh: 45.678, volumeM3: 4.1, conversionCoefficient: 11.14 },
        { start: '2025-01-02T00:00:00+01:00', interval: 'P1D', kWh: 40 },
      ],
    },
  ],
  ['gas monthly', 'data/gas/monthly-2025-02', { category: 'gas', series: 'monthly', readings: [{ start: '2025-02-01T00:00:00+01:00', interval: 'P1M', kWh: 1234.5, volumeM3: 110.2 }] }],
  [
    'water',
    'data/water/daily-2025-03',
    {
      category: 'water',
      series: 'daily',
      readings: [
        { start: '2025-03-30T00:00:00+01:00', interval: 'P1D', volumeM3: 0.154, meterIndexM3: 312.456 },
        { start: '2025-03-31T00:00:00+02:00', interval: 'P1D', volumeM3: 0.2 },
      ],
    },
  ],
  [
    'mobility',
    'data/mobility/trips-2025-01',
    {
      category: 'mobility',
      series: 'trips',
      trips: [
        { id: 't20250103T0712Z', departure: '2025-01-03T08:12:00+01:00', arrival: '2025-01-03T08:41:00+01:00', mode: 'ebike', distanceKm: 7.25, co2Kg: 0.08 },
        { id: 't20250103T1705Z', departure: '2025-01-03T18:05:00+01:00', arrival: '2025-01-03T18:40:00+01:00', mode: 'carpool', distanceKm: 12.4, co2Kg: 1.07 },
      ],
    },
  ],
];

describe('the RDF mapping of records', () => {
  describe.each(examples)('for %s', (_name, path, content) => {
    const iri = `${POD}${path}`;

    it('reads back what it writes, as quads', () => {
      expect(quadsToContent(kindOf(content), contentToQuads(content, iri), iri)).toEqual(content);
    });

    it('reads back what it writes, through Turtle text', () => {
      const turtle = contentToTurtle(content, iri);
      expect(turtle).not.toContain(POD); // subjects are written relative to the resource
      expect(quadsToContent(kindOf(content), parse(turtle, iri), iri)).toEqual(content);
    });

    it('writes data that conforms to the SHACL shapes', async () => {
      const report = await validateQuads(contentToQuads(content, iri));
      expect(report.results).toEqual([]);
    });
  });

  it('writes the exact RDF of a daily electricity reading', () => {
    const iri = `${POD}data/electricity/daily-2025-01`;
    const quads = contentToQuads({ category: 'electricity', series: 'daily', readings: [{ start: '2025-01-03T00:00:00+01:00', interval: 'P1D', kWh: 0.1 + 0.2 }] }, iri);
    const subject = `${iri}#r20250102T2300Z`;
    const text = quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal' ? `"${q.object.value}"^^${q.object.datatype.value}` : q.object.value}`);
    const xsd = 'http://www.w3.org/2001/XMLSchema#';
    expect(text.sort()).toEqual(
      [
        `${subject} http://www.w3.org/1999/02/22-rdf-syntax-ns#type ${SDT.ElectricityEnergyReading}`,
        `${subject} http://www.w3.org/1999/02/22-rdf-syntax-ns#type ${SAREF.Measurement}`,
        `${subject} http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://www.w3.org/ns/sosa/Observation`,
        `${subject} ${SAREF.hasTimestamp} "2025-01-03T00:00:00+01:00"^^${xsd}dateTime`,
        `${subject} ${SDT.intervalDuration} "P1D"^^${xsd}duration`,
        `${subject} ${SAREF.hasValue} "0.3"^^${xsd}decimal`,
        `${subject} ${SAREF.isMeasuredIn} ${UNIT['KiloW-HR']}`,
      ].sort(),
    );
  });

  it('writes numbers without float noise, rounded per unit', () => {
    const iri = `${POD}data/electricity/curve-2025-01`;
    const quads = contentToQuads(
      { category: 'electricity', series: 'curve', readings: [{ start: '2025-01-01T00:00:00+01:00', interval: 'PT30M', watts: 1234.5678 }] },
      iri,
    );
    expect(quads.find((q) => q.predicate.value === SAREF.hasValue)?.object.value).toBe('1234.6');
    const trip = contentToQuads(
      { category: 'mobility', series: 'trips', trips: [{ id: 't1', departure: '2025-01-01T08:00:00+01:00', arrival: '2025-01-01T08:10:00+01:00', mode: 'car', distanceKm: 1.1 + 2.2, co2Kg: 1e-9 }] },
      iri,
    );
    expect(trip.find((q) => q.predicate.value === SDT.distance)?.object.value).toBe('3.3');
    expect(trip.find((q) => q.predicate.value === SDT.co2Emissions)?.object.value).toBe('0');
  });

  it('names trips and health observations after their id and maps modes to sdt: concepts', () => {
    const iri = `${POD}data/mobility/trips-2025-01`;
    const content = examples.find(([name]) => name === 'mobility')![2];
    const quads = contentToQuads(content, iri);
    const mode = quads.find((q) => q.subject.value === `${iri}#t20250103T0712Z` && q.predicate.value === SDT.transportMode);
    expect(mode?.object.value).toBe(SDT.EBike);
    expect(quads.some((q) => q.object.value === SDT.Carpool)).toBe(true);
    expect(quads.some((q) => q.predicate.value === SCHEMA.departureTime)).toBe(true);
  });

  it('reads back every resource of a synthetic demo citizen', async () => {
    const data = generateDemoCitizen('nantes', { endMonth: '2025-10', months: 12 }).data;
    const series = [
      splitByMonth('electricity', 'daily', data.electricity.daily),
      splitByMonth('electricity', 'curve', data.electricity.curve),
      splitByMonth('gas', 'daily', data.gas.daily),
      splitByMonth('gas', 'monthly', data.gas.monthly),
      splitByMonth('water', 'daily', data.water.daily),
      splitByMonth('mobility', 'trips', data.mobility.trips),
    ];
    let resources = 0;
    for (const map of series) {
      for (const [path, content] of map) {
        const iri = `${POD}${path}`;
        const back = quadsToContent(kindOf(content), parse(contentToTurtle(content, iri), iri), iri);
        expect(back, path).toEqual(content);
        resources++;
      }
    }
    expect(resources).toBeGreaterThanOrEqual(12 + 1 + 12);
    const identityIri = `${POD}data/identity/person`;
    const identity: ResourceContent = { category: 'identity', record: data.identity };
    expect(quadsToContent({ category: 'identity' }, contentToQuads(identity, identityIri), identityIri)).toEqual(identity);
  });
});

describe('reading malformed RDF', () => {
  const iri = `${POD}data/electricity/daily-2025-01`;
  const content: ResourceContent = {
    category: 'electricity',
    series: 'daily',
    readings: [{ start: '2025-01-03T00:00:00+01:00', interval: 'P1D', kWh: 12 }],
  };
  const subject = `${iri}#r20250102T2300Z`;
  const without = (predicate: string): Quad[] => contentToQuads(content, iri).filter((q) => q.predicate.value !== predicate);
  const replace = (predicate: string, object: Quad['object']): Quad[] =>
    contentToQuads(content, iri).map((q) => (q.predicate.value === predicate ? quad(q.subject, q.predicate, object) : q));

  function error(run: () => unknown): PodDataError {
    try {
      run();
    } catch (caught: unknown) {
      expect(PodError.isInstance(caught)).toBe(true);
      expect((caught as PodError).code).toBe('invalid-data');
      return caught as PodDataError;
    }
    throw new Error('expected a PodDataError');
  }

  it('ignores triples it does not know, such as provenance', () => {
    const extra = quad(namedNode(subject), namedNode('http://www.w3.org/ns/prov#wasGeneratedBy'), namedNode(`${iri}#import`));
    const activity = quad(namedNode(`${iri}#import`), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://www.w3.org/ns/prov#Activity'));
    expect(quadsToContent({ category: 'electricity', series: 'daily' }, [...contentToQuads(content, iri), extra, activity], iri)).toEqual(content);
  });

  it('names the subject and property of a missing value', () => {
    const e = error(() => quadsToContent({ category: 'electricity', series: 'daily' }, without(SAREF.hasValue), iri));
    expect(e.message).toContain(subject);
    expect(e.message).toContain(SAREF.hasValue);
  });

  it('names the subject and property of a value that is not a number', () => {
    const e = error(() => quadsToContent({ category: 'electricity', series: 'daily' }, replace(SAREF.hasValue, literal('douze')), iri));
    expect(e.message).toContain(subject);
    expect(e.message).toContain(SAREF.hasValue);
  });

  it('names the subject and property of a wrong unit', () => {
    const e = error(() => quadsToContent({ category: 'electricity', series: 'daily' }, replace(SAREF.isMeasuredIn, namedNode(UNIT.W)), iri));
    expect(e.message).toContain(subject);
    expect(e.message).toContain(SAREF.isMeasuredIn);
  });

  it('names the subject and property of a repeated value', () => {
    const twice = [...contentToQuads(content, iri), quad(namedNode(subject), namedNode(SAREF.hasTimestamp), literal('2025-01-04T00:00:00+01:00'))];
    const e = error(() => quadsToContent({ category: 'electricity', series: 'daily' }, twice, iri));
    expect(e.message).toContain(subject);
    expect(e.message).toContain(SAREF.hasTimestamp);
  });

  it('names the subject and property of an instant without offset', () => {
    const e = error(() => quadsToContent({ category: 'electricity', series: 'daily' }, replace(SAREF.hasTimestamp, literal('2025-01-03T00:00:00')), iri));
    expect(e.message).toContain(subject);
    expect(e.message).toContain(SAREF.hasTimestamp);
  });

  it('names the subject and property of an unknown transport mode', () => {
    const tripsIri = `${POD}data/mobility/trips-2025-01`;
    const trips = examples.find(([name]) => name === 'mobility')![2];
    const quads = contentToQuads(trips, tripsIri).map((q) => (q.object.value === SDT.EBike ? quad(q.subject, q.predicate, namedNode(`${SDT.NS}Rocket`)) : q));
    const e = error(() => quadsToContent({ category: 'mobility', series: 'trips' }, quads, tripsIri));
    expect(e.message).toContain(`${tripsIri}#t20250103T0712Z`);
    expect(e.message).toContain(SDT.transportMode);
  });

  it('names the subject and property of a missing address', () => {
    const personIri = `${POD}data/identity/person`;
    const identity = examples[0]![2];
    const quads = contentToQuads(identity, personIri).filter((q) => q.predicate.value !== SCHEMA.address);
    const e = error(() => quadsToContent({ category: 'identity' }, quads, personIri));
    expect(e.message).toContain(`${personIri}#me`);
    expect(e.message).toContain(SCHEMA.address);
  });

  it('says which class is missing from a single resource', () => {
    const e = error(() => quadsToContent({ category: 'housing' }, [], `${POD}data/housing/dwelling`));
    expect(e.message).toContain(SDT.Dwelling);
  });

  it('refuses a series the category does not have', () => {
    expect(() => quadsToContent({ category: 'electricity', series: 'hourly' }, [], iri)).toThrow(/daily, curve/);
  });
});

describe('writing malformed records', () => {
  const iri = `${POD}data/electricity/daily-2025-01`;

  it('names the subject and property of a value that is not a finite number', () => {
    const run = (): unknown =>
      contentToQuads({ category: 'electricity', series: 'daily', readings: [{ start: '2025-01-03T00:00:00+01:00', interval: 'P1D', kWh: Number.NaN }] }, iri);
    expect(run).toThrow(PodDataError);
    expect(run).toThrow(`<${iri}#r20250102T2300Z> <${SAREF.hasValue}>`);
  });

  it('refuses a start without offset', () => {
    expect(() => contentToQuads({ category: 'electricity', series: 'daily', readings: [{ start: '2025-01-03T00:00:00', interval: 'P1D', kWh: 1 }] }, iri)).toThrow(
      /not an ISO 8601 instant with offset/,
    );
  });

  it('refuses two readings that start at the same instant', () => {
    const readings = [
      { start: '2025-01-03T00:00:00+01:00', interval: 'P1D', kWh: 1 },
      { start: '2025-01-02T23:00:00Z', interval: 'P1D', kWh: 2 },
    ];
    expect(() => contentToQuads({ category: 'electricity', series: 'daily', readings }, iri)).toThrow(/r20250102T2300Z.*same subject/);
  });

  it('names the subject and property of an unknown enumeration value', () => {
    const run = (): unknown =>
      contentToQuads({ category: 'housing', record: { floorArea: 40, energyLabel: 'H' as never, heatingEnergy: 'gas', tenure: 'owner' } }, `${POD}data/housing/dwelling`);
    expect(run).toThrow(`<${POD}data/housing/dwelling#dwelling> <${SDT.energyLabel}>`);
  });
});
