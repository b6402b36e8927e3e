// Type-only: see README ("Workspace packages") for why the portal does not import @sdt/vocab at run time yet.
import type { Territory } from '@sdt/vocab';
import type { HealthStatus } from './probeHealth.ts';

/** What the home page shows of one territory. */
export interface TerritoryView {
  readonly id: Territory;
  /** Proper name, the same in every language. */
  readonly name: string;
  readonly baseUrl: string;
  /** The pod server's own password login page (the Solid-OIDC sign-in replaces it in the full portal). */
  readonly loginUrl: string;
  readonly status: HealthStatus;
}

/** The territories, in the platform's display order (same as `TERRITORIES` of @sdt/vocab). */
export const TERRITORY_IDS: readonly Territory[] = ['lyon', 'nantes', 'larochelle'];

/** Proper names of the territories. */
export const TERRITORY_NAMES: Readonly<Record<Territory, string>> = Object.freeze({
  lyon: 'Lyon',
  nantes: 'Nantes',
  larochelle: 'La Rochelle',
});

/**
 * Returns the login page of a Community Solid Server from its base URL.
 *
 * @param baseUrl - the server's base URL, ending with `/`
 * @returns `<base>.account/login/password/`
 */
export function getLoginUrl(baseUrl: string): string {
  return new URL('.account/login/password/', baseUrl).href;
}

/**
 * Builds the home page's view of the three territories, probing their servers in parallel.
 *
 * @param territoryUrls - base URL of each territory's pod server
 * @param probe - tells whether a base URL is served (see `probeHealth`)
 * @returns one view per territory, in the platform's order (Lyon, Nantes, La Rochelle)
 */
export async function describeTerritories(
  territoryUrls: Readonly<Record<Territory, string>>,
  probe: (baseUrl: string) => Promise<HealthStatus>,
): Promise<TerritoryView[]> {
  return Promise.all(
    TERRITORY_IDS.map(async (id) => {
      const baseUrl = territoryUrls[id];
      return { id, name: TERRITORY_NAMES[id], baseUrl, loginUrl: getLoginUrl(baseUrl), status: await probe(baseUrl) };
    }),
  );
}
