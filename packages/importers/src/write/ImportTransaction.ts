import { catalogToTurtle, parseCatalog, PodError, type CatalogEntry, type PodAccess } from '@sdt/pod';
import { validateQuads, type CategoryName, type Household } from '@sdt/vocab';
import { ImportError } from '../ImportError.ts';
import type { HouseholdFacts } from '../types.ts';
import {
  IMPORTS_CONTAINER,
  removeStagingArea,
  stagingPath,
  undoEntry,
  writeJournal,
  type ImportJournal,
  type JournalEntry,
} from './journal.ts';
import {
  emptyState,
  mergeRecords,
  readState,
  stateToQuads,
  toHousehold,
  writeTurtle,
  type MergeCounts,
  type ResourceKind,
  type ResourceState,
} from './mergeResource.ts';
import { hashBody, listContainer, readResource, writeResource } from './podResources.ts';
import type { ImportActivity } from './provenance.ts';

const TURTLE = 'text/turtle';
const CATALOG_PATH = 'catalog';

/** Records of one resource to merge, each tagged with the activity (file) it comes from. */
export interface IncomingRecord {
  item: unknown;
  activity: string;
}

/** Period and sources touched in one category, for the catalogue. */
interface CategoryStats {
  added: number;
  firstDay: string | undefined;
  lastDay: string | undefined;
  sources: Set<string>;
}

/** A resource this import touches. */
interface Target {
  path: string;
  kind: ResourceKind;
  index: number;
  /** Set once the new version is staged. */
  entry: JournalEntry | undefined;
}

/** Options of an {@link ImportTransaction}. */
export interface TransactionOptions {
  /** Parallel writes during the switch (default 4). */
  concurrency?: number;
  /** District written in a household created from a family-quotient answer when the pod has none. */
  district?: string;
  /** Called after each resource switched (for a progress display). */
  onSwitch?: (done: number, total: number) => void;
}

/**
 * One atomic import into a pod: resources are merged and staged in `imports/<id>/` (new versions
 * and copies of the originals), checked against SHACL, listed in a journal, then switched with
 * `If-Match` on the ETags read before; any failure during the switch restores the originals.
 */
export class ImportTransaction {
  private readonly targets = new Map<string, Target>();
  private readonly stats = new Map<CategoryName, CategoryStats>();
  private readonly journal: ImportJournal;
  private nextIndex = 0;
  private begun = false;
  private switching = false;
  /** Why some records were not written (e.g. a household without a known district), by activity. */
  public readonly notes = new Map<string, string[]>();
  /** Added, replaced and unchanged records, by activity. */
  public readonly counts = new Map<string, MergeCounts>();

  public constructor(
    private readonly access: PodAccess,
    public readonly id: string,
    private readonly activities: ReadonlyMap<string, ImportActivity>,
    private readonly options: TransactionOptions = {},
  ) {
    this.journal = {
      version: 1,
      id,
      state: 'staging',
      startedAt: new Date().toISOString(),
      files: [...activities.values()].map((activity) => activity.provenance.fileName),
      entries: [],
    };
  }

  /** Writes the journal (state `staging`): from here on a crash is cleaned up by the next import. */
  public async begin(): Promise<void> {
    await writeJournal(this.access, this.journal);
    this.begun = true;
  }

  /**
   * Merges records into one resource and stages its new version (nothing when no record changes).
   *
   * @throws ImportError `invalid-resource` when the merged resource does not conform to its shape
   */
  public async stage(path: string, kind: ResourceKind, incoming: IncomingRecord[], file: string): Promise<void> {
    let target = this.targets.get(path);
    if (target === undefined) {
      target = { path, kind, index: this.nextIndex++, entry: undefined };
      this.targets.set(path, target);
    }
    const url = `${this.access.podUrl}${path}`;
    // The base is what this import staged so far, else what the pod holds now.
    const base =
      target.entry === undefined
        ? await readResource(this.access, path)
        : await readResource(this.access, target.entry.staged);
    const state: ResourceState =
      base.body === undefined ? emptyState() : readState(kind, url, base.body.toString('utf8'));
    const records = kind.category === 'household' ? this.toHouseholds(incoming, state) : incoming;
    const counts = new Map<string, MergeCounts>();
    mergeRecords(kind, state, records, counts);
    this.record(kind.category, records, counts);
    const changed = [...counts.values()].some((count) => count.added + count.replaced > 0);
    if (!changed) return;
    const quads = stateToQuads(kind, url, state, this.activities);
    const report = await validateQuads(quads);
    if (!report.conforms) {
      const first = report.results[0];
      throw new ImportError({
        code: 'invalid-resource',
        file,
        reason:
          `the resource ${path} would not conform to its shape (${report.results.length} problem(s)); first: ` +
          `${first?.focusNode ?? '?'} ${first?.path ?? ''}: ${first?.message ?? ''}`,
      });
    }
    const turtle = writeTurtle(quads, url);
    if (target.entry === undefined) {
      const original = base.body === undefined ? null : `${stagingPath(this.id)}o${target.index}`;
      if (original !== null && base.body !== undefined)
        await writeResource(this.access, original, base.body, base.contentType ?? TURTLE);
      target.entry = {
        path,
        contentType: TURTLE,
        staged: `${stagingPath(this.id)}n${target.index}`,
        stagedSha256: '',
        original,
        originalSha256: hashBody(base.body),
        etag: base.etag ?? null,
      };
    }
    await writeResource(this.access, target.entry.staged, turtle, TURTLE);
    target.entry.stagedSha256 = hashBody(turtle) ?? '';
  }

  /**
   * Stages the catalogue, verifies the staging area, writes the journal (`switching`), and switches.
   * On any failure during the switch the originals are restored before this throws.
   *
   * @returns the paths written (data resources and catalogue)
   * @throws ImportError `conflict` when a resource changed in the pod meanwhile, `write-failed` otherwise
   */
  public async commit(): Promise<string[]> {
    const entries = [...this.targets.values()].flatMap((target) => (target.entry === undefined ? [] : [target.entry]));
    if (entries.length === 0) {
      await this.abort();
      return [];
    }
    entries.push(await this.stageCatalog());
    this.journal.entries = entries;
    await this.verify(entries);
    this.journal.state = 'switching';
    this.switching = true;
    await writeJournal(this.access, this.journal);
    const attempted: JournalEntry[] = [];
    const total = entries.length;
    let done = 0;
    const onDone = (): void => {
      done += 1;
      this.options.onSwitch?.(done, total);
    };
    // Data resources first (a few at a time), the catalogue last, alone, once they are all in place.
    const catalogEntry = entries.at(-1)!;
    let failure = await this.switchAll(entries.slice(0, -1), this.options.concurrency ?? 4, attempted, onDone);
    failure ??= await this.switchAll([catalogEntry], 1, attempted, onDone);
    if (failure !== undefined) {
      await this.rollBack(attempted, failure);
    }
    this.journal.state = 'committed';
    await writeJournal(this.access, this.journal).catch(() => undefined);
    await removeStagingArea(this.access, this.id).catch(() => undefined);
    return entries.map((entry) => entry.path);
  }

  /** Switches `list` with at most `limit` writes at a time; stops at the first failure, which it returns. */
  private async switchAll(
    list: JournalEntry[],
    limit: number,
    attempted: JournalEntry[],
    onDone: () => void,
  ): Promise<unknown> {
    let failure: unknown;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < list.length) {
        const entry = list[next++]!;
        attempted.push(entry);
        try {
          await this.switchEntry(entry);
          onDone();
        } catch (error: unknown) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, list.length)) }, worker));
    return failure;
  }

  /** Removes the staging area when the switch has not started (nothing of the pod's data was touched). */
  public async abort(): Promise<void> {
    // Once the switch started, the rollback (or, if it failed, the journal) is in charge.
    if (!this.begun || this.switching) return;
    await removeStagingArea(this.access, this.id);
  }

  private toHouseholds(incoming: IncomingRecord[], state: ResourceState): IncomingRecord[] {
    const current = state.records.get('household')?.item as Household | undefined;
    const out: IncomingRecord[] = [];
    for (const { item, activity } of incoming) {
      const household = toHousehold(item as HouseholdFacts, current, this.options.district);
      // The household shape needs a district and at least one adult (an allocataire whose birth year is known).
      const problem =
        household === undefined
          ? 'household not written: its district is unknown (the pod has no household yet; give a district)'
          : household.members.some((member) => member.role === 'adult')
            ? undefined
            : 'household not written: no allocataire has a known birth year';
      if (problem === undefined) {
        out.push({ item: household, activity });
      } else {
        const notes = this.notes.get(activity) ?? [];
        notes.push(problem);
        this.notes.set(activity, notes);
      }
    }
    return out;
  }

  private record(category: CategoryName, records: IncomingRecord[], counts: Map<string, MergeCounts>): void {
    for (const [activity, count] of counts) {
      const total = this.counts.get(activity) ?? { added: 0, replaced: 0, unchanged: 0 };
      total.added += count.added;
      total.replaced += count.replaced;
      total.unchanged += count.unchanged;
      this.counts.set(activity, total);
    }
    const stats = this.stats.get(category) ?? {
      added: 0,
      firstDay: undefined,
      lastDay: undefined,
      sources: new Set<string>(),
    };
    this.stats.set(category, stats);
    for (const count of counts.values()) stats.added += count.added;
    for (const { item, activity } of records) {
      const source = this.activities.get(activity)?.provenance.sourceOrganisation;
      if (source !== undefined) stats.sources.add(source);
      const start =
        (item as { start?: unknown; departure?: unknown }).start ?? (item as { departure?: unknown }).departure;
      if (typeof start !== 'string') continue;
      const day = start.slice(0, 10);
      if (stats.firstDay === undefined || day < stats.firstDay) stats.firstDay = day;
      if (stats.lastDay === undefined || day > stats.lastDay) stats.lastDay = day;
    }
  }

  /** Stages the catalogue with the period, record count, source and time of this import. */
  private async stageCatalog(): Promise<JournalEntry> {
    const current = await readResource(this.access, CATALOG_PATH);
    const url = `${this.access.podUrl}${CATALOG_PATH}`;
    const catalog = current.body === undefined ? { entries: {} } : parseCatalog(current.body.toString('utf8'), url);
    const now = new Date().toISOString();
    for (const [category, stats] of this.stats) {
      const changed = [...this.targets.values()].some(
        (target) => target.kind.category === category && target.entry !== undefined,
      );
      if (!changed) continue;
      const old = catalog.entries[category];
      const single = stats.firstDay === undefined;
      const sources = new Set((old?.source ?? '').split(', ').filter((s) => s !== ''));
      for (const source of stats.sources) sources.add(source);
      const entry: CatalogEntry = {
        category,
        source: [...sources].join(', '),
        recordCount: single ? 1 : (old?.recordCount ?? 0) + stats.added,
        lastImport: now,
      };
      const first = [old?.periodStart, stats.firstDay].filter((d): d is string => d !== undefined).sort()[0];
      const last = [old?.periodEnd, stats.lastDay]
        .filter((d): d is string => d !== undefined)
        .sort()
        .at(-1);
      if (!single && first !== undefined && last !== undefined) {
        entry.periodStart = first;
        entry.periodEnd = last;
      }
      catalog.entries[category] = entry;
    }
    catalog.modified = now;
    const turtle = catalogToTurtle(catalog, this.access.podUrl, this.access.webId);
    const index = this.nextIndex++;
    const original = current.body === undefined ? null : `${stagingPath(this.id)}o${index}`;
    if (original !== null && current.body !== undefined)
      await writeResource(this.access, original, current.body, current.contentType ?? TURTLE);
    const staged = `${stagingPath(this.id)}n${index}`;
    await writeResource(this.access, staged, turtle, TURTLE);
    return {
      path: CATALOG_PATH,
      contentType: TURTLE,
      staged,
      stagedSha256: hashBody(turtle) ?? '',
      original,
      originalSha256: hashBody(current.body),
      etag: current.etag ?? null,
    };
  }

  /** Before the switch: every staged version is in the staging area and no target changed since it was read. */
  private async verify(entries: JournalEntry[]): Promise<void> {
    const staged = new Set(await listContainer(this.access, stagingPath(this.id)));
    for (const entry of entries) {
      if (!staged.has(entry.staged) || (entry.original !== null && !staged.has(entry.original))) {
        throw new ImportError({
          code: 'write-failed',
          file: this.journal.files.join(', '),
          reason: `the staged version of ${entry.path} is missing from ${stagingPath(this.id)}`,
        });
      }
    }
  }

  private async switchEntry(entry: JournalEntry): Promise<void> {
    const staged = await readResource(this.access, entry.staged);
    if (staged.body === undefined || hashBody(staged.body) !== entry.stagedSha256) {
      throw new ImportError({
        code: 'write-failed',
        file: this.journal.files.join(', '),
        reason: `the staged version of ${entry.path} is missing or damaged`,
      });
    }
    await writeResource(
      this.access,
      entry.path,
      staged.body,
      entry.contentType,
      entry.etag === null ? { ifNoneMatch: '*' } : { ifMatch: entry.etag },
    );
  }

  /** Restores every attempted entry, then throws the error that stopped the switch. */
  private async rollBack(attempted: JournalEntry[], failure: unknown): Promise<never> {
    const file = this.journal.files.join(', ');
    try {
      for (const entry of [...attempted].reverse()) await undoEntry(this.access, entry);
      this.journal.state = 'rolled-back';
      await writeJournal(this.access, this.journal);
      await removeStagingArea(this.access, this.id);
    } catch (undoError: unknown) {
      throw new ImportError({
        code: 'write-failed',
        file,
        reason:
          `writing to the pod failed (${describe(failure)}) and restoring it failed too (${describe(undoError)}); ` +
          `the journal in ${stagingPath(this.id)} lets the next import (or recoverImports) restore it`,
        cause: failure,
      });
    }
    const conflict = PodError.isInstance(failure) && failure.statusCode === 412;
    throw new ImportError({
      code: conflict ? 'conflict' : 'write-failed',
      file,
      reason: conflict
        ? `a resource changed in the pod during the import (${describe(failure)}); nothing was written, try again`
        : `writing to the pod failed (${describe(failure)}); the pod was restored as it was`,
      cause: failure,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { IMPORTS_CONTAINER };
