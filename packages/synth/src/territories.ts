import type { Territory, TransportMode } from '@sdt/vocab';

/** A quartier with its postal code and a few of its streets. */
export interface District {
  name: string;
  postalCode: string;
  streets: readonly string[];
}

/** Everything territory-specific the generators use. */
export interface TerritoryProfile {
  locality: string;
  districts: readonly District[];
  /**
   * Mean daily temperature (°C) per month, January first. Météo-France climate normals 1991-2020,
   * rounded: Lyon-Bron, Nantes-Bouguenais, La Rochelle-Le Bout Blanc.
   */
  monthlyMeanTemperature: readonly number[];
  /** Share of households living in a flat (INSEE RP 2020, commune-level, rounded). */
  apartmentShare: number;
  /** Share of family-quotient statements issued by the MSA (farm regime) rather than the CAF. */
  msaShare: number;
  /**
   * Modal split of recorded trips (shares, normalised when drawn). Orders of magnitude from the local
   * household travel surveys (EMD Lyon 2015, EDGT Loire-Atlantique 2015, EMD La Rochelle 2011)
   * reshaped for a city-dweller who records trips: Lyon has metro and heavy public transport use;
   * Nantes has tram, busway, a strong bike culture and the Navibus ferries on the Loire; La Rochelle
   * has the highest bike share (Yélo), many car trips and the harbour ferries (bus de mer, passeur).
   */
  modalSplit: Readonly<Record<TransportMode, number>>;
  /** Median distance (km) of a ferry crossing. */
  ferryKm: number;
}

/** Per-territory data, with sources in the comments of {@link TerritoryProfile}. */
export const TERRITORY_PROFILES: Readonly<Record<Territory, TerritoryProfile>> = {
  lyon: {
    locality: 'Lyon',
    districts: [
      {
        name: 'Terreaux - Pentes',
        postalCode: '69001',
        streets: ['rue Burdeau', "rue d'Algérie", 'montée de la Grande-Côte', 'rue Sainte-Catherine'],
      },
      {
        name: "Presqu'île - Confluence",
        postalCode: '69002',
        streets: ['rue Victor Hugo', 'rue de la Charité', 'cours Charlemagne', 'rue Franklin'],
      },
      {
        name: 'Part-Dieu - Montchat',
        postalCode: '69003',
        streets: ['cours Lafayette', 'rue Paul Bert', 'rue Garibaldi', 'cours du Docteur Long'],
      },
      {
        name: 'Croix-Rousse',
        postalCode: '69004',
        streets: [
          'boulevard de la Croix-Rousse',
          'Grande Rue de la Croix-Rousse',
          "rue d'Austerlitz",
          'rue Henri Gorjus',
        ],
      },
      {
        name: 'Vieux Lyon - Point du Jour',
        postalCode: '69005',
        streets: ['rue Saint-Jean', 'rue du Bœuf', 'avenue du Point du Jour', 'montée du Chemin Neuf'],
      },
      {
        name: 'Brotteaux',
        postalCode: '69006',
        streets: ['boulevard des Belges', 'rue Vendôme', 'cours Vitton', 'rue Tronchet'],
      },
      {
        name: 'Guillotière - Gerland',
        postalCode: '69007',
        streets: ['avenue Jean Jaurès', 'rue de Marseille', 'avenue Berthelot', 'rue de Gerland'],
      },
      {
        name: 'Monplaisir - États-Unis',
        postalCode: '69008',
        streets: ['avenue des Frères Lumière', 'rue Villon', 'boulevard des États-Unis', 'avenue Jean Mermoz'],
      },
      {
        name: 'Vaise - La Duchère',
        postalCode: '69009',
        streets: ['rue Marietton', 'rue de Bourgogne', 'avenue Sidoine Apollinaire', 'rue Saint-Pierre de Vaise'],
      },
    ],
    monthlyMeanTemperature: [3.9, 5.2, 9.0, 12.2, 16.2, 20.1, 22.6, 22.2, 17.9, 13.6, 8.1, 4.6],
    apartmentShare: 0.85,
    msaShare: 0.03,
    modalSplit: {
      walk: 0.3,
      bike: 0.06,
      ebike: 0.02,
      bus: 0.08,
      tram: 0.08,
      metro: 0.14,
      train: 0.02,
      car: 0.24,
      carpool: 0.03,
      motorbike: 0.03,
      ferry: 0,
    },
    ferryKm: 1,
  },
  nantes: {
    locality: 'Nantes',
    districts: [
      {
        name: 'Centre-ville',
        postalCode: '44000',
        streets: ['rue Crébillon', 'rue de Strasbourg', 'cours des Cinquante Otages', 'rue du Calvaire'],
      },
      {
        name: 'Hauts-Pavés - Saint-Félix',
        postalCode: '44000',
        streets: ['rue des Hauts-Pavés', 'rue Félibien', 'boulevard Michelet', 'rue Paul Bellamy'],
      },
      {
        name: 'Malakoff - Saint-Donatien',
        postalCode: '44000',
        streets: ['rue du Général Buat', 'boulevard de Sarrebruck', 'rue Saint-Donatien', 'rue de Coulmiers'],
      },
      {
        name: 'Bellevue - Chantenay - Sainte-Anne',
        postalCode: '44100',
        streets: ["boulevard de l'Égalité", 'rue de la Marseillaise', 'boulevard Jean Moulin', 'rue des Garennes'],
      },
      {
        name: 'Dervallières - Zola',
        postalCode: '44100',
        streets: ['boulevard Émile Romanet', 'rue Émile Zola', 'rue de Koufra', 'rue Ampère'],
      },
      {
        name: 'Île de Nantes',
        postalCode: '44200',
        streets: [
          'boulevard Général de Gaulle',
          'quai François Mitterrand',
          'rue La Noue Bras de Fer',
          'boulevard de la Prairie au Duc',
        ],
      },
      {
        name: 'Nantes Sud',
        postalCode: '44200',
        streets: ['route de Clisson', 'rue Saint-Jacques', 'rue des Naudières', 'rue de la Ripossière'],
      },
      {
        name: 'Breil - Barberie',
        postalCode: '44300',
        streets: ['boulevard Robert Schuman', 'rue du Breil', 'rue de la Barberie', 'rue Charles Brunellière'],
      },
      {
        name: 'Nantes Nord',
        postalCode: '44300',
        streets: [
          'route de la Chapelle-sur-Erdre',
          'boulevard Le Lasseur',
          'rue du Bout des Landes',
          'rue de la Boissière',
        ],
      },
      {
        name: 'Nantes Erdre',
        postalCode: '44300',
        streets: ['route de Saint-Joseph', 'rue de la Jonelière', 'boulevard de la Beaujoire', 'rue du Port-Boyer'],
      },
      {
        name: 'Doulon - Bottière',
        postalCode: '44300',
        streets: ['boulevard Jules Verne', 'route de Sainte-Luce', 'rue de la Bottière', 'rue du Croissant'],
      },
    ],
    monthlyMeanTemperature: [6.1, 6.6, 9.0, 11.2, 14.6, 17.8, 19.8, 19.7, 16.8, 13.4, 9.2, 6.6],
    apartmentShare: 0.72,
    msaShare: 0.04,
    modalSplit: {
      walk: 0.25,
      bike: 0.09,
      ebike: 0.03,
      bus: 0.09,
      tram: 0.13,
      metro: 0,
      train: 0.02,
      car: 0.31,
      carpool: 0.04,
      motorbike: 0.03,
      ferry: 0.01,
    },
    ferryKm: 0.5,
  },
  larochelle: {
    locality: 'La Rochelle',
    districts: [
      {
        name: 'Centre-ville',
        postalCode: '17000',
        streets: ['rue du Palais', 'rue Chaudrier', 'quai Duperré', 'rue des Merciers'],
      },
      {
        name: 'Les Minimes',
        postalCode: '17000',
        streets: ['avenue du Lazaret', 'avenue Michel Crépeau', 'rue de la Désirée', 'quai Lous Lauriers'],
      },
      {
        name: 'Tasdon',
        postalCode: '17000',
        streets: ['rue de Tasdon', 'avenue Jean Moulin', 'rue Albert Camus', 'rue du Corps de Garde'],
      },
      {
        name: 'Mireuil',
        postalCode: '17000',
        streets: ['avenue du Président Kennedy', 'place du 8 Mai 1945', 'rue de Mireuil', 'avenue de Saint-Nazaire'],
      },
      {
        name: 'Villeneuve-les-Salines',
        postalCode: '17000',
        streets: ['avenue de Bourgogne', 'rue de Provence', 'avenue du Limousin', 'rue de Bretagne'],
      },
      {
        name: 'Laleu - La Pallice',
        postalCode: '17000',
        streets: ['avenue Émile Delmas', 'rue de Laleu', 'boulevard Georges Clemenceau', 'rue du Lieutenant Dumont'],
      },
      {
        name: 'Port-Neuf',
        postalCode: '17000',
        streets: ['boulevard Émile Normandin', 'avenue Jean Guiton', 'rue du Port-Neuf', 'allée du Mail'],
      },
      {
        name: 'La Genette',
        postalCode: '17000',
        streets: ['rue de la Genette', 'avenue Carnot', 'rue Alcide d’Orbigny', 'rue de Suède'],
      },
      {
        name: 'Fétilly - Saint-Maurice',
        postalCode: '17000',
        streets: ['avenue de Fétilly', 'rue de Saint-Maurice', 'avenue des Cordeliers', 'rue Gambetta'],
      },
    ],
    monthlyMeanTemperature: [7.0, 7.4, 10.0, 12.3, 15.8, 19.1, 21.1, 21.1, 18.5, 15.0, 10.4, 7.6],
    apartmentShare: 0.65,
    msaShare: 0.08,
    modalSplit: {
      walk: 0.2,
      bike: 0.15,
      ebike: 0.05,
      bus: 0.07,
      tram: 0,
      metro: 0,
      train: 0.02,
      car: 0.39,
      carpool: 0.04,
      motorbike: 0.03,
      ferry: 0.05,
    },
    ferryKm: 1.6,
  },
};
