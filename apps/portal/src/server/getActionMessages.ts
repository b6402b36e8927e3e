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

const GRANTS_CODES = [
  'already-answered',
  'not-found',
  'invalid-request',
  'no-category',
  'grants-until',
  'grants-categories',
  'not-in-pod',
  'not-a-day',
] as const;

/** The sentences a form shows for each action error code and field error, in the page's language. */
export async function getActionMessages(): Promise<Record<string, string>> {
  const t = await getTranslations('actions');
  const grants = await getTranslations('requests.errors');
  return {
    ...Object.fromEntries(CODES.map((code) => [code, t(code)])),
    ...Object.fromEntries(GRANTS_CODES.map((code) => [code, grants(code)])),
  };
}
