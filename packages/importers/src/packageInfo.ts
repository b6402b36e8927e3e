import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** Name of this package, written in provenance. */
export const IMPORTER_NAME: string = manifest.name;
/** Version of this package (package.json), written in provenance. */
export const IMPORTER_VERSION: string = manifest.version;
