import type { Territory } from '@sdt/vocab';
import type { ProfileSpec } from './profile.ts';

/**
 * The named demo citizens, one per territory, written to make each territory's demo service show
 * something: every one heats with gas (so that the gas category is populated) and records trips.
 * - Lyon (solidarity tariff, fuel poverty): a single mother of two, private tenant of a poorly
 *   insulated 1962 flat (label F), family quotient 640 EUR.
 * - Nantes (energy coach): a couple with two children in a 1978 house, label E, 112 m2.
 * - La Rochelle (CO2 coach): a couple with a toddler, commuting by car, in a 1996 flat, label D.
 */
export const DEMO_PROFILES: Readonly<Record<Territory, ProfileSpec>> = {
  lyon: {
    givenName: 'Sophie',
    familyName: 'Moreau',
    sex: 'female',
    birthDate: '1986-04-12',
    householdType: 'single-parent',
    childBirthYears: [2013, 2017],
    districtName: 'Vaise - La Duchère',
    streetAddress: '14 rue Marietton',
    familyQuotient: 640,
    provider: 'CAF',
    isApartment: true,
    housing: { floorArea: 64, energyLabel: 'F', heatingEnergy: 'gas', tenure: 'tenant', yearBuilt: 1962 },
    commutes: true,
  },
  nantes: {
    givenName: 'Claire',
    familyName: 'Le Goff',
    sex: 'female',
    birthDate: '1982-09-03',
    householdType: 'couple-children',
    partner: { givenName: 'Julien', familyName: 'Le Goff', birthYear: 1980 },
    childBirthYears: [2011, 2015],
    districtName: 'Doulon - Bottière',
    streetAddress: '27 rue de la Bottière',
    familyQuotient: 1250,
    provider: 'CAF',
    isApartment: false,
    housing: { floorArea: 112, energyLabel: 'E', heatingEnergy: 'gas', tenure: 'owner', yearBuilt: 1978 },
    commutes: true,
  },
  larochelle: {
    givenName: 'Thomas',
    familyName: 'Rivière',
    sex: 'male',
    birthDate: '1990-06-21',
    householdType: 'couple-children',
    partner: { givenName: 'Manon', familyName: 'Guillou', birthYear: 1991 },
    childBirthYears: [2023],
    districtName: 'Les Minimes',
    streetAddress: '8 avenue Michel Crépeau',
    familyQuotient: 1080,
    provider: 'CAF',
    isApartment: true,
    housing: { floorArea: 74, energyLabel: 'D', heatingEnergy: 'gas', tenure: 'owner', yearBuilt: 1996 },
    commutes: true,
  },
};
