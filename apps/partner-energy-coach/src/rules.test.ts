import { describe, expect, it } from 'vitest';
import type { Dwelling, EnergyReading, GasReading } from '@sdt/vocab';
import { adviseHousehold, annualise, sizeBandOf } from './rules.ts';

const house: Dwelling = { floorArea: 112, energyLabel: 'E', heatingEnergy: 'gas', tenure: 'owner', yearBuilt: 1978 };

function days(count: number, kWh: (index: number) => number): EnergyReading[] {
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(Date.UTC(2026, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
    return { start: `${day}T00:00:00+01:00`, interval: 'P1D', kWh: kWh(index) };
  });
}

describe('energy coach rules', () => {
  it('puts a floor area in its size band', () => {
    expect(sizeBandOf(49.9).label).toBe('moins de 50 m²');
    expect(sizeBandOf(80).label).toBe('de 80 à 119 m²');
    expect(sizeBandOf(300).label).toBe('120 m² ou plus');
  });

  it('scales fewer than 365 days to a year', () => {
    expect(annualise(days(73, () => 10))).toEqual({ annualKWh: 3650, days: 73 });
  });

  it('compares electricity and gas with homes of the same label and size band', () => {
    const gas: GasReading[] = days(365, () => 100).map((r) => ({ ...r }));
    const advice = adviseHousehold(
      house,
      days(365, () => 9.6),
      gas,
      4,
    );
    expect(advice.group).toBe('logements de classe E de 80 à 119 m²');
    // 290 kWh/m2 x 0.95 x 112 m2 = 30,856 kWh of gas for a similar home; 36,500 is within 25 %.
    expect(advice.gas).toMatchObject({ annualKWh: 36500, referenceKWh: 30856, verdict: 'dans la moyenne' });
    // 3,500 kWh of appliances for four people; 3,504 is the same.
    expect(advice.electricity).toMatchObject({ annualKWh: 3504, referenceKWh: 3500, verdict: 'dans la moyenne' });
    expect(advice.suggestions.some((s) => s.includes('France Rénov'))).toBe(true);
  });

  it('flags high use and unusual days, and suggests actions', () => {
    const advice = adviseHousehold(
      house,
      days(60, (i) => (i === 10 ? 60 : 15)),
      days(60, () => 200),
      undefined,
    );
    expect(advice.electricity.verdict).toBe('élevée');
    expect(advice.gas?.verdict).toBe('élevée');
    expect(advice.unusualDays).toEqual([{ day: '2026-01-11', kWh: 60 }]);
    expect(advice.personsAssumed).toBe(true);
    expect(advice.suggestions.join(' ')).toMatch(/1 °C.*chaudière.*veilles.*2026-01-11/s);
  });
});
