/**
 * RDF -> records, the inverse of contentToQuads. Unknown triples (provenance, extra types, other
 * vocabularies) are ignored; a record whose required values are missing, repeated or of the wrong kind
 * is refused with a PodDataError that names the subject and the property.
 */
import type { Quad as RdfQuad, Term } from '@rdfjs/types';
import {
  CATEGORIES,
  DCT,
  RDF,
  RDFS,
  SAREF,
  SCHEMA,
  SDT,
  UNIT,
  UNIT_NS,
  XSD_NS,
  getEnergyLabel,
  getHeatingEnergy,
  getTenure,
  getTransportMode,
  isCategoryName,
  type Citizen,
  type Dwelling,
  type EnergyReading,
  type FamilyQuotientStatement,
  type GasReading,
  type HealthObservation,
  type Household,
  type HouseholdRole,
  type PowerReading,
  type PostalAddress,
  type Trip,
  type WaterReading,
} from '@sdt/vocab';
import { PodDataError, PodError } from '../errors.ts';
import { LOINC_NS } from './contentToQuads.ts';
import { checkInstant, sortByStart } from './paths.ts';
import type { ContentKind, ResourceContent } from './ResourceContent.ts';

const NUMERIC_TYPES = new Set(
  ['decimal', 'integer', 'double', 'float', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger'].map((t) => `${XSD_NS}${t}`),
);
const INTEGER_TYPES = new Set(['integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger'].map((t) => `${XSD_NS}${t}`));
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function key(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** Subject -> property -> objects, over one resource's quads (graph names are ignored). */
class GraphIndex {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  private readonly terms = new Map<string, Term>();

  public constructor(
    quads: Iterable<RdfQuad>,
    private readonly resourceIri: string,
  ) {
    for (const { subject, predicate, object } of quads) {
      const s = key(subject);
      this.terms.set(s, subject);
      let properties = this.bySubject.get(s);
      if (!properties) {
        properties = new Map();
        this.bySubject.set(s, properties);
      }
      const values = properties.get(predicate.value);
      if (values) values.push(object);
      else properties.set(predicate.value, [object]);
    }
  }

  /** Subjects typed `type`, in a stable order. */
  public subjectsOfType(type: string): string[] {
    const subjects: string[] = [];
    for (const [subject, properties] of this.bySubject) {
      if (properties.get(RDF.type)?.some((t) => t.termType === 'NamedNode' && t.value === type)) subjects.push(subject);
    }
    return subjects.sort();
  }

  /** The one subject typed `type`, preferring `<resource#fragment>`. */
  public theSubject(type: string, fragment: string): string {
    const preferred = `${this.resourceIri}#${fragment}`;
    const subjects = this.subjectsOfType(type);
    if (subjects.includes(preferred)) return preferred;
    if (subjects.length === 1) return subjects[0]!;
    if (subjects.length === 0) {
      throw new PodDataError(`<${this.resourceIri}> has no <${type}> (expected <#${fragment}>).`);
    }
    throw new PodDataError(`<${this.resourceIri}> has ${subjects.length} subjects of type <${type}>: ${subjects.map((s) => `<${s}>`).join(', ')}.`);
  }

  public values(subject: string, property: string): Term[] {
    return this.bySubject.get(subject)?.get(property) ?? [];
  }

  public optional(subject: string, property: string): Term | undefined {
    const values = this.values(subject, property);
    if (values.length > 1) {
      throw new PodDataError(`<${subject}> <${property}>: expected one value, found ${values.length}.`);
    }
    return values[0];
  }

  public one(subject: string, property: string): Term {
    const value = this.optional(subject, property);
    if (value === undefined) throw new PodDataError(`<${subject}> <${property}>: required value is missing.`);
    return value;
  }

  public literal(subject: string, property: string, term: Term): string {
    if (term.termType !== 'Literal') {
      throw new PodDataError(`<${subject}> <${property}>: expected a literal, found the ${term.termType} ${key(term)}.`);
    }
    return term.value;
  }

  public text(subject: string, property: string): string {
    return this.literal(subject, property, this.one(subject, property));
  }

  public optionalText(subject: string, property: string): string | undefined {
    const term = this.optional(subject, property);
    return term === undefined ? undefined : this.literal(subject, property, term);
  }

  public allText(subject: string, property: string): string[] {
    return this.values(subject, property)
      .map((term) => this.literal(subject, property, term))
      .sort();
  }

  public toNumber(subject: string, property: string, term: Term, integer: boolean): number {
    const lexical = this.literal(subject, property, term);
    const datatype = term.termType === 'Literal' ? term.datatype.value : '';
    const allowed = integer ? INTEGER_TYPES : NUMERIC_TYPES;
    const value = Number(lexical);
    if (!allowed.has(datatype) || lexical.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new PodDataError(`<${subject}> <${property}>: "${lexical}"^^<${datatype}> is not ${integer ? 'an integer' : 'a number'}.`);
    }
    return value;
  }

  public number(subject: string, property: string): number {
    return this.toNumber(subject, property, this.one(subject, property), false);
  }

  public optionalNumber(subject: string, property: string): number | undefined {
    const term = this.optional(subject, property);
    return term === undefined ? undefined : this.toNumber(subject, property, term, false);
  }

  public integer(subject: string, property: string): number {
    return this.toNumber(subject, property, this.one(subject, property), true);
  }

  public optionalInteger(subject: string, property: string): number | undefined {
    const term = this.optional(subject, property);
    return term === undefined ? undefined : this.toNumber(subject, property, term, true);
  }

  public instant(subject: string, property: string): string {
    return checkInstant(this.text(subject, property), `<${subject}> <${property}>`);
  }

  public date(subject: string, property: string): string {
    const value = this.text(subject, property);
    if (!DATE.test(value)) throw new PodDataError(`<${subject}> <${property}>: "${value}" is not a date YYYY-MM-DD.`);
    return value;
  }

  public iri(subject: string, property: string): string {
    const term = this.one(subject, property);
    if (term.termType !== 'NamedNode') {
      throw new PodDataError(`<${subject}> <${property}>: expected an IRI, found the ${term.termType} ${key(term)}.`);
    }
    return term.value;
  }

  /** The node (IRI or blank node) a property points to. */
  public node(subject: string, property: string): string {
    const term = this.one(subject, property);
    if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') {
      throw new PodDataError(`<${subject}> <${property}>: expected a node, found the literal "${term.value}".`);
    }
    return key(term);
  }

  public concept<T>(subject: string, property: string, lookup: (iri: string) => T | undefined, optional = false): T | undefined {
    if (optional && this.optional(subject, property) === undefined) return undefined;
    const iri = this.iri(subject, property);
    const value = lookup(iri);
    if (value === undefined) throw new PodDataError(`<${subject}> <${property}>: <${iri}> is not an allowed value.`);
    return value;
  }

  public checkUnit(subject: string, expected: string): void {
    const unit = this.iri(subject, SAREF.isMeasuredIn);
    if (unit !== expected) {
      throw new PodDataError(`<${subject}> <${SAREF.isMeasuredIn}>: expected <${expected}>, found <${unit}>.`);
    }
  }
}

interface ReadingBase {
  start: string;
  interval: string;
  value: number;
}

function readReading(graph: GraphIndex, subject: string, unit: string): ReadingBase {
  graph.checkUnit(subject, unit);
  return {
    start: graph.instant(subject, SAREF.hasTimestamp),
    interval: graph.text(subject, SDT.intervalDuration),
    value: graph.number(subject, SAREF.hasValue),
  };
}

function readCitizen(graph: GraphIndex): Citizen {
  const me = graph.theSubject(SDT.Citizen, 'me');
  const address = graph.node(me, SCHEMA.address);
  const postal: PostalAddress = {
    streetAddress: graph.text(address, SCHEMA.streetAddress),
    postalCode: graph.text(address, SCHEMA.postalCode),
    addressLocality: graph.text(address, SCHEMA.addressLocality),
  };
  const district = graph.optionalText(address, SDT.district);
  if (district !== undefined) postal.district = district;
  const citizen: Citizen = {
    givenName: graph.text(me, SCHEMA.givenName),
    familyName: graph.text(me, SCHEMA.familyName),
    birthDate: graph.date(me, SCHEMA.birthDate),
    address: postal,
  };
  const email = graph.optionalText(me, SCHEMA.email);
  if (email !== undefined) citizen.email = email;
  return citizen;
}

function memberOrder(a: string, b: string): number {
  const na = Number(/member-(\d+)$/.exec(a)?.[1] ?? Number.NaN);
  const nb = Number(/member-(\d+)$/.exec(b)?.[1] ?? Number.NaN);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function readHousehold(graph: GraphIndex): Household {
  const subject = graph.theSubject(SDT.Household, 'household');
  const members = graph
    .values(subject, SCHEMA.member)
    .map((term) => {
      if (term.termType === 'Literal') {
        throw new PodDataError(`<${subject}> <${SCHEMA.member}>: expected a node, found the literal "${term.value}".`);
      }
      return key(term);
    })
    .sort(memberOrder)
    .map((member) => {
      const role = graph.text(member, SDT.role);
      if (role !== 'adult' && role !== 'child') {
        throw new PodDataError(`<${member}> <${SDT.role}>: "${role}" is not "adult" or "child".`);
      }
      return { role: role as HouseholdRole, birthYear: graph.integer(member, SDT.birthYear) };
    });
  return { size: graph.integer(subject, SDT.householdSize), members, district: graph.text(subject, SDT.district) };
}

function readStatement(graph: GraphIndex): FamilyQuotientStatement {
  const subject = graph.theSubject(SDT.FamilyQuotientStatement, 'statement');
  const provider = graph.text(subject, SDT.benefitProvider);
  if (provider !== 'CAF' && provider !== 'MSA') {
    throw new PodDataError(`<${subject}> <${SDT.benefitProvider}>: "${provider}" is not "CAF" or "MSA".`);
  }
  return {
    familyQuotient: graph.number(subject, SDT.familyQuotient),
    numberOfChildren: graph.integer(subject, SDT.numberOfChildren),
    allocataires: graph.allText(subject, SDT.allocataire),
    date: graph.date(subject, DCT.date),
    provider,
  };
}

function readDwelling(graph: GraphIndex): Dwelling {
  const subject = graph.theSubject(SDT.Dwelling, 'dwelling');
  const dwelling: Dwelling = {
    floorArea: graph.number(subject, SDT.floorArea),
    energyLabel: graph.concept(subject, SDT.energyLabel, getEnergyLabel)!,
    heatingEnergy: graph.concept(subject, SDT.heatingEnergy, getHeatingEnergy)!,
    tenure: graph.concept(subject, SDT.tenure, getTenure)!,
  };
  const ges = graph.concept(subject, SDT.greenhouseGasLabel, getEnergyLabel, true);
  if (ges !== undefined) dwelling.greenhouseGasLabel = ges;
  const yearBuilt = graph.optionalInteger(subject, SCHEMA.yearBuilt);
  if (yearBuilt !== undefined) dwelling.yearBuilt = yearBuilt;
  const primary = graph.optionalNumber(subject, SDT.primaryEnergyConsumption);
  if (primary !== undefined) dwelling.primaryEnergyConsumption = primary;
  const emissions = graph.optionalNumber(subject, SDT.greenhouseGasEmissions);
  if (emissions !== undefined) dwelling.greenhouseGasEmissions = emissions;
  return dwelling;
}

function fragmentId(subject: string, resourceIri: string): string {
  const prefix = `${resourceIri}#`;
  if (!subject.startsWith(prefix)) {
    throw new PodDataError(`<${subject}>: a record of <${resourceIri}> must be a fragment of it (<#id>).`);
  }
  try {
    return decodeURIComponent(subject.slice(prefix.length));
  } catch (error: unknown) {
    throw new PodDataError(`<${subject}>: the fragment is not a valid id.`, { cause: error });
  }
}

function readHealth(graph: GraphIndex, resourceIri: string): HealthObservation[] {
  return graph
    .subjectsOfType(SDT.HealthObservation)
    .map((subject) => {
      const codeIri = graph.iri(subject, SDT.observationCode);
      if (!codeIri.startsWith(LOINC_NS)) {
        throw new PodDataError(`<${subject}> <${SDT.observationCode}>: <${codeIri}> is not a LOINC code IRI (${LOINC_NS}...).`);
      }
      const unitIri = graph.iri(subject, SAREF.isMeasuredIn);
      if (!unitIri.startsWith(UNIT_NS)) {
        throw new PodDataError(`<${subject}> <${SAREF.isMeasuredIn}>: <${unitIri}> is not a QUDT unit (${UNIT_NS}...).`);
      }
      return {
        id: fragmentId(subject, resourceIri),
        code: codeIri.slice(LOINC_NS.length),
        label: graph.text(subject, RDFS.label),
        value: graph.number(subject, SAREF.hasValue),
        unit: unitIri.slice(UNIT_NS.length),
        date: graph.date(subject, DCT.date),
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function readTrips(graph: GraphIndex, resourceIri: string): Trip[] {
  return sortByStart(
    graph.subjectsOfType(SDT.Trip).map((subject) => ({
      id: fragmentId(subject, resourceIri),
      departure: graph.instant(subject, SCHEMA.departureTime),
      arrival: graph.instant(subject, SCHEMA.arrivalTime),
      mode: graph.concept(subject, SDT.transportMode, getTransportMode)!,
      distanceKm: graph.number(subject, SDT.distance),
      co2Kg: graph.number(subject, SDT.co2Emissions),
    })),
  );
}

function readEnergy(graph: GraphIndex): EnergyReading[] {
  return sortByStart(
    graph.subjectsOfType(SDT.ElectricityEnergyReading).map((subject) => {
      const { start, interval, value } = readReading(graph, subject, UNIT['KiloW-HR']);
      return { start, interval, kWh: value };
    }),
  );
}

function readPower(graph: GraphIndex): PowerReading[] {
  return sortByStart(
    graph.subjectsOfType(SDT.ElectricityPowerReading).map((subject) => {
      const { start, interval, value } = readReading(graph, subject, UNIT.W);
      return { start, interval, watts: value };
    }),
  );
}

function readGas(graph: GraphIndex): GasReading[] {
  return sortByStart(
    graph.subjectsOfType(SDT.GasReading).map((subject) => {
      const { start, interval, value } = readReading(graph, subject, UNIT['KiloW-HR']);
      const reading: GasReading = { start, interval, kWh: value };
      const volume = graph.optionalNumber(subject, SDT.volume);
      if (volume !== undefined) reading.volumeM3 = volume;
      const coefficient = graph.optionalNumber(subject, SDT.conversionCoefficient);
      if (coefficient !== undefined) reading.conversionCoefficient = coefficient;
      return reading;
    }),
  );
}

function readWater(graph: GraphIndex): WaterReading[] {
  return sortByStart(
    graph.subjectsOfType(SDT.WaterReading).map((subject) => {
      const { start, interval, value } = readReading(graph, subject, UNIT.M3);
      const reading: WaterReading = { start, interval, volumeM3: value };
      const index = graph.optionalNumber(subject, SDT.meterIndex);
      if (index !== undefined) reading.meterIndexM3 = index;
      return reading;
    }),
  );
}

/**
 * Maps the quads of one resource back to its content.
 *
 * @param kind - the category (and series, for time series) the resource belongs to
 * @param quads - the resource's quads (absolute IRIs; extra triples are ignored)
 * @param resourceIri - absolute IRI of the resource (no fragment)
 * @returns the content; readings and trips sorted by start, health observations by date, household
 *   members by their `#member-N` number, allocataires by name (RDF keeps no order)
 * @throws PodDataError (`invalid-data`) naming the subject and property of malformed data;
 *   PodError `invalid-argument` for an unknown category or series
 */
export function quadsToContent(kind: ContentKind, quads: Iterable<RdfQuad>, resourceIri: string): ResourceContent {
  const { category, series } = kind;
  if (!isCategoryName(category)) throw new PodError('invalid-argument', `Unknown data category "${String(category)}".`);
  const layout = CATEGORIES[category].layout;
  if (layout.kind === 'monthly' && (series === undefined || !layout.series.includes(series))) {
    throw new PodError('invalid-argument', `Category ${category} has series ${layout.series.join(', ')}, not "${String(series)}".`);
  }
  const graph = new GraphIndex(quads, resourceIri);
  switch (category) {
    case 'identity':
      return { category, record: readCitizen(graph) };
    case 'household':
      return { category, record: readHousehold(graph) };
    case 'income':
      return { category, record: readStatement(graph) };
    case 'housing':
      return { category, record: readDwelling(graph) };
    case 'health':
      return { category, records: readHealth(graph, resourceIri) };
    case 'electricity':
      return series === 'curve'
        ? { category, series: 'curve', readings: readPower(graph) }
        : { category, series: 'daily', readings: readEnergy(graph) };
    case 'gas':
      return { category, series: series as 'daily' | 'monthly', readings: readGas(graph) };
    case 'water':
      return { category, series: 'daily', readings: readWater(graph) };
    case 'mobility':
      return { category, series: 'trips', trips: readTrips(graph, resourceIri) };
  }
}
