import { DuplicateGuard } from './DuplicateGuard.ts';
import { formatParisInstant } from './time/parisTime.ts';
import { splitSeriesId, type RecordBatch, type SeriesId, type SeriesRecordTypes, type SeriesSummary } from './types.ts';
import { fail, type Location } from './values.ts';

/** Time and value identity of a dated record, for duplicate detection and the period covered. */
export interface RecordKey {
  /** Start of the interval (or departure), epoch milliseconds. */
  start: number;
  /** End of the interval (or arrival), epoch milliseconds. */
  end: number;
  /** Equal signatures mean the same value: a repeated timestamp with the same value is kept once. */
  signature: number | string;
  /** Name of the field holding the timestamp, for the duplicate message. */
  timeField: string;
  /** Index of the element in its JSON array (JSON formats), for the duplicate message. */
  ordinal?: number;
}

interface SeriesState {
  batch: unknown[];
  records: number;
  duplicatesDropped: number;
  start: number;
  end: number;
  guard: DuplicateGuard | undefined;
}

/**
 * Receives checked records from a format parser, drops exact repeats, refuses conflicting repeats,
 * tracks the period covered, and hands out batches per series.
 */
export class RecordSink {
  private readonly states = new Map<SeriesId, SeriesState>();
  private readonly ready: RecordBatch[] = [];

  public constructor(
    private readonly file: string,
    private readonly batchSize: number,
  ) {}

  /**
   * Adds one record.
   * @throws ImportError `duplicate-timestamp` when the instant was already read with another value
   */
  public add<S extends SeriesId>(series: S, record: SeriesRecordTypes[S], location: Location, key?: RecordKey): void {
    const state = this.stateOf(series);
    if (key !== undefined) {
      state.guard ??= new DuplicateGuard();
      const ordinal = location.line ?? key.ordinal ?? -1;
      const check = state.guard.check(key.start, key.signature, ordinal);
      if (check.kind === 'same') {
        state.duplicatesDropped += 1;
        return;
      }
      if (check.kind === 'different') {
        const first =
          location.line !== undefined
            ? `line ${check.firstOrdinal}`
            : `element [${check.firstOrdinal}] of the same array`;
        fail(
          location,
          'duplicate-timestamp',
          key.timeField,
          `${formatParisInstant(key.start)} appears twice with different values (first at ${first})`,
        );
      }
      if (key.start < state.start) state.start = key.start;
      if (key.end > state.end) state.end = key.end;
    }
    state.records += 1;
    state.batch.push(record);
    if (state.batch.length >= this.batchSize) this.release(series, state);
  }

  /** Takes the batches that are full. */
  public takeReady(): RecordBatch[] {
    return this.ready.splice(0, this.ready.length);
  }

  /** Takes every batch, full or not (at the end of the file). */
  public takeAll(): RecordBatch[] {
    for (const [series, state] of this.states) if (state.batch.length > 0) this.release(series, state);
    return this.takeReady();
  }

  /** Counts and period of each series seen, in the order they first appeared. */
  public summarise(): SeriesSummary[] {
    return [...this.states].map(([series, state]) => ({
      series,
      records: state.records,
      duplicatesDropped: state.duplicatesDropped,
      ...(Number.isFinite(state.start) ? { periodStart: formatParisInstant(state.start) } : {}),
      ...(Number.isFinite(state.end) ? { periodEnd: formatParisInstant(state.end) } : {}),
    }));
  }

  /** Epoch bounds over all series, or `undefined` when nothing was dated. */
  public period(): { start: number; end: number } | undefined {
    let start = Infinity;
    let end = -Infinity;
    for (const state of this.states.values()) {
      start = Math.min(start, state.start);
      end = Math.max(end, state.end);
    }
    return Number.isFinite(start) ? { start, end } : undefined;
  }

  /** Total records kept and dropped. */
  public get totals(): { records: number; duplicatesDropped: number } {
    let records = 0;
    let duplicatesDropped = 0;
    for (const state of this.states.values()) {
      records += state.records;
      duplicatesDropped += state.duplicatesDropped;
    }
    return { records, duplicatesDropped };
  }

  /** File name this sink reports errors for. */
  public get fileName(): string {
    return this.file;
  }

  private stateOf(series: SeriesId): SeriesState {
    let state = this.states.get(series);
    if (state === undefined) {
      state = { batch: [], records: 0, duplicatesDropped: 0, start: Infinity, end: -Infinity, guard: undefined };
      this.states.set(series, state);
    }
    return state;
  }

  private release(series: SeriesId, state: SeriesState): void {
    const { category, name } = splitSeriesId(series);
    this.ready.push({ series, category, name, records: state.batch } as RecordBatch);
    state.batch = [];
  }
}
