import { SDT_NS } from './namespaces.ts';

/**
 * Terms of the project's own `sdt:` namespace (`vocab/sdt.ttl`), minted only where no standard
 * vocabulary has one. Every term here is declared in the ontology with French and English labels.
 */
const local = [
  // Classes of records, one or more per data category.
  'ElectricityEnergyReading', // daily energy, kWh; subclass of saref:Measurement and sosa:Observation
  'ElectricityPowerReading', // average power over an interval (load curve), W
  'GasReading', // gas energy (kWh) with volume (m3) and conversion coefficient
  'WaterReading', // water volume (m3) with meter index
  'Trip', // subclass of schema:Trip
  'Household',
  'HouseholdMember',
  'FamilyQuotientStatement', // CAF / MSA family quotient attestation (income and benefits)
  'Dwelling', // subclass of schema:Accommodation
  'HealthObservation', // minimal health data (FHIR-inspired)
  'Citizen', // subclass of schema:Person, the pod owner's identity record
  'DataCategory', // a category of the platform catalogue (vocab/catalogue.ttl)
  'TransportMode',
  'HeatingEnergy',
  'Tenure',
  'EnergyLabel',
  'SensitivityLevel',
  // SKOS concept schemes of the individuals below
  'TransportModeScheme',
  'HeatingEnergyScheme',
  'TenureScheme',
  'EnergyLabelScheme',
  'SensitivityLevelScheme',
  // Properties
  'intervalDuration', // xsd:duration of the interval a reading covers (P1D, PT30M, P1M)
  'volume', // m3, gas
  'conversionCoefficient', // kWh per m3, gas
  'meterIndex', // m3, water meter index at the end of the interval
  'transportMode',
  'distance', // km
  'co2Emissions', // kg CO2e
  'householdSize',
  'role', // "adult" | "child"
  'birthYear',
  'district',
  'familyQuotient', // EUR per month
  'numberOfChildren',
  'allocataire', // name of an allocataire (beneficiary) as given by the provider
  'benefitProvider', // CAF, MSA
  'floorArea', // m2
  'energyLabel', // DPE label, an sdt:EnergyLabel
  'greenhouseGasLabel', // DPE GES label
  'heatingEnergy',
  'tenure',
  'primaryEnergyConsumption', // kWhEP / m2 / year (DPE)
  'greenhouseGasEmissions', // kgCO2e / m2 / year (DPE)
  'observationCode', // LOINC code IRI for a health observation
  'category', // links a dcat:Dataset of a pod catalogue to its sdt:DataCategory
  'containerName', // the container under data/ of a category
  'recordClass',
  'shape',
  'dpvCategory',
  'sensitivity',
  'typicalSource',
  'allowedMode', // acl:Read / acl:Append / acl:Write allowed for grants on this category
  'recordCount',
  'lastImport',
  'importerVersion',
  'sha256',
  'fileName',
  // Individuals: categories
  'identity',
  'household',
  'income',
  'housing',
  'electricity',
  'gas',
  'water',
  'mobility',
  'health',
  // Individuals: transport modes
  'Walk',
  'Bike',
  'EBike',
  'Bus',
  'Tram',
  'Metro',
  'Train',
  'Car',
  'Carpool',
  'Motorbike',
  'Ferry',
  // Individuals: heating energies
  'ElectricHeating',
  'HeatPump',
  'GasHeating',
  'DistrictHeating',
  'WoodHeating',
  'OilHeating',
  // Individuals: tenures
  'Owner',
  'Tenant',
  'SocialTenant',
  // Individuals: DPE labels
  'LabelA',
  'LabelB',
  'LabelC',
  'LabelD',
  'LabelE',
  'LabelF',
  'LabelG',
  // Individuals: sensitivity levels
  'Low',
  'Medium',
  'High',
  // Grants (docs/grants.md): classes
  'AccessRequest',
  'AccessGrant',
  'ConsentReceipt',
  'AccessLogEntry',
  'GrantStatus',
  'RequestStatus',
  'AccessOutcome',
  'GrantStatusScheme',
  'RequestStatusScheme',
  'AccessOutcomeScheme',
  // Grants: properties
  'requestor', // WebID of the requesting agent
  'clientId', // OAuth client id a grant is bound to (string)
  'forCategory', // a catalogue category of a request, grant or receipt
  'mode', // acl:Read / acl:Append / acl:Write
  'duration', // xsd:duration of a request
  'endDate', // xsd:dateTime end of a request (instead of a duration)
  'replyTo', // inbox where the receipt goes
  'requestorName',
  'clientName',
  'status', // sdt:Active / sdt:Revoked (grant); sdt:Pending / sdt:Approved / sdt:Refused (request copy)
  'grantee',
  'validFrom',
  'validUntil',
  'answers', // the request a grant or a receipt answers
  'grantedBy',
  'revokedAt',
  'grant', // the grant of a receipt, of an approved request, of a log entry
  'agent', // WebID of a logged request
  'target', // resource of a logged request
  'outcome', // sdt:Allowed / sdt:Denied
  // Grants: individuals
  'Active',
  'Revoked',
  'Pending',
  'Approved',
  'Refused',
  'Allowed',
  'Denied',
] as const;

export type SdtLocalName = (typeof local)[number];

/** `sdt:` terms, keyed by local name. */
export const SDT: Readonly<Record<SdtLocalName, string>> & { readonly NS: string } = Object.freeze({
  ...(Object.fromEntries(local.map((name) => [name, `${SDT_NS}${name}`])) as Record<SdtLocalName, string>),
  NS: SDT_NS,
});
