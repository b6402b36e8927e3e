/**
 * Records -> RDF. The exact RDF of each category is documented in `packages/vocab/README.md`; IRIs of
 * records are fragments of the resource IRI (`<#me>`, `<#dwelling>`, `<#r20250102T2300Z>`, `<#{id}>`).
 */
import type { Quad } from 'n3';
import { DataFactory, Writer } from 'n3';
import {
  DCT,
  ENERGY_LABEL_CONCEPTS,
  HEATING_ENERGY_CONCEPTS,
  RDF,
  RDFS,
  SAREF,
  SAREF_NS,
  SCHEMA,
  SCHEMA_NS,
  SDT,
  SDT_NS,
  SOSA,
  SOSA_NS,
  TENURE_CONCEPTS,
  TRANSPORT_MODE_CONCEPTS,
  UNIT,
  UNIT_NS,
  XSD,
  XSD_NS,
  DCT_NS,
  RDFS_NS,
  type Citizen,
  type Dwelling,
  type EnergyReading,
  type FamilyQuotientStatement,
  type GasReading,
  type HealthObservation,
  type Household,
  type PowerReading,
  type Trip,
  type WaterReading,
} from '@sdt/vocab';
import { PodDataError } from '../errors.ts';
import { formatDecimal, formatInteger } from './decimals.ts';
import { checkInstant, readingFragment, sortByStart } from './paths.ts';
import type { ResourceContent } from './ResourceContent.ts';

const { namedNode, literal, quad } = DataFactory;

/** Decimal places written for each kind of quantity. */
export const DECIMALS = Object.freeze({ kWh: 3, watts: 1, m3: 3, km: 3, kg: 3, eur: 2, m2: 2, coefficient: 3, dpe: 1, health: 3 });

/** The LOINC namespace of health observation codes. */
export const LOINC_NS = 'http://loinc.org/rdf#';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Collects the quads of one resource; `where` builds "subject property" for error messages. */
class QuadSink {
  public readonly quads: Quad[] = [];

  public constructor(private readonly resourceIri: string) {}

  public node(fragment: string): string {
    return `${this.resourceIri}#${fragment}`;
  }

  public iri(subject: string, property: string, object: string): void {
    this.quads.push(quad(namedNode(subject), namedNode(property), namedNode(object)));
  }

  public types(subject: string, ...classes: string[]): void {
    for (const type of classes) this.iri(subject, RDF.type, type);
  }

  public text(subject: string, property: string, value: string): void {
    if (typeof value !== 'string') {
      throw new PodDataError(`<${subject}> <${property}>: expected a string, got ${typeof value}.`);
    }
    this.quads.push(quad(namedNode(subject), namedNode(property), literal(value)));
  }

  public typed(subject: string, property: string, lexical: string, datatype: string): void {
    this.quads.push(quad(namedNode(subject), namedNode(property), literal(lexical, namedNode(datatype))));
  }

  public decimal(subject: string, property: string, value: number, digits: number): void {
    this.typed(subject, property, formatDecimal(value, digits, `<${subject}> <${property}>`), XSD.decimal);
  }

  public integer(subject: string, property: string, value: number): void {
    this.typed(subject, property, formatInteger(value, `<${subject}> <${property}>`), XSD.integer);
  }

  public dateTime(subject: string, property: string, value: string): void {
    this.typed(subject, property, checkInstant(value, `<${subject}> <${property}>`), XSD.dateTime);
  }

  public date(subject: string, property: string, value: string): void {
    if (typeof value !== 'string' || !DATE.test(value)) {
      throw new PodDataError(`<${subject}> <${property}>: "${String(value)}" is not a date YYYY-MM-DD.`);
    }
    this.typed(subject, property, value, XSD.date);
  }

  public concept<K extends string>(subject: string, property: string, value: K, concepts: Readonly<Record<K, string>>): void {
    const iri = Object.hasOwn(concepts, value) ? concepts[value] : undefined;
    if (iri === undefined) {
      throw new PodDataError(`<${subject}> <${property}>: "${String(value)}" is not one of ${Object.keys(concepts).join(', ')}.`);
    }
    this.iri(subject, property, iri);
  }
}

function checkFragmentsUnique(sink: QuadSink, fragments: string[], what: string): void {
  const seen = new Set<string>();
  for (const fragment of fragments) {
    if (seen.has(fragment)) {
      throw new PodDataError(`<${sink.node(fragment)}>: two ${what} have the same subject; each must be unique in a resource.`);
    }
    seen.add(fragment);
  }
}

/** Common part of every meter reading: types, start, interval, value and unit. */
function addReading(
  sink: QuadSink,
  reading: { start: string; interval: string },
  type: string,
  value: number,
  digits: number,
  unit: string,
): string {
  const subject = sink.node(readingFragment(reading.start));
  sink.types(subject, type, SAREF.Measurement, SOSA.Observation);
  sink.dateTime(subject, SAREF.hasTimestamp, reading.start);
  if (typeof reading.interval !== 'string' || !/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(reading.interval)) {
    throw new PodDataError(`<${subject}> <${SDT.intervalDuration}>: "${String(reading.interval)}" is not an ISO 8601 duration.`);
  }
  sink.typed(subject, SDT.intervalDuration, reading.interval, XSD.duration);
  sink.decimal(subject, SAREF.hasValue, value, digits);
  sink.iri(subject, SAREF.isMeasuredIn, unit);
  return subject;
}

function readingsToQuads<T extends { start: string }>(sink: QuadSink, readings: readonly T[], add: (reading: T) => void): void {
  const sorted = sortByStart(readings as never[]) as T[];
  checkFragmentsUnique(
    sink,
    sorted.map((r) => readingFragment(r.start)),
    'readings',
  );
  for (const reading of sorted) add(reading);
}

function citizenToQuads(sink: QuadSink, citizen: Citizen): void {
  const me = sink.node('me');
  const address = sink.node('address');
  sink.types(me, SDT.Citizen, SCHEMA.Person);
  sink.text(me, SCHEMA.givenName, citizen.givenName);
  sink.text(me, SCHEMA.familyName, citizen.familyName);
  sink.date(me, SCHEMA.birthDate, citizen.birthDate);
  if (citizen.email !== undefined) sink.text(me, SCHEMA.email, citizen.email);
  sink.iri(me, SCHEMA.address, address);
  sink.types(address, SCHEMA.PostalAddress);
  sink.text(address, SCHEMA.streetAddress, citizen.address.streetAddress);
  sink.text(address, SCHEMA.postalCode, citizen.address.postalCode);
  sink.text(address, SCHEMA.addressLocality, citizen.address.addressLocality);
  if (citizen.address.district !== undefined) sink.text(address, SDT.district, citizen.address.district);
}

function householdToQuads(sink: QuadSink, household: Household): void {
  const subject = sink.node('household');
  sink.types(subject, SDT.Household);
  sink.integer(subject, SDT.householdSize, household.size);
  sink.text(subject, SDT.district, household.district);
  const nodes = household.members.map((_member, index) => sink.node(`member-${index + 1}`));
  for (const node of nodes) sink.iri(subject, SCHEMA.member, node);
  household.members.forEach((member, index) => {
    const node = nodes[index]!;
    sink.types(node, SDT.HouseholdMember);
    sink.text(node, SDT.role, member.role);
    sink.integer(node, SDT.birthYear, member.birthYear);
  });
}

function statementToQuads(sink: QuadSink, statement: FamilyQuotientStatement): void {
  const subject = sink.node('statement');
  sink.types(subject, SDT.FamilyQuotientStatement);
  sink.decimal(subject, SDT.familyQuotient, statement.familyQuotient, DECIMALS.eur);
  sink.integer(subject, SDT.numberOfChildren, statement.numberOfChildren);
  for (const name of statement.allocataires) sink.text(subject, SDT.allocataire, name);
  sink.date(subject, DCT.date, statement.date);
  sink.text(subject, SDT.benefitProvider, statement.provider);
}

function dwellingToQuads(sink: QuadSink, dwelling: Dwelling): void {
  const subject = sink.node('dwelling');
  sink.types(subject, SDT.Dwelling, SCHEMA.Accommodation);
  sink.decimal(subject, SDT.floorArea, dwelling.floorArea, DECIMALS.m2);
  sink.concept(subject, SDT.energyLabel, dwelling.energyLabel, ENERGY_LABEL_CONCEPTS);
  if (dwelling.greenhouseGasLabel !== undefined) {
    sink.concept(subject, SDT.greenhouseGasLabel, dwelling.greenhouseGasLabel, ENERGY_LABEL_CONCEPTS);
  }
  sink.concept(subject, SDT.heatingEnergy, dwelling.heatingEnergy, HEATING_ENERGY_CONCEPTS);
  sink.concept(subject, SDT.tenure, dwelling.tenure, TENURE_CONCEPTS);
  if (dwelling.yearBuilt !== undefined) sink.integer(subject, SCHEMA.yearBuilt, dwelling.yearBuilt);
  if (dwelling.primaryEnergyConsumption !== undefined) {
    sink.decimal(subject, SDT.primaryEnergyConsumption, dwelling.primaryEnergyConsumption, DECIMALS.dpe);
  }
  if (dwelling.greenhouseGasEmissions !== undefined) {
    sink.decimal(subject, SDT.greenhouseGasEmissions, dwelling.greenhouseGasEmissions, DECIMALS.dpe);
  }
}

/** Fragment of a record with its own id (trips, health observations). */
export function idFragment(id: string): string {
  return encodeURIComponent(id);
}

function healthToQuads(sink: QuadSink, observations: readonly HealthObservation[]): void {
  checkFragmentsUnique(
    sink,
    observations.map((o) => idFragment(o.id)),
    'health observations',
  );
  for (const observation of observations) {
    if (typeof observation.id !== 'string' || observation.id === '') {
      throw new PodDataError(`A health observation of <${sink.node('')}> has no id.`);
    }
    const subject = sink.node(idFragment(observation.id));
    sink.types(subject, SDT.HealthObservation);
    if (!/^[0-9]{1,7}-[0-9]$/.test(observation.code)) {
      throw new PodDataError(`<${subject}> <${SDT.observationCode}>: "${observation.code}" is not a LOINC code.`);
    }
    sink.iri(subject, SDT.observationCode, `${LOINC_NS}${observation.code}`);
    sink.text(subject, RDFS.label, observation.label);
    sink.decimal(subject, SAREF.hasValue, observation.value, DECIMALS.health);
    if (!/^[A-Za-z0-9_-]+$/.test(observation.unit)) {
      throw new PodDataError(`<${subject}> <${SAREF.isMeasuredIn}>: "${observation.unit}" is not a QUDT unit local name.`);
    }
    sink.iri(subject, SAREF.isMeasuredIn, `${UNIT_NS}${observation.unit}`);
    sink.date(subject, DCT.date, observation.date);
  }
}

function tripsToQuads(sink: QuadSink, trips: readonly Trip[]): void {
  const sorted = sortByStart(trips);
  checkFragmentsUnique(
    sink,
    sorted.map((t) => idFragment(t.id)),
    'trips',
  );
  for (const trip of sorted) {
    if (typeof trip.id !== 'string' || trip.id === '') {
      throw new PodDataError(`A trip of <${sink.node('')}> has no id.`);
    }
    const subject = sink.node(idFragment(trip.id));
    sink.types(subject, SDT.Trip, SCHEMA.Trip);
    sink.dateTime(subject, SCHEMA.departureTime, trip.departure);
    sink.dateTime(subject, SCHEMA.arrivalTime, trip.arrival);
    sink.concept(subject, SDT.transportMode, trip.mode, TRANSPORT_MODE_CONCEPTS);
    sink.decimal(subject, SDT.distance, trip.distanceKm, DECIMALS.km);
    sink.decimal(subject, SDT.co2Emissions, trip.co2Kg, DECIMALS.kg);
  }
}

/**
 * Maps the content of one resource to RDF quads (default graph), subjects relative to `resourceIri`.
 *
 * @param content - the records of the resource
 * @param resourceIri - absolute IRI of the resource (no fragment)
 * @returns the quads, readings and trips in start order
 * @throws PodDataError naming the subject and property of a value that cannot be written
 *   (non-finite number, instant without offset, unknown enumeration value, duplicate subject)
 */
export function contentToQuads(content: ResourceContent, resourceIri: string): Quad[] {
  const sink = new QuadSink(resourceIri);
  switch (content.category) {
    case 'identity':
      citizenToQuads(sink, content.record);
      break;
    case 'household':
      householdToQuads(sink, content.record);
      break;
    case 'income':
      statementToQuads(sink, content.record);
      break;
    case 'housing':
      dwellingToQuads(sink, content.record);
      break;
    case 'health':
      healthToQuads(sink, content.records);
      break;
    case 'electricity':
      if (content.series === 'daily') {
        readingsToQuads(sink, content.readings, (r: EnergyReading) => {
          addReading(sink, r, SDT.ElectricityEnergyReading, r.kWh, DECIMALS.kWh, UNIT['KiloW-HR']);
        });
      } else {
        readingsToQuads(sink, content.readings, (r: PowerReading) => {
          addReading(sink, r, SDT.ElectricityPowerReading, r.watts, DECIMALS.watts, UNIT.W);
        });
      }
      break;
    case 'gas':
      readingsToQuads(sink, content.readings, (r: GasReading) => {
        const subject = addReading(sink, r, SDT.GasReading, r.kWh, DECIMALS.kWh, UNIT['KiloW-HR']);
        if (r.volumeM3 !== undefined) sink.decimal(subject, SDT.volume, r.volumeM3, DECIMALS.m3);
        if (r.conversionCoefficient !== undefined) {
          sink.decimal(subject, SDT.conversionCoefficient, r.conversionCoefficient, DECIMALS.coefficient);
        }
      });
      break;
    case 'water':
      readingsToQuads(sink, content.readings, (r: WaterReading) => {
        const subject = addReading(sink, r, SDT.WaterReading, r.volumeM3, DECIMALS.m3, UNIT.M3);
        if (r.meterIndexM3 !== undefined) sink.decimal(subject, SDT.meterIndex, r.meterIndexM3, DECIMALS.m3);
      });
      break;
    case 'mobility':
      tripsToQuads(sink, content.trips);
      break;
  }
  return sink.quads;
}

/** Prefixes used when writing Turtle. */
export const TURTLE_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: RDFS_NS,
  xsd: XSD_NS,
  sdt: SDT_NS,
  saref: SAREF_NS,
  sosa: SOSA_NS,
  unit: UNIT_NS,
  schema: SCHEMA_NS,
  dct: DCT_NS,
  loinc: LOINC_NS,
});

/**
 * Writes quads as Turtle with the platform's prefixes; IRIs under `baseIri` are written relative to it
 * (`<#me>`), so the document reads the same wherever it is stored.
 *
 * @returns the Turtle text (synchronously)
 */
export function quadsToTurtle(quads: readonly Quad[], baseIri?: string): string {
  const writer = new Writer({ prefixes: { ...TURTLE_PREFIXES }, ...(baseIri === undefined ? {} : { baseIRI: baseIri }) });
  writer.addQuads([...quads]);
  let output: string | undefined;
  let failure: unknown;
  // N3's Writer without an output stream calls back synchronously from end().
  writer.end((error, result) => {
    failure = error;
    output = result;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (output === undefined) throw new Error('The N3 Writer did not return its output synchronously.');
  return output;
}

/**
 * Maps the content of one resource to Turtle (see {@link contentToQuads}).
 *
 * @throws PodDataError as {@link contentToQuads}
 */
export function contentToTurtle(content: ResourceContent, resourceIri: string): string {
  return quadsToTurtle(contentToQuads(content, resourceIri), resourceIri);
}
