/**
 * `@sdt/importers`: provider files (Enedis, GRDF, water, trips, API Particulier, ADEME DPE) to the
 * platform's records, checked value by value, streamed, with provenance. See README.md.
 */
export { ImportError, type ImportErrorCode, type ImportErrorDetails } from './ImportError.ts';
export { detectFormat, HEAD_BYTES } from './detectFormat.ts';
export { parseFile, parseAll, validateFile, getSeriesRecords } from './parseFile.ts';
export { ImportStream, type ImportInput, type StreamOptions } from './ImportStream.ts';
export { generateLoadCurveJson, type LoadCurveOptions } from './generateLoadCurveJson.ts';
export { EMISSION_FACTORS, resolveMode, type EmissionFactor } from './emissionFactors.ts';
export { getHaversineKm, getLineLengthKm, type LonLat } from './geo.ts';
export { FORMAT_DEFINITIONS } from './formats/index.ts';
export type { FormatDefinition } from './formats/FormatDefinition.ts';
export { DEFAULT_TENURE } from './formats/ademeDpe.ts';
export { IMPORTER_NAME, IMPORTER_VERSION } from './packageInfo.ts';
export {
  FORMAT_IDS,
  splitSeriesId,
  type FormatId,
  type HouseholdFacts,
  type ImportSummary,
  type ParseOptions,
  type ParsedImport,
  type Provenance,
  type RecordBatch,
  type RecordsBySeries,
  type SeriesId,
  type SeriesRecordTypes,
  type SeriesSummary,
} from './types.ts';
export {
  importFiles,
  DEFAULT_IMPORT_LEASE_MS,
  type ImportSource,
  type ImportFilesOptions,
  type ImportProgress,
  type FileImportResult,
  type ImportReport,
} from './write/importFiles.ts';
export { recoverImports, type RecoverOptions, type RecoveryReport } from './write/recoverImports.ts';
export { IMPORTS_CONTAINER, type ImportJournal, type JournalEntry, type JournalState } from './write/journal.ts';
export { activityQuads, readResourceProvenance, type ImportActivity, type ResourceProvenance } from './write/provenance.ts';
