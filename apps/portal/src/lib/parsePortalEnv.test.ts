import { describe, expect, it } from 'vitest';
import { PortalError } from './PortalError.ts';
import { DEFAULT_TERRITORY_URLS, parsePortalEnv } from './parsePortalEnv.ts';

describe('parsePortalEnv', () => {
  it('uses the embedded start defaults when no variable is set', () => {
    expect(parsePortalEnv({})).toEqual({ territoryUrls: DEFAULT_TERRITORY_URLS, healthTimeoutMs: 1500, portalUrl: 'http://localhost:3000/' });
  });

  it('treats an empty variable as unset', () => {
    expect(parsePortalEnv({ SDT_NANTES_URL: '', SDT_HEALTH_TIMEOUT_MS: '' }).territoryUrls.nantes).toBe(
      'http://localhost:3102/',
    );
  });

  it('adds the missing trailing slash to a base URL', () => {
    const env = parsePortalEnv({ SDT_LYON_URL: 'https://pods.lyon.example/solid', SDT_HEALTH_TIMEOUT_MS: '800' });
    expect(env.territoryUrls.lyon).toBe('https://pods.lyon.example/solid/');
    expect(env.healthTimeoutMs).toBe(800);
  });

  it('refuses a value that is not an http(s) URL and names the variable', () => {
    let caught: unknown;
    try {
      parsePortalEnv({ SDT_LAROCHELLE_URL: 'ftp://example.org/', SDT_NANTES_URL: 'not a url' });
    } catch (error) {
      caught = error;
    }
    expect(PortalError.isInstance(caught)).toBe(true);
    const error = caught as PortalError;
    expect(error.code).toBe('invalid-env');
    expect(error.message).toContain('SDT_LAROCHELLE_URL');
    expect(error.message).toContain('SDT_NANTES_URL');
  });

  it('refuses a health timeout that is not a number of milliseconds', () => {
    expect(() => parsePortalEnv({ SDT_HEALTH_TIMEOUT_MS: 'soon' })).toThrow(/SDT_HEALTH_TIMEOUT_MS/);
  });
});
