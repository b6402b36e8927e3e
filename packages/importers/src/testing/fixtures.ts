import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture of this package (`valid/...` or `invalid/...`). */
export function getFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}
