import { InvalidArgumentError } from 'commander';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { TERRITORY_SERVERS } from '@sdt/pods-config';

/** Parses `--territory`: one of lyon, nantes, larochelle. */
export function parseTerritory(value: string): Territory {
  const normalised = value.toLowerCase().replace(/[\s_-]/g, '');
  if (!(TERRITORIES as readonly string[]).includes(normalised)) {
    throw new InvalidArgumentError(`unknown territory "${value}"; expected one of: ${TERRITORIES.join(', ')}.`);
  }
  return normalised as Territory;
}

/** Parses a count: a whole number >= 0. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(`"${value}" is not a whole number >= 0.`);
  }
  return Number(value);
}

/** Parses a positive whole number (>= 1). */
export function parsePositive(value: string): number {
  const count = parseCount(value);
  if (count < 1) throw new InvalidArgumentError(`"${value}" must be at least 1.`);
  return count;
}

/** Parses an http(s) URL and makes it end with `/`. */
export function parseServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL (e.g. http://localhost:3101/).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`"${value}" must be an http or https URL.`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Default base URL of a territory's pod server (env `SDT_<TERRITORY>_URL` wins). */
export function defaultServerUrl(territory: Territory): string {
  const fromEnv = process.env[`SDT_${territory.toUpperCase()}_URL`];
  return fromEnv ? parseServerUrl(fromEnv) : `http://localhost:${TERRITORY_SERVERS[territory].port}/`;
}
