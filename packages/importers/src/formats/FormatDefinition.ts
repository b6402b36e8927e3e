import type { RecordSink } from '../RecordSink.ts';
import type { FormatId, ParseOptions } from '../types.ts';

/** What a format parser gets besides the text. */
export interface FormatContext {
  /** File name for error messages. */
  readonly file: string;
  /** Where checked records go. */
  readonly sink: RecordSink;
  readonly options: ParseOptions;
  /** The first characters of the file (BOM removed), as used for detection. */
  readonly head: string;
}

/** One supported provider format: how to recognise it and how to read it. */
export interface FormatDefinition {
  readonly id: FormatId;
  /** Human name, e.g. `Enedis Data Connect JSON`. */
  readonly label: string;
  /** Organisation that produces such files (provenance). */
  readonly organisation: string;
  /** True when the first characters of a file (BOM removed) look like this format. */
  matches(head: string): boolean;
  /**
   * Reads the whole text, pushing checked records into `context.sink`; yields after each chunk so
   * that the caller can hand out full batches (backpressure).
   * @throws ImportError on the first problem
   */
  parse(text: AsyncIterable<string>, context: FormatContext): AsyncGenerator<void, void, undefined>;
}
