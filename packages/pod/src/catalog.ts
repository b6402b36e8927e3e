import { Parser, type Quad } from 'n3';
import { CATEGORIES, CATEGORY_NAMES, DCAT, DCT, RDF, SDT, XSD, isCategoryName, type CategoryName } from '@sdt/vocab';
import { LAYOUT, categoryContainerPath, type PodAccess } from './layout.ts';
import { sendRequest } from './http.ts';

/** One dataset of a pod's DCAT catalogue: what a category holds. */
export interface CatalogEntry {
  category: CategoryName;
  /** Organisation or origin of the data, e.g. `Enedis` or `Synthetic (selfdata seed)`. */
  source: string;
  /** First day covered, YYYY-MM-DD (time series only). */
  periodStart?: string;
  /** Last day covered, YYYY-MM-DD (time series only). */
  periodEnd?: string;
  recordCount: number;
  /** When data was last imported, ISO instant. */
  lastImport: string;
}

/** A pod's catalogue. */
export interface PodCatalog {
  modified?: string;
  entries: Partial<Record<CategoryName, CatalogEntry>>;
}

function literal(value: string, datatype?: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return datatype ? `"${escaped}"^^<${datatype}>` : `"${escaped}"`;
}

/** Serialises a catalogue as Turtle (relative to the `catalog` resource). */
export function catalogToTurtle(catalog: PodCatalog, podUrl: string, webId: string): string {
  const lines = [
    `@prefix dcat: <${DCAT.NS}>. @prefix dct: <${DCT.NS}>. @prefix sdt: <${SDT.NS}>.`,
    `<#catalog> a dcat:Catalog;`,
    `  dct:title "Catalogue de mes données"@fr, "Catalogue of my data"@en;`,
    `  dct:publisher <${webId}>;`,
    `  dct:modified ${literal(catalog.modified ?? new Date().toISOString(), XSD.dateTime)}.`,
  ];
  for (const name of CATEGORY_NAMES) {
    const entry = catalog.entries[name];
    if (!entry) continue;
    const info = CATEGORIES[name];
    lines.push(`<#catalog> dcat:dataset <#${name}>.`);
    lines.push(`<#${name}> a dcat:Dataset;`);
    lines.push(`  sdt:category <${info.iri}>;`);
    lines.push(`  dct:title ${literal(info.label.fr)}@fr, ${literal(info.label.en)}@en;`);
    lines.push(`  dcat:accessURL <${podUrl}${categoryContainerPath(name)}>;`);
    lines.push(`  dct:conformsTo <${info.shape}>;`);
    lines.push(`  dct:source ${literal(entry.source)};`);
    lines.push(`  sdt:recordCount ${literal(String(entry.recordCount), XSD.integer)};`);
    if (entry.periodStart && entry.periodEnd) {
      lines.push(`  dct:temporal <#${name}-period>;`);
    }
    lines.push(`  sdt:lastImport ${literal(entry.lastImport, XSD.dateTime)}.`);
    if (entry.periodStart && entry.periodEnd) {
      lines.push(
        `<#${name}-period> a dct:PeriodOfTime; dcat:startDate ${literal(entry.periodStart, XSD.date)}; dcat:endDate ${literal(entry.periodEnd, XSD.date)}.`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Parses a catalogue resource. Unknown categories and extra triples are ignored. */
export function parseCatalog(turtle: string, catalogUrl: string): PodCatalog {
  const quads: Quad[] = new Parser({ baseIRI: catalogUrl }).parse(turtle);
  const value = (subject: string, predicate: string): string | undefined =>
    quads.find((q) => q.subject.value === subject && q.predicate.value === predicate)?.object.value;
  const catalog: PodCatalog = { entries: {} };
  const modified = value(`${catalogUrl}#catalog`, DCT.modified);
  if (modified) catalog.modified = modified;
  for (const q of quads) {
    if (q.predicate.value !== RDF.type || q.object.value !== DCAT.Dataset) continue;
    const subject = q.subject.value;
    const categoryIri = value(subject, SDT.category);
    const name = categoryIri?.slice(SDT.NS.length) ?? '';
    if (!categoryIri?.startsWith(SDT.NS) || !isCategoryName(name)) continue;
    const entry: CatalogEntry = {
      category: name,
      source: value(subject, DCT.source) ?? '',
      recordCount: Number(value(subject, SDT.recordCount) ?? 0),
      lastImport: value(subject, SDT.lastImport) ?? '',
    };
    const period = value(subject, DCT.temporal);
    if (period) {
      const start = value(period, DCAT.startDate);
      const end = value(period, DCAT.endDate);
      if (start) entry.periodStart = start;
      if (end) entry.periodEnd = end;
    }
    catalog.entries[name] = entry;
  }
  return catalog;
}

/** Reads the pod's catalogue; `undefined` when the pod has none (layout not set up). */
export async function readCatalog(access: PodAccess): Promise<PodCatalog | undefined> {
  const url = `${access.podUrl}${LAYOUT.catalog}`;
  const response = await sendRequest(access.fetch, url, { headers: { accept: 'text/turtle' } }, [200, 404]);
  if (response.status === 404) {
    await response.arrayBuffer();
    return undefined;
  }
  return parseCatalog(await response.text(), url);
}

/** Writes the whole catalogue (replaces it). */
export async function writeCatalog(access: PodAccess, catalog: PodCatalog): Promise<void> {
  const url = `${access.podUrl}${LAYOUT.catalog}`;
  await sendRequest(
    access.fetch,
    url,
    { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: catalogToTurtle(catalog, access.podUrl, access.webId) },
    [200, 201, 204, 205],
  );
}
