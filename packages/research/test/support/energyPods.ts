/**
 * Deterministic synthetic pod data in the shape of the platform's electricity and housing
 * categories, with the edge cases the differential corpus needs (typed literals, time zones, DST,
 * missing values, empty pods).
 */
import { Parser, Store } from 'n3';
import type * as RDF from '@rdfjs/types';

/** What one synthetic pod contains. */
export interface EnergyPodOptions {
  /** Pod number, used for the base IRI and the random seed. */
  readonly index: number;
  /** First day of readings (UTC date, `YYYY-MM-DD`). */
  readonly start?: string;
  /** Number of daily readings (0 for none). */
  readonly days?: number;
  /** DPE label local name (`LabelA`...), or undefined for a dwelling without one. */
  readonly label?: string | undefined;
  readonly heating?: string;
  readonly floorArea?: string;
  /** Household size, or undefined for a household without one. */
  readonly householdSize?: number | undefined;
  readonly district?: string | undefined;
  /** How readings' values are typed: decimal (default), integer, double, or a mix of the three. */
  readonly valueTyping?: 'decimal' | 'integer' | 'double' | 'mixed';
  /** How timestamps are written: local midnight with the Paris offset (default), or UTC (`Z`). */
  readonly timestampStyle?: 'paris-midnight' | 'utc' | 'late-evening';
  /** Leave the value out of every n-th reading (0: never). */
  readonly missingValueEvery?: number;
  /** Also write a gas reading every n-th day (0: never). */
  readonly gasEvery?: number;
}

const PREFIXES = `@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .
@prefix saref: <https://saref.etsi.org/core/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

/** A small deterministic PRNG (mulberry32), enough for test data. */
export function createTestRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** The Europe/Paris offset in force at local midnight of a date. */
function parisMidnightOffset(year: number, month: number, day: number): string {
  const marchSwitch = lastSunday(year, 3);
  const octoberSwitch = lastSunday(year, 10);
  const summer =
    (month > 3 && month < 10) || (month === 3 && day > marchSwitch) || (month === 10 && day <= octoberSwitch);
  return summer ? '+02:00' : '+01:00';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The Turtle document of one synthetic pod. */
export function createEnergyPodTurtle(options: EnergyPodOptions): string {
  const random = createTestRandom(1000 + options.index * 7919);
  const start = new Date(`${options.start ?? '2025-01-01'}T00:00:00Z`);
  const days = options.days ?? 60;
  const lines: string[] = [PREFIXES, `@base <https://pod${options.index}.example/data/> .`];
  for (let dayIndex = 0; dayIndex < days; dayIndex += 1) {
    const date = new Date(start.getTime() + dayIndex * 86_400_000);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    let timestamp: string;
    switch (options.timestampStyle ?? 'paris-midnight') {
      case 'utc':
        timestamp = `${year}-${pad(month)}-${pad(day)}T00:00:00Z`;
        break;
      case 'late-evening':
        // 23:30 local time the day before: the UTC month can differ from the local one.
        timestamp = `${year}-${pad(month)}-${pad(day)}T23:30:00${parisMidnightOffset(year, month, day)}`;
        break;
      default:
        timestamp = `${year}-${pad(month)}-${pad(day)}T00:00:00${parisMidnightOffset(year, month, day)}`;
    }
    const kwh = 4 + random() * 20;
    const typing =
      options.valueTyping === 'mixed'
        ? (['decimal', 'integer', 'double'] as const)[dayIndex % 3]!
        : (options.valueTyping ?? 'decimal');
    const value =
      typing === 'integer'
        ? `"${Math.round(kwh)}"^^xsd:integer`
        : typing === 'double'
          ? `"${kwh.toExponential(4).replace('e+', 'E')}"^^xsd:double`
          : `"${kwh.toFixed(3)}"^^xsd:decimal`;
    const id = `r${year}${pad(month)}${pad(day)}`;
    const missing =
      options.missingValueEvery !== undefined &&
      options.missingValueEvery > 0 &&
      dayIndex % options.missingValueEvery === 0;
    lines.push(
      `<#${id}> a sdt:ElectricityEnergyReading; saref:hasTimestamp "${timestamp}"^^xsd:dateTime; sdt:intervalDuration "P1D"^^xsd:duration;${missing ? '' : ` saref:hasValue ${value};`} saref:isMeasuredIn unit:KiloW-HR .`,
    );
    if (options.gasEvery !== undefined && options.gasEvery > 0 && dayIndex % options.gasEvery === 0) {
      lines.push(
        `<#g${id}> a sdt:GasReading; saref:hasTimestamp "${timestamp}"^^xsd:dateTime; saref:hasValue "${(random() * 40).toFixed(2)}"^^xsd:decimal; sdt:volume "${(random() * 4).toFixed(3)}"^^xsd:decimal .`,
      );
    }
  }
  const dwelling = [
    `<#dwelling> a sdt:Dwelling`,
    `sdt:floorArea "${options.floorArea ?? (30 + (options.index % 7) * 11.3).toFixed(1)}"^^xsd:decimal`,
  ];
  if (options.label !== undefined) dwelling.push(`sdt:energyLabel sdt:${options.label}`);
  dwelling.push(
    `sdt:heatingEnergy sdt:${options.heating ?? (options.index % 2 === 0 ? 'GasHeating' : 'ElectricHeating')}`,
  );
  lines.push(`${dwelling.join('; ')} .`);
  const household = ['<#household> a sdt:Household'];
  if (options.householdSize !== undefined) household.push(`sdt:householdSize ${options.householdSize}`);
  if (options.district !== undefined) household.push(`sdt:district "${options.district}"`);
  lines.push(`${household.join('; ')} .`);
  return lines.join('\n');
}

/** Parses Turtle into quads. */
export function parseQuads(turtle: string): RDF.Quad[] {
  return new Parser().parse(turtle);
}

/** One synthetic pod as an N3 Store. */
export function createEnergyPod(options: EnergyPodOptions): Store {
  return new Store(parseQuads(createEnergyPodTurtle(options)));
}

const LABELS = ['LabelA', 'LabelB', 'LabelC', 'LabelD', 'LabelE', 'LabelF', 'LabelG'];
const DISTRICTS = ['Croix-Rousse', 'Part-Dieu', 'Confluence', 'Vaise'];

/** The pods of the differential corpus: varied on purpose (see the README of the corpus). */
export function createCorpusPods(): EnergyPodOptions[] {
  return [
    { index: 0, label: 'LabelD', householdSize: 3, district: 'Croix-Rousse', start: '2025-01-20', days: 75 },
    {
      index: 1,
      label: 'LabelD',
      householdSize: 2,
      district: 'Part-Dieu',
      start: '2025-03-20',
      days: 20,
      valueTyping: 'integer',
    },
    {
      index: 2,
      label: 'LabelB',
      householdSize: 1,
      district: 'Croix-Rousse',
      start: '2025-10-15',
      days: 30,
      valueTyping: 'double',
    },
    {
      index: 3,
      label: 'LabelC',
      householdSize: 4,
      district: 'Confluence',
      start: '2025-01-25',
      days: 14,
      timestampStyle: 'utc',
      valueTyping: 'mixed',
    },
    {
      index: 4,
      label: undefined,
      householdSize: undefined,
      district: 'Vaise',
      start: '2025-02-20',
      days: 15,
      missingValueEvery: 3,
    },
    {
      index: 5,
      label: 'LabelD',
      householdSize: 3,
      district: undefined,
      start: '2025-01-28',
      days: 10,
      timestampStyle: 'late-evening',
      gasEvery: 2,
    },
    { index: 6, label: 'LabelG', householdSize: 5, district: 'Part-Dieu', days: 0 },
    { index: 7, label: 'LabelA', householdSize: 2, district: 'Confluence', start: '2024-12-28', days: 12, gasEvery: 3 },
    {
      index: 8,
      label: 'LabelB',
      householdSize: 1,
      district: 'Vaise',
      start: '2025-06-28',
      days: 8,
      timestampStyle: 'late-evening',
    },
    { index: 9, label: LABELS[3], householdSize: 2, district: DISTRICTS[0], start: '2025-03-28', days: 5 },
  ];
}
