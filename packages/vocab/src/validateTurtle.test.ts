import { describe, expect, it } from 'vitest';
import { parseTurtle } from './parseTurtle.ts';
import { validateTurtle } from './shacl/validateQuads.ts';
import { VocabError } from './VocabError.ts';

describe('validateTurtle', () => {
  it('reports a parse error with its line', async () => {
    const turtle = '@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .\n\n<#a> a sdt:Trip ;\n  sdt:distance 3 4 .\n';
    const error = await validateTurtle(turtle, 'http://example.org/t').catch((e: unknown) => e);
    expect(VocabError.isInstance(error)).toBe(true);
    expect((error as VocabError).code).toBe('parse-error');
    expect((error as VocabError).line).toBe(4);
    expect((error as VocabError).message).toMatch(/line 4/);
  });

  it('names the document in parse errors', () => {
    expect(() => parseTurtle('<a> <b> .', 'http://example.org/doc', 'upload.ttl')).toThrow(/upload\.ttl.*line 1/);
  });

  it('validates a month of 30-minute readings in one call', async () => {
    const lines = ['@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .', '@prefix saref: <https://saref.etsi.org/core/> .'];
    lines.push('@prefix sosa: <http://www.w3.org/ns/sosa/> .', '@prefix unit: <http://qudt.org/vocab/unit/> .');
    lines.push('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .');
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 1488; i++) {
      const instant = new Date(start + i * 1_800_000).toISOString().replace('.000Z', 'Z');
      const value = i === 700 ? '-1.0' : `${400 + (i % 97)}.5`;
      lines.push(
        `<#r${i}> a sdt:ElectricityPowerReading, saref:Measurement, sosa:Observation ; saref:hasTimestamp "${instant}"^^xsd:dateTime ;`,
        `  sdt:intervalDuration "PT30M"^^xsd:duration ; saref:hasValue ${value} ; saref:isMeasuredIn unit:W .`,
      );
    }
    const report = await validateTurtle(lines.join('\n'), 'http://example.org/curve-2025-01');
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => [r.focusNode, r.constraint])).toEqual([
      ['http://example.org/curve-2025-01#r700', 'MinInclusiveConstraintComponent'],
    ]);
  });
});
