import { ACL, DPV, PD, SAREF, SCHEMA, SOSA } from './namespaces.ts';
import { SDT } from './sdt.ts';

/** The data categories of the platform, in display order. Container `data/<name>/` in every pod. */
export const CATEGORY_NAMES = [
  'identity',
  'household',
  'income',
  'housing',
  'electricity',
  'gas',
  'water',
  'mobility',
  'health',
] as const;

export type CategoryName = (typeof CATEGORY_NAMES)[number];

export type Sensitivity = 'low' | 'medium' | 'high';

/** How a category's records are split into resources. */
export type Layout =
  /** One resource per month per series, e.g. `data/electricity/daily-2025-01`. */
  | { kind: 'monthly'; series: readonly string[] }
  /** A single resource, e.g. `data/housing/dwelling`. */
  | { kind: 'single'; resource: string };

/** A category of the platform catalogue (mirrors `vocab/catalogue.ttl`). */
export interface CategoryInfo {
  readonly name: CategoryName;
  /** IRI of the `sdt:DataCategory` individual. */
  readonly iri: string;
  readonly label: { readonly fr: string; readonly en: string };
  /** Classes of the records stored in the category (first is the main one, registered in type indexes). */
  readonly classes: readonly string[];
  /** IRI of the SHACL shape of the main class (in `vocab/shapes/`). */
  readonly shape: string;
  /** DPV personal-data category. */
  readonly dpvCategory: string;
  readonly sensitivity: Sensitivity;
  readonly typicalSource: string;
  /** ISO 8601 duration or frequency word of how often it is updated. */
  readonly updateFrequency: string;
  /** ACL modes a grant may give on this category (read everywhere; append only where it makes sense). */
  readonly allowedModes: readonly string[];
  readonly layout: Layout;
}

const SHAPES = 'https://w3id.org/selfdata-territorial/shapes#';

function category(info: Omit<CategoryInfo, 'iri'>): CategoryInfo {
  return Object.freeze({ ...info, iri: SDT[info.name] });
}

/** The platform catalogue, keyed by category name. */
export const CATEGORIES: Readonly<Record<CategoryName, CategoryInfo>> = Object.freeze({
  identity: category({
    name: 'identity',
    label: { fr: 'Identité et profil', en: 'Identity and profile' },
    classes: [SDT.Citizen, SCHEMA.Person],
    shape: `${SHAPES}CitizenShape`,
    dpvCategory: PD.Identifying,
    sensitivity: 'medium',
    typicalSource: 'Déclaration du citoyen / self-declared',
    updateFrequency: 'irregular',
    allowedModes: [ACL.Read],
    layout: { kind: 'single', resource: 'person' },
  }),
  household: category({
    name: 'household',
    label: { fr: 'Foyer', en: 'Household' },
    classes: [SDT.Household],
    shape: `${SHAPES}HouseholdShape`,
    dpvCategory: PD.Household,
    sensitivity: 'medium',
    typicalSource: 'API Particulier (CAF) / déclaration du citoyen',
    updateFrequency: 'P1Y',
    allowedModes: [ACL.Read],
    layout: { kind: 'single', resource: 'household' },
  }),
  income: category({
    name: 'income',
    label: { fr: 'Revenus et prestations', en: 'Income and benefits' },
    classes: [SDT.FamilyQuotientStatement],
    shape: `${SHAPES}FamilyQuotientStatementShape`,
    dpvCategory: PD.Income,
    sensitivity: 'high',
    typicalSource: 'API Particulier (CAF, MSA)',
    updateFrequency: 'P1M',
    allowedModes: [ACL.Read],
    layout: { kind: 'single', resource: 'family-quotient' },
  }),
  housing: category({
    name: 'housing',
    label: { fr: 'Logement', en: 'Housing' },
    classes: [SDT.Dwelling, SCHEMA.Accommodation],
    shape: `${SHAPES}DwellingShape`,
    dpvCategory: PD.Accommodation,
    sensitivity: 'low',
    typicalSource: 'ADEME (DPE open data)',
    updateFrequency: 'P10Y',
    allowedModes: [ACL.Read],
    layout: { kind: 'single', resource: 'dwelling' },
  }),
  electricity: category({
    name: 'electricity',
    label: { fr: 'Électricité', en: 'Electricity' },
    classes: [SDT.ElectricityEnergyReading, SDT.ElectricityPowerReading, SAREF.Measurement, SOSA.Observation],
    shape: `${SHAPES}ElectricityEnergyReadingShape`,
    dpvCategory: PD.UsageData,
    sensitivity: 'medium',
    typicalSource: 'Enedis (Data Connect, espace client)',
    updateFrequency: 'P1D',
    allowedModes: [ACL.Read, ACL.Append],
    layout: { kind: 'monthly', series: ['daily', 'curve'] },
  }),
  gas: category({
    name: 'gas',
    label: { fr: 'Gaz', en: 'Gas' },
    classes: [SDT.GasReading, SAREF.Measurement, SOSA.Observation],
    shape: `${SHAPES}GasReadingShape`,
    dpvCategory: PD.UsageData,
    sensitivity: 'medium',
    typicalSource: 'GRDF (ADICT)',
    updateFrequency: 'P1D',
    allowedModes: [ACL.Read, ACL.Append],
    layout: { kind: 'monthly', series: ['daily', 'monthly'] },
  }),
  water: category({
    name: 'water',
    label: { fr: 'Eau', en: 'Water' },
    classes: [SDT.WaterReading, SAREF.Measurement, SOSA.Observation],
    shape: `${SHAPES}WaterReadingShape`,
    dpvCategory: PD.UsageData,
    sensitivity: 'medium',
    typicalSource: "Régie ou délégataire de l'eau / water utility",
    updateFrequency: 'P1D',
    allowedModes: [ACL.Read, ACL.Append],
    layout: { kind: 'monthly', series: ['daily'] },
  }),
  mobility: category({
    name: 'mobility',
    label: { fr: 'Mobilité (trajets)', en: 'Mobility (trips)' },
    classes: [SDT.Trip, SCHEMA.Trip],
    shape: `${SHAPES}TripShape`,
    dpvCategory: PD.TravelHistory,
    sensitivity: 'high',
    typicalSource: 'Application de suivi des trajets / trip tracking app',
    updateFrequency: 'P1D',
    allowedModes: [ACL.Read, ACL.Append],
    layout: { kind: 'monthly', series: ['trips'] },
  }),
  health: category({
    name: 'health',
    label: { fr: 'Santé', en: 'Health' },
    classes: [SDT.HealthObservation],
    shape: `${SHAPES}HealthObservationShape`,
    dpvCategory: PD.HealthRecord,
    sensitivity: 'high',
    typicalSource: 'Déclaration du citoyen, professionnel de santé / self-declared, health professional',
    updateFrequency: 'irregular',
    allowedModes: [ACL.Read],
    layout: { kind: 'single', resource: 'observations' },
  }),
});

/** True when `name` is one of the platform's category names. */
export function isCategoryName(name: string): name is CategoryName {
  return (CATEGORY_NAMES as readonly string[]).includes(name);
}

/** The shapes namespace (`vocab/shapes/*.ttl`). */
export const SHAPES_NS = SHAPES;

/** DPV purposes the platform accepts in requests and studies. */
export const PURPOSES = [DPV.ServiceProvision, DPV.ScientificResearch, DPV.ProvideOfficialStatistics, DPV.ImprovePublicServices, DPV.PersonalisedBenefits] as const;
