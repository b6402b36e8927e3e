import type { Territory, TransportMode } from '@sdt/vocab';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens, MAX_TRIPS, type SyntheticCitizen } from './index.ts';

const options = { endMonth: '2025-10', months: 12 } as const;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const share = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;

const populations = new Map<Territory, SyntheticCitizen[]>();
beforeAll(() => {
  for (const territory of ['lyon', 'nantes', 'larochelle'] as const)
    populations.set(territory, generateCitizens(territory, 200, options));
});
const all = (): SyntheticCitizen[] => [...populations.values()].flat();
const modalShare = (territory: Territory, modes: readonly TransportMode[]): number => {
  const trips = (populations.get(territory) ?? []).flatMap((c) => c.data.mobility.trips);
  return share(trips, (trip) => modes.includes(trip.mode));
};

describe('a population of 200 synthetic citizens per territory', () => {
  it('has yearly electricity in the French ranges: 1,000-4,500 kWh without electric heating, 6,000-15,000 with', () => {
    for (const { data } of all()) {
      const total = sum(data.electricity.daily.map((reading) => reading.kWh));
      const heating = data.housing.heatingEnergy;
      if (heating === 'electric') {
        expect(total).toBeGreaterThan(5500);
        expect(total).toBeLessThan(15500);
      } else if (heating !== 'heat-pump') {
        expect(total).toBeGreaterThan(1000);
        expect(total).toBeLessThan(4500);
      }
    }
  });

  it('has yearly gas between 7,500 and 21,000 kWh for gas-heated homes', () => {
    const gasHomes = all().filter(({ data }) => data.housing.heatingEnergy === 'gas');
    expect(gasHomes.length).toBeGreaterThan(100);
    for (const { data } of gasHomes) {
      const total = sum(data.gas.daily.map((reading) => reading.kWh));
      expect(total).toBeGreaterThan(7500);
      expect(total).toBeLessThan(21000);
    }
  });

  it('has about 150 L of water per person per day', () => {
    const litres = all().map(
      ({ data }) => (sum(data.water.daily.map((reading) => reading.volumeM3)) * 1000) / 365 / data.household.size,
    );
    expect(sum(litres) / litres.length).toBeGreaterThan(120);
    expect(sum(litres) / litres.length).toBeLessThan(170);
  });

  it('has realistic households, family quotients, tenures, labels and heating energies', () => {
    const citizens = all();
    expect(share(citizens, (c) => c.data.household.size === 1)).toBeGreaterThan(0.3);
    expect(share(citizens, (c) => c.data.household.size === 1)).toBeLessThan(0.46);
    expect(citizens.every((c) => c.data.household.size >= 1 && c.data.household.size <= 6)).toBe(true);
    const quotients = citizens.map((c) => c.data.income.familyQuotient);
    expect(Math.min(...quotients)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...quotients)).toBeLessThanOrEqual(2500);
    expect(median(quotients)).toBeGreaterThan(750);
    expect(median(quotients)).toBeLessThan(1050);
    expect(share(citizens, (c) => c.data.housing.tenure === 'owner')).toBeGreaterThan(0.5);
    expect(share(citizens, (c) => c.data.housing.tenure === 'owner')).toBeLessThan(0.66);
    const labels = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((label) =>
      share(citizens, (c) => c.data.housing.energyLabel === label),
    );
    expect(Math.max(...labels)).toBe(labels[3]);
    for (const energy of ['electric', 'gas'] as const) {
      expect(share(citizens, (c) => c.data.housing.heatingEnergy === energy)).toBeGreaterThan(0.3);
      expect(share(citizens, (c) => c.data.housing.heatingEnergy === energy)).toBeLessThan(0.45);
    }
  });

  it('has floor areas growing with household size and DPE consumptions inside their label band', () => {
    const citizens = all();
    const meanArea = (size: number): number => {
      const areas = citizens.filter((c) => c.data.household.size === size).map((c) => c.data.housing.floorArea);
      return sum(areas) / areas.length;
    };
    expect(meanArea(4)).toBeGreaterThan(meanArea(2) + 15);
    expect(meanArea(2)).toBeGreaterThan(meanArea(1) + 5);
    const upper = { A: 70, B: 110, C: 180, D: 250, E: 330, F: 420, G: Infinity } as const;
    const lower = { A: 0, B: 70, C: 110, D: 180, E: 250, F: 330, G: 420 } as const;
    for (const { data } of citizens) {
      const consumption = data.housing.primaryEnergyConsumption ?? -1;
      expect(consumption).toBeGreaterThanOrEqual(lower[data.housing.energyLabel]);
      expect(consumption).toBeLessThan(upper[data.housing.energyLabel]);
    }
  });

  it('has adults and children whose birth years fit their roles', () => {
    for (const { data } of all()) {
      const birthYear = Number(data.identity.birthDate.slice(0, 4));
      expect(2025 - birthYear).toBeGreaterThanOrEqual(18);
      expect(data.household.members[0]).toEqual({ role: 'adult', birthYear });
      for (const member of data.household.members) {
        if (member.role === 'child') {
          expect(member.birthYear).toBeGreaterThanOrEqual(birthYear + 18);
          expect(member.birthYear).toBeLessThanOrEqual(2025);
        }
      }
      expect(data.income.numberOfChildren).toBe(data.household.members.filter((m) => m.role === 'child').length);
      expect(data.household.size).toBe(data.household.members.length);
    }
  });

  it('lives at addresses of its territory', () => {
    const postalCodes: Record<Territory, RegExp> = {
      lyon: /^6900[1-9]$/,
      nantes: /^44(000|100|200|300)$/,
      larochelle: /^17000$/,
    };
    for (const citizen of all()) {
      expect(citizen.data.identity.address.postalCode).toMatch(postalCodes[citizen.territory]);
      expect(citizen.data.identity.address.district).toBe(citizen.data.household.district);
    }
  });

  it('records a moderate number of trips', () => {
    const counts = all().map((c) => c.data.mobility.trips.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_TRIPS);
    expect(Math.min(...counts)).toBeGreaterThan(30);
  });

  it('travels with a modal split that differs by territory as intended', () => {
    // Only Lyon has a metro; La Rochelle has no tram; ferries on the Loire and in La Rochelle's harbour.
    expect(modalShare('lyon', ['metro'])).toBeGreaterThan(0.08);
    expect(modalShare('nantes', ['metro'])).toBe(0);
    expect(modalShare('larochelle', ['metro', 'tram'])).toBe(0);
    expect(modalShare('lyon', ['ferry'])).toBe(0);
    expect(modalShare('larochelle', ['ferry'])).toBeGreaterThan(modalShare('nantes', ['ferry']));
    // Public transport: Lyon > Nantes > La Rochelle; cycling and driving: La Rochelle highest.
    const transit = ['bus', 'tram', 'metro'] as const;
    expect(modalShare('lyon', transit)).toBeGreaterThan(modalShare('nantes', transit));
    expect(modalShare('nantes', transit)).toBeGreaterThan(modalShare('larochelle', transit));
    expect(modalShare('larochelle', ['bike', 'ebike'])).toBeGreaterThan(modalShare('nantes', ['bike', 'ebike']));
    expect(modalShare('nantes', ['bike', 'ebike'])).toBeGreaterThan(modalShare('lyon', ['bike', 'ebike']));
    expect(modalShare('larochelle', ['car'])).toBeGreaterThan(modalShare('lyon', ['car']));
    expect(modalShare('nantes', ['tram'])).toBeGreaterThan(modalShare('lyon', ['tram']));
  });
});
