import { describe, expect, it } from 'vitest';
import { buildClientIdDocument, readClientIdDocument } from './clientIdDocument.ts';
import { validateServiceDescription, type ServiceDescriptionInput } from './serviceDescription.ts';
import { ServiceDescriptionError } from './ServiceDescriptionError.ts';

const valid: ServiceDescriptionInput = {
  id: 'energy-coach',
  territory: 'nantes',
  name: { fr: 'Coach énergie', en: 'Energy coach' },
  summary: { fr: 'Compare votre consommation.', en: 'Compares your use.' },
  operator: { name: 'Nantes Métropole', url: 'https://metropole.nantes.fr/' },
  contact: { email: 'dpo@example.org' },
  purpose: 'ServiceProvision',
  legalBasis: 'Consent',
  dataNeeds: [
    { category: 'electricity', required: true, why: { fr: 'Comparer.', en: 'Compare.' } },
    { category: 'gas', required: false, why: { fr: 'Comparer le gaz.', en: 'Compare gas.' } },
  ],
  accessDays: 90,
  retentionDays: 30,
  privacyPolicy: 'https://example.org/confidentialite',
};

function issuesOf(input: unknown): string[] {
  try {
    validateServiceDescription(input);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ServiceDescriptionError);
    return (error as ServiceDescriptionError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('the description was accepted');
}

describe('service descriptions', () => {
  it('accepts a complete description and resolves purpose and legal basis to DPV IRIs', () => {
    const description = validateServiceDescription(valid);
    expect(description.purpose).toBe('https://w3id.org/dpv#ServiceProvision');
    expect(description.legalBasis).toBe('https://w3id.org/dpv#Consent');
    expect(validateServiceDescription({ ...valid, legalBasis: 'A6-1-e' }).legalBasis).toBe(
      'https://w3id.org/dpv/legal/eu/gdpr#A6-1-e',
    );
  });

  it('refuses an unknown category, naming its JSON path and the known categories', () => {
    const issues = issuesOf({
      ...valid,
      dataNeeds: [valid.dataNeeds[0], { ...valid.dataNeeds[1], category: 'electric' }],
    });
    expect(issues).toEqual([
      expect.stringMatching(
        /^dataNeeds\[1\]\.category: unknown category "electric"; expected one of identity, household/,
      ),
    ]);
  });

  it('refuses a description without purpose', () => {
    const { purpose: _purpose, ...withoutPurpose } = valid;
    expect(issuesOf(withoutPurpose)).toEqual([
      expect.stringMatching(/^purpose: is required \(a DPV purpose, one of ServiceProvision/),
    ]);
  });

  it('refuses an unknown purpose', () => {
    expect(issuesOf({ ...valid, purpose: 'Marketing' })).toEqual([
      expect.stringMatching(/^purpose: unknown purpose "Marketing"/),
    ]);
  });

  it('refuses a retention period longer than the grant', () => {
    expect(issuesOf({ ...valid, retentionDays: 120 })).toEqual([
      'retentionDays: 120 days is longer than the grant duration (accessDays: 90 days); derived data may not outlive the grant',
    ]);
  });

  it('refuses a grant longer than three years and reports every problem at once', () => {
    const issues = issuesOf({
      ...valid,
      accessDays: 2000,
      privacyPolicy: 'ftp://example.org/x',
      contact: { email: 'nobody' },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^accessDays: must be at most 1095 days/),
        expect.stringMatching(/^privacyPolicy: /),
        expect.stringMatching(/^contact\.email: /),
      ]),
    );
  });

  it('refuses a category listed twice and a description where nothing is required', () => {
    const need = valid.dataNeeds[1]!;
    expect(issuesOf({ ...valid, dataNeeds: [need, need] })).toEqual([
      'dataNeeds[1].category: "gas" is listed twice',
      'dataNeeds: at least one category must be required (a service that needs nothing should not ask)',
    ]);
  });

  it('refuses what is not an object', () => {
    expect(issuesOf('energy-coach')[0]).toMatch(/must be an object/);
  });
});

describe('Client ID documents', () => {
  it('embed the description and read back the same description', () => {
    const description = validateServiceDescription(valid);
    const document = buildClientIdDocument(description, 'http://localhost:3202/');
    expect(document.client_id).toBe('http://localhost:3202/clientid.jsonld');
    expect(document.grant_types).toEqual(['client_credentials']);
    expect(document.policy_uri).toBe(valid.privacyPolicy);
    expect(document.categories).toEqual([
      'https://w3id.org/selfdata-territorial/ns#electricity',
      'https://w3id.org/selfdata-territorial/ns#gas',
    ]);
    expect(document.storage_duration).toBe('P30D');
    expect(readClientIdDocument(JSON.parse(JSON.stringify(document))).description).toEqual(description);
  });

  it('report an invalid embedded description under service_description', () => {
    const document = {
      ...buildClientIdDocument(validateServiceDescription(valid), 'http://localhost:3202/'),
      service_description: { ...valid, retentionDays: 400 },
    };
    expect(() => readClientIdDocument(document)).toThrow(
      /service_description\.retentionDays: 400 days is longer than the grant duration/,
    );
  });
});
