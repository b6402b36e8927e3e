import { DPV, MAX_GRANT_YEARS, type Territory } from '@sdt/vocab';
import type { ResearchEngineAccount } from '../studies/ResearchEngineAccount.ts';
import { DEFAULT_MINIMUM_GROUP_SIZE, ENERGY_STUDY_ATTRIBUTES, type Study } from '../studies/Study.ts';
import { ensureStudy, type StudyInput } from '../studies/studyRegistry.ts';

/** Slug of the standing statistics study of every territory. */
export const TERRITORY_STATISTICS_SLUG = 'territory-statistics';

/** Display names of the territories (for titles). */
export const TERRITORY_NAMES: Readonly<Record<Territory, string>> = {
  lyon: 'Lyon',
  nantes: 'Nantes',
  larochelle: 'La Rochelle',
};

/**
 * The standing statistics study of a territory: monthly averages of electricity, gas and water per
 * day, by DPE class, household size and district, published as open data. Exact aggregates (no
 * noise), groups of fewer than k = 10 homes never published; it ends after the longest grant the
 * platform allows (`MAX_GRANT_YEARS`, 3 years), as opt-ins end with it.
 */
export function territoryStatisticsStudyInput(
  territory: Territory,
  now: Date = new Date(),
  minimumGroupSize: number = DEFAULT_MINIMUM_GROUP_SIZE,
): StudyInput {
  const name = TERRITORY_NAMES[territory];
  const end = new Date(now);
  // As long as the platform lets a grant last (3 years): then the territory publishes a new edition.
  end.setUTCFullYear(end.getUTCFullYear() + MAX_GRANT_YEARS);
  return {
    slug: TERRITORY_STATISTICS_SLUG,
    title: {
      fr: `Statistiques territoriales de ${name}`,
      en: `${name} territory statistics`,
    },
    team: `Service statistique de ${name}`,
    institution: `Territoire de ${name}`,
    description: {
      fr:
        `Chaque mois, le territoire publie en données ouvertes la consommation moyenne par jour d'électricité, de gaz et d'eau ` +
        `des foyers qui participent, par classe DPE, taille du foyer et quartier. Seuls des totaux sont calculés, ` +
        `sur les serveurs du territoire ; un groupe de moins de ${minimumGroupSize} foyers n'est jamais publié. ` +
        `Ces chiffres permettent à chacun de comparer son logement à des logements semblables. ` +
        `Vous pouvez vous retirer à tout moment.`,
      en:
        `Every month the territory publishes, as open data, the average daily electricity, gas and water use of ` +
        `participating homes, by energy label (DPE), household size and district. Only totals are computed, on the ` +
        `territory's servers; a group of fewer than ${minimumGroupSize} homes is never published. ` +
        `Everyone can then compare their home with similar homes. You may opt out at any time.`,
    },
    purpose: DPV.ProvideOfficialStatistics,
    legalBasis: DPV.PublicInterest,
    categories: ['electricity', 'gas', 'water', 'housing', 'household'],
    endDate: end.toISOString(),
    minimumGroupSize,
    usesNoise: false,
    privacyBudget: 1,
    groupKeyPredicates: [...ENERGY_STUDY_ATTRIBUTES.groupKeyPredicates],
    timestampPredicates: [...ENERGY_STUDY_ATTRIBUTES.timestampPredicates],
  };
}

/**
 * The territory's statistics study: read from the engine's registry when published, else published.
 * Idempotent.
 * @throws StudyError from publishing (e.g. `http`)
 */
export async function ensureTerritoryStatisticsStudy(
  engine: ResearchEngineAccount,
  territory: Territory,
  options: {
    now?: Date;
    /** k when the study is first published (default 10; the demo, with few citizens, uses 5). */
    minimumGroupSize?: number;
  } = {},
): Promise<Study> {
  return ensureStudy(territoryStatisticsStudyInput(territory, options.now, options.minimumGroupSize), engine);
}
