import { FORMAT_DEFINITIONS } from './formats/index.ts';
import type { FormatDefinition } from './formats/FormatDefinition.ts';
import { ImportError } from './ImportError.ts';
import type { FormatId } from './types.ts';

/** How many leading bytes are enough to recognise a format. */
export const HEAD_BYTES = 64 * 1024;

/** The head of a file as text: UTF-8 (lenient, a cut character at the end is harmless), BOM removed. */
function toHeadText(head: Buffer | Uint8Array | string): string {
  const text =
    typeof head === 'string' ? head : new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, HEAD_BYTES));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The definition of the format of a file, recognised by its content.
 * @throws ImportError `empty-file` or `unknown-format` (the message lists the supported formats)
 */
export function detectFormatDefinition(head: Buffer | Uint8Array | string, fileName = 'input'): FormatDefinition {
  const text = toHeadText(head);
  if (text.trim() === '') throw new ImportError({ code: 'empty-file', file: fileName, reason: 'the file is empty' });
  const found = FORMAT_DEFINITIONS.find((definition) => definition.matches(text));
  if (found === undefined) {
    throw new ImportError({
      code: 'unknown-format',
      file: fileName,
      reason: `unknown format; supported formats: ${FORMAT_DEFINITIONS.map((d) => `${d.label} [${d.id}]`).join('; ')}`,
    });
  }
  return found;
}

/**
 * Recognises the format of a file by its first bytes (no flag needed): a few kilobytes are enough,
 * 64 KiB are looked at.
 * @param head the first bytes (or characters) of the file
 * @param fileName used in error messages only
 * @returns the format id
 * @throws ImportError `empty-file` or `unknown-format` (the message lists the supported formats)
 */
export function detectFormat(head: Buffer | Uint8Array | string, fileName?: string): FormatId {
  return detectFormatDefinition(head, fileName).id;
}
