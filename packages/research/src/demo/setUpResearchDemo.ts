import { AccountClient, loginAsOwner } from '@sdt/pod';
import { DPV, SDT_NS, TERRITORIES, type Territory } from '@sdt/vocab';
import { ResearchEngineAccount, getEnginePassword } from '../studies/ResearchEngineAccount.ts';
import type { Study } from '../studies/Study.ts';
import { listStudyGrants, optInToStudy } from '../studies/studyConsent.ts';
import { ensureStudy, type StudyInput } from '../studies/studyRegistry.ts';
import { accreditResearcher } from '../studies/accreditation.ts';
import { publishTerritoryStatistics } from '../statistics/publishTerritoryStatistics.ts';
import { ensureTerritoryStatisticsStudy } from '../statistics/territoryStatisticsStudy.ts';

/** The demo researcher (Lyon): owns the demo studies in the portal's researcher space. Demo only. */
export const DEMO_RESEARCHER = {
  territory: 'lyon',
  email: 'researcher@lyon.example',
  password: 'demo-researcher',
  podName: 'researcher',
} as const;

/** A pod account that opts in to the demo studies. */
export interface DemoParticipant {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
}

/** Options of {@link setUpResearchDemo}. */
export interface ResearchDemoOptions {
  /** Base URL of each territory's pod server. */
  readonly servers: Readonly<Record<Territory, string>>;
  /** Citizens who opt in to the demo studies (idempotent: an active grant is kept). */
  readonly participants: readonly DemoParticipant[];
  /** Research engine password (default `getEnginePassword()`). */
  readonly enginePassword?: string;
  /** Minimum group size of the demo studies (default 5, the lowest allowed: the demo has few citizens). */
  readonly minimumGroupSize?: number;
  /** Opt-ins run this many at a time (default 4). */
  readonly concurrency?: number;
  /** Called after each participant's opt-ins: `done` of `total`. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
  /**
   * Also the territory statistics (default true): each participant opts in to their own territory's
   * statistics study (k = `minimumGroupSize`), then each territory's statistics are published.
   */
  readonly statistics?: boolean;
  readonly now?: Date;
}

/** What {@link setUpResearchDemo} made. */
export interface ResearchDemo {
  readonly researcher: {
    readonly webId: string;
    readonly podUrl: string;
    readonly email: string;
    readonly password: string;
  };
  /** IRIs of the demo studies: `research` (Lyon, no noise), `noisy` (Nantes, Laplace noise and a budget). */
  readonly studies: { readonly research: string; readonly noisy: string };
  /** IRIs of the territories' statistics studies (when `statistics` was not false). */
  readonly statistics: Partial<Record<Territory, string>>;
  /** Opt-ins made by this run (those already in are not counted). */
  readonly optIns: number;
}

/** Slugs of the demo studies. */
export const DEMO_STUDY_SLUGS = { research: 'dpe-electricity', noisy: 'household-energy' } as const;

function demoStudies(
  researcherWebId: string,
  minimumGroupSize: number,
  now: Date,
): Record<'research' | 'noisy', StudyInput> {
  const endDate = new Date(now.getTime() + 365 * 86_400_000).toISOString();
  return {
    research: {
      slug: DEMO_STUDY_SLUGS.research,
      title: {
        fr: 'Consommation d’électricité et étiquette énergie (DPE)',
        en: 'Electricity use and energy label (DPE)',
      },
      team: 'Équipe Énergie et Territoires',
      institution: 'Université de Lyon (démonstration)',
      researchers: [researcherWebId],
      description: {
        fr: 'Nous comparons la consommation quotidienne moyenne d’électricité des logements selon leur étiquette DPE, mois par mois, pour mesurer l’effet des rénovations. Nous ne recevons que des moyennes de groupes d’au moins k logements, jamais vos relevés.',
        en: 'We compare the average daily electricity use of homes by energy label (DPE), month by month, to measure the effect of renovations. We only receive averages of groups of at least k homes, never your readings.',
      },
      purpose: DPV.ScientificResearch,
      categories: ['electricity', 'housing'],
      endDate,
      minimumGroupSize,
      privacyBudget: 1,
    },
    noisy: {
      slug: DEMO_STUDY_SLUGS.noisy,
      title: {
        fr: 'Énergie et taille des foyers (avec bruit différentiel)',
        en: 'Energy and household size (with differential privacy)',
      },
      team: 'Observatoire de la transition énergétique',
      institution: 'Nantes Métropole (démonstration)',
      researchers: [researcherWebId],
      description: {
        fr: 'Nous estimons la consommation d’électricité selon la taille du foyer. Chaque réponse reçoit un bruit aléatoire calibré (confidentialité différentielle) et l’étude dispose d’un budget de confidentialité limité.',
        en: 'We estimate electricity use by household size. Each answer gets calibrated random noise (differential privacy) and the study has a limited privacy budget.',
      },
      purpose: DPV.ScientificResearch,
      categories: ['electricity', 'housing', 'household'],
      endDate,
      minimumGroupSize,
      usesNoise: true,
      privacyBudget: 5,
      queryEpsilon: 0.5,
      maxGroupsPerPod: 12,
      clippingBounds: {
        avgKwh: { lower: 0, upper: 40 * 31, maxCount: 31 },
        days: { maxCount: 31 },
        homes: { maxCount: 1 },
        // By position, for queries that name their aggregates otherwise: a daily kWh average, then counts.
        '#1': { lower: 0, upper: 40 * 31, maxCount: 31 },
        '#2': { lower: 0, upper: 40 * 31, maxCount: 31 },
        '#3': { lower: 0, upper: 40 * 31, maxCount: 31 },
      },
      groupKeyPredicates: [`${SDT_NS}energyLabel`, `${SDT_NS}householdSize`, `${SDT_NS}district`],
    },
  };
}

async function ensureResearcher(serverUrl: string): Promise<ResearchDemo['researcher']> {
  const client = new AccountClient({ serverUrl });
  const account = await client.ensureAccountWithPod(
    DEMO_RESEARCHER.email,
    DEMO_RESEARCHER.password,
    DEMO_RESEARCHER.podName,
  );
  return {
    webId: account.webId,
    podUrl: account.podUrl,
    email: DEMO_RESEARCHER.email,
    password: DEMO_RESEARCHER.password,
  };
}

async function optInOnce(
  participant: DemoParticipant,
  studies: readonly Study[],
  platformServers: readonly string[],
  now: Date,
): Promise<number> {
  const session = await loginAsOwner(participant.serverUrl, participant.email, participant.password);
  let made = 0;
  try {
    for (const study of studies) {
      if ((await listStudyGrants(study, session, { now })).length > 0) continue;
      await optInToStudy(study, session, { platformServers, now });
      made += 1;
    }
  } finally {
    await session.close().catch(() => undefined);
  }
  return made;
}

/**
 * Sets up research for the demo platform and the browser journeys, idempotently: each territory's
 * research engine (account, public study registry), the demo researcher account on Lyon (accredited by
 * the three territories), two demo
 * studies owned by that researcher (Lyon, no noise; Nantes, with noise and a budget), the opt-ins
 * of the given participants to both and to their territory's statistics study, and the territories'
 * published statistics (computed again on every call).
 */
export async function setUpResearchDemo(options: ResearchDemoOptions): Promise<ResearchDemo> {
  const now = options.now ?? new Date();
  const password = options.enginePassword ?? getEnginePassword();
  const engines = await Promise.all(
    TERRITORIES.map((territory) =>
      ResearchEngineAccount.open({ serverUrl: options.servers[territory], password, create: true }),
    ),
  );
  try {
    const researcher = await ensureResearcher(options.servers[DEMO_RESEARCHER.territory]);
    const inputs = demoStudies(researcher.webId, options.minimumGroupSize ?? 5, now);
    // The demo researcher is accredited by all three territories (may publish studies from the portal).
    for (const engine of engines) await accreditResearcher(engine, researcher.webId, now);
    const lyonEngine = engines[TERRITORIES.indexOf('lyon')]!;
    const nantesEngine = engines[TERRITORIES.indexOf('nantes')]!;
    const research = await ensureStudy(inputs.research, lyonEngine);
    const noisy = await ensureStudy(inputs.noisy, nantesEngine);
    const platformServers = TERRITORIES.map((t) => options.servers[t]);
    const withStatistics = options.statistics !== false;
    const statisticsStudies = new Map<string, Study>();
    if (withStatistics) {
      for (const [index, territory] of TERRITORIES.entries()) {
        const study = await ensureTerritoryStatisticsStudy(engines[index]!, territory, {
          now,
          minimumGroupSize: options.minimumGroupSize ?? 5,
        });
        statisticsStudies.set(options.servers[territory], study);
      }
    }
    let done = 0;
    let optIns = 0;
    const queue = [...options.participants];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const own = statisticsStudies.get(next.serverUrl);
        const made = await optInOnce(next, [research, noisy, ...(own ? [own] : [])], platformServers, now);
        optIns += made;
        done += 1;
        options.onProgress?.({ done, total: options.participants.length });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    const statistics: Partial<Record<Territory, string>> = {};
    if (withStatistics) {
      for (const [index, territory] of TERRITORIES.entries()) {
        await publishTerritoryStatistics({ engine: engines[index]!, territory, endpoints: platformServers, now });
        statistics[territory] = statisticsStudies.get(options.servers[territory])!.iri;
      }
    }
    return { researcher, studies: { research: research.iri, noisy: noisy.iri }, statistics, optIns };
  } finally {
    await Promise.all(engines.map((engine) => engine.close().catch(() => undefined)));
  }
}
