import 'server-only';
import { getTranslations } from 'next-intl/server';

const CODES = [
  'unauthenticated',
  'invalid-input',
  'forbidden-origin',
  'pod-unreachable',
  'pod-refused',
  'failed',
  'confirmation-required',
  'unknown-category',
] as const;

/** The sentences a form shows for each action error code and field error, in the page's language. */
export async function getActionMessages(): Promise<Record<string, string>> {
  const t = await getTranslations('actions');
  return Object.fromEntries(CODES.map((code) => [code, t(code)]));
}
