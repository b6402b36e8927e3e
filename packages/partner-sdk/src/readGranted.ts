/**
 * Typed reads of granted data, one helper per category the demo services use. Each goes through
 * {@link PartnerSession.read}: refused reads end in NotGrantedError, GrantExpiredError,
 * GrantRevokedError or OutOfScopeError; data without the expected shape in PartnerError `invalid-data`.
 */
import { getContent, listCategoryResources, resourcePathFor, type ResourceContent } from '@sdt/pod';
import type {
  CategoryName,
  Dwelling,
  EnergyReading,
  FamilyQuotientStatement,
  GasReading,
  Household,
  Trip,
} from '@sdt/vocab';
import { PartnerError } from './PartnerError.ts';
import type { PartnerSession } from './PartnerSession.ts';

/** Which months of a time series to read. */
export interface MonthsOption {
  /** Keep only the last `lastMonths` monthly resources (all by default). */
  readonly lastMonths?: number;
}

type Access = { readonly podUrl: string; readonly fetch: typeof globalThis.fetch };

function unexpected(category: string, content: ResourceContent): PartnerError {
  return new PartnerError('invalid-data', `Expected ${category} records, found ${content.category} records.`);
}

async function readSingle(session: PartnerSession, citizen: string, category: CategoryName): Promise<ResourceContent> {
  return session.read(citizen, category, (access) => getContent(access, { category }, resourcePathFor(category)));
}

async function readMonths(
  access: Access,
  category: CategoryName,
  series: string,
  options: MonthsOption,
): Promise<ResourceContent[]> {
  const prefix = `data/${category}/${series}-`;
  let paths = (await listCategoryResources(access, category)).filter(
    (path) => path.startsWith(prefix) && /-\d{4}-\d{2}$/.test(path),
  );
  if (options.lastMonths !== undefined) paths = paths.slice(Math.max(0, paths.length - options.lastMonths));
  const contents: ResourceContent[] = [];
  for (const path of paths) contents.push(await getContent(access, { category, series }, path));
  return contents;
}

/** The citizen's household composition (`data/household/household`). */
export async function readHousehold(session: PartnerSession, citizen: string): Promise<Household> {
  const content = await readSingle(session, citizen, 'household');
  if (content.category !== 'household') throw unexpected('household', content);
  return content.record;
}

/** The citizen's family-quotient statement (`data/income/family-quotient`). */
export async function readIncome(session: PartnerSession, citizen: string): Promise<FamilyQuotientStatement> {
  const content = await readSingle(session, citizen, 'income');
  if (content.category !== 'income') throw unexpected('income', content);
  return content.record;
}

/** The citizen's dwelling (`data/housing/dwelling`, from the DPE). */
export async function readHousing(session: PartnerSession, citizen: string): Promise<Dwelling> {
  const content = await readSingle(session, citizen, 'housing');
  if (content.category !== 'housing') throw unexpected('housing', content);
  return content.record;
}

/** Daily electricity readings, kWh, oldest first (`data/electricity/daily-YYYY-MM`). */
export async function readElectricityDaily(
  session: PartnerSession,
  citizen: string,
  options: MonthsOption = {},
): Promise<EnergyReading[]> {
  return session.read(citizen, 'electricity', async (access) =>
    (await readMonths(access, 'electricity', 'daily', options)).flatMap((content) => {
      if (content.category !== 'electricity' || content.series !== 'daily')
        throw unexpected('electricity daily', content);
      return content.readings;
    }),
  );
}

/** Gas readings, kWh, oldest first: daily (`gas/daily-*`) and monthly (`gas/monthly-*`) series. */
export async function readGas(
  session: PartnerSession,
  citizen: string,
  options: MonthsOption = {},
): Promise<{ daily: GasReading[]; monthly: GasReading[] }> {
  return session.read(citizen, 'gas', async (access) => {
    const pick = (contents: ResourceContent[]): GasReading[] =>
      contents.flatMap((content) => {
        if (content.category !== 'gas') throw unexpected('gas', content);
        return content.readings;
      });
    return {
      daily: pick(await readMonths(access, 'gas', 'daily', options)),
      monthly: pick(await readMonths(access, 'gas', 'monthly', options)),
    };
  });
}

/** Trips, oldest first (`data/mobility/trips-YYYY-MM`). */
export async function readTrips(session: PartnerSession, citizen: string, options: MonthsOption = {}): Promise<Trip[]> {
  return session.read(citizen, 'mobility', async (access) =>
    (await readMonths(access, 'mobility', 'trips', options)).flatMap((content) => {
      if (content.category !== 'mobility') throw unexpected('mobility', content);
      return content.trips;
    }),
  );
}
