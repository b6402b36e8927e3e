import type { EnergyLabel, EnergyReading, GasReading, PowerReading } from '@sdt/vocab';
import { getHalfHourSlots, type CalendarDay, type Period } from './calendar.ts';
import { getDayOfYear, getDayTemperature, getHeatingDegreeDays, getNormalYearlyHeatingDegreeDays } from './climate.ts';
import { ELECTRICITY_PRIMARY_FACTOR, isElectricHeating, type CitizenProfile } from './profile.ts';
import type { Random } from './Random.ts';
import { clamp, round } from './statistics.ts';

/** Yearly final energy (kWh) by use; what the daily series are built from. */
export interface EnergyBudget {
  /** Appliances, lighting, cooking, IT: every home's electricity. */
  specificKWh: number;
  electricHeatingKWh: number;
  electricHotWaterKWh: number;
  gasHeatingKWh: number;
  /** Gas for hot water and cooking. */
  gasOtherKWh: number;
}

/** Share of the DPE primary consumption that goes to space heating (ADEME: about two thirds). */
const HEATING_SHARE = 0.7;
/**
 * "Prebound effect": measured consumption falls short of the DPE estimate, more so for poor labels
 * (Cayla & Osso 2013 on French homes; Sunikka-Blank & Galvin 2012): households heat less than assumed.
 */
const PREBOUND: Readonly<Record<EnergyLabel, number>> = { A: 1, B: 1, C: 0.95, D: 0.85, E: 0.75, F: 0.65, G: 0.55 };
/**
 * Ranges of yearly totals (kWh) for electrically heated homes, heat-pump homes and gas-heated homes
 * (orders of magnitude of CRE/Enedis and GRDF household averages); raw DPE-based estimates are
 * squashed smoothly into them (see {@link squashInto}).
 */
const ELECTRIC_HEATING_TOTAL: readonly [number, number] = [6000, 15000];
const HEAT_PUMP_TOTAL: readonly [number, number] = [3000, 11000];
const GAS_TOTAL: readonly [number, number] = [8000, 20000];
const SPECIFIC_TOTAL: readonly [number, number] = [1300, 4000];
const DAYS_PER_YEAR = 365.25;

/**
 * Yearly budgets: specific electricity grows with household size (ADEME/Enedis: ~1,400 kWh for one
 * person to ~3,500 kWh for six), heating follows the DPE (consumption x surface x heating share x
 * prebound), hot water is electric with electric heating (ADEME: ~550 kWh per person plus standing
 * losses) and from the boiler with gas.
 */
export function drawEnergyBudget(random: Random, profile: CitizenProfile): EnergyBudget {
  const { housing, household, traits } = profile;
  const size = household.size;
  const specificKWh = clamp((1000 + 420 * size) * traits.electricityHabit, SPECIFIC_TOTAL[0], SPECIFIC_TOTAL[1]);
  const primary = housing.primaryEnergyConsumption ?? 200;
  const primaryFactor = isElectricHeating(housing.heatingEnergy) ? ELECTRICITY_PRIMARY_FACTOR : 1;
  const heatingKWh =
    (primary / primaryFactor) *
    housing.floorArea *
    HEATING_SHARE *
    PREBOUND[housing.energyLabel] *
    random.logNormal(1, 0.1);
  const budget: EnergyBudget = {
    specificKWh,
    electricHeatingKWh: 0,
    electricHotWaterKWh: 0,
    gasHeatingKWh: 0,
    gasOtherKWh: 0,
  };
  if (isElectricHeating(housing.heatingEnergy)) {
    budget.electricHotWaterKWh = (500 + 550 * size) * clamp(traits.waterHabit, 0.7, 1.4);
    budget.electricHeatingKWh = heatingKWh;
    const others = specificKWh + budget.electricHotWaterKWh;
    const range = housing.heatingEnergy === 'electric' ? ELECTRIC_HEATING_TOTAL : HEAT_PUMP_TOTAL;
    budget.electricHeatingKWh = Math.max(0, squashInto(others + heatingKWh, range) - others);
  } else if (housing.heatingEnergy === 'gas') {
    budget.gasOtherKWh = (600 + 700 * size) * clamp(traits.waterHabit, 0.7, 1.4);
    budget.gasHeatingKWh = Math.max(0, squashInto(budget.gasOtherKWh + heatingKWh, GAS_TOTAL) - budget.gasOtherKWh);
  }
  return budget;
}

/**
 * Maps a positive value smoothly and monotonically into (min, max): a logistic curve on the log scale
 * centred on the range's geometric mean, so that typical values keep their order and spread while
 * extreme DPE estimates (tiny flats, huge G-labelled houses) stay plausible.
 */
export function squashInto(value: number, [min, max]: readonly [number, number]): number {
  const centre = Math.sqrt(min * max);
  const position = 1 / (1 + Math.exp(-Math.log(Math.max(value, 1) / centre) / 0.45));
  return min + (max - min) * position;
}

/** One day of electricity, by use, after noise (kWh). */
interface ElectricityDay {
  day: CalendarDay;
  specific: number;
  heating: number;
  hotWater: number;
  total: number;
}

/**
 * Daily electricity over the period and the 30-minute load curve of its last month.
 * @returns `daily` (one `P1D` reading per local day, kWh to the Wh) and `curve` (`PT30M`, W).
 */
export function generateElectricity(
  random: Random,
  profile: CitizenProfile,
  budget: EnergyBudget,
  period: Period,
  seed: string,
  awayDates: ReadonlySet<string>,
): { daily: EnergyReading[]; curve: PowerReading[] } {
  const normalHdd = getNormalYearlyHeatingDegreeDays(profile.territory);
  const commutes = profile.traits.commutes;
  const days: ElectricityDay[] = period.days.map((day) => {
    const away = awayDates.has(day.date);
    const season = Math.cos((2 * Math.PI * (getDayOfYear(day) - 15)) / DAYS_PER_YEAR);
    const weekend = day.weekday >= 6;
    const habit = weekend ? (commutes ? 1.1 : 1.02) : commutes ? 0.96 : 1;
    const hdd = getHeatingDegreeDays(getDayTemperature(seed, profile.territory, day), day.monthNumber);
    // Lighting and cooking rise in winter (+/-12 %); away days keep the fridge and stand-by only.
    const specific = (budget.specificKWh / DAYS_PER_YEAR) * (1 + 0.12 * season) * habit * (away ? 0.35 : 1);
    const heating = ((budget.electricHeatingKWh * hdd) / normalHdd) * (weekend ? 1.04 : 1) * (away ? 0.45 : 1);
    const hotWater = (budget.electricHotWaterKWh / DAYS_PER_YEAR) * (1 + 0.15 * season) * (away ? 0.05 : 1);
    const noise = Math.exp(0.12 * random.normal() - 0.0072);
    const raw = (specific + heating + hotWater) * noise;
    const total = Math.max(0.05, round(raw, 3));
    const scale = raw > 0 ? total / (specific + heating + hotWater) : 0;
    return { day, specific: specific * scale, heating: heating * scale, hotWater: hotWater * scale, total };
  });
  const daily: EnergyReading[] = days.map(({ day, total }) => ({ start: day.start, interval: 'P1D', kWh: total }));

  const lastMonth = period.months[period.months.length - 1];
  const curve: PowerReading[] = [];
  if (lastMonth) {
    for (const entry of days.slice(lastMonth.firstDay, lastMonth.endDay)) {
      curve.push(
        ...generateDayCurve(random, entry, commutes && entry.day.weekday < 6 && !awayDates.has(entry.day.date)),
      );
    }
  }
  return { daily, curve };
}

/**
 * Relative hourly load by use, local hours 0..23. Specific uses follow the usual residential profile
 * (morning and 19-21 h evening peaks, Enedis RES1 profile shape); heating runs more at night and early
 * morning; an electric water heater runs on off-peak hours (heures creuses, about 22:30-06:30).
 */
const SPECIFIC_PROFILE = [
  0.55, 0.5, 0.47, 0.45, 0.45, 0.5, 0.7, 1.0, 1.05, 0.9, 0.85, 0.9, 1.05, 1.0, 0.9, 0.85, 0.9, 1.1, 1.4, 1.6, 1.55,
  1.35, 1.05, 0.75,
];
const HEATING_PROFILE = [
  1.1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.4, 1.4, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.85, 0.95, 1.1, 1.25, 1.3, 1.3, 1.25, 1.2,
  1.15,
];
const HOT_WATER_PROFILE = [
  1.6, 1.5, 1.2, 0.9, 0.5, 0.3, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02,
  0.02, 0.02, 0.6, 1.5,
];

/**
 * Splits one day's energy over its 30-minute intervals (46, 48 or 50), with per-interval noise, and
 * rescales so that the intervals add up to the day's reading.
 */
function generateDayCurve(random: Random, entry: ElectricityDay, atWork: boolean): PowerReading[] {
  const slots = getHalfHourSlots(entry.day);
  const hourOf = (minutes: number): number => Math.min(23, Math.floor(minutes / 60));
  const specificWeights = slots.map(({ localMinutes }) => {
    const hour = hourOf(localMinutes);
    return (SPECIFIC_PROFILE[hour] ?? 1) * (atWork && hour >= 9 && hour < 17 ? 0.6 : 1);
  });
  const heatingWeights = slots.map(({ localMinutes }) => HEATING_PROFILE[hourOf(localMinutes)] ?? 1);
  const hotWaterWeights = slots.map(({ localMinutes }) => HOT_WATER_PROFILE[hourOf(localMinutes)] ?? 1);
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  const [sS, sH, sW] = [sum(specificWeights), sum(heatingWeights), sum(hotWaterWeights)];
  const energies = slots.map((_, i) => {
    const value =
      (entry.specific * (specificWeights[i] ?? 0)) / sS +
      (entry.heating * (heatingWeights[i] ?? 0)) / sH +
      (entry.hotWater * (hotWaterWeights[i] ?? 0)) / sW;
    return value * Math.exp(0.2 * random.normal() - 0.02);
  });
  const scale = entry.total / sum(energies);
  // Average power over half an hour: W = kWh / 0.5 h * 1000.
  return slots.map((slot, i) => ({
    start: slot.start,
    interval: 'PT30M',
    watts: Math.round((energies[i] ?? 0) * scale * 2000),
  }));
}

/** GRDF conversion coefficients (kWh PCS per m3) are around 11.2 in the west and 10.9 elsewhere. */
const COEFFICIENT_RANGE: readonly [number, number] = [10.6, 11.4];

/**
 * Daily and monthly gas for gas-heated homes: heating follows heating degree days, hot water and
 * cooking are steady; the volume is the energy divided by the month's conversion coefficient.
 * @returns empty series when the home is not heated with gas.
 */
export function generateGas(
  random: Random,
  profile: CitizenProfile,
  budget: EnergyBudget,
  period: Period,
  seed: string,
  awayDates: ReadonlySet<string>,
): { daily: GasReading[]; monthly: GasReading[] } {
  if (budget.gasHeatingKWh + budget.gasOtherKWh <= 0) return { daily: [], monthly: [] };
  const normalHdd = getNormalYearlyHeatingDegreeDays(profile.territory);
  const baseCoefficient = random.uniform(COEFFICIENT_RANGE[0], COEFFICIENT_RANGE[1]);
  const daily: GasReading[] = [];
  const monthly: GasReading[] = [];
  for (const month of period.months) {
    const conversionCoefficient = round(clamp(baseCoefficient + 0.06 * random.normal(), 10.5, 11.5), 2);
    let monthKWh = 0;
    let monthVolume = 0;
    for (const day of period.days.slice(month.firstDay, month.endDay)) {
      const away = awayDates.has(day.date);
      const season = Math.cos((2 * Math.PI * (getDayOfYear(day) - 15)) / DAYS_PER_YEAR);
      const hdd = getHeatingDegreeDays(getDayTemperature(seed, profile.territory, day), day.monthNumber);
      const heating = ((budget.gasHeatingKWh * hdd) / normalHdd) * (away ? 0.5 : 1);
      const other = (budget.gasOtherKWh / DAYS_PER_YEAR) * (1 + 0.2 * season) * (away ? 0.03 : 1);
      const kWhRaw = (heating + other) * Math.exp(0.1 * random.normal() - 0.005);
      const volumeM3 = Math.max(0.001, round(kWhRaw / conversionCoefficient, 3));
      const kWh = round(volumeM3 * conversionCoefficient, 3);
      daily.push({ start: day.start, interval: 'P1D', kWh, volumeM3, conversionCoefficient });
      monthKWh += kWh;
      monthVolume += volumeM3;
    }
    monthly.push({
      start: month.start,
      interval: 'P1M',
      kWh: round(monthKWh, 3),
      volumeM3: round(monthVolume, 3),
      conversionCoefficient,
    });
  }
  return { daily, monthly };
}
