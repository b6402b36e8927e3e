import type { Random } from './Random.ts';

/**
 * French given names popular in each birth decade (INSEE "Fichier des prénoms", most frequent names
 * by decade of birth, abridged). Keys are the first year of the decade.
 */
const GIVEN_NAMES: Readonly<Record<number, { female: readonly string[]; male: readonly string[] }>> = {
  1930: {
    female: ['Jeanne', 'Marie', 'Monique', 'Simone', 'Yvonne'],
    male: ['Jean', 'André', 'Pierre', 'René', 'Marcel'],
  },
  1940: {
    female: ['Monique', 'Jacqueline', 'Françoise', 'Danielle', 'Nicole'],
    male: ['Jean', 'Michel', 'Claude', 'Jacques', 'Bernard'],
  },
  1950: {
    female: ['Martine', 'Françoise', 'Christiane', 'Annie', 'Catherine'],
    male: ['Michel', 'Jean-Pierre', 'Alain', 'Gérard', 'Daniel'],
  },
  1960: {
    female: ['Sylvie', 'Isabelle', 'Brigitte', 'Catherine', 'Véronique'],
    male: ['Philippe', 'Patrick', 'Pascal', 'Thierry', 'Éric'],
  },
  1970: {
    female: ['Nathalie', 'Sandrine', 'Stéphanie', 'Valérie', 'Céline'],
    male: ['Stéphane', 'Christophe', 'Sébastien', 'Frédéric', 'Laurent'],
  },
  1980: {
    female: ['Aurélie', 'Émilie', 'Julie', 'Élodie', 'Karima'],
    male: ['Nicolas', 'Julien', 'Mickaël', 'Mehdi', 'Guillaume'],
  },
  1990: {
    female: ['Camille', 'Laura', 'Manon', 'Sarah', 'Inès'],
    male: ['Thomas', 'Kevin', 'Alexandre', 'Maxime', 'Yanis'],
  },
  2000: { female: ['Léa', 'Chloé', 'Emma', 'Océane', 'Lina'], male: ['Lucas', 'Hugo', 'Théo', 'Enzo', 'Mathis'] },
  2010: { female: ['Emma', 'Louise', 'Jade', 'Alice', 'Lou'], male: ['Gabriel', 'Louis', 'Raphaël', 'Jules', 'Adam'] },
  2020: { female: ['Jade', 'Ambre', 'Rose', 'Alba', 'Romy'], male: ['Léo', 'Gabriel', 'Raphaël', 'Noah', 'Arthur'] },
};

/**
 * Frequent French family names (INSEE, most frequent names of people born 1891-1990, abridged) plus
 * names common in the west (Brittany, Vendée) and among families with roots elsewhere.
 */
const FAMILY_NAMES: readonly string[] = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Masson',
  'Marchand',
  'Duval',
  'Le Gall',
  'Le Goff',
  'Guillou',
  'Le Roux',
  'Hervé',
  'Tessier',
  'Rivière',
  'Brunet',
  'Barbier',
  'Arnaud',
  'Nguyen',
  'Haddad',
  'Benali',
  'Da Silva',
  'Ferreira',
  'Diallo',
  'Lopez',
  'Martinez',
  'Kaya',
  'Mendy',
];

/** Sex used only to pick a plausible given name (not part of the model). */
export type NameSex = 'female' | 'male';

/** @returns a given name plausible for someone born in `birthYear`. */
export function pickGivenName(random: Random, birthYear: number, sex: NameSex): string {
  const decade = Math.min(2020, Math.max(1930, Math.floor(birthYear / 10) * 10));
  const names = GIVEN_NAMES[decade];
  if (!names) throw new RangeError(`no given names for decade ${decade}`);
  return random.pick(names[sex]);
}

/** @returns a family name. */
export function pickFamilyName(random: Random): string {
  return random.pick(FAMILY_NAMES);
}

/** @returns a name in the provider style of CAF answers: upper case, no accents, family name first. */
export function formatAllocataireName(givenName: string, familyName: string): string {
  return `${familyName} ${givenName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}
