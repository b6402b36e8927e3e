/**
 * How long SHACL validation of one month of 30-minute readings takes (1,488 readings, ~10k triples),
 * against parsing the same Turtle as a baseline measured in the same run.
 *
 * Run: node --import tsx packages/vocab/scripts/bench-validate.ts [rounds]
 */
import { parseTurtle, validateQuads } from '../src/index.ts';

const rounds = Number(process.argv[2] ?? 10);
const lines = [
  '@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .',
  '@prefix saref: <https://saref.etsi.org/core/> .',
  '@prefix sosa: <http://www.w3.org/ns/sosa/> .',
  '@prefix unit: <http://qudt.org/vocab/unit/> .',
  '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
];
for (let i = 0; i < 1488; i++) {
  const start = new Date(Date.UTC(2025, 0, 1) + i * 1_800_000).toISOString().replace('.000Z', 'Z');
  lines.push(
    `<#r${i}> a sdt:ElectricityPowerReading, saref:Measurement, sosa:Observation ; saref:hasTimestamp "${start}"^^xsd:dateTime ;`,
    `  sdt:intervalDuration "PT30M"^^xsd:duration ; saref:hasValue ${400 + (i % 97)}.5 ; saref:isMeasuredIn unit:W .`,
  );
}
const turtle = lines.join('\n');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

let t = performance.now();
const quads = parseTurtle(turtle, 'http://example.org/curve-2025-01');
await validateQuads(quads); // compiles the shapes
const firstMs = performance.now() - t;

const parseMs: number[] = [];
const validateMs: number[] = [];
for (let round = 0; round < rounds; round++) {
  t = performance.now();
  parseTurtle(turtle, 'http://example.org/curve-2025-01');
  parseMs.push(performance.now() - t);
  t = performance.now();
  const report = await validateQuads(quads);
  validateMs.push(performance.now() - t);
  if (!report.conforms) throw new Error('the benchmark data should conform');
}
const result = {
  readings: 1488,
  triples: quads.length,
  firstCallMs: Math.round(firstMs),
  parseMedianMs: Math.round(median(parseMs)),
  validateMedianMs: Math.round(median(validateMs)),
  validateOverParse: Number((median(validateMs) / median(parseMs)).toFixed(1)),
  readingsPerSecond: Math.round(1488 / (median(validateMs) / 1000)),
};
console.log(JSON.stringify(result, null, 2));
