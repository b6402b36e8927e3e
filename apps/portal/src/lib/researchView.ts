import Papa from 'papaparse';
import { TERRITORIES, type CategoryName, type Territory } from '@sdt/vocab';

// View-models of the research pages (citizen studies, researcher space, query results). Free of Next and
// of `@sdt/research` (so that client components can use them): studies and answers come in as plain data.
// Registry documents are public and anyone could have written one: every value is kept as text.

/** The fields of a study (`Study` of `@sdt/research`) the pages read. */
export interface StudyFacts {
  readonly iri: string;
  readonly slug: string;
  readonly title: { readonly fr: string; readonly en: string };
  readonly team: string;
  readonly institution: string;
  readonly description: { readonly fr: string; readonly en: string };
  readonly researchers?: readonly string[];
  readonly purpose: string;
  readonly legalBasis: string;
  readonly categories: readonly CategoryName[];
  readonly endDate: string;
  readonly minimumGroupSize: number;
  readonly privacyBudget: number;
  readonly usesNoise: boolean;
  readonly queryEpsilon: number;
  readonly engineWebId: string;
  readonly engineClientId: string;
}

/** A study as the pages show it, in one language. */
export interface StudyCardView {
  readonly iri: string;
  readonly slug: string;
  /** Whose registry publishes it. */
  readonly territory: Territory;
  readonly title: string;
  readonly team: string;
  readonly institution: string;
  readonly description: string;
  readonly purposeIri: string;
  readonly legalBasisIri: string;
  readonly categories: readonly CategoryName[];
  /** `YYYY-MM-DD` of the end date (UTC). */
  readonly endDay: string;
  /** The end date has passed: no opt-in, no query. */
  readonly ended: boolean;
  readonly minimumGroupSize: number;
  readonly usesNoise: boolean;
  readonly privacyBudget: number;
  readonly queryEpsilon: number;
  /** The grantee of the opt-ins: the territory's research engine, never the researcher. */
  readonly engineWebId: string;
  /** Path of the study in the researcher space: `research/studies/<territory>/<slug>`. */
  readonly workspacePath: string;
}

/**
 * The card of a study in a language.
 *
 * @param study - a study read from a registry
 * @param territory - whose registry lists it
 * @param locale - `fr` or `en`
 * @param now - the current time (a study whose end date has passed is shown as ended)
 */
export function toStudyCard(study: StudyFacts, territory: Territory, locale: 'fr' | 'en', now: Date): StudyCardView {
  const end = Date.parse(study.endDate);
  return {
    iri: study.iri,
    slug: study.slug,
    territory,
    title: study.title[locale] || study.title.fr,
    team: study.team,
    institution: study.institution,
    description: study.description[locale] || study.description.fr,
    purposeIri: study.purpose,
    legalBasisIri: study.legalBasis,
    categories: [...study.categories],
    endDay: Number.isNaN(end) ? study.endDate : new Date(end).toISOString().slice(0, 10),
    ended: Number.isNaN(end) || now.getTime() >= end,
    minimumGroupSize: study.minimumGroupSize,
    usesNoise: study.usesNoise,
    privacyBudget: study.privacyBudget,
    queryEpsilon: study.queryEpsilon,
    engineWebId: study.engineWebId,
    workspacePath: `research/studies/${territory}/${study.slug}`,
  };
}

/**
 * Whether a WebID is one of the study's researchers (the study's `researchers`; exact IRI match).
 *
 * @param study - the study
 * @param webId - the signed-in WebID
 */
export function isStudyResearcher(study: Pick<StudyFacts, 'researchers'>, webId: string): boolean {
  return (study.researchers ?? []).includes(webId);
}

/**
 * The studies of several registries, the citizen's territory first, then each registry's order.
 *
 * @param registries - each territory's studies (in the display order)
 * @param keep - which studies to keep (e.g. those a researcher owns)
 */
export function flattenStudies<S extends StudyFacts>(
  registries: readonly { territory: Territory; studies?: readonly S[] }[],
  keep: (study: S) => boolean = () => true,
): { territory: Territory; study: S }[] {
  return registries.flatMap(({ territory, studies }) =>
    (studies ?? []).filter(keep).map((study) => ({ territory, study })),
  );
}

/** The route parameters of one study of the researcher space. */
export function isTerritory(value: string): value is Territory {
  return (TERRITORIES as readonly string[]).includes(value);
}

/** A ready-made query of the researcher space. */
export interface QueryTemplate {
  /** Key of its name in the `research.templates` messages. */
  readonly id: string;
  readonly query: string;
}

const PREFIXES = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
`;

/**
 * Ready-made queries; each passes the checker of an energy study (group keys: DPE class, household size,
 * district, month) and reads only the categories it names.
 */
export const QUERY_TEMPLATES: readonly QueryTemplate[] = [
  {
    id: 'dpeMonthly',
    query: `${PREFIXES}# Average daily electricity (kWh) per month by DPE class
SELECT ?label ?month (AVG(?kwh) AS ?avgKwh) (COUNT(?kwh) AS ?days) WHERE {
  ?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .
  ?d a sdt:Dwelling ; sdt:energyLabel ?label .
  BIND(SUBSTR(STR(?t), 1, 7) AS ?month)
}
GROUP BY ?label ?month
ORDER BY ?label ?month
`,
  },
  {
    id: 'householdSize',
    query: `${PREFIXES}# Homes by household size (needs the household category)
SELECT ?size (COUNT(DISTINCT ?h) AS ?homes) WHERE {
  ?h sdt:householdSize ?size .
}
GROUP BY ?size
ORDER BY ?size
`,
  },
  {
    id: 'district',
    query: `${PREFIXES}# Average daily electricity (kWh) by district
SELECT ?district (AVG(?kwh) AS ?avgKwh) WHERE {
  ?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .
  ?h sdt:district ?district .
}
GROUP BY ?district
ORDER BY ?district
`,
  },
  {
    id: 'gasMonthly',
    query: `${PREFIXES}# Average daily gas (kWh) per month by DPE class (needs the gas category)
SELECT ?label ?month (AVG(?kwh) AS ?avgGasKwh) WHERE {
  ?g a sdt:GasReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .
  ?d a sdt:Dwelling ; sdt:energyLabel ?label .
  BIND(SUBSTR(STR(?t), 1, 7) AS ?month)
}
GROUP BY ?label ?month
ORDER BY ?label ?month
`,
  },
  {
    id: 'waterBySize',
    query: `${PREFIXES}# Average water volume (m³) per reading by household size (needs the water and household categories)
SELECT ?size (AVG(?m3) AS ?avgM3) WHERE {
  ?w a sdt:WaterReading ; saref:hasValue ?m3 .
  ?h sdt:householdSize ?size .
}
GROUP BY ?size
ORDER BY ?size
`,
  },
];

/** An RDF term of an answer as JSON (the route's `result` line). */
export interface TermJson {
  readonly termType: string;
  readonly value: string;
  readonly datatype?: string;
  readonly language?: string;
}

/** A row of an answer as JSON. */
export interface AnswerRowJson {
  readonly bindings: Readonly<Record<string, TermJson>>;
  readonly contributingPods?: number;
}

/** The privacy and coverage report of an answer (`PrivacyReport` of `@sdt/research`) as JSON. */
export interface PrivacyReportJson {
  readonly podsAsked: number;
  readonly podsAnswered: number;
  readonly podsFailed: number;
  /** Failed pods by reason (`forbidden`, `timeout`, `network`...), without the pods' addresses. */
  readonly failures: readonly FailureCount[];
  readonly paths: { readonly endpoint: number; readonly http: number };
  readonly minimumGroupSize: number;
  readonly groups: number;
  readonly groupsSuppressed: number;
  readonly clippedGroups: number;
  readonly noise: null | { readonly epsilon: number; readonly mechanisms: readonly { readonly scale: number }[] };
  readonly budget: null | { readonly total: number; readonly spent: number; readonly remaining: number };
  readonly durationMs: number;
}

/** How many pods failed for one reason. */
export interface FailureCount {
  readonly reason: string;
  readonly count: number;
}

/**
 * Failed pods summed up by reason, in order of first appearance. The researcher learns why pods
 * failed, never which pods (a pod's address would name a participant).
 *
 * @param failures - the report's failures
 */
export function summariseFailures(failures: readonly { readonly reason: string }[]): FailureCount[] {
  const counts = new Map<string, number>();
  for (const failure of failures) counts.set(failure.reason, (counts.get(failure.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/** One NDJSON line of `POST /api/research/run`. */
export type RunLine =
  | { readonly type: 'progress'; readonly done: number; readonly failed: number; readonly total: number }
  | {
      readonly type: 'result';
      readonly variables: readonly string[];
      readonly rows: readonly AnswerRowJson[];
      readonly report: PrivacyReportJson;
    }
  | {
      readonly type: 'error';
      readonly code: string;
      readonly message: string;
      readonly position?: { readonly line: number; readonly column: number };
    };

/**
 * Splits a chunk of an NDJSON stream into its complete lines, keeping the unfinished tail.
 *
 * @param pending - text left over from the previous chunk
 * @param chunk - the new text
 * @returns the parsed complete lines (lines that are not JSON objects with a `type` are skipped) and the rest
 */
export function splitRunLines(pending: string, chunk: string): { lines: RunLine[]; rest: string } {
  const parts = (pending + chunk).split('\n');
  const rest = parts.pop() ?? '';
  const lines: RunLine[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') continue;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string')
        lines.push(value as RunLine);
    } catch {
      // a broken line is skipped; the stream's end tells whether a result came
    }
  }
  return { lines, rest };
}

/** An answer as a text table: header and cells (IRIs shortened to their local name). */
export interface ResultTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Index of each column that holds numbers in every row that has a value. */
  readonly numericColumns: readonly number[];
  /** Whether the last column is the number of contributing pods (exact answers only). */
  readonly hasPodsColumn: boolean;
}

const NUMERIC_DATATYPES = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|unsignedInt)$/u;

function termText(term: TermJson | undefined): string {
  if (term === undefined) return '';
  if (term.termType === 'NamedNode') return term.value.replace(/^.*[#/]/u, '') || term.value;
  return term.value;
}

function isNumericTerm(term: TermJson | undefined): boolean {
  return term !== undefined && term.termType === 'Literal' && NUMERIC_DATATYPES.test(term.datatype ?? '') && Number.isFinite(Number(term.value));
}

/**
 * An answer as a table of text cells; a `pods` column is added when the answer gives the number of
 * contributing pods per group.
 *
 * @param variables - the projected variables, in order
 * @param rows - the answer's rows
 * @param podsHeader - header of the contributing-pods column
 */
export function toResultTable(variables: readonly string[], rows: readonly AnswerRowJson[], podsHeader: string): ResultTable {
  const hasPodsColumn = rows.some((row) => row.contributingPods !== undefined);
  const numericColumns = variables.flatMap((variable, index) => {
    const present = rows.map((row) => row.bindings[variable]).filter((term) => term !== undefined);
    return present.length > 0 && present.every(isNumericTerm) ? [index] : [];
  });
  return {
    header: [...variables, ...(hasPodsColumn ? [podsHeader] : [])],
    rows: rows.map((row) => [
      ...variables.map((variable) => termText(row.bindings[variable])),
      ...(hasPodsColumn ? [row.contributingPods === undefined ? '' : String(row.contributingPods)] : []),
    ]),
    numericColumns: hasPodsColumn ? [...numericColumns, variables.length] : numericColumns,
    hasPodsColumn,
  };
}

/** The points of the result chart: the first numeric column, labelled by the other (group key) columns. */
export interface ResultChartData {
  readonly valueHeader: string;
  /** Headers of the columns that make up the labels, joined with " · ". */
  readonly labelHeader: string;
  readonly points: readonly { readonly label: string; readonly value: number }[];
}

/**
 * The bar chart of a result: the first numeric column of the query's own variables by the group keys
 * (the non-numeric columns). Undefined when there is no numeric column or no row.
 *
 * @param table - the result table
 */
export function toResultChart(table: ResultTable): ResultChartData | undefined {
  const variableCount = table.header.length - (table.hasPodsColumn ? 1 : 0);
  const valueIndex = table.numericColumns.find((index) => index < variableCount);
  if (valueIndex === undefined || table.rows.length === 0) return undefined;
  const keyIndexes = Array.from({ length: variableCount }, (_, index) => index).filter(
    (index) => !table.numericColumns.includes(index),
  );
  const seen = new Map<string, number>();
  const points = table.rows.flatMap((row) => {
    const raw = row[valueIndex];
    if (raw === undefined || raw === '') return [];
    const value = Number(raw);
    if (!Number.isFinite(value)) return [];
    let label = keyIndexes.map((index) => row[index] ?? '').join(' · ') || table.header[valueIndex] || '';
    // Labels are the chart's band keys: make repeats unique.
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count > 1) label = `${label} (${count})`;
    return [{ label, value }];
  });
  return {
    valueHeader: table.header[valueIndex] ?? '',
    labelHeader: keyIndexes.map((index) => table.header[index] ?? '').join(' · '),
    points,
  };
}

/**
 * A result table as CSV (RFC 4180: comma separated, fields quoted when needed, CRLF line ends), by
 * papaparse's `unparse`. Cells that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start) and that are not numbers get a leading `'`, since registry and pod values are untrusted.
 *
 * @param table - the result table
 */
export function toCsv(table: Pick<ResultTable, 'header' | 'rows'>): string {
  const safe = (cell: string): string =>
    /^[=+\-@\t\r]/u.test(cell) && !Number.isFinite(Number(cell)) ? `'${cell}` : cell;
  return Papa.unparse(
    { fields: table.header.map(safe), data: table.rows.map((row) => row.map(safe)) },
    { quotes: false, newline: '\r\n' },
  );
}

/**
 * The file name of a result's CSV: `<slug>-<YYYY-MM-DDTHH-MM-SS>.csv`.
 *
 * @param slug - the study's slug
 * @param now - when it was downloaded
 */
export function csvFileName(slug: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/gu, '-');
  return `${slug.replace(/[^a-z0-9-]/gu, '')}-${stamp}.csv`;
}
