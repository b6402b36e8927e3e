import type { CitizenData, Territory } from '@sdt/vocab';
import { getDemoAccount, getSyntheticAccount, type CitizenAccount } from './accounts.ts';
import { getPeriod } from './calendar.ts';
import { DEMO_PROFILES } from './demoProfiles.ts';
import { drawEnergyBudget, generateElectricity, generateGas } from './energy.ts';
import { generateHealth } from './health.ts';
import { drawAbsences, getAwayDates } from './lifestyle.ts';
import { generateTrips } from './mobility.ts';
import { assertTerritory, resolveOptions, type ResolvedOptions, type SynthOptions } from './options.ts';
import { drawProfile, type ProfileSpec } from './profile.ts';
import { Random } from './Random.ts';
import { SynthError } from './SynthError.ts';
import { generateWater } from './water.ts';

/** A generated citizen: where it lives, its login and everything its pod holds. */
export interface SyntheticCitizen {
  territory: Territory;
  /** Position in the territory's synthetic population; -1 for the demo citizen. */
  index: number;
  account: CitizenAccount;
  data: CitizenData;
}

/**
 * Generates synthetic citizen `index` of a territory. The result depends only on (territory, index,
 * seed, endMonth, months): each citizen draws from its own streams, so order and count do not matter.
 * @param territory - `lyon`, `nantes` or `larochelle`.
 * @param index - a non-negative integer.
 * @param options - seed and period; see {@link SynthOptions}.
 * @returns the citizen, with 12 months (by default) of daily readings ending with `endMonth`.
 * @throws SynthError on an unknown territory, a bad index or bad options.
 */
export function generateCitizen(territory: Territory, index: number, options?: SynthOptions): SyntheticCitizen {
  assertTerritory(territory);
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new SynthError('invalid-index', 'index', `expected a non-negative integer, got ${String(index)}`);
  }
  const resolved = resolveOptions(options);
  const account = getSyntheticAccount(territory, index);
  return { territory, index, account, data: generateData(territory, String(index), account, resolved) };
}

/**
 * Generates citizens `0 .. count-1` of a territory (each one as {@link generateCitizen} would).
 * @throws SynthError on a negative or non-integer count, or bad options.
 */
export function generateCitizens(territory: Territory, count: number, options?: SynthOptions): SyntheticCitizen[] {
  assertTerritory(territory);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new SynthError('invalid-count', 'count', `expected a non-negative integer, got ${String(count)}`);
  }
  const resolved = resolveOptions(options);
  return Array.from({ length: count }, (_, index) => {
    const account = getSyntheticAccount(territory, index);
    return { territory, index, account, data: generateData(territory, String(index), account, resolved) };
  });
}

/**
 * Generates the territory's named demo citizen (`demo@<territory>.example`): a hand-written profile
 * (see `demoProfiles.ts`) whose every category is populated, gas included, with series drawn like
 * everyone else's.
 * @returns the demo citizen, with index -1.
 */
export function generateDemoCitizen(territory: Territory, options?: SynthOptions): SyntheticCitizen {
  assertTerritory(territory);
  const resolved = resolveOptions(options);
  const account = getDemoAccount(territory);
  return {
    territory,
    index: -1,
    account,
    data: generateData(territory, 'demo', account, resolved, DEMO_PROFILES[territory]),
  };
}

function generateData(
  territory: Territory,
  key: string,
  account: CitizenAccount,
  options: ResolvedOptions,
  spec?: ProfileSpec,
): CitizenData {
  const { seed, endMonth, months } = options;
  const period = getPeriod(endMonth, months);
  // One stream per category, so that changing how one category is drawn leaves the others unchanged.
  const stream = (name: string): Random => Random.fromKey(seed, territory, key, name);
  const referenceYear = Number(endMonth.slice(0, 4));
  const profile = drawProfile(stream('profile'), territory, referenceYear, `${endMonth}-01`, account.email, spec);
  const absences = drawAbsences(stream('holidays'), period);
  const awayDates = getAwayDates(absences);
  const budget = drawEnergyBudget(stream('energy'), profile);
  return {
    identity: profile.identity,
    household: profile.household,
    income: profile.income,
    housing: profile.housing,
    electricity: generateElectricity(stream('electricity'), profile, budget, period, seed, awayDates),
    gas: generateGas(stream('gas'), profile, budget, period, seed, awayDates),
    water: generateWater(stream('water'), profile, period, awayDates),
    mobility: generateTrips(stream('mobility'), profile, period, absences, awayDates),
    health: generateHealth(stream('health'), profile, period),
  };
}
