import { JsonStreamReader } from './JsonStreamReader.ts';

/** Feeds text chunks to a reader, yielding after each one, and ends it. */
export async function* feedJson(
  text: AsyncIterable<string>,
  reader: JsonStreamReader,
): AsyncGenerator<void, void, undefined> {
  for await (const chunk of text) {
    reader.write(chunk);
    yield;
  }
  reader.end();
}

/** Reads a whole (small) JSON document, keeping everything. */
export async function* readWholeJson(
  text: AsyncIterable<string>,
  file: string,
  onDocument: (document: unknown) => void,
): AsyncGenerator<void, void, undefined> {
  const reader = new JsonStreamReader({
    file,
    streamedArrays: [],
    onElement: () => undefined,
    onTopLevel: (value) => onDocument(value),
    maxKeptTokens: 500_000,
  });
  yield* feedJson(text, reader);
}
