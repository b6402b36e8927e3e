import type { RegisteredService } from '@sdt/partner-sdk';

/** The grant states the partner console counts, in display order. */
export const COUNTED_STATES = ['active', 'pending', 'revoked', 'expired'] as const;

/** A state of {@link COUNTED_STATES}. */
export type CountedState = (typeof COUNTED_STATES)[number];

/**
 * The services of the registries that the signed-in organisation answers for (its WebID is the entry's
 * partner), sorted by territory then id.
 *
 * @param services - every registered service
 * @param webId - the signed-in account
 */
export function ownServices(services: readonly RegisteredService[], webId: string): RegisteredService[] {
  return services
    .filter((service) => service.partner?.webId === webId)
    .sort((a, b) => a.description.territory.localeCompare(b.description.territory) || a.id.localeCompare(b.id));
}

/**
 * The counts to show, or undefined when the app's answer is missing or not made of whole non-negative
 * numbers (the app is untrusted: nothing but numbers is ever shown).
 *
 * @param counts - what `fetchGrantStateCounts` returned
 */
export function toCountsView(counts: unknown): Record<CountedState, number> | undefined {
  if (typeof counts !== 'object' || counts === null) return undefined;
  const out: Partial<Record<CountedState, number>> = {};
  for (const state of COUNTED_STATES) {
    const value = (counts as Record<string, unknown>)[state];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
    out[state] = value;
  }
  return out as Record<CountedState, number>;
}

/** A starting point for the registration form: a complete, valid description to adapt. */
export const DESCRIPTION_TEMPLATE = JSON.stringify(
  {
    id: 'mon-service',
    territory: 'lyon',
    name: { fr: 'Mon service', en: 'My service' },
    summary: { fr: 'Ce que le service fait pour vous.', en: 'What the service does for you.' },
    operator: { name: 'Mon organisation', url: 'https://example.org/' },
    contact: { email: 'dpo@example.org' },
    purpose: 'ServiceProvision',
    legalBasis: 'Consent',
    dataNeeds: [
      {
        category: 'electricity',
        required: true,
        why: { fr: 'Pour comparer votre consommation.', en: 'To compare your use.' },
      },
    ],
    accessDays: 30,
    retentionDays: 30,
    privacyPolicy: 'https://example.org/confidentialite',
  },
  null,
  2,
);

/**
 * Whether a URL's host is the loopback (`localhost`, `127.0.0.1`, `::1`): a portal served there is a local
 * deployment, where partner apps on loopback are expected; elsewhere they are refused (SSRF).
 *
 * @param value - an absolute URL
 */
export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
