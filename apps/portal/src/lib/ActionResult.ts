import type { z } from 'zod';

/** Why a server action or route refused or failed, as a stable code the page can translate. */
export type ActionErrorCode =
  | 'unauthenticated'
  | 'invalid-input'
  | 'forbidden-origin'
  | 'pod-unreachable'
  | 'pod-refused'
  | 'failed'
  | 'already-answered'
  | 'not-found'
  | 'invalid-request';

/** What every server action returns: never a stack trace, field errors by field name. */
export type ActionResult<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ActionErrorCode; readonly fieldErrors: Readonly<Record<string, string[]>> };

/**
 * A failed result.
 *
 * @param code - why it failed
 * @param fieldErrors - messages by form field name (empty when no field is at fault)
 * @returns `{ ok: false, code, fieldErrors }`
 */
export function fail(code: ActionErrorCode, fieldErrors: Record<string, string[]> = {}): ActionResult<never> {
  return { ok: false, code, fieldErrors };
}

/**
 * Validates a server action's input with a zod schema.
 *
 * @param schema - the input schema
 * @param input - untrusted input (form fields as an object)
 * @returns the parsed value, or a failed result with the field errors
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | ActionResult<never> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '_';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fail('invalid-input', fieldErrors);
}

/**
 * Reads a form's fields into a plain object (text fields only; a field given twice keeps the last value).
 *
 * @param form - the submitted form
 * @returns field name -> value
 */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  }
  return out;
}
