import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { ImportError } from '../ImportError.ts';
import { joinJsonPath } from '../values.ts';

/** Options of a `JsonStreamReader`. */
export interface JsonStreamReaderOptions {
  /** File name for error messages. */
  file: string;
  /**
   * JSON paths of arrays whose elements are handed to `onElement` one at a time instead of being
   * kept (e.g. `$.meter_reading.interval_reading`, `$` for a top-level array).
   */
  streamedArrays: readonly string[];
  /** Accept a sequence of top-level values (JSON Lines / concatenated JSON). */
  jsonStreaming?: boolean;
  /** Called for each complete element of a streamed array. */
  onElement: (element: unknown, arrayPath: string, index: number) => void;
  /** Called for each complete top-level value (streamed arrays inside it are left empty). */
  onTopLevel: (value: unknown, index: number) => void;
  /** Most tokens kept outside streamed arrays (guards memory against unexpected big content). */
  maxKeptTokens?: number;
}

interface Frame {
  /** The container being filled; streamed arrays stay empty. */
  readonly container: Record<string, unknown> | unknown[];
  readonly isArray: boolean;
  /** Key awaiting its value (objects). */
  key: string | null;
  /** Index of the next element (arrays). */
  index: number;
  /** Elements go to `onElement` instead of `container`. */
  readonly streamed: boolean;
  /** JSON path of a streamed array (computed once). */
  readonly path: string | undefined;
  /** Where the container goes when complete: already in its parent, to `onElement`, or to `onTopLevel`. */
  readonly delivery: 'attached' | 'element' | 'top';
  /** Index in the streamed parent array (`element` delivery). */
  readonly elementIndex: number;
}

const MAX_DEPTH = 64;

/**
 * Reads JSON text pushed in chunks with stream-json's tokenizer and assembles values itself, so
 * that a huge array of readings is handed out element by element (bounded memory) while the rest
 * of the document (metadata) is kept, and every error names its JSON path.
 */
export class JsonStreamReader {
  private readonly options: JsonStreamReaderOptions;
  private readonly parse: (chunk: string | typeof none) => unknown;
  private readonly stack: Frame[] = [];
  private streamedDepth = 0;
  private topLevelCount = 0;
  private keptTokens = 0;
  private readonly maxKeptTokens: number;

  public constructor(options: JsonStreamReaderOptions) {
    this.options = options;
    this.maxKeptTokens = options.maxKeptTokens ?? 2_000_000;
    this.parse = jsonParser({
      packValues: true,
      streamValues: false,
      jsonStreaming: options.jsonStreaming ?? false,
    }) as (chunk: string | typeof none) => unknown;
  }

  /** The top-level value being assembled (streamed arrays left empty), or `undefined` between values. */
  public get partialRoot(): unknown {
    return this.stack[0]?.container;
  }

  /** Number of complete top-level values so far. */
  public get topLevelValues(): number {
    return this.topLevelCount;
  }

  /**
   * Feeds the next chunk of text.
   * @throws ImportError `malformed` on a syntax error, or whatever the callbacks throw
   */
  public write(text: string): void {
    this.consume(this.run(text));
  }

  /**
   * Ends the input.
   * @throws ImportError `truncated` when the text stops inside a value, `empty-file` when there is none
   */
  public end(): void {
    this.consume(this.run(none, true));
    if (this.stack.length > 0)
      this.fail('truncated', 'the JSON text ends before its structure is closed (truncated file?)');
    if (this.topLevelCount === 0) this.fail('empty-file', 'the file holds no JSON value');
  }

  private run(chunk: string | typeof none, ending = false): unknown {
    try {
      return this.parse(chunk);
    } catch (error) {
      if (ImportError.isInstance(error)) throw error;
      const detail = error instanceof Error ? error.message.replace(/^Parser cannot parse input: /, '') : String(error);
      if (ending) this.fail('truncated', `the JSON text ends too early (${detail}); the file looks truncated`, error);
      return this.fail('malformed', `invalid JSON (${detail})`, error);
    }
  }

  private consume(out: unknown): void {
    if (out === none || out === undefined) return;
    if (isMany(out as never)) {
      for (const token of getManyValues(out as never) as Token[]) this.token(token);
    } else {
      this.token(out as Token);
    }
  }

  private token(token: Token): void {
    switch (token.name) {
      case 'startObject':
        this.open(false);
        return;
      case 'startArray':
        this.open(true);
        return;
      case 'endObject':
      case 'endArray':
        this.close();
        return;
      case 'keyValue': {
        const frame = this.stack[this.stack.length - 1];
        if (frame !== undefined) frame.key = token.value;
        this.keep();
        return;
      }
      case 'stringValue':
        this.value(token.value);
        return;
      case 'numberValue':
        this.value(Number(token.value));
        return;
      case 'nullValue':
        this.value(null);
        return;
      case 'trueValue':
        this.value(true);
        return;
      case 'falseValue':
        this.value(false);
        return;
      default:
        // Streamed chunks and whitespace are not produced with packed values; nothing to do.
        return;
    }
  }

  private open(isArray: boolean): void {
    if (this.stack.length >= MAX_DEPTH)
      this.fail('invalid-structure', `the JSON nesting is deeper than ${MAX_DEPTH} levels`);
    let streamed = false;
    let path: string | undefined;
    if (isArray && this.streamedDepth === 0) {
      const candidate = this.structuralPath();
      if (this.options.streamedArrays.includes(candidate)) {
        streamed = true;
        path = candidate;
      }
    }
    const container: Record<string, unknown> | unknown[] = isArray ? [] : {};
    const parent = this.stack[this.stack.length - 1];
    let delivery: Frame['delivery'];
    let elementIndex = 0;
    if (parent === undefined) {
      delivery = 'top';
    } else if (parent.streamed) {
      // An element of a streamed array: assembled on its own, handed out when closed.
      delivery = 'element';
      elementIndex = parent.index;
      parent.index += 1;
    } else {
      // Attached at once, so that metadata read before a streamed array is visible during it.
      delivery = 'attached';
      this.attach(parent, container);
    }
    this.stack.push({ container, isArray, key: null, index: 0, streamed, path, delivery, elementIndex });
    if (streamed) this.streamedDepth += 1;
    this.keep();
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return;
    if (frame.streamed) this.streamedDepth -= 1;
    if (frame.delivery === 'top') {
      const index = this.topLevelCount;
      this.topLevelCount += 1;
      this.options.onTopLevel(frame.container, index);
    } else if (frame.delivery === 'element') {
      const parent = this.stack[this.stack.length - 1] as Frame;
      this.options.onElement(frame.container, parent.path as string, frame.elementIndex);
    }
  }

  private value(value: unknown): void {
    this.keep();
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      const index = this.topLevelCount;
      this.topLevelCount += 1;
      this.options.onTopLevel(value, index);
    } else if (parent.streamed) {
      const index = parent.index;
      parent.index += 1;
      this.options.onElement(value, parent.path as string, index);
    } else {
      this.attach(parent, value);
    }
  }

  private attach(parent: Frame, value: unknown): void {
    if (parent.isArray) {
      (parent.container as unknown[]).push(value);
      parent.index += 1;
      return;
    }
    const key = parent.key ?? '';
    // Same meaning as JSON.parse (last duplicate key wins); `__proto__` becomes an own property, never a prototype.
    if (key === '__proto__')
      Object.defineProperty(parent.container, key, { value, enumerable: true, writable: true, configurable: true });
    else (parent.container as Record<string, unknown>)[key] = value;
    // The key stays until the next one: it names where a nested container is being read.
  }

  /** Counts a token kept outside streamed arrays. */
  private keep(): void {
    if (this.streamedDepth > 0) return;
    this.keptTokens += 1;
    if (this.keptTokens > this.maxKeptTokens) {
      this.fail('invalid-structure', 'too much content outside the readings array for this format');
    }
  }

  /** JSON path of the position being read (in JSON Lines, `$[n]` is the n-th top-level value). */
  public currentPath(): string {
    const path = this.structuralPath();
    return this.options.jsonStreaming === true ? `$[${this.topLevelCount}]${path.slice(1)}` : path;
  }

  /** JSON path inside the current top-level value. */
  private structuralPath(): string {
    let path = '$';
    const depth = this.stack.length;
    for (let i = 0; i < depth; i++) {
      const frame = this.stack[i] as Frame;
      if (frame.isArray) {
        // With a deeper frame, the element being read was already counted.
        const reading = i < depth - 1 ? Math.max(0, frame.index - 1) : frame.index;
        path = joinJsonPath(path, reading);
      } else if (frame.key !== null) {
        path = joinJsonPath(path, frame.key);
      }
    }
    return path;
  }

  private fail(
    code: 'malformed' | 'truncated' | 'empty-file' | 'invalid-structure',
    reason: string,
    cause?: unknown,
  ): never {
    throw new ImportError({
      code,
      file: this.options.file,
      jsonPath: this.currentPath(),
      reason,
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
