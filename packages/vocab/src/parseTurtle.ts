import { Parser, type Quad } from 'n3';
import { VocabError } from './VocabError.ts';

/**
 * Parses a Turtle document into quads, synchronously.
 *
 * @param turtle - the Turtle text
 * @param baseIri - base IRI against which relative IRIs are resolved
 * @param source - name of the document used in error messages (a file name or an IRI)
 * @returns the quads of the document, in document order
 * @throws VocabError `parse-error` whose message names the source and the line
 */
export function parseTurtle(turtle: string, baseIri: string, source: string = baseIri): Quad[] {
  try {
    return new Parser({ baseIRI: baseIri, format: 'text/turtle' }).parse(turtle);
  } catch (error: unknown) {
    const context = (error as { context?: { line?: unknown } }).context;
    const line = typeof context?.line === 'number' ? context.line : undefined;
    const detail = error instanceof Error ? error.message : String(error);
    const where = line === undefined || detail.includes(`line ${line}`) ? '' : ` (line ${line})`;
    throw new VocabError('parse-error', `Invalid Turtle in ${source}: ${detail}${where}`, {
      cause: error,
      ...(line === undefined ? {} : { line }),
    });
  }
}
