/**
 * API Particulier family-quotient answer (CAF / MSA), three generations of the answer:
 *
 * - v2 `quotient_familial_v2`: `{"regime": "CNAF"|"MSA", "allocataires": [{"nomNaissance", "nomUsuel",
 *   "prenoms", "anneeDateDeNaissance", "moisDateDeNaissance", "jourDateDeNaissance", "sexe"}],
 *   "enfants": [...], "adresse": {...}, "quotientFamilial": 1754, "annee": 2025, "mois": 3}`;
 * - v3: `{"data": {"quotient_familial": {"fournisseur": "CNAF"|"MSA", "valeur", "annee", "mois"},
 *   "allocataires": [{"nom_naissance", "nom_usage", "prenoms", "date_naissance": "1987-06-27"}], "enfants": [...]}}`;
 * - the historical CAF answer: `{"allocataires": [{"nomPrenom", "dateDeNaissance": "12111971"}], "enfants": [...],
 *   "quotientFamilial": 1754, "annee": 2021, "mois": 4}`.
 *
 * A `date` (YYYY-MM-DD) may replace `annee` / `mois`; a `provider` (`CAF`|`MSA`) may replace
 * `regime`. Gives one `FamilyQuotientStatement` (the quotient applies from the first day of the
 * month) and the household facts (size, members with a known birth year).
 */
import type { FamilyQuotientStatement, HouseholdMember } from '@sdt/vocab';
import { readWholeJson } from '../json/readJson.ts';
import { getParisMidnight, parseLocalDay } from '../time/parisTime.ts';
import {
  fail,
  isMissing,
  isRecord,
  quote,
  readNonNegative,
  readNumber,
  readObject,
  readString,
  type Location,
} from '../values.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

/** The API Particulier family-quotient format. */
export const apiParticulierQuotient: FormatDefinition = {
  id: 'api-particulier-quotient-json',
  label: 'API Particulier family quotient (CAF / MSA) JSON',
  organisation: 'CAF / MSA via API Particulier (DINUM)',
  matches: (head) => /"(quotientFamilial|quotient_familial)"\s*:/.test(head),
  parse: parseQuotient,
};

async function* parseQuotient(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  yield* readWholeJson(text, file, (document) => {
    const root = readObject(document, { file, jsonPath: '$' }, undefined);
    const isV3 = isRecord(root.data);
    const base = isV3 ? '$.data' : '$';
    const body = isV3 ? (root.data as Record<string, unknown>) : root;
    const at: Location = { file, jsonPath: base };
    let quotient: number;
    let provider: FamilyQuotientStatement['provider'];
    let year: unknown;
    let month: unknown;
    if (isV3) {
      const qfAt: Location = { file, jsonPath: `${base}.quotient_familial` };
      const qf = readObject(body.quotient_familial, at, 'quotient_familial');
      quotient = readNonNegative(qf.valeur, qfAt, 'valeur');
      provider = readProvider(qf.fournisseur, qfAt, 'fournisseur');
      year = qf.annee;
      month = qf.mois;
    } else {
      quotient = readNonNegative(body.quotientFamilial, at, 'quotientFamilial');
      provider = readProvider(
        body.regime ?? body.provider ?? 'CAF',
        at,
        body.regime !== undefined ? 'regime' : 'provider',
      );
      year = body.annee;
      month = body.mois;
    }
    const date = readStatementDate(body, year, month, at, isV3 ? `${base}.quotient_familial` : base);
    const adults = readPeople(body.allocataires, { file, jsonPath: `${base}.allocataires` }, 'allocataires', true);
    const children = readPeople(body.enfants ?? [], { file, jsonPath: `${base}.enfants` }, 'enfants', false);
    const statement: FamilyQuotientStatement = {
      familyQuotient: quotient,
      numberOfChildren: children.length,
      allocataires: adults.map((person) => person.name),
      date,
      provider,
    };
    // The quotient applies to the month of `date` (API Particulier gives a month): that is its period.
    const monthStart = parseLocalDay(date) as number;
    const first = new Date(monthStart);
    const nextMonth = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    const start = getParisMidnight(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
    sink.add('income/family-quotient', statement, at, {
      start,
      end: getParisMidnight(nextMonth),
      signature: JSON.stringify(statement),
      timeField: 'date',
    });
    const members: HouseholdMember[] = [
      ...adults
        .filter((p) => p.birthYear !== undefined)
        .map((p) => ({ role: 'adult' as const, birthYear: p.birthYear as number })),
      ...children
        .filter((p) => p.birthYear !== undefined)
        .map((p) => ({ role: 'child' as const, birthYear: p.birthYear as number })),
    ];
    sink.add('household/household', { size: adults.length + children.length, members }, at);
  });
}

function readProvider(raw: unknown, location: Location, field: string): FamilyQuotientStatement['provider'] {
  const text = readString(raw, location, field).toUpperCase();
  if (text === 'CAF' || text === 'CNAF') return 'CAF';
  if (text === 'MSA') return 'MSA';
  return fail(location, 'invalid-value', field, `${quote(text)} is neither CNAF/CAF nor MSA`);
}

function readStatementDate(
  body: Record<string, unknown>,
  year: unknown,
  month: unknown,
  location: Location,
  yearPath: string,
): string {
  if (!isMissing(body.date)) {
    const text = readString(body.date, location, 'date');
    if (parseLocalDay(text) === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text))
      fail(location, 'invalid-date', 'date', `${quote(text)} is not a valid day (YYYY-MM-DD)`);
    return text;
  }
  const at: Location = { file: location.file, jsonPath: yearPath };
  const y = readNumber(year, at, 'annee');
  const m = readNumber(month, at, 'mois');
  if (!Number.isInteger(y) || y < 1990 || y > 2100)
    fail(at, 'invalid-date', 'annee', `${quote(year)} is not a plausible year`);
  if (!Number.isInteger(m) || m < 1 || m > 12)
    fail(at, 'invalid-date', 'mois', `${quote(month)} is not a month (1-12)`);
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

interface Person {
  name: string;
  birthYear: number | undefined;
}

function readPeople(raw: unknown, location: Location, field: string, required: boolean): Person[] {
  if (!Array.isArray(raw)) {
    return fail(
      { file: location.file, jsonPath: location.jsonPath?.replace(/\.[a-z]+$/, '') ?? '$' },
      raw === undefined ? 'missing-field' : 'invalid-structure',
      field,
      'an array of persons was expected',
    );
  }
  if (required && raw.length === 0) fail(location, 'missing-field', field, 'at least one allocataire is expected');
  return raw.map((item, index) => {
    const at: Location = { file: location.file, jsonPath: `${location.jsonPath}[${index}]` };
    const person = readObject(item, at, undefined);
    return { name: readName(person, at), birthYear: readBirthYear(person, at) };
  });
}

function readName(person: Record<string, unknown>, location: Location): string {
  if (!isMissing(person.nomPrenom)) return readString(person.nomPrenom, location, 'nomPrenom');
  const given = readString(person.prenoms, location, 'prenoms');
  const family = person.nomUsuel ?? person.nomUsage ?? person.nom_usage;
  const familyName = isMissing(family)
    ? readString(
        person.nomNaissance ?? person.nom_naissance,
        location,
        person.nom_naissance !== undefined ? 'nom_naissance' : 'nomNaissance',
      )
    : readString(family, location, 'nomUsuel');
  return `${given} ${familyName}`;
}

/** Birth year when the answer gives one; `undefined` when unknown (e.g. "0000" for a foreign-born person). */
function readBirthYear(person: Record<string, unknown>, location: Location): number | undefined {
  let raw: unknown;
  let field: string;
  if (!isMissing(person.anneeDateDeNaissance)) [raw, field] = [person.anneeDateDeNaissance, 'anneeDateDeNaissance'];
  else if (!isMissing(person.date_naissance))
    [raw, field] = [String(person.date_naissance).slice(0, 4), 'date_naissance'];
  else if (!isMissing(person.dateDeNaissance))
    [raw, field] = [String(person.dateDeNaissance).slice(-4), 'dateDeNaissance'];
  else return undefined;
  const year = readNumber(raw, location, field);
  if (year === 0) return undefined;
  if (!Number.isInteger(year) || year < 1900 || year > 2100)
    fail(location, 'invalid-date', field, `${quote(raw)} is not a plausible birth year`);
  return year;
}
