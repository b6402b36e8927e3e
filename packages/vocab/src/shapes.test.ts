import { describe, expect, it } from 'vitest';
import { listShapeFiles, listShapeFixtures, loadVocabFile, readVocabFile, vocabFilePath } from './vocabularyFiles.ts';
import { CATEGORIES, CATEGORY_NAMES } from './categories.ts';
import { SH_NS, RDF } from './namespaces.ts';
import { validateTurtle, type ValidationResult } from './shacl/validateQuads.ts';
import { pathToFileURL } from 'node:url';

const fixtures = listShapeFixtures();

function matches(result: ValidationResult, expectation: string): boolean {
  const local = result.path?.slice(Math.max(result.path.lastIndexOf('#'), result.path.lastIndexOf('/')) + 1);
  return local === expectation || Object.values(result.messages).some((message) => message.includes(expectation));
}

async function validateFixture(path: string): ReturnType<typeof validateTurtle> {
  return validateTurtle(readVocabFile(path), pathToFileURL(vocabFilePath(path)).href);
}

describe('the SHACL shapes', () => {
  it('exist for every shape named in the category list, each targeting a class', () => {
    const files = listShapeFiles();
    for (const name of CATEGORY_NAMES) {
      const local = CATEGORIES[name].shape.split('#')[1]!;
      expect(files).toContain(`shapes/${local}.ttl`);
    }
    for (const file of files) {
      const quads = loadVocabFile(file);
      const shapeName = file.slice('shapes/'.length, -'.ttl'.length);
      const targets = quads.filter((q) => q.subject.value.endsWith(`#${shapeName}`) && q.predicate.value === `${SH_NS}targetClass`);
      expect(targets, `${file} has a sh:targetClass`).toHaveLength(1);
    }
  });

  it('give every property shape a message in French and in English', () => {
    for (const file of listShapeFiles()) {
      const quads = loadVocabFile(file);
      const propertyShapes = quads.filter((q) => q.predicate.value === `${SH_NS}property`).map((q) => q.object.value);
      for (const shape of propertyShapes) {
        const languages = quads
          .filter((q) => q.subject.value === shape && q.predicate.value === `${SH_NS}message`)
          .map((q) => (q.object.termType === 'Literal' ? q.object.language : ''));
        expect(languages.sort(), `${file} property shape messages`).toEqual(['en', 'fr']);
      }
    }
  });

  it('have valid and several invalid fixtures for every shape with a target', () => {
    const classes = new Set(fixtures.map((f) => f.className));
    for (const file of listShapeFiles()) {
      const target = loadVocabFile(file).find((q) => q.predicate.value === `${SH_NS}targetClass`)!.object.value;
      const className = target.split('#')[1]!;
      expect(classes.has(className), `fixtures/${className}`).toBe(true);
      expect(fixtures.filter((f) => f.className === className && f.valid).length).toBeGreaterThanOrEqual(1);
      expect(fixtures.filter((f) => f.className === className && !f.valid).length).toBeGreaterThanOrEqual(4);
    }
  });

  describe.each(fixtures.filter((f) => f.valid).map((f) => [f.path, f] as const))('valid fixture %s', (path) => {
    it('conforms to the shapes', async () => {
      const report = await validateFixture(path);
      expect(report.results).toEqual([]);
      expect(report.conforms).toBe(true);
    });
  });

  describe.each(fixtures.filter((f) => !f.valid).map((f) => [f.path, f] as const))('invalid fixture %s', (path, fixture) => {
    it('says what it expects to be rejected for', () => {
      expect(fixture.expect).toBeTruthy();
    });

    it('is rejected for that reason only', async () => {
      const report = await validateFixture(path);
      expect(report.conforms).toBe(false);
      expect(report.results.length).toBeGreaterThan(0);
      for (const result of report.results) {
        expect(matches(result, fixture.expect!), `${result.path ?? ''}: ${result.message}`).toBe(true);
        expect(result.messages.fr).toBeTruthy();
        expect(result.messages.en).toBeTruthy();
        expect(result.shape).toMatch(/^https:\/\/w3id\.org\/selfdata-territorial\/shapes#\w+Shape$/);
        expect(result.focusNode).toContain('#');
      }
    });
  });

  it('select their targets, so one graph holding several kinds of records is validated at once', async () => {
    const trip = readVocabFile('fixtures/Trip/invalid-negative-distance.ttl');
    const dwelling = readVocabFile('fixtures/Dwelling/invalid-missing-tenure.ttl').replace(/^@prefix.*$/gm, '');
    const report = await validateTurtle(`${trip}\n${dwelling}`, 'http://example.org/pod/mixed');
    const shapes = report.results.map((r) => r.shape.split('#')[1]).sort();
    expect(shapes).toEqual(['DwellingShape', 'TripShape']);
    expect(report.results.every((r) => r.focusNode.startsWith('http://example.org/pod/mixed#'))).toBe(true);
  });

  it('explain a failure of a nested node with the field that failed', async () => {
    const report = await validateFixture('fixtures/Citizen/invalid-bad-postal-code.ttl');
    expect(report.results).toHaveLength(1);
    const [result] = report.results;
    expect(result?.path).toBe('http://schema.org/address');
    expect(result?.details?.map((d) => [d.path, d.shape.split('#')[1], d.focusNode.split('#')[1]])).toEqual([
      ['http://schema.org/postalCode', 'PostalAddressShape', 'address'],
    ]);
    expect(result?.details?.[0]?.message).toContain('five digits');
  });

  it('answer in French when asked', async () => {
    const report = await validateTurtle(readVocabFile('fixtures/Trip/invalid-negative-distance.ttl'), 'http://example.org/t', {
      language: 'fr',
    });
    expect(report.results[0]?.message).toContain('La distance');
  });

  it('leave data without any targeted class alone', async () => {
    const report = await validateTurtle(`<#x> <${RDF.type}> <http://example.org/Other> .`, 'http://example.org/t');
    expect(report).toEqual({ conforms: true, results: [] });
  });
});
