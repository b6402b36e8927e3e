import type { RegisteredService } from '@sdt/partner-sdk';
import { TERRITORIES, type CategoryName, type Territory } from '@sdt/vocab';
import { toSafeHref } from './catalogRows.ts';

/** One data need of a service, ready to render (text only; the category label comes from the messages). */
export interface ServiceNeedView {
  readonly category: CategoryName;
  readonly required: boolean;
  readonly why: string;
}

/** A registered service as the catalogue shows it: every value is text, links only when http(s). */
export interface ServiceCardView {
  readonly id: string;
  readonly territory: Territory;
  readonly name: string;
  readonly summary: string;
  readonly operatorName: string;
  readonly operatorHref?: string;
  readonly contactEmail: string;
  readonly purposeIri: string;
  readonly legalBasisIri: string;
  /** Required needs first, then optional ones, each in the description's order. */
  readonly needs: readonly ServiceNeedView[];
  readonly accessDays: number;
  readonly retentionDays: number;
  readonly privacyPolicyHref?: string;
  readonly privacyPolicy: string;
  /** Whether the entry names who answers for the service (needed to start a request from the portal). */
  readonly connectable: boolean;
}

/**
 * The catalogue view of a registered service, in a language. Registry data is untrusted: this only picks
 * text values and keeps links that are http(s).
 *
 * @param service - an entry of `listRegisteredServices`
 * @param territory - whose registry lists it
 * @param locale - `fr` or `en`
 */
export function toServiceCard(service: RegisteredService, territory: Territory, locale: 'fr' | 'en'): ServiceCardView {
  const { description } = service;
  const needs = [
    ...description.dataNeeds.filter((need) => need.required),
    ...description.dataNeeds.filter((need) => !need.required),
  ].map((need) => ({ category: need.category, required: need.required, why: need.why[locale] }));
  const operatorHref = description.operator.url ? toSafeHref(description.operator.url) : undefined;
  const privacyPolicyHref = toSafeHref(description.privacyPolicy);
  return {
    id: description.id,
    territory,
    name: description.name[locale],
    summary: description.summary[locale],
    operatorName: description.operator.name,
    ...(operatorHref ? { operatorHref } : {}),
    contactEmail: description.contact.email,
    purposeIri: description.purpose,
    legalBasisIri: description.legalBasis,
    needs,
    accessDays: description.accessDays,
    retentionDays: description.retentionDays,
    privacyPolicy: description.privacyPolicy,
    ...(privacyPolicyHref ? { privacyPolicyHref } : {}),
    connectable: service.partner !== undefined,
  };
}

/**
 * The territory whose pod server is the citizen's identity provider, if it is one of the platform's.
 *
 * @param issuer - the session's OIDC issuer
 * @param territoryUrls - base URL of each territory's pod server
 */
export function territoryOfIssuer(
  issuer: string,
  territoryUrls: Readonly<Record<Territory, string>>,
): Territory | undefined {
  let origin: string;
  try {
    origin = new URL(issuer).origin;
  } catch {
    return undefined;
  }
  return TERRITORIES.find((territory) => {
    try {
      return new URL(territoryUrls[territory]).origin === origin;
    } catch {
      return false;
    }
  });
}

/**
 * The territories in catalogue order: the citizen's own first, then the others in the platform's order.
 *
 * @param own - the citizen's territory, when known
 */
export function orderTerritories(own: Territory | undefined): Territory[] {
  return own ? [own, ...TERRITORIES.filter((territory) => territory !== own)] : [...TERRITORIES];
}
