/**
 * The write side of an import: provider files -> merged, SHACL-checked, provenance-carrying
 * resources in a citizen's pod, all or nothing. See README.md ("Writing into a pod").
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CATEGORIES, type CategoryName } from '@sdt/vocab';
import { monthOf, resourcePathFor, setUpLayout, type PodAccess } from '@sdt/pod';
import { ImportError } from '../ImportError.ts';
import { parseFile, validateFile } from '../parseFile.ts';
import type { FormatId, ImportSummary, ParseOptions } from '../types.ts';
import { ImportTransaction, type IncomingRecord } from './ImportTransaction.ts';
import type { ResourceKind } from './mergeResource.ts';
import type { ImportActivity } from './provenance.ts';
import { checkNoImportInProgress, recoverImports, type RecoveryReport } from './recoverImports.ts';

/** A file to import: a path, or a name and its bytes (an upload). */
export type ImportSource = string | { fileName: string; content: Uint8Array };

/** Progress of an import, for a progress bar. */
export interface ImportProgress {
  fileName: string;
  /** `check`: first pass over the file; `stage`: second pass, staging; `switch`: resources switched. */
  phase: 'check' | 'stage' | 'switch';
  /** Bytes read (check, stage) or resources switched (switch). */
  done: number;
  /** Size of the file in bytes (check, stage; 0 when unknown) or resources to switch (switch). */
  total: number;
}

/** Options of {@link importFiles}. */
export interface ImportFilesOptions extends Omit<ParseOptions, 'fileName'> {
  /** District of the household when a family-quotient answer creates it (the answer does not give one). */
  district?: string;
  /**
   * An unfinished import of this pod younger than this (ms) is taken to be running: the import is
   * refused (`import-in-progress`). Older ones are recovered first. Default 10 minutes.
   */
  leaseMs?: number;
  /** Parallel writes during the switch (default 4). */
  concurrency?: number;
  /** Records buffered before they are merged and staged (default 50,000; bounds the memory). */
  bufferRecords?: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** What one file brought. */
export interface FileImportResult {
  fileName: string;
  format: FormatId;
  sourceOrganisation: string;
  sha256: string;
  /** Records in the file (after removing exact repeats). */
  records: number;
  /** Records whose instant (or id) was new to the pod. */
  added: number;
  /** Records that replaced a different value for the same instant (the import wins). */
  replaced: number;
  /** Records the pod already had with the same value. */
  unchanged: number;
  periodStart?: string;
  periodEnd?: string;
  /** Fragment of the PROV-O activity of this file in the resources written. */
  activity: string;
  /** What was not written and why (e.g. a household without district). */
  notes: string[];
}

/** What {@link importFiles} did. */
export interface ImportReport {
  importId: string;
  files: FileImportResult[];
  /** Paths written (data resources, then the catalogue); empty when the pod already had everything. */
  resourcesWritten: string[];
  /** What the recovery of earlier, crashed imports did. */
  recovery: RecoveryReport;
}

/** Default lease of an unfinished import (see `leaseMs`). */
export const DEFAULT_IMPORT_LEASE_MS = 10 * 60 * 1000;
const DEFAULT_BUFFER = 50_000;

/**
 * Imports provider files into a citizen's pod, atomically:
 * 1. every file is read and checked completely (first pass; bounded memory), nothing is written
 *    if one fails;
 * 2. earlier crashed imports are recovered, the pod's layout is completed (a pod made through the
 *    server's sign-up has none);
 * 3. second pass: records are merged with the month resources (or single resources) of their
 *    category, each merged resource is checked against its SHACL shape and staged in
 *    `imports/<id>/` with a copy of its original;
 * 4. the catalogue is updated and staged, the journal written, and everything switched with
 *    `If-Match` on the ETags read in step 3; on any failure the originals are restored.
 *
 * @param access - the pod, as its owner
 * @param files - paths or uploads; the format of each is recognised from its content
 * @throws ImportError naming the file, line or JSON path and field for bad input; `invalid-resource`,
 *   `conflict`, `write-failed` or `import-in-progress` for the write; PodError when the pod cannot be
 *   reached or written as its owner. In every case the pod's data is as it was.
 */
export async function importFiles(
  access: PodAccess,
  files: readonly ImportSource[],
  options: ImportFilesOptions = {},
): Promise<ImportReport> {
  const { district, leaseMs, concurrency, bufferRecords, onProgress, ...parseOptions } = options;
  const sources = await Promise.all(files.map(describeSource));
  const summaries: ImportSummary[] = [];
  for (const source of sources) {
    const progress = (bytes: number): void =>
      onProgress?.({ fileName: source.fileName, phase: 'check', done: bytes, total: source.size });
    summaries.push(
      await validateFile(source.input, { ...parseOptions, fileName: source.fileName, onProgress: progress }),
    );
  }
  const names = sources.map((s) => s.fileName).join(', ');
  const recovery = await recoverImports(access, { leaseMs: leaseMs ?? DEFAULT_IMPORT_LEASE_MS });
  checkNoImportInProgress(recovery, names);
  await setUpLayout(access);

  const id = newImportId();
  const startedAt = new Date().toISOString();
  const activities = new Map<string, ImportActivity>();
  summaries.forEach((summary, index) => {
    const fragment = `import-${id}-${index + 1}`;
    activities.set(fragment, { fragment, startedAt, provenance: summary.provenance });
  });
  const fragments = [...activities.keys()];
  let switchTotal = 0;
  const transaction = new ImportTransaction(access, id, activities, {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(district === undefined ? {} : { district }),
    onSwitch: (done, total) => {
      switchTotal = total;
      onProgress?.({ fileName: names, phase: 'switch', done, total: switchTotal });
    },
  });
  await transaction.begin();
  let written: string[];
  try {
    const buffer = new Map<string, { kind: ResourceKind; file: string; records: IncomingRecord[] }>();
    let buffered = 0;
    const limit = Math.max(1, bufferRecords ?? DEFAULT_BUFFER);
    const flush = async (): Promise<void> => {
      for (const [path, pending] of buffer) await transaction.stage(path, pending.kind, pending.records, pending.file);
      buffer.clear();
      buffered = 0;
    };
    for (const [index, source] of sources.entries()) {
      const activity = fragments[index]!;
      const stream = parseFile(source.input, {
        ...parseOptions,
        fileName: source.fileName,
        onProgress: (bytes) =>
          onProgress?.({ fileName: source.fileName, phase: 'stage', done: bytes, total: source.size }),
      });
      for await (const batch of stream) {
        for (const item of batch.records as unknown[]) {
          const { path, kind } = locate(batch.category, batch.name, item);
          let pending = buffer.get(path);
          if (pending === undefined) {
            pending = { kind, file: source.fileName, records: [] };
            buffer.set(path, pending);
          }
          pending.records.push({ item, activity });
          buffered += 1;
        }
        if (buffered >= limit) await flush();
      }
      if (stream.summary.provenance.sha256 !== summaries[index]!.provenance.sha256) {
        throw new ImportError({
          code: 'read-failed',
          file: source.fileName,
          reason: 'the file changed while it was being imported',
        });
      }
    }
    await flush();
    written = await transaction.commit();
  } catch (error: unknown) {
    await transaction.abort().catch(() => undefined);
    throw error;
  }
  const results = summaries.map((summary, index): FileImportResult => {
    const activity = fragments[index]!;
    const counts = transaction.counts.get(activity) ?? { added: 0, replaced: 0, unchanged: 0 };
    return {
      fileName: summary.provenance.fileName,
      format: summary.format,
      sourceOrganisation: summary.provenance.sourceOrganisation,
      sha256: summary.provenance.sha256,
      records: summary.records,
      ...counts,
      ...(summary.periodStart === undefined ? {} : { periodStart: summary.periodStart }),
      ...(summary.periodEnd === undefined ? {} : { periodEnd: summary.periodEnd }),
      activity,
      notes: transaction.notes.get(activity) ?? [],
    };
  });
  return { importId: id, files: results, resourcesWritten: written, recovery };
}

/** Where a record goes: the month resource of its series, or its category's single resource. */
function locate(category: CategoryName, name: string, item: unknown): { path: string; kind: ResourceKind } {
  if (CATEGORIES[category].layout.kind === 'monthly') {
    const record = item as { start?: string; departure?: string };
    const start = record.start ?? record.departure ?? '';
    return { path: resourcePathFor(category, name, monthOf(start)), kind: { category, series: name } };
  }
  return { path: resourcePathFor(category), kind: { category } };
}

async function describeSource(
  source: ImportSource,
): Promise<{ input: string | Uint8Array; fileName: string; size: number }> {
  if (typeof source === 'string') {
    const size = await stat(source).then(
      (info) => info.size,
      () => 0,
    );
    return { input: source, fileName: basename(source), size };
  }
  return { input: source.content, fileName: source.fileName, size: source.content.byteLength };
}

/** A sortable, unique import id: UTC time in compact form and 6 random hex digits. */
function newImportId(): string {
  const time = new Date().toISOString().replace(/[-:.]/g, '');
  return `${time}-${randomBytes(3).toString('hex')}`;
}
