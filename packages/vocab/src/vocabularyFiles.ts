/**
 * Access to the Turtle files of the repository's top-level `vocab/` folder: the ontology, the SHACL
 * shapes, their fixtures and the category catalogue. Paths are resolved from this module's own URL,
 * so they work from any working directory. Node only (uses `node:fs`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Quad } from 'n3';
import { parseTurtle } from './parseTurtle.ts';
import { VocabError } from './VocabError.ts';

/** Absolute file URL of the `vocab/` folder (ends with `/`). */
// Built at run time so that bundlers (Turbopack, for the portal's server code) do not take the folder
// for an asset to bundle; `import.meta.url` is still this source file's URL there.
export const VOCAB_DIR_URL: URL = new URL(['..', '..', '..', 'vocab', ''].join('/'), import.meta.url);

/** Absolute path of a file inside `vocab/`, e.g. `vocabFilePath('shapes/TripShape.ttl')`. */
export function vocabFilePath(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, VOCAB_DIR_URL));
}

/**
 * Reads a file of `vocab/` as text.
 *
 * @throws VocabError `file-error` naming the file when it cannot be read
 */
export function readVocabFile(relativePath: string): string {
  const path = vocabFilePath(relativePath);
  try {
    return readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw new VocabError('file-error', `Cannot read vocabulary file ${path}`, { cause: error });
  }
}

/**
 * Reads and parses a Turtle file of `vocab/`; its base IRI is its `file:` URL.
 *
 * @throws VocabError `file-error` or `parse-error` (naming the file and the line)
 */
export function loadVocabFile(relativePath: string): Quad[] {
  const path = vocabFilePath(relativePath);
  return parseTurtle(readVocabFile(relativePath), pathToFileURL(path).href, path);
}

function listDirectory(relativeDir: string): string[] {
  const path = vocabFilePath(relativeDir);
  try {
    return readdirSync(path).sort();
  } catch (error: unknown) {
    throw new VocabError('file-error', `Cannot list vocabulary folder ${path}`, { cause: error });
  }
}

/** Paths (relative to `vocab/`) of every shape file, e.g. `shapes/TripShape.ttl`, sorted. */
export function listShapeFiles(): string[] {
  return listDirectory('shapes/')
    .filter((name) => name.endsWith('Shape.ttl'))
    .map((name) => `shapes/${name}`);
}

/** One SHACL fixture of `vocab/fixtures/<Class>/`. */
export interface ShapeFixture {
  /** Record class local name, e.g. `Trip`. */
  readonly className: string;
  /** Path relative to `vocab/`, e.g. `fixtures/Trip/invalid-negative-distance.ttl`. */
  readonly path: string;
  readonly valid: boolean;
  /** What an invalid fixture must be rejected for (from its `# expect:` line), else undefined. */
  readonly expect: string | undefined;
}

/** Every fixture under `vocab/fixtures/`, sorted by class then file name. */
export function listShapeFixtures(): ShapeFixture[] {
  const fixtures: ShapeFixture[] = [];
  for (const className of listDirectory('fixtures/')) {
    for (const file of listDirectory(`fixtures/${className}/`)) {
      if (!file.endsWith('.ttl')) continue;
      const path = `fixtures/${className}/${file}`;
      const valid = file.startsWith('valid');
      const expect = /^#\s*expect:\s*(.+?)\s*$/m.exec(readVocabFile(path))?.[1];
      fixtures.push({ className, path, valid, expect });
    }
  }
  return fixtures;
}

let ontology: Quad[] | undefined;
let shapes: Quad[] | undefined;
let catalogue: Quad[] | undefined;

/** The `sdt:` ontology (`vocab/sdt.ttl`), parsed once and cached. */
export function loadOntology(): Quad[] {
  ontology ??= loadVocabFile('sdt.ttl');
  return ontology;
}

/** All SHACL shapes (`vocab/shapes/*.ttl`) as one graph, parsed once and cached. */
export function loadShapes(): Quad[] {
  shapes ??= listShapeFiles().flatMap((file) => loadVocabFile(file));
  return shapes;
}

/** The DCAT catalogue of categories (`vocab/catalogue.ttl`), parsed once and cached. */
export function loadCatalogue(): Quad[] {
  catalogue ??= loadVocabFile('catalogue.ttl');
  return catalogue;
}
