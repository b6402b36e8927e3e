/**
 * ADEME DPE record (open data "DPE Logements existants depuis juillet 2021", dataset
 * `dpe03existant` on data.ademe.fr): one record as a JSON object, or the data-fair API answer
 * `{"total": n, "results": [record, ...]}` (several results need the `numeroDpe` option).
 *
 * Fields read: `numero_dpe` (required), `etiquette_dpe` (A-G, required), `etiquette_ges` (A-G),
 * `surface_habitable_logement` (m2, required), `type_energie_principale_chauffage` (required),
 * `type_generateur_chauffage_principal` (a heat pump, "PAC", makes the heating `heat-pump`),
 * `conso_5_usages_par_m2_ep` (kWhEP/m2/year), `emission_ges_5_usages_par_m2` (kgCO2e/m2/year),
 * `annee_construction`. Tenure is not in a DPE: the `tenure` option, default `owner`.
 */
import { ENERGY_LABELS, type Dwelling, type EnergyLabel, type HeatingEnergy } from '@sdt/vocab';
import { readWholeJson } from '../json/readJson.ts';
import {
  fail,
  isMissing,
  isRecord,
  quote,
  readOptionalNonNegative,
  readPositive,
  readString,
  readYear,
  round,
  type Location,
} from '../values.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

/** Default tenure when the caller does not say (a DPE does not record it). */
export const DEFAULT_TENURE: Dwelling['tenure'] = 'owner';

/** The ADEME DPE format. */
export const ademeDpe: FormatDefinition = {
  id: 'ademe-dpe-json',
  label: 'ADEME DPE record (data.ademe.fr dpe03existant) JSON',
  organisation: 'ADEME (Observatoire DPE)',
  matches: (head) => /"(numero_dpe|etiquette_dpe)"\s*:/.test(head),
  parse: parseDpe,
};

async function* parseDpe(text: AsyncIterable<string>, context: FormatContext): AsyncGenerator<void, void, undefined> {
  const { file, sink, options } = context;
  yield* readWholeJson(text, file, (document) => {
    const { record, path } = pickRecord(document, file, options.numeroDpe);
    const at: Location = { file, jsonPath: path };
    readString(record.numero_dpe, at, 'numero_dpe');
    const dwelling: Dwelling = {
      floorArea: round(readPositive(record.surface_habitable_logement, at, 'surface_habitable_logement'), 2),
      energyLabel: readLabel(record.etiquette_dpe, at, 'etiquette_dpe'),
      heatingEnergy: readHeating(record, at),
      tenure: options.tenure ?? DEFAULT_TENURE,
    };
    if (!isMissing(record.etiquette_ges))
      dwelling.greenhouseGasLabel = readLabel(record.etiquette_ges, at, 'etiquette_ges');
    if (!isMissing(record.annee_construction))
      dwelling.yearBuilt = readYear(record.annee_construction, at, 'annee_construction', 1000, 2100);
    const consumption = readOptionalNonNegative(record.conso_5_usages_par_m2_ep, at, 'conso_5_usages_par_m2_ep');
    if (consumption !== undefined) dwelling.primaryEnergyConsumption = round(consumption, 2);
    const emissions = readOptionalNonNegative(record.emission_ges_5_usages_par_m2, at, 'emission_ges_5_usages_par_m2');
    if (emissions !== undefined) dwelling.greenhouseGasEmissions = round(emissions, 2);
    sink.add('housing/dwelling', dwelling, at);
  });
}

function pickRecord(
  document: unknown,
  file: string,
  numeroDpe: string | undefined,
): { record: Record<string, unknown>; path: string } {
  if (isRecord(document) && !Array.isArray(document.results)) return { record: document, path: '$' };
  const list = isRecord(document) ? (document.results as unknown[]) : document;
  const base = isRecord(document) ? '$.results' : '$';
  if (!Array.isArray(list))
    return fail({ file, jsonPath: '$' }, 'invalid-structure', undefined, 'a DPE record (object) was expected');
  const candidates = list
    .map((record, index) => ({ record, path: `${base}[${index}]` }))
    .filter((c): c is { record: Record<string, unknown>; path: string } => isRecord(c.record))
    .filter((c) => numeroDpe === undefined || c.record.numero_dpe === numeroDpe);
  const [first, second] = candidates;
  if (first === undefined) {
    return fail(
      { file, jsonPath: base },
      'missing-field',
      'numero_dpe',
      numeroDpe === undefined ? 'the answer holds no DPE record' : 'no record has the requested numero_dpe',
    );
  }
  if (second !== undefined)
    fail(
      { file, jsonPath: base },
      'ambiguous',
      'numero_dpe',
      `the answer holds ${candidates.length} DPE records: choose one by its numero_dpe`,
    );
  return first;
}

function readLabel(raw: unknown, location: Location, field: string): EnergyLabel {
  const text = readString(raw, location, field).toUpperCase();
  if (!(ENERGY_LABELS as readonly string[]).includes(text))
    fail(location, 'invalid-value', field, `${quote(text)} is not a label A to G`);
  return text as EnergyLabel;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function readHeating(record: Record<string, unknown>, location: Location): HeatingEnergy {
  const energy = fold(
    readString(record.type_energie_principale_chauffage, location, 'type_energie_principale_chauffage'),
  );
  const generator = isMissing(record.type_generateur_chauffage_principal)
    ? ''
    : fold(String(record.type_generateur_chauffage_principal));
  if (/\bpac\b|pompe a chaleur/.test(generator)) return 'heat-pump';
  if (energy.startsWith('electricite')) return 'electric';
  if (energy.startsWith('gaz') || energy === 'gpl' || energy === 'propane' || energy === 'butane') return 'gas';
  if (energy.startsWith('fioul')) return 'oil';
  if (energy.startsWith('bois')) return 'wood';
  if (energy.startsWith('reseau de chauffage urbain') || energy.startsWith('reseau de chaleur')) return 'district';
  return fail(
    location,
    'invalid-value',
    'type_energie_principale_chauffage',
    `${quote(record.type_energie_principale_chauffage)} is not a heating energy the platform records (électricité, gaz, GPL, fioul, bois, réseau de chauffage urbain)`,
  );
}
