import { describe, expect, it } from 'vitest';
import { ServiceDescriptionError, validateServiceDescription, type RegisteredService } from '@sdt/partner-sdk';
import { describeDescriptionIssue } from './describeDescriptionIssue.ts';
import { COUNTED_STATES, DESCRIPTION_TEMPLATE, isLoopbackUrl, ownServices, toCountsView } from './partnerConsole.ts';
import { orderTerritories, territoryOfIssuer, toServiceCard } from './serviceCatalog.ts';
import { connectServiceInputSchema, registerServiceInputSchema } from './serviceSchemas.ts';

const base = JSON.parse(DESCRIPTION_TEMPLATE) as Record<string, unknown>;

function service(overrides: Record<string, unknown> = {}, partnerWebId?: string): RegisteredService {
  const description = validateServiceDescription({
    ...base,
    ...overrides,
  });
  return {
    id: description.id,
    entry: `http://localhost:3101/registry/services/${description.id}`,
    clientId: 'http://localhost:3299/clientid.jsonld',
    appUrl: 'http://localhost:3299/',
    description,
    ...(partnerWebId
      ? { partner: { webId: partnerWebId, clientId: 'c', inbox: 'http://localhost:3101/p/inbox/' } }
      : {}),
  };
}

function issuesOf(input: unknown): { field: string; rule: string }[] {
  try {
    validateServiceDescription(input);
  } catch (error: unknown) {
    if (error instanceof ServiceDescriptionError) return error.issues.map((issue) => describeDescriptionIssue(issue));
  }
  return [];
}

describe('the service catalogue view', () => {
  it('shows a service in the chosen language with required needs first', () => {
    const card = toServiceCard(
      service({
        dataNeeds: [
          { category: 'gas', required: false, why: { fr: 'Comparer le gaz.', en: 'Compare gas.' } },
          { category: 'electricity', required: true, why: { fr: 'Comparer.', en: 'Compare.' } },
        ],
      }),
      'lyon',
      'en',
    );
    expect(card.name).toBe('My service');
    expect(card.needs.map((need) => [need.category, need.required, need.why])).toEqual([
      ['electricity', true, 'Compare.'],
      ['gas', false, 'Compare gas.'],
    ]);
    expect(card.purposeIri).toBe('https://w3id.org/dpv#ServiceProvision');
    expect(card.privacyPolicyHref).toBe('https://example.org/confidentialite');
    expect(card.connectable).toBe(false);
  });

  it('says a service can be connected only when its entry names who answers for it', () => {
    expect(toServiceCard(service({}, 'http://localhost:3101/p/profile/card#me'), 'lyon', 'fr').connectable).toBe(true);
  });

  it('finds the citizen territory from the session issuer and lists it first', () => {
    const urls = {
      lyon: 'http://localhost:3101/',
      nantes: 'http://localhost:3102/',
      larochelle: 'http://localhost:3103/',
    };
    expect(territoryOfIssuer('http://localhost:3102/', urls)).toBe('nantes');
    expect(territoryOfIssuer('https://login.example/', urls)).toBeUndefined();
    expect(territoryOfIssuer('not a url', urls)).toBeUndefined();
    expect(orderTerritories('nantes')).toEqual(['nantes', 'lyon', 'larochelle']);
    expect(orderTerritories(undefined)).toEqual(['lyon', 'nantes', 'larochelle']);
  });
});

describe('the partner console view', () => {
  it('keeps only the services the signed-in organisation answers for', () => {
    const me = 'http://localhost:3101/me/profile/card#me';
    const all = [
      service({ id: 'b-service' }, me),
      service({ id: 'other' }, 'http://x/#me'),
      service({ id: 'a-service' }, me),
    ];
    expect(ownServices(all, me).map((entry) => entry.id)).toEqual(['a-service', 'b-service']);
  });

  it('shows counts only when every counted state is a whole non-negative number', () => {
    expect(toCountsView({ active: 2, pending: 1, revoked: 0, expired: 3, refused: 1 })).toEqual({
      active: 2,
      pending: 1,
      revoked: 0,
      expired: 3,
    });
    expect(toCountsView({ active: '<b>2</b>', pending: 1, revoked: 0, expired: 0 })).toBeUndefined();
    expect(toCountsView({ active: -1, pending: 1, revoked: 0, expired: 0 })).toBeUndefined();
    expect(toCountsView(undefined)).toBeUndefined();
    expect(COUNTED_STATES).toEqual(['active', 'pending', 'revoked', 'expired']);
  });

  it('offers a template description that is valid', () => {
    expect(() => validateServiceDescription(base)).not.toThrow();
  });

  it('names the field and the rule of each description problem', () => {
    const issues = issuesOf({
      ...base,
      territory: 'paris',
      purpose: undefined,
      dataNeeds: [{ category: 'electric', required: true, why: { fr: 'x', en: 'y' } }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'territory', rule: 'territory' },
        { field: 'purpose', rule: 'required' },
        { field: 'dataNeeds[0].category', rule: 'category' },
      ]),
    );
    expect(issuesOf({ ...base, retentionDays: 60 })).toEqual([{ field: 'retentionDays', rule: 'retentionTooLong' }]);
    expect(
      issuesOf({
        ...base,
        dataNeeds: [
          { category: 'gas', required: false, why: { fr: 'x', en: 'y' } },
          { category: 'gas', required: false, why: { fr: 'x', en: 'y' } },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        { field: 'dataNeeds[1].category', rule: 'duplicateCategory' },
        { field: 'dataNeeds', rule: 'noRequiredNeed' },
      ]),
    );
    expect(issuesOf({ ...base, id: 'Mon Service', privacyPolicy: 'javascript:alert(1)', accessDays: 0 })).toEqual(
      expect.arrayContaining([
        { field: 'id', rule: 'id' },
        { field: 'privacyPolicy', rule: 'url' },
        { field: 'accessDays', rule: 'accessDays' },
      ]),
    );
  });
});

describe('the catalogue and console inputs', () => {
  it('accept a registry service id and refuse anything else', () => {
    expect(
      connectServiceInputSchema.safeParse({ serviceId: 'energy-coach', territory: 'nantes', locale: 'fr' }).success,
    ).toBe(true);
    expect(connectServiceInputSchema.safeParse({ serviceId: '../x', territory: 'nantes', locale: 'fr' }).success).toBe(
      false,
    );
    expect(
      connectServiceInputSchema.safeParse({ serviceId: 'energy-coach', territory: 'paris', locale: 'fr' }).success,
    ).toBe(false);
  });

  it('require an http(s) application address and a client id', () => {
    const form = { description: '{}', appUrl: 'https://app.example/', grantClientId: 'abc', locale: 'fr' };
    expect(registerServiceInputSchema.safeParse(form).success).toBe(true);
    expect(registerServiceInputSchema.safeParse({ ...form, appUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(registerServiceInputSchema.safeParse({ ...form, grantClientId: ' ' }).success).toBe(false);
  });
});

describe('the partner console network rule', () => {
  it('knows a loopback URL from a public one', () => {
    expect(isLoopbackUrl('http://localhost:3000/')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1:3201/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3201/')).toBe(true);
    expect(isLoopbackUrl('https://portail.example.fr/')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
