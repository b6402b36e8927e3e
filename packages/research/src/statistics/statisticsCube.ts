// Typings of shacl-engine (it ships none) come from @sdt/vocab.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../vocab/src/shacl/shacl-engine.d.ts" />
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Parser, Store, Writer } from 'n3';
import { Validator } from 'shacl-engine';
import { DCAT_NS, DCT_NS, RDF_NS, RDFS_NS, SDT_NS, TERRITORIES, UNIT_NS, XSD_NS, type Territory } from '@sdt/vocab';
import { StatisticsError } from './StatisticsError.ts';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_MEASURES,
  STATISTICS_UNITS,
  type StatisticsDimension,
  type StatisticsMeasure,
  type StatisticsObservation,
  type TerritoryStatistics,
} from './TerritoryStatistics.ts';
import { TERRITORY_NAMES } from './territoryStatisticsStudy.ts';
import { DIMENSION_PREDICATES } from './statisticsQueries.ts';

const { namedNode, literal, quad } = DataFactory;

/** RDF Data Cube vocabulary. */
export const QB_NS = 'http://purl.org/linked-data/cube#';
/** SDMX dimensions and attributes in RDF (used with the Data Cube). */
export const SDMX_DIMENSION_NS = 'http://purl.org/linked-data/sdmx/2009/dimension#';
export const SDMX_ATTRIBUTE_NS = 'http://purl.org/linked-data/sdmx/2009/attribute#';
/** Licence Ouverte / Open Licence 2.0 (Etalab), the open licence of French public data. */
export const ETALAB_LICENCE = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';

const QB = {
  DataSet: `${QB_NS}DataSet`,
  DataStructureDefinition: `${QB_NS}DataStructureDefinition`,
  Observation: `${QB_NS}Observation`,
  DimensionProperty: `${QB_NS}DimensionProperty`,
  MeasureProperty: `${QB_NS}MeasureProperty`,
  AttributeProperty: `${QB_NS}AttributeProperty`,
  ComponentSpecification: `${QB_NS}ComponentSpecification`,
  dataSet: `${QB_NS}dataSet`,
  structure: `${QB_NS}structure`,
  component: `${QB_NS}component`,
  dimension: `${QB_NS}dimension`,
  measure: `${QB_NS}measure`,
  attribute: `${QB_NS}attribute`,
  order: `${QB_NS}order`,
  componentRequired: `${QB_NS}componentRequired`,
  componentAttachment: `${QB_NS}componentAttachment`,
};
const REF_PERIOD = `${SDMX_DIMENSION_NS}refPeriod`;
const UNIT_MEASURE = `${SDMX_ATTRIBUTE_NS}unitMeasure`;
const DATA_CATEGORY = `${SDT_NS}dataCategory`;
const AVERAGE_PER_DAY = `${SDT_NS}averagePerDay`;
const HOMES = `${SDT_NS}homes`;
const RDF_TYPE = `${RDF_NS}type`;
const MEASURE_UNITS: Readonly<Record<StatisticsMeasure, string>> = {
  electricity: `${UNIT_NS}KiloW-HR`,
  gas: `${UNIT_NS}KiloW-HR`,
  water: `${UNIT_NS}L`,
};
/** Digits kept in the published averages: the Wh for energy, the decilitre for water. */
const DIGITS: Readonly<Record<StatisticsMeasure, number>> = { electricity: 3, gas: 3, water: 1 };
const LABEL_PREFIX = `${SDT_NS}Label`;

/** Path of the statistics resource in the research engine's pod. */
export const STATISTICS_PATH = 'statistics/monthly';

/** Fragment of each qb:DataSet (one per grouping dimension). */
function dataSetNode(documentUrl: string, dimension: StatisticsDimension): string {
  return `${documentUrl}#by-${dimension}`;
}

function dimensionValueTerm(dimension: StatisticsDimension, value: string): RDF.Term {
  switch (dimension) {
    case 'energyLabel':
      return namedNode(`${LABEL_PREFIX}${value}`);
    case 'householdSize':
      return literal(value, namedNode(`${XSD_NS}integer`));
    case 'district':
      return literal(value);
  }
}

/**
 * The statistics as RDF Data Cube quads: `<#statistics>` (a `dcat:Dataset` with the coverage, k,
 * issue date, licence and study) and one `qb:DataSet` per grouping dimension (`<#by-energyLabel>`,
 * `<#by-householdSize>`, `<#by-district>`), each with its `qb:DataStructureDefinition`
 * (dimensions `sdmx-dimension:refPeriod`, the grouping attribute, `sdt:dataCategory`; measures
 * `sdt:averagePerDay` and `sdt:homes`; attribute `sdmx-attribute:unitMeasure`), so that every
 * observation has every dimension of its data set (integrity constraint IC-11).
 */
export function statisticsToQuads(statistics: TerritoryStatistics, options: { note?: string } = {}): RDF.Quad[] {
  const doc = statistics.datasetUrl;
  const quads: RDF.Quad[] = [];
  const add = (s: string, p: string, o: RDF.Term | string): void => {
    const object = typeof o === 'string' ? namedNode(o) : (o as RDF.Quad_Object);
    quads.push(quad(namedNode(s), namedNode(p), object));
  };
  const issued = literal(statistics.issued, namedNode(`${XSD_NS}dateTime`));
  const integer = (n: number): RDF.Literal => literal(String(n), namedNode(`${XSD_NS}integer`));
  const name = TERRITORY_NAMES[statistics.territory];
  const root = `${doc}#statistics`;
  add(root, RDF_TYPE, `${DCAT_NS}Dataset`);
  add(root, `${DCT_NS}title`, literal(`Statistiques territoriales de ${name} : consommations mensuelles`, 'fr'));
  add(root, `${DCT_NS}title`, literal(`${name} territory statistics: monthly consumption`, 'en'));
  add(
    root,
    `${DCT_NS}description`,
    literal(
      `Consommation moyenne par jour d'électricité, de gaz et d'eau des foyers participants, par mois, classe DPE, taille du foyer et quartier. Groupes de moins de ${statistics.minimumGroupSize} foyers non publiés.`,
      'fr',
    ),
  );
  add(
    root,
    `${DCT_NS}description`,
    literal(
      `Average daily electricity, gas and water use of participating homes, by month, energy label, household size and district. Groups of fewer than ${statistics.minimumGroupSize} homes are not published.`,
      'en',
    ),
  );
  if (options.note) add(root, `${RDFS_NS}comment`, literal(options.note, 'en'));
  add(root, `${DCT_NS}issued`, issued);
  add(root, `${DCT_NS}license`, ETALAB_LICENCE);
  add(root, `${DCT_NS}source`, statistics.study);
  add(root, `${SDT_NS}territory`, literal(statistics.territory));
  add(root, `${SDT_NS}minimumGroupSize`, integer(statistics.minimumGroupSize));
  add(root, `${SDT_NS}podsAsked`, integer(statistics.coverage.podsAsked));
  add(root, `${SDT_NS}podsAnswered`, integer(statistics.coverage.podsAnswered));
  add(root, `${SDT_NS}podsFailed`, integer(statistics.coverage.podsFailed));

  for (const [property, type, label] of [
    [REF_PERIOD, QB.DimensionProperty, 'month'],
    [DATA_CATEGORY, QB.DimensionProperty, 'data category (electricity, gas, water)'],
    [DIMENSION_PREDICATES.energyLabel, QB.DimensionProperty, 'energy label (DPE)'],
    [DIMENSION_PREDICATES.householdSize, QB.DimensionProperty, 'household size (persons)'],
    [DIMENSION_PREDICATES.district, QB.DimensionProperty, 'district'],
    [AVERAGE_PER_DAY, QB.MeasureProperty, 'average consumption per day over the daily readings of the month'],
    [HOMES, QB.MeasureProperty, 'number of distinct homes in the group'],
    [UNIT_MEASURE, QB.AttributeProperty, 'unit of measure'],
  ] as const) {
    add(property, RDF_TYPE, type);
    add(property, `${RDFS_NS}label`, literal(label, 'en'));
  }

  for (const dimension of STATISTICS_DIMENSIONS) {
    const dataSet = dataSetNode(doc, dimension);
    const structure = `${doc}#structure-${dimension}`;
    add(dataSet, RDF_TYPE, QB.DataSet);
    add(dataSet, `${DCT_NS}isPartOf`, root);
    add(dataSet, `${DCT_NS}title`, literal(`${name}: monthly consumption by ${dimension}`, 'en'));
    add(dataSet, QB.structure, structure);
    add(dataSet, `${DCT_NS}issued`, issued);
    add(dataSet, `${DCT_NS}license`, ETALAB_LICENCE);
    add(dataSet, `${DCT_NS}source`, statistics.study);
    add(structure, RDF_TYPE, QB.DataStructureDefinition);
    const components: [string, string, number?][] = [
      [QB.dimension, REF_PERIOD, 1],
      [QB.dimension, DIMENSION_PREDICATES[dimension], 2],
      [QB.dimension, DATA_CATEGORY, 3],
      [QB.measure, AVERAGE_PER_DAY],
      [QB.measure, HOMES],
      [QB.attribute, UNIT_MEASURE],
    ];
    components.forEach(([role, property, order], index) => {
      const node = `${doc}#structure-${dimension}-c${index + 1}`;
      add(structure, QB.component, node);
      add(node, RDF_TYPE, QB.ComponentSpecification);
      add(node, role, property);
      if (order !== undefined) add(node, QB.order, integer(order));
      if (role === QB.attribute) {
        add(node, QB.componentRequired, literal('true', namedNode(`${XSD_NS}boolean`)));
        add(node, QB.componentAttachment, QB.Observation);
      }
    });
  }

  statistics.observations.forEach((o, index) => {
    const node = `${doc}#o${index + 1}`;
    add(node, RDF_TYPE, QB.Observation);
    add(node, QB.dataSet, dataSetNode(doc, o.dimension));
    add(node, REF_PERIOD, literal(o.month, namedNode(`${XSD_NS}gYearMonth`)));
    add(node, DIMENSION_PREDICATES[o.dimension], dimensionValueTerm(o.dimension, o.value));
    add(node, DATA_CATEGORY, `${SDT_NS}${o.measure}`);
    add(node, AVERAGE_PER_DAY, literal(o.averagePerDay.toFixed(DIGITS[o.measure]), namedNode(`${XSD_NS}decimal`)));
    add(node, HOMES, integer(o.homes));
    add(node, UNIT_MEASURE, MEASURE_UNITS[o.measure]);
  });
  return quads;
}

/** The statistics as Turtle (see {@link statisticsToQuads}). */
export function statisticsToTurtle(statistics: TerritoryStatistics, options: { note?: string } = {}): string {
  const writer = new Writer({
    baseIRI: statistics.datasetUrl,
    prefixes: {
      qb: QB_NS,
      'sdmx-dimension': SDMX_DIMENSION_NS,
      'sdmx-attribute': SDMX_ATTRIBUTE_NS,
      sdt: SDT_NS,
      dct: DCT_NS,
      dcat: DCAT_NS,
      rdfs: RDFS_NS,
      xsd: XSD_NS,
      unit: UNIT_NS,
    },
  });
  writer.addQuads(statisticsToQuads(statistics, options));
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

let shapes: Store | undefined;
function loadShapes(): Store {
  shapes ??= new Store(
    new Parser().parse(readFileSync(new URL('../../shapes/TerritoryStatisticsShape.ttl', import.meta.url), 'utf8')),
  );
  return shapes;
}

/**
 * Checks a statistics cube against `shapes/TerritoryStatisticsShape.ttl` (the Data Cube integrity
 * constraints that matter here: one data set per observation, one structure per data set, every
 * dimension and measure of its structure and the unit on every observation, no foreign dimension,
 * k at least 5, groups of at least k homes... ).
 * @throws StatisticsError `invalid-cube` naming the focus node, the property and the shape's message
 */
export async function validateStatisticsCube(quads: readonly RDF.Quad[]): Promise<void> {
  const factory = { ...DataFactory, dataset: (): Store => new Store() };
  const validator = new Validator(loadShapes(), { factory });
  const report = await validator.validate({ dataset: new Store([...quads]) });
  if (!report.conforms) {
    const first = report.results[0];
    const focus = first?.focusNode.term?.value ?? 'cube';
    const path = first?.path?.[0]?.predicates[0]?.value;
    throw new StatisticsError(
      'invalid-cube',
      `<${focus}>${path ? ` <${path}>` : ''}: ${first?.message[0]?.value ?? 'does not conform to TerritoryStatisticsShape.'}`,
      { focus },
    );
  }
}

/**
 * Reads a statistics cube back (the inverse of {@link statisticsToTurtle}), checking its structure
 * in code (no SHACL: the portal reads it on every dashboard view).
 * @throws StatisticsError `invalid-cube` naming the node and property at fault
 */
export function parseStatisticsCube(turtle: string, documentUrl: string): TerritoryStatistics {
  let store: Store;
  try {
    store = new Store(new Parser({ baseIRI: documentUrl }).parse(turtle));
  } catch (error: unknown) {
    throw new StatisticsError('invalid-cube', `${documentUrl} is not valid Turtle: ${(error as Error).message}`, {
      focus: documentUrl,
      cause: error,
    });
  }
  const root = `${documentUrl}#statistics`;
  const one = (subject: string, predicate: string): RDF.Term => {
    const objects = store.getObjects(namedNode(subject), namedNode(predicate), null);
    if (objects.length !== 1)
      throw new StatisticsError(
        'invalid-cube',
        `<${subject}> <${predicate}>: expected one value, found ${objects.length}.`,
        { focus: subject },
      );
    return objects[0]!;
  };
  const count = (subject: string, predicate: string, min = 0): number => {
    const term = one(subject, predicate);
    const value = Number(term.value);
    if (term.termType !== 'Literal' || !Number.isInteger(value) || value < min)
      throw new StatisticsError(
        'invalid-cube',
        `<${subject}> <${predicate}>: "${term.value}" is not an integer of at least ${min}.`,
        { focus: subject },
      );
    return value;
  };
  const territory = one(root, `${SDT_NS}territory`).value;
  if (!(TERRITORIES as readonly string[]).includes(territory))
    throw new StatisticsError('invalid-cube', `<${root}> <${SDT_NS}territory>: unknown territory "${territory}".`, {
      focus: root,
    });
  const minimumGroupSize = count(root, `${SDT_NS}minimumGroupSize`, 1);
  const dataSets = new Map(STATISTICS_DIMENSIONS.map((d) => [dataSetNode(documentUrl, d), d]));
  const observations: StatisticsObservation[] = [];
  for (const subject of store.getSubjects(namedNode(RDF_TYPE), namedNode(QB.Observation), null)) {
    const node = subject.value;
    const dimension = dataSets.get(one(node, QB.dataSet).value);
    if (dimension === undefined)
      throw new StatisticsError('invalid-cube', `<${node}> <${QB.dataSet}>: not a data set of this cube.`, {
        focus: node,
      });
    const month = one(node, REF_PERIOD).value;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/u.test(month))
      throw new StatisticsError('invalid-cube', `<${node}> <${REF_PERIOD}>: "${month}" is not a month YYYY-MM.`, {
        focus: node,
      });
    const category = one(node, DATA_CATEGORY).value.slice(SDT_NS.length) as StatisticsMeasure;
    if (!STATISTICS_MEASURES.includes(category))
      throw new StatisticsError('invalid-cube', `<${node}> <${DATA_CATEGORY}>: not electricity, gas or water.`, {
        focus: node,
      });
    const group = one(node, DIMENSION_PREDICATES[dimension]);
    let value = group.value;
    if (dimension === 'energyLabel') {
      if (!group.value.startsWith(LABEL_PREFIX))
        throw new StatisticsError(
          'invalid-cube',
          `<${node}> <${DIMENSION_PREDICATES[dimension]}>: not an sdt:Label….`,
          {
            focus: node,
          },
        );
      value = group.value.slice(LABEL_PREFIX.length);
    }
    const average = Number(one(node, AVERAGE_PER_DAY).value);
    if (!Number.isFinite(average))
      throw new StatisticsError('invalid-cube', `<${node}> <${AVERAGE_PER_DAY}>: not a number.`, { focus: node });
    observations.push({
      measure: category,
      dimension,
      value,
      month,
      averagePerDay: average,
      unit: STATISTICS_UNITS[category],
      homes: count(node, HOMES, minimumGroupSize),
    });
  }
  observations.sort(compareObservations);
  return {
    territory: territory as Territory,
    datasetUrl: documentUrl,
    study: one(root, `${DCT_NS}source`).value,
    issued: one(root, `${DCT_NS}issued`).value,
    minimumGroupSize,
    coverage: {
      podsAsked: count(root, `${SDT_NS}podsAsked`),
      podsAnswered: count(root, `${SDT_NS}podsAnswered`),
      podsFailed: count(root, `${SDT_NS}podsFailed`),
    },
    observations,
  };
}

/** Order of observations: measure, dimension (publication order), group, month. */
export function compareObservations(a: StatisticsObservation, b: StatisticsObservation): number {
  return (
    STATISTICS_MEASURES.indexOf(a.measure) - STATISTICS_MEASURES.indexOf(b.measure) ||
    STATISTICS_DIMENSIONS.indexOf(a.dimension) - STATISTICS_DIMENSIONS.indexOf(b.dimension) ||
    (a.dimension === 'householdSize' ? Number(a.value) - Number(b.value) : a.value.localeCompare(b.value)) ||
    a.month.localeCompare(b.month)
  );
}
