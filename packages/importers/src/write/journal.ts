/**
 * The journal of an import: what is staged where, and how far the switch went. It lives in the
 * staging area of the pod (`imports/<id>/journal`, owner-only like the rest of the pod), so that
 * an import that crashed can be undone by the next one, from any machine.
 */
import { runBounded, type PodAccess } from '@sdt/pod';
import { deleteResource, hashBody, listContainer, readResource, writeResource } from './podResources.ts';

/** Container of the staging areas, relative to the pod root. */
export const IMPORTS_CONTAINER = 'imports/';

/** State of an import: staging (pod data untouched), switching, committed, rolled back. */
export type JournalState = 'staging' | 'switching' | 'committed' | 'rolled-back';

/** One resource the import replaces or creates. */
export interface JournalEntry {
  /** Target path, relative to the pod root (e.g. `data/electricity/curve-2025-10`, `catalog`). */
  path: string;
  contentType: string;
  /** Path of the staged new version. */
  staged: string;
  /** SHA-256 of the staged new version. */
  stagedSha256: string;
  /** Path of the copy of the original, or null when the target did not exist. */
  original: string | null;
  /** SHA-256 of the original, or null when the target did not exist. */
  originalSha256: string | null;
  /** ETag of the original when it was read (the switch writes only if it still matches). */
  etag: string | null;
}

/** The journal document (JSON). */
export interface ImportJournal {
  version: 1;
  id: string;
  state: JournalState;
  /** When the import started (ISO instant): a journal younger than the lease belongs to a live import. */
  startedAt: string;
  /** Names of the files imported (no content). */
  files: string[];
  entries: JournalEntry[];
}

/** Path of an import's staging area. */
export function stagingPath(id: string): string {
  return `${IMPORTS_CONTAINER}${id}/`;
}

/** Path of an import's journal. */
export function journalPath(id: string): string {
  return `${stagingPath(id)}journal`;
}

/** Writes (replaces) the journal. */
export async function writeJournal(access: Pick<PodAccess, 'podUrl' | 'fetch'>, journal: ImportJournal): Promise<void> {
  await writeResource(access, journalPath(journal.id), JSON.stringify(journal), 'application/json');
}

/** Reads an import's journal; `undefined` when there is none (or it is not a journal). */
export async function readJournal(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  id: string,
): Promise<ImportJournal | undefined> {
  const state = await readResource(access, journalPath(id));
  if (state.body === undefined) return undefined;
  try {
    const journal = JSON.parse(state.body.toString('utf8')) as ImportJournal;
    return journal.version === 1 && Array.isArray(journal.entries) ? journal : undefined;
  } catch {
    return undefined;
  }
}

/** What undoing the switch of one entry found. */
export type UndoOutcome = 'restored' | 'untouched' | 'changed-since';

/**
 * Puts one target back as it was before the import, if (and only if) it holds the import's version:
 * a target holding the original is left alone; one holding neither (changed by someone else since)
 * is left alone and reported.
 */
export async function undoEntry(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  entry: JournalEntry,
): Promise<UndoOutcome> {
  const current = await readResource(access, entry.path);
  const currentSha = hashBody(current.body);
  if (currentSha === entry.originalSha256) return 'untouched';
  if (currentSha !== entry.stagedSha256) return 'changed-since';
  const condition = current.etag === undefined ? undefined : { ifMatch: current.etag };
  if (entry.original === null) {
    await deleteResource(access, entry.path, condition);
    return 'restored';
  }
  const original = await readResource(access, entry.original);
  if (original.body === undefined || hashBody(original.body) !== entry.originalSha256) {
    throw new Error(`The copy of ${entry.path} in the staging area is missing or damaged; it cannot be restored.`);
  }
  await writeResource(access, entry.path, original.body, entry.contentType, condition);
  return 'restored';
}

/** Deletes an import's staging area (staged versions, copies, journal, container), and `imports/` when empty. */
export async function removeStagingArea(access: Pick<PodAccess, 'podUrl' | 'fetch'>, id: string): Promise<void> {
  const area = stagingPath(id);
  const members = await listContainer(access, area);
  // The journal goes last: while it exists, a later run knows what this area is.
  const journal = journalPath(id);
  await runBounded(
    members.filter((m) => m !== journal).map((member) => () => deleteResource(access, member)),
    4,
  );
  await deleteResource(access, journal);
  await deleteResource(access, area);
  if ((await listContainer(access, IMPORTS_CONTAINER)).length === 0) await deleteResource(access, IMPORTS_CONTAINER);
}
