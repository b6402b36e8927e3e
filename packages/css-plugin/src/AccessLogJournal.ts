import { randomUUID } from 'node:crypto';
import { closeSync, fdatasync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, write } from 'node:fs';
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileIdentifierMapper, Finalizable, ReadWriteLocker, ResourceStore } from '@solid/community-server';
import {
  BasicRepresentation,
  getLoggerFor,
  Initializer,
  NotFoundHttpError,
  readableToString,
} from '@solid/community-server';
import type { AccessLogEntry } from './accessLogTurtle';
import { getAuditDocumentUrl, writeAccessLogTurtle } from './accessLogTurtle';

/** A closed journal file and the entries it holds, waiting to be written to the pods. */
interface Segment {
  file: string;
  entries: AccessLogEntry[];
}

/** Journals of the server instances alive in this process (several servers may share one, in tests). */
const liveInstances = new Set<string>();

const SEGMENT_NAME = /^journal-(\d+)-([\da-f-]+)-(\d+)\.jsonl$/u;

/**
 * Write-ahead journal of the access log. `append` writes the entry to a journal file (one JSON
 * line; the entries of one turn of the event loop in one write, off the event loop) and resolves
 * once it is there, before the request goes on, so that an answered request always has its entry
 * on disk. A timer then moves the entries, about every 200 ms, into the pods' `audit/<YYYY-MM-DD>`
 * resources: one append per audit resource per batch. With the file backend the Turtle is
 * appended to the resource's file in place, under the store's write lock of that resource, so a
 * batch costs what it holds, not what the day already holds; otherwise (and to create the day's
 * resource) it is a read-modify-write through the resource store, raw Turtle appended to raw
 * Turtle. A journal file is deleted once all its entries are stored. On stop the journal is
 * flushed; on start, journals left by a process that died are replayed. An entry written twice (a
 * crash between the pod write and the journal deletion) has the same IRI and triples both times,
 * so the log still counts it once.
 *
 * Journals live in `<rootFilePath>/.internal/sdt-access-journal/`, which CSS never serves.
 */
export class AccessLogJournal extends Initializer implements Finalizable {
  protected readonly logger = getLoggerFor(this);
  private readonly directory: string;
  private readonly instance = randomUUID();
  private sequence = 0;
  private current?: { fd: number; segment: Segment } | undefined;
  private readonly sealed: Segment[] = [];
  private timer?: NodeJS.Timeout | undefined;
  private flushing?: Promise<void> | undefined;
  private pending: AccessLogEntry[] = [];
  private committing?: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  /**
   * @param store - The server's resource store.
   * @param locker - The server's resource locker.
   * @param rootFilePath - Folder of the file backend (`urn:solid-server:default:variable:rootFilePath`).
   * @param flushIntervalMs - Delay between two batches, 200 ms by default.
   * @param syncToDisk - Flush the journal to disk (fdatasync) before answering (survives a machine
   *   crash, costs a disk flush per batch of concurrent requests).
   * @param fileMapper - The file backend's identifier mapper: audit resources are then appended to
   *   in place instead of rewritten (`urn:solid-server:default:FileIdentifierMapper`).
   */
  public constructor(
    private readonly store: ResourceStore,
    private readonly locker: ReadWriteLocker,
    rootFilePath: string,
    private readonly flushIntervalMs = 200,
    private readonly syncToDisk = false,
    private readonly fileMapper?: FileIdentifierMapper,
  ) {
    super();
    this.directory = path.join(rootFilePath, '.internal', 'sdt-access-journal');
  }

  /** Replays journals left by a stopped or crashed process, then starts the batch timer. */
  public override async handle(): Promise<void> {
    liveInstances.add(this.instance);
    mkdirSync(this.directory, { recursive: true });
    for (const name of readdirSync(this.directory).sort()) {
      const match = SEGMENT_NAME.exec(name);
      if (!match || !this.isAbandoned(Number(match[1]), match[2]!)) {
        continue;
      }
      const file = path.join(this.directory, name);
      this.sealed.push({ file, entries: readJournal(file) });
    }
    if (this.sealed.length > 0) {
      this.logger.info(`Replaying ${this.sealed.length} access journal file(s)`);
      await this.flush();
    }
    this.timer = setInterval((): void => {
      void this.flush().catch((error: unknown): void => {
        this.logger.error(`Access log batch failed, kept for the next one: ${(error as Error).message}`);
      });
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes every journalled entry to the pods. */
  public async finalize(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    try {
      await this.committing;
      await this.flush();
    } catch (error: unknown) {
      // The journal files stay; the next start replays them.
      this.logger.error(`Access log not fully written on stop, kept in the journal: ${(error as Error).message}`);
    }
    if (this.current) {
      closeSync(this.current.fd);
      if (this.current.segment.entries.length === 0) {
        unlinkSync(this.current.segment.file);
      }
      this.current = undefined;
    }
    liveInstances.delete(this.instance);
  }

  /**
   * Journals one entry: resolves once it is written to the journal file. Entries appended in the
   * same turn of the event loop share one write (group commit), off the event loop.
   *
   * @throws When the journal cannot be written (the request must then fail).
   */
  public async append(entry: AccessLogEntry): Promise<void> {
    this.pending.push(entry);
    if (!this.committing) {
      this.committing = new Promise<void>((resolve): void => {
        setImmediate(resolve);
      }).then(async (): Promise<void> => this.commit());
      // A caller that does not wait must not turn a failed write into an unhandled rejection.
      this.committing.catch((error: unknown): void => {
        this.logger.error(`Cannot write the access journal: ${(error as Error).message}`);
      });
    }
    return this.committing;
  }

  private async commit(): Promise<void> {
    const entries = this.pending;
    this.pending = [];
    this.committing = undefined;
    // One write at a time, so that a segment is never sealed under a write.
    const previous = this.writing;
    const writing = (async (): Promise<void> => {
      await previous;
      const current = this.current ?? this.openSegment();
      await writeFully(current.fd, Buffer.from(entries.map((entry): string => `${JSON.stringify(entry)}\n`).join('')));
      if (this.syncToDisk) {
        await new Promise<void>((resolve, reject): void => {
          fdatasync(current.fd, (error): void => (error ? reject(error) : resolve()));
        });
      }
      current.segment.entries.push(...entries);
    })();
    this.writing = writing.catch((): void => undefined);
    return writing;
  }

  /**
   * Writes the journalled entries to the pods' audit resources now (also done by the timer).
   * Concurrent calls share one run.
   */
  public async flush(): Promise<void> {
    while (this.flushing) {
      await this.flushing;
    }
    this.flushing = this.writeSealed().finally((): void => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writeSealed(): Promise<void> {
    await this.seal();
    if (this.sealed.length === 0) {
      return;
    }
    const byDocument = new Map<string, AccessLogEntry[]>();
    for (const entry of this.sealed.flatMap((segment): AccessLogEntry[] => segment.entries)) {
      const url = getAuditDocumentUrl(entry);
      const list = byDocument.get(url);
      if (list) {
        list.push(entry);
      } else {
        byDocument.set(url, [entry]);
      }
    }
    // Each audit resource on its own: one that fails keeps its entries for the next batch without
    // the others being appended again.
    let failure: unknown;
    for (const [url, entries] of byDocument) {
      try {
        await this.appendToDocument(url, entries);
      } catch (error: unknown) {
        failure ??= error;
        continue;
      }
      const written = new Set(entries);
      for (const segment of this.sealed) {
        segment.entries = segment.entries.filter((entry): boolean => !written.has(entry));
      }
    }
    for (const segment of [...this.sealed]) {
      if (segment.entries.length === 0) {
        unlinkSync(segment.file);
        this.sealed.splice(this.sealed.indexOf(segment), 1);
      }
    }
    if (failure !== undefined) {
      throw failure;
    }
  }

  private async appendToDocument(url: string, entries: AccessLogEntry[]): Promise<void> {
    const turtle = writeAccessLogTurtle(url, entries);
    if (await this.appendToFile(url, turtle)) {
      return;
    }
    const identifier = { path: url };
    // The key is not a resource: the store's own lock on `url` is taken inside, and the locker is
    // not reentrant. Every writer of audit resources (one per process) takes this key first.
    await this.locker.withWriteLock({ path: `${url}.sdt-journal` }, async (): Promise<void> => {
      let existing = '';
      try {
        const representation = await this.store.getRepresentation(identifier, { type: { 'text/turtle': 1 } });
        existing = await readableToString(representation.data);
      } catch (error: unknown) {
        if (!NotFoundHttpError.isInstance(error)) {
          throw error;
        }
      }
      const separator = existing.length === 0 || existing.endsWith('\n') ? '' : '\n';
      await this.store.setRepresentation(
        identifier,
        new BasicRepresentation(`${existing}${separator}${turtle}`, 'text/turtle'),
      );
    });
  }

  /**
   * With the file backend, appends to the audit resource's Turtle file in place, under the store's
   * own write lock of that resource (so no reader sees half an append): the cost of a batch then
   * does not grow with the day's log. The file's modification time, hence the ETag, changes as with
   * a write through the store. Answers false when the resource does not exist yet (it is then
   * created through the store) or is not a Turtle file.
   */
  private async appendToFile(url: string, turtle: string): Promise<boolean> {
    if (!this.fileMapper) {
      return false;
    }
    const identifier = { path: url };
    return this.locker.withWriteLock(identifier, async (): Promise<boolean> => {
      const link = await this.fileMapper!.mapUrlToFilePath(identifier, false);
      if (link.contentType !== 'text/turtle') {
        return false;
      }
      try {
        const stats = await stat(link.filePath);
        if (!stats.isFile()) {
          return false;
        }
      } catch {
        return false;
      }
      await appendFile(link.filePath, `\n${turtle}`);
      return true;
    });
  }

  private openSegment(): { fd: number; segment: Segment } {
    mkdirSync(this.directory, { recursive: true });
    this.sequence += 1;
    const name = `journal-${process.pid}-${this.instance}-${String(this.sequence).padStart(9, '0')}.jsonl`;
    const file = path.join(this.directory, name);
    this.current = { fd: openSync(file, 'a'), segment: { file, entries: [] } };
    return this.current;
  }

  private async seal(): Promise<void> {
    // Wait until no journal write is running (one may start while waiting for another).
    let writing: Promise<void>;
    do {
      writing = this.writing;
      await writing;
    } while (writing !== this.writing);
    if (this.current && this.current.segment.entries.length > 0) {
      closeSync(this.current.fd);
      this.sealed.push(this.current.segment);
      this.current = undefined;
    }
  }

  private isAbandoned(pid: number, instance: string): boolean {
    if (pid === process.pid) {
      return instance !== this.instance && !liveInstances.has(instance);
    }
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }
}

/** Writes a whole buffer at the end of a file opened for appending. */
async function writeFully(fd: number, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    offset += await new Promise<number>((resolve, reject): void => {
      write(fd, buffer, offset, buffer.length - offset, null, (error, written): void =>
        error ? reject(error) : resolve(written),
      );
    });
  }
}

/** Reads the entries of a journal file; a line cut short by a crash is dropped. */
function readJournal(file: string): AccessLogEntry[] {
  const entries: AccessLogEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim().length === 0) {
      continue;
    }
    try {
      entries.push(JSON.parse(line) as AccessLogEntry);
    } catch {
      // Only the last line can be partial: its request never got an answer.
    }
  }
  return entries;
}
