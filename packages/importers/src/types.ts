import type {
  CategoryName,
  Dwelling,
  EnergyReading,
  FamilyQuotientStatement,
  GasReading,
  HouseholdMember,
  PowerReading,
  Trip,
  WaterReading,
} from '@sdt/vocab';

/** Identifiers of the supported provider formats. */
export const FORMAT_IDS = [
  'enedis-data-connect-json',
  'enedis-customer-csv',
  'grdf-adict-json',
  'water-csv',
  'trips-geojson',
  'trips-csv',
  'api-particulier-quotient-json',
  'ademe-dpe-json',
] as const;

/** A supported provider format. */
export type FormatId = (typeof FORMAT_IDS)[number];

/**
 * What a family-quotient answer says about the household: its size and the members whose birth
 * year is known. The district is not in the answer (the writer merges with what the pod holds).
 */
export interface HouseholdFacts {
  size: number;
  members: HouseholdMember[];
}

/** Record type of each series, keyed `<category>/<series>` (series = layout series or single resource name). */
export interface SeriesRecordTypes {
  'electricity/daily': EnergyReading;
  'electricity/curve': PowerReading;
  'gas/daily': GasReading;
  'gas/monthly': GasReading;
  'water/daily': WaterReading;
  'mobility/trips': Trip;
  'income/family-quotient': FamilyQuotientStatement;
  'household/household': HouseholdFacts;
  'housing/dwelling': Dwelling;
}

/** A series of records: `<category>/<series>`. */
export type SeriesId = keyof SeriesRecordTypes;

/** The category and series (or single resource) name of a series id. */
export function splitSeriesId(series: SeriesId): { category: CategoryName; name: string } {
  const [category, name] = series.split('/') as [CategoryName, string];
  return { category, name };
}

/** A batch of records of one series, in file order (duplicates with the same value removed). */
export type RecordBatch = {
  [S in SeriesId]: { series: S; category: CategoryName; name: string; records: SeriesRecordTypes[S][] };
}[SeriesId];

/** All the records of a file, by series. */
export type RecordsBySeries = { [S in SeriesId]?: SeriesRecordTypes[S][] };

/** Where a file came from: enough for a PROV-O description of the import. */
export interface Provenance {
  /** Organisation that produced the data (e.g. `Enedis`). */
  sourceOrganisation: string;
  /** File name as given by the caller. */
  fileName: string;
  /** SHA-256 of the file's bytes, lower-case hex, computed while streaming. */
  sha256: string;
  /** Size of the file in bytes. */
  byteLength: number;
  format: FormatId;
  /** `@sdt/importers`. */
  importer: string;
  /** Version of `@sdt/importers` (its package.json). */
  importerVersion: string;
}

/** Counts and period of one series of a file. */
export interface SeriesSummary {
  series: SeriesId;
  records: number;
  /** Records dropped because the same instant appeared again with the same value. */
  duplicatesDropped: number;
  /** Start of the earliest interval (ISO instant with Paris offset); absent for undated records. */
  periodStart?: string;
  /** End of the latest interval (ISO instant with Paris offset). */
  periodEnd?: string;
}

/** What a complete, successful parse of a file found. */
export interface ImportSummary {
  format: FormatId;
  provenance: Provenance;
  /** Number of records over all series (after duplicate removal). */
  records: number;
  duplicatesDropped: number;
  periodStart?: string;
  periodEnd?: string;
  series: SeriesSummary[];
}

/** Everything a writer needs after a full successful parse. */
export interface ParsedImport {
  format: FormatId;
  provenance: Provenance;
  summary: ImportSummary;
  records: RecordsBySeries;
}

/** Options of `parseFile`, `parseAll` and `validateFile`. */
export interface ParseOptions {
  /** Name used in provenance and error messages; defaults to the path's base name (`input` for a stream). */
  fileName?: string;
  /** Records per batch (default 5,000). */
  batchSize?: number;
  /** Overrides the source organisation written in the provenance (e.g. the name of the water utility). */
  sourceOrganisation?: string;
  /** Tenure of the dwelling for DPE records (a DPE does not say); default `owner`. */
  tenure?: Dwelling['tenure'];
  /** For a DPE search answer holding several records: the `numero_dpe` to keep. */
  numeroDpe?: string;
  /** Refuse (`unexpected-format`) a file whose detected format is not one of these (e.g. on a gas-only upload page). */
  expectedFormats?: readonly FormatId[];
}
