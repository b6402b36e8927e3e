import { describe, expect, it } from 'vitest';
import type { FamilyQuotientStatement, Household } from '@sdt/vocab';
import { decideSolidarityTariffs, transportBandOf, waterAidOf } from './rules.ts';

const household: Household = {
  size: 3,
  district: 'Vaise',
  members: [
    { role: 'adult', birthYear: 1986 },
    { role: 'child', birthYear: 2013 },
    { role: 'child', birthYear: 2023 },
  ],
};
const income = (familyQuotient: number, date = '2026-10-01'): FamilyQuotientStatement => ({
  familyQuotient,
  numberOfChildren: 2,
  allocataires: ['Sophie Moreau'],
  date,
  provider: 'CAF',
});

describe('solidarity tariff rules', () => {
  it('puts the family quotient in the free, reduced or full band at the ceilings', () => {
    expect(transportBandOf(0)).toBe('gratuit');
    expect(transportBandOf(400)).toBe('gratuit');
    expect(transportBandOf(401)).toBe('reduit');
    expect(transportBandOf(800)).toBe('reduit');
    expect(transportBandOf(801)).toBe('non-eligible');
  });

  it('grows the water aid with the household and caps it', () => {
    expect(waterAidOf(640, 1)).toBe(40);
    expect(waterAidOf(640, 3)).toBe(80);
    expect(waterAidOf(640, 9)).toBe(140);
    expect(waterAidOf(801, 3)).toBe(0);
  });

  it('gives a pass to every member aged 4 or more, and counts the saving', () => {
    const decision = decideSolidarityTariffs(household, income(640), '2026-11-28');
    expect(decision).toMatchObject({
      transportBand: 'reduit',
      passHolders: 2,
      transportMonthlyCost: 20,
      transportMonthlySaving: 116,
      waterAid: 80,
      attestationOutdated: false,
    });
  });

  it('marks a decision provisional when the attestation is older than 12 months', () => {
    expect(decideSolidarityTariffs(household, income(350, '2025-11-27'), '2026-11-28').attestationOutdated).toBe(true);
  });
});
