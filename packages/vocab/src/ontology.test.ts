import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import {
  ENERGY_LABEL_CONCEPTS,
  HEATING_ENERGY_CONCEPTS,
  SENSITIVITY_CONCEPTS,
  TENURE_CONCEPTS,
  TRANSPORT_MODE_CONCEPTS,
  getEnergyLabel,
  getHeatingEnergy,
  getSensitivity,
  getTenure,
  getTransportMode,
} from './concepts.ts';
import { ENERGY_LABELS, HEATING_ENERGIES, TENURES, TRANSPORT_MODES } from './model.ts';
import { RDF, RDFS, SAREF, SCHEMA, SDT_NS, SKOS, SOSA } from './namespaces.ts';
import { SDT, type SdtLocalName } from './sdt.ts';
import { listShapeFixtures, loadCatalogue, loadOntology, loadShapes, loadVocabFile } from './vocabularyFiles.ts';

const ontology = loadOntology();
const terms = (Object.keys(SDT) as (SdtLocalName | 'NS')[]).filter((k): k is SdtLocalName => k !== 'NS');

function objects(subject: string, predicate: string): Quad['object'][] {
  return ontology.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
}

function languages(subject: string, predicate: string): string[] {
  return objects(subject, predicate)
    .map((o) => (o.termType === 'Literal' ? o.language : ''))
    .sort();
}

describe('the sdt: ontology (vocab/sdt.ttl)', () => {
  it.each(terms)('declares sdt:%s with a type, and a label and a comment in French and English', (local) => {
    const iri = SDT[local];
    expect(objects(iri, RDF.type).length, `${local} has rdf:type`).toBeGreaterThan(0);
    expect(languages(iri, RDFS.label), `${local} labels`).toEqual(['en', 'fr']);
    expect(languages(iri, RDFS.comment), `${local} comments`).toEqual(['en', 'fr']);
  });

  it('declares no sdt: term that the TypeScript constants lack', () => {
    const declared = new Set(ontology.filter((q) => q.subject.value.startsWith(SDT_NS)).map((q) => q.subject.value.slice(SDT_NS.length)));
    expect([...declared].filter((local) => !(local in SDT))).toEqual([]);
  });

  it('builds the record classes on standard vocabularies', () => {
    const superclasses = (local: SdtLocalName): string[] => objects(SDT[local], RDFS.subClassOf).map((o) => o.value);
    for (const reading of ['ElectricityEnergyReading', 'ElectricityPowerReading', 'GasReading', 'WaterReading'] as const) {
      expect(superclasses(reading)).toEqual(expect.arrayContaining([SAREF.Measurement, SOSA.Observation]));
    }
    expect(superclasses('Trip')).toContain(SCHEMA.Trip);
    expect(superclasses('Dwelling')).toContain(SCHEMA.Accommodation);
    expect(superclasses('Citizen')).toContain(SCHEMA.Person);
    expect(superclasses('HealthObservation')).toContain(SOSA.Observation);
  });

  it.each([
    ['TransportModeScheme', TRANSPORT_MODE_CONCEPTS, TRANSPORT_MODES, getTransportMode],
    ['HeatingEnergyScheme', HEATING_ENERGY_CONCEPTS, HEATING_ENERGIES, getHeatingEnergy],
    ['TenureScheme', TENURE_CONCEPTS, TENURES, getTenure],
    ['EnergyLabelScheme', ENERGY_LABEL_CONCEPTS, ENERGY_LABELS, getEnergyLabel],
    ['SensitivityLevelScheme', SENSITIVITY_CONCEPTS, ['low', 'medium', 'high'], getSensitivity],
  ] as const)('puts every value of the model in %s, with the value as skos:notation', (scheme, concepts, values, lookup) => {
    expect(Object.keys(concepts).sort()).toEqual([...values].sort());
    const members = ontology.filter((q) => q.predicate.value === SKOS.inScheme && q.object.value === SDT[scheme]).map((q) => q.subject.value);
    expect(members.sort()).toEqual(Object.values(concepts).sort());
    for (const [value, iri] of Object.entries(concepts)) {
      expect(objects(iri, SKOS.notation).map((o) => o.value)).toEqual([value]);
      expect(objects(iri, RDF.type).map((o) => o.value)).toContain(SKOS.Concept);
      expect(languages(iri, SKOS.prefLabel)).toEqual(['en', 'fr']);
      expect((lookup as (iri: string) => string | undefined)(iri)).toBe(value);
    }
    expect(objects(SDT[scheme], RDF.type).map((o) => o.value)).toContain(SKOS.ConceptScheme);
  });

  it('declares every sdt: term that the shapes, the catalogue and the valid fixtures use', () => {
    const declared = new Set(ontology.filter((q) => q.subject.value.startsWith(SDT_NS)).map((q) => q.subject.value));
    const validFixtures = listShapeFixtures()
      .filter((f) => f.valid)
      .flatMap((f) => loadVocabFile(f.path));
    const used = [...loadShapes(), ...loadCatalogue(), ...validFixtures, ...ontology]
      .flatMap((q) => [q.subject, q.predicate, q.object])
      .filter((t) => t.termType === 'NamedNode' && t.value.startsWith(SDT_NS))
      .map((t) => t.value);
    expect([...new Set(used)].filter((iri) => !declared.has(iri))).toEqual([]);
  });
});
