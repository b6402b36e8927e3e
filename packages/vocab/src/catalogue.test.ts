import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_NAMES } from './categories.ts';
import { getSensitivity } from './concepts.ts';
import { DCAT, DCT, RDF, SH_NS } from './namespaces.ts';
import { SDT } from './sdt.ts';
import { loadCatalogue, loadShapes } from './vocabularyFiles.ts';

const catalogue = loadCatalogue();
const CATALOGUE_IRI = 'https://w3id.org/selfdata-territorial/catalogue';
const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
/** categories.ts update frequencies -> EU frequency authority table. */
const FREQUENCIES: Record<string, string> = {
  P1D: `${FREQUENCY}DAILY`,
  P1M: `${FREQUENCY}MONTHLY`,
  P1Y: `${FREQUENCY}ANNUAL`,
  P10Y: `${FREQUENCY}DECENNIAL`,
  irregular: `${FREQUENCY}IRREG`,
};

function values(subject: string, predicate: string): string[] {
  return catalogue
    .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
    .map((q) => q.object.value)
    .sort();
}

function literal(subject: string, predicate: string, language: string): string[] {
  return catalogue
    .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
    .filter((q) => q.object.termType === 'Literal' && q.object.language === language)
    .map((q) => q.object.value);
}

describe('the DCAT catalogue (vocab/catalogue.ttl)', () => {
  it('lists exactly the categories of categories.ts', () => {
    expect(values(CATALOGUE_IRI, RDF.type)).toEqual([DCAT.Catalog]);
    expect(values(CATALOGUE_IRI, DCAT.dataset)).toEqual(CATEGORY_NAMES.map((name) => CATEGORIES[name].iri).sort());
    const described = catalogue.filter((q) => q.predicate.value === RDF.type && q.object.value === SDT.DataCategory).map((q) => q.subject.value);
    expect(described.sort()).toEqual(CATEGORY_NAMES.map((name) => SDT[name]).sort());
  });

  it.each(CATEGORY_NAMES)('agrees with categories.ts on %s', (name) => {
    const info = CATEGORIES[name];
    const iri = info.iri;
    expect(values(iri, RDF.type)).toEqual([DCAT.Dataset, SDT.DataCategory].sort());
    expect(values(iri, SDT.containerName)).toEqual([name]);
    expect(literal(iri, DCT.title, 'fr')).toEqual([info.label.fr]);
    expect(literal(iri, DCT.title, 'en')).toEqual([info.label.en]);
    expect(literal(iri, DCT.description, 'fr')).toHaveLength(1);
    expect(literal(iri, DCT.description, 'en')).toHaveLength(1);
    expect(values(iri, SDT.recordClass)).toEqual([...info.classes].sort());
    expect(values(iri, SDT.dpvCategory)).toEqual([info.dpvCategory]);
    expect(values(iri, SDT.sensitivity).map((s) => getSensitivity(s))).toEqual([info.sensitivity]);
    expect(values(iri, SDT.typicalSource)).toEqual([info.typicalSource]);
    expect(values(iri, DCT.accrualPeriodicity)).toEqual([FREQUENCIES[info.updateFrequency]]);
    expect(values(iri, SDT.allowedMode)).toEqual([...info.allowedModes].sort());
  });

  it.each(CATEGORY_NAMES)('gives %s the shapes that target its record classes', (name) => {
    const info = CATEGORIES[name];
    const shapes = loadShapes();
    const targeting = shapes
      .filter((q) => q.predicate.value === `${SH_NS}targetClass` && info.classes.includes(q.object.value))
      .map((q) => q.subject.value)
      .sort();
    expect(values(info.iri, DCT.conformsTo)).toEqual(targeting);
    expect(targeting).toContain(info.shape);
  });
});
