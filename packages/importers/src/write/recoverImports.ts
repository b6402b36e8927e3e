import type { PodAccess } from '@sdt/pod';
import { ImportError } from '../ImportError.ts';
import { IMPORTS_CONTAINER, readJournal, removeStagingArea, undoEntry, writeJournal } from './journal.ts';
import { listContainer } from './podResources.ts';

/** Options of {@link recoverImports}. */
export interface RecoverOptions {
  /**
   * An unfinished import younger than this (ms) may still be running: it is not touched, and
   * `importFiles` refuses to start (`import-in-progress`). Default 0: recover everything (an explicit
   * recovery is asked for by someone who knows no import is running).
   */
  leaseMs?: number;
  /** Current time (tests). */
  now?: Date;
}

/** What {@link recoverImports} did. */
export interface RecoveryReport {
  /** Imports whose switch was undone (pod data restored as before them). */
  rolledBack: string[];
  /** Imports that had not started switching, or had committed: their staging area was removed. */
  cleaned: string[];
  /** Imports still within their lease (left alone). */
  inProgress: string[];
  /** Resources that changed since the crashed import wrote them (left as they are): `id: path`. */
  changedSince: string[];
}

/**
 * Finishes what crashed imports left in a pod, from their journals in `imports/`: an import that
 * crashed while switching is undone (every resource it had replaced gets its original back, every
 * resource it had created is deleted); one that crashed while staging, or after committing, only
 * loses its staging area. Idempotent.
 *
 * @throws PodError when the pod cannot be read or written as its owner
 */
export async function recoverImports(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  options: RecoverOptions = {},
): Promise<RecoveryReport> {
  const report: RecoveryReport = { rolledBack: [], cleaned: [], inProgress: [], changedSince: [] };
  const now = (options.now ?? new Date()).getTime();
  const lease = options.leaseMs ?? 0;
  for (const member of await listContainer(access, IMPORTS_CONTAINER)) {
    if (!member.endsWith('/')) continue;
    const id = member.slice(IMPORTS_CONTAINER.length, -1);
    const journal = await readJournal(access, id);
    const started = journal === undefined ? Number.NaN : Date.parse(journal.startedAt);
    if (
      journal !== undefined &&
      now - started < lease &&
      journal.state !== 'committed' &&
      journal.state !== 'rolled-back'
    ) {
      report.inProgress.push(id);
      continue;
    }
    if (journal?.state === 'switching') {
      // Undo in reverse order; the catalogue (last) first.
      for (const entry of [...journal.entries].reverse()) {
        if ((await undoEntry(access, entry)) === 'changed-since') report.changedSince.push(`${id}: ${entry.path}`);
      }
      await writeJournal(access, { ...journal, state: 'rolled-back' });
      report.rolledBack.push(id);
    } else {
      report.cleaned.push(id);
    }
    await removeStagingArea(access, id);
  }
  return report;
}

/** Refuses to start while another import of the same pod is unfinished and within its lease. */
export function checkNoImportInProgress(report: RecoveryReport, file: string): void {
  if (report.inProgress.length > 0) {
    throw new ImportError({
      code: 'import-in-progress',
      file,
      reason: `another import into this pod has not finished (${report.inProgress.join(', ')}); wait for it, or recover it if it crashed`,
    });
  }
}
