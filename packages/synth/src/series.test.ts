import { describe, expect, it } from 'vitest';
import { generateCitizen, generateCitizens, generateDemoCitizen } from './index.ts';

const october2025 = { endMonth: '2025-10', months: 12 } as const;
const march2025 = { endMonth: '2025-03', months: 12 } as const;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const offsetOf = (instant: string): string => instant.slice(19);

describe('daily series', () => {
  it('have one reading per local day of the covered months, starting at local midnight', () => {
    const { data } = generateCitizen('lyon', 1, october2025);
    expect(data.electricity.daily).toHaveLength(365);
    expect(data.water.daily).toHaveLength(365);
    expect(data.electricity.daily[0]?.start).toBe('2024-11-01T00:00:00+01:00');
    expect(data.electricity.daily.at(-1)?.start).toBe('2025-10-31T00:00:00+01:00');
    for (const reading of data.electricity.daily) {
      expect(reading.start).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+0[12]:00$/);
      expect(reading.interval).toBe('P1D');
    }
    const dates = data.electricity.daily.map((reading) => reading.start.slice(0, 10));
    expect(new Set(dates).size).toBe(365);
  });

  it('count 366 days over a leap year and follow the period asked', () => {
    expect(generateCitizen('nantes', 0, { endMonth: '2024-12', months: 12 }).data.electricity.daily).toHaveLength(366);
    expect(generateCitizen('nantes', 0, { endMonth: '2025-02', months: 1 }).data.electricity.daily).toHaveLength(28);
  });

  it('carry the Europe/Paris offset of each day, both DST change days included once', () => {
    const days = generateCitizen('larochelle', 3, october2025).data.electricity.daily.map((reading) => reading.start);
    expect(days).toContain('2025-03-29T00:00:00+01:00');
    expect(days).toContain('2025-03-30T00:00:00+01:00');
    expect(days).toContain('2025-03-31T00:00:00+02:00');
    expect(days).toContain('2025-10-26T00:00:00+02:00');
    expect(days).toContain('2025-10-27T00:00:00+01:00');
    expect(days.filter((start) => start.startsWith('2025-03-30'))).toHaveLength(1);
    expect(days.filter((start) => start.startsWith('2025-10-26'))).toHaveLength(1);
    expect(days.filter((start) => offsetOf(start) === '+02:00')).toHaveLength(210);
  });

  it('keep the water meter index increasing by each day’s volume', () => {
    const readings = generateCitizen('nantes', 5, october2025).data.water.daily;
    for (let i = 1; i < readings.length; i++) {
      const previous = readings[i - 1]?.meterIndexM3 ?? 0;
      const current = readings[i];
      expect(current?.meterIndexM3).toBeGreaterThan(previous);
      expect((current?.meterIndexM3 ?? 0) - previous).toBeCloseTo(current?.volumeM3 ?? -1, 6);
    }
  });
});

describe('electricity', () => {
  it('is strongly winter-peaked with electric heating and nearly flat without', () => {
    const citizens = generateCitizens('lyon', 40, october2025);
    const winterOverSummer = (daily: readonly { start: string; kWh: number }[]): number => {
      const total = (months: string[]): number =>
        sum(daily.filter((reading) => months.includes(reading.start.slice(0, 7))).map((reading) => reading.kWh));
      return total(['2024-12', '2025-01']) / total(['2025-06', '2025-07']);
    };
    const electric = citizens.filter((c) => c.data.housing.heatingEnergy === 'electric');
    const gas = citizens.filter((c) => c.data.housing.heatingEnergy === 'gas');
    expect(electric.length).toBeGreaterThan(5);
    const ratios = electric.map(({ data }) => winterOverSummer(data.electricity.daily)).sort((a, b) => a - b);
    // Even an A-labelled home uses twice as much in winter; a typical one five to ten times as much.
    expect(ratios[0]).toBeGreaterThan(2);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(4);
    for (const { data } of gas) expect(winterOverSummer(data.electricity.daily)).toBeLessThan(2);
  });
});

describe('the 30-minute load curve', () => {
  it('covers the last month only, with 50 intervals on 26 October 2025', () => {
    const { data } = generateCitizen('lyon', 2, october2025);
    const curve = data.electricity.curve;
    expect(curve[0]?.start).toBe('2025-10-01T00:00:00+02:00');
    expect(curve.every((reading) => reading.start.startsWith('2025-10-') && reading.interval === 'PT30M')).toBe(true);
    const dstDay = curve.filter((reading) => reading.start.startsWith('2025-10-26'));
    expect(dstDay).toHaveLength(50);
    expect(dstDay.map((reading) => reading.start)).toContain('2025-10-26T02:30:00+02:00');
    expect(dstDay.map((reading) => reading.start)).toContain('2025-10-26T02:30:00+01:00');
    expect(curve).toHaveLength(31 * 48 + 2);
    expect(new Set(curve.map((reading) => Date.parse(reading.start))).size).toBe(curve.length);
  });

  it('has 46 intervals on 30 March 2025, skipping the missing hour', () => {
    const curve = generateCitizen('nantes', 2, march2025).data.electricity.curve;
    const dstDay = curve.filter((reading) => reading.start.startsWith('2025-03-30'));
    expect(dstDay).toHaveLength(46);
    const starts = dstDay.map((reading) => reading.start);
    expect(starts).toContain('2025-03-30T01:30:00+01:00');
    expect(starts).toContain('2025-03-30T03:00:00+02:00');
    expect(starts.some((start) => start.startsWith('2025-03-30T02:'))).toBe(false);
    expect(curve).toHaveLength(31 * 48 - 2);
  });

  it('adds up to each day’s energy within 2 %', () => {
    for (const citizen of generateCitizens('larochelle', 10, october2025)) {
      const { daily, curve } = citizen.data.electricity;
      for (const reading of daily.slice(-31)) {
        const day = reading.start.slice(0, 10);
        const fromCurve = sum(
          curve.filter((slot) => slot.start.startsWith(day)).map((slot) => (slot.watts * 0.5) / 1000),
        );
        expect(Math.abs(fromCurve - reading.kWh)).toBeLessThanOrEqual(Math.max(0.02 * reading.kWh, 0.015));
      }
      expect(curve.every((slot) => Number.isInteger(slot.watts) && slot.watts >= 0)).toBe(true);
    }
  });

  it('peaks in the evening rather than in the small hours for homes without electric heating', () => {
    const citizens = generateCitizens('lyon', 40, october2025).filter((c) => c.data.housing.heatingEnergy === 'gas');
    let evening = 0;
    let night = 0;
    for (const { data } of citizens) {
      for (const slot of data.electricity.curve) {
        const hour = Number(slot.start.slice(11, 13));
        if (hour >= 19 && hour < 21) evening += slot.watts;
        if (hour >= 3 && hour < 5) night += slot.watts;
      }
    }
    expect(evening).toBeGreaterThan(2 * night);
  });
});

describe('gas series', () => {
  it('exist only for gas-heated homes, with monthly readings equal to the sum of the daily ones', () => {
    const citizens = generateCitizens('nantes', 30, october2025);
    expect(citizens.some((c) => c.data.housing.heatingEnergy === 'gas')).toBe(true);
    for (const { data } of citizens) {
      if (data.housing.heatingEnergy !== 'gas') {
        expect(data.gas).toEqual({ daily: [], monthly: [] });
        continue;
      }
      expect(data.gas.daily).toHaveLength(365);
      expect(data.gas.monthly).toHaveLength(12);
      for (const month of data.gas.monthly) {
        expect(month.interval).toBe('P1M');
        expect(month.start).toMatch(/^\d{4}-\d{2}-01T00:00:00\+0[12]:00$/);
        const days = data.gas.daily.filter((reading) => reading.start.slice(0, 7) === month.start.slice(0, 7));
        expect(month.kWh).toBeCloseTo(sum(days.map((reading) => reading.kWh)), 2);
        expect(month.volumeM3).toBeCloseTo(sum(days.map((reading) => reading.volumeM3 ?? 0)), 2);
      }
      for (const reading of data.gas.daily) {
        expect(reading.conversionCoefficient).toBeGreaterThanOrEqual(10.5);
        expect(reading.conversionCoefficient).toBeLessThanOrEqual(11.5);
        expect(reading.kWh).toBeCloseTo((reading.volumeM3 ?? 0) * (reading.conversionCoefficient ?? 0), 2);
      }
    }
  });

  it('follows the heating season: January uses several times more gas than July', () => {
    const { gas } = generateDemoCitizen('nantes', october2025).data;
    const month = (m: string): number => gas.monthly.find((reading) => reading.start.startsWith(m))?.kWh ?? 0;
    expect(month('2025-01')).toBeGreaterThan(4 * month('2025-07'));
  });
});

describe('trips', () => {
  it('are chronological and never overlap, with unique ids from the UTC departure and consistent durations and CO2', () => {
    for (const citizen of generateCitizens('lyon', 20, october2025)) {
      const { trips } = citizen.data.mobility;
      expect(trips.length).toBeGreaterThan(0);
      expect(new Set(trips.map((trip) => trip.id)).size).toBe(trips.length);
      trips.forEach((trip, i) => {
        expect(trip.id).toBe(`t${new Date(trip.departure).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`);
        expect(Date.parse(trip.arrival)).toBeGreaterThan(Date.parse(trip.departure));
        expect(trip.departure).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
        if (i > 0) expect(Date.parse(trip.departure)).toBeGreaterThan(Date.parse(trips[i - 1]?.arrival ?? ''));
        if (trip.mode === 'walk' || trip.mode === 'bike') expect(trip.co2Kg).toBe(0);
        if (trip.mode === 'car') expect(trip.co2Kg).toBeCloseTo(trip.distanceKm * 0.218, 2);
      });
    }
  });
});

describe('health observations', () => {
  it('use LOINC codes, QUDT unit names and stable unique ids', () => {
    const { observations } = generateCitizen('nantes', 8, october2025).data.health;
    expect(new Set(observations.map((o) => o.id)).size).toBe(observations.length);
    const units = Object.fromEntries(observations.map((o) => [o.code, o.unit]));
    expect(units).toMatchObject({
      '8302-2': 'CentiM',
      '29463-7': 'KiloGM',
      '8480-6': 'MilliM_HG',
      '8462-4': 'MilliM_HG',
    });
    for (const observation of observations) expect(observation.id).toBe(`obs-${observation.date}-${observation.code}`);
  });
});
