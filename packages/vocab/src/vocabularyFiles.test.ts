import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listShapeFiles, loadVocabFile, readVocabFile, vocabFilePath } from './vocabularyFiles.ts';
import { VocabError } from './VocabError.ts';

describe('the vocabulary files', () => {
  const initialCwd = process.cwd();
  afterEach(() => {
    process.chdir(initialCwd);
  });

  it('are found from any working directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'sdt-vocab-'));
    try {
      process.chdir(elsewhere);
      expect(loadVocabFile('sdt.ttl').length).toBeGreaterThan(500);
      expect(listShapeFiles()).toContain('shapes/TripShape.ttl');
    } finally {
      process.chdir(initialCwd);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('resolve to the top-level vocab folder', () => {
    expect(vocabFilePath('catalogue.ttl')).toMatch(/[/\\]vocab[/\\]catalogue\.ttl$/);
  });

  it('name a missing file in the error', () => {
    let caught: unknown;
    try {
      readVocabFile('shapes/NoSuchShape.ttl');
    } catch (error: unknown) {
      caught = error;
    }
    expect(VocabError.isInstance(caught)).toBe(true);
    expect((caught as VocabError).code).toBe('file-error');
    expect((caught as VocabError).message).toContain('NoSuchShape.ttl');
  });
});
