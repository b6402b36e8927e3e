/**
 * Namespace IRIs of the vocabularies the platform reuses, and a helper to mint terms in them.
 * Every IRI used by the platform is built from these, so a typo fails at compile time.
 */

/** Returns a function that appends a local name to a namespace IRI. */
function namespace<const L extends string>(base: string, locals: readonly L[]): Readonly<Record<L, string>> & { readonly NS: string } {
  const terms = Object.fromEntries(locals.map((local) => [local, `${base}${local}`])) as Record<L, string>;
  return Object.freeze({ ...terms, NS: base });
}

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS_NS = 'http://www.w3.org/2000/01/rdf-schema#';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema#';
export const OWL_NS = 'http://www.w3.org/2002/07/owl#';
export const SH_NS = 'http://www.w3.org/ns/shacl#';
export const SOSA_NS = 'http://www.w3.org/ns/sosa/';
export const SAREF_NS = 'https://saref.etsi.org/core/';
export const QUDT_NS = 'http://qudt.org/schema/qudt/';
export const UNIT_NS = 'http://qudt.org/vocab/unit/';
export const SCHEMA_NS = 'http://schema.org/';
export const VCARD_NS = 'http://www.w3.org/2006/vcard/ns#';
export const DCAT_NS = 'http://www.w3.org/ns/dcat#';
export const DCT_NS = 'http://purl.org/dc/terms/';
export const PROV_NS = 'http://www.w3.org/ns/prov#';
export const DPV_NS = 'https://w3id.org/dpv#';
export const DPV_PD_NS = 'https://w3id.org/dpv/pd#';
/** DPV's GDPR extension (legal bases as articles, e.g. `A6-1-a` for consent). */
export const EU_GDPR_NS = 'https://w3id.org/dpv/legal/eu/gdpr#';
export const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';
export const LDP_NS = 'http://www.w3.org/ns/ldp#';
export const SOLID_NS = 'http://www.w3.org/ns/solid/terms#';
export const PIM_NS = 'http://www.w3.org/ns/pim/space#';
export const FOAF_NS = 'http://xmlns.com/foaf/0.1/';
export const ACL_NS = 'http://www.w3.org/ns/auth/acl#';
export const ACP_NS = 'http://www.w3.org/ns/solid/acp#';
export const TIME_NS = 'http://www.w3.org/2006/time#';
export const ODRL_NS = 'http://www.w3.org/ns/odrl/2/';
/** The project's own namespace, used only where no standard vocabulary has a term. */
export const SDT_NS = 'https://w3id.org/selfdata-territorial/ns#';

export const RDF = namespace(RDF_NS, ['type', 'langString'] as const);
export const RDFS = namespace(RDFS_NS, ['label', 'comment', 'subClassOf', 'seeAlso', 'Class'] as const);
export const XSD = namespace(XSD_NS, [
  'string',
  'decimal',
  'integer',
  'nonNegativeInteger',
  'boolean',
  'date',
  'dateTime',
  'gYear',
  'duration',
  'anyURI',
] as const);
export const SOSA = namespace(SOSA_NS, ['Observation', 'hasSimpleResult', 'observedProperty', 'resultTime'] as const);
export const SAREF = namespace(SAREF_NS, [
  'Measurement',
  'hasValue',
  'isMeasuredIn',
  'hasTimestamp',
  'relatesToProperty',
  'Energy',
  'Power',
] as const);
export const QUDT = namespace(QUDT_NS, ['Unit', 'QuantityValue', 'numericValue', 'unit'] as const);
export const UNIT = namespace(UNIT_NS, ['KiloW-HR', 'W', 'M3', 'KiloM', 'KiloGM', 'M2', 'MIN', 'CentiM', 'BEAT-PER-MIN', 'MilliM_HG', 'EUR'] as const);
export const SCHEMA = namespace(SCHEMA_NS, [
  'Person',
  'PostalAddress',
  'Accommodation',
  'Trip',
  'givenName',
  'familyName',
  'birthDate',
  'email',
  'telephone',
  'address',
  'streetAddress',
  'postalCode',
  'addressLocality',
  'addressCountry',
  'member',
  'departureTime',
  'arrivalTime',
  'yearBuilt',
  'name',
  'identifier',
] as const);
export const VCARD = namespace(VCARD_NS, ['Individual', 'fn', 'hasEmail', 'hasAddress'] as const);
export const DCAT = namespace(DCAT_NS, [
  'Catalog',
  'Dataset',
  'dataset',
  'temporal',
  'startDate',
  'endDate',
  'theme',
  'keyword',
  'accessURL',
  'landingPage',
] as const);
export const DCT = namespace(DCT_NS, [
  'title',
  'description',
  'modified',
  'issued',
  'created',
  'source',
  'publisher',
  'conformsTo',
  'accrualPeriodicity',
  'PeriodOfTime',
  'temporal',
  'date',
  'identifier',
  'type',
] as const);
export const PROV = namespace(PROV_NS, [
  'Activity',
  'Entity',
  'Agent',
  'Organization',
  'SoftwareAgent',
  'wasGeneratedBy',
  'wasDerivedFrom',
  'wasAttributedTo',
  'used',
  'startedAtTime',
  'endedAtTime',
  'wasAssociatedWith',
  'generatedAtTime',
] as const);
export const DPV = namespace(DPV_NS, [
  'PersonalDataHandling',
  'hasPersonalData',
  'hasPurpose',
  'hasLegalBasis',
  'hasSensitivityLevel',
  'SensitivePersonalData',
  'PersonalData',
  'ServiceProvision',
  'ScientificResearch',
  'ProvideOfficialStatistics',
  'ImprovePublicServices',
  'PersonalisedBenefits',
  'Consent',
  'PublicInterest',
  'OfficialAuthorityOfController',
  'ConsentGiven',
  'ConsentWithdrawn',
  'ConsentExpired',
  // Grants and consent receipts (ISO/IEC TS 27560, DPV profile)
  'ConsentRecord',
  'ConsentRefused',
  'hasConsentStatus',
  'hasDataSubject',
  'hasDataController',
  'hasRecipient',
  'Contract',
  'LegitimateInterest',
] as const);
export const PD = namespace(DPV_PD_NS, [
  'Identifying',
  'Name',
  'Contact',
  'Household',
  'FamilyStructure',
  'Income',
  'FinancialStatus',
  'Accommodation',
  'Location',
  'TravelHistory',
  'HealthRecord',
  'Health',
  'UsageData',
  'HouseOwned',
] as const);
/** GDPR articles used as legal bases (DPV's `eu-gdpr:` extension). */
export const EU_GDPR = namespace(EU_GDPR_NS, ['A6-1-a', 'A6-1-b', 'A6-1-c', 'A6-1-e', 'A9-2-a', 'A9-2-j'] as const);
export const SKOS = namespace(SKOS_NS, ['Concept', 'ConceptScheme', 'inScheme', 'prefLabel', 'notation'] as const);
export const LDP = namespace(LDP_NS, ['Container', 'BasicContainer', 'Resource', 'contains', 'inbox'] as const);
export const SOLID = namespace(SOLID_NS, [
  'TypeIndex',
  'ListedDocument',
  'UnlistedDocument',
  'TypeRegistration',
  'forClass',
  'instance',
  'instanceContainer',
  'publicTypeIndex',
  'privateTypeIndex',
  'oidcIssuer',
  'storageQuota',
] as const);
export const PIM = namespace(PIM_NS, ['storage', 'Storage', 'preferencesFile'] as const);
export const FOAF = namespace(FOAF_NS, ['Person', 'name', 'isPrimaryTopicOf', 'primaryTopic'] as const);
export const ACL = namespace(ACL_NS, ['Read', 'Write', 'Append', 'Control'] as const);
export const ACP = namespace(ACP_NS, [
  'AccessControlResource',
  'AccessControl',
  'Policy',
  'Matcher',
  'resource',
  'accessControl',
  'memberAccessControl',
  'apply',
  'allow',
  'deny',
  'allOf',
  'anyOf',
  'noneOf',
  'agent',
  'client',
  'issuer',
  'PublicAgent',
  'AuthenticatedAgent',
  'CreatorAgent',
] as const);
export const TIME = namespace(TIME_NS, ['hasDuration'] as const);
