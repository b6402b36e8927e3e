import type { AccessRequestInput } from '@sdt/grants';
import { CATEGORIES, type CategoryName } from '@sdt/vocab';
import { PartnerError } from './PartnerError.ts';
import { categoriesOf, type ServiceDescription } from './serviceDescription.ts';

/** Who answers for a service in the protocol: its WebID, the client id grants are bound to, its inbox. */
export interface ServicePartner {
  /** WebID of the partner (the requestor and grantee). */
  readonly webId: string;
  /** OAuth client id of its client credentials: grants are bound to it. */
  readonly clientId: string;
  /** Where receipts go (`replyTo`). */
  readonly inbox: string;
}

/**
 * The access request a service makes to a citizen, from its description: the required categories
 * always, the optional ones unless `categories` leaves them out; the description's purpose, legal
 * basis, duration; an explanation (fr, en) with why each category is needed and how long results are
 * kept. Used by {@link PartnerSession.requestAccess} and by a portal that lets a citizen start the
 * request from the service catalogue (then sent with the citizen's own fetch to their own inbox).
 *
 * @throws PartnerError `invalid-argument` for a category that is not among the service's data needs
 */
export function accessRequestFor(
  description: ServiceDescription,
  partner: ServicePartner,
  citizenWebId: string,
  options: { categories?: readonly CategoryName[] } = {},
): AccessRequestInput {
  const wanted = options.categories ?? categoriesOf(description);
  for (const category of wanted) {
    if (!categoriesOf(description).includes(category)) {
      throw new PartnerError(
        'invalid-argument',
        `categories: "${category}" is not among the data needs of ${description.id}.`,
      );
    }
  }
  const categories = [...new Set([...categoriesOf(description, 'required'), ...wanted])];
  const needs = description.dataNeeds.filter((need) => categories.includes(need.category));
  return {
    citizenWebId,
    requestor: partner.webId,
    clientId: partner.clientId,
    categories,
    purpose: description.purpose,
    legalBasis: description.legalBasis,
    modes: ['read'],
    days: description.accessDays,
    explanation: {
      fr: [
        description.summary.fr,
        ...needs.map((need) => `${CATEGORIES[need.category].label.fr} : ${need.why.fr}`),
        `Conservation des résultats : ${description.retentionDays} jours au plus.`,
      ].join('\n'),
      en: [
        description.summary.en,
        ...needs.map((need) => `${CATEGORIES[need.category].label.en}: ${need.why.en}`),
        `Results kept for at most ${description.retentionDays} days.`,
      ].join('\n'),
    },
    replyTo: partner.inbox,
    requestorName: description.operator.name,
    clientName: description.name.fr,
  };
}
