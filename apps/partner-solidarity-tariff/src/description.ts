import type { ServiceDescriptionInput } from '@sdt/partner-sdk';

/** The service description of the solidarity-tariff service (validated at start). */
export const SOLIDARITY_TARIFF_DESCRIPTION: ServiceDescriptionInput = {
  id: 'solidarity-tariff',
  territory: 'lyon',
  name: { fr: 'Tarifs solidaires transports et eau', en: 'Solidarity transport and water tariffs' },
  summary: {
    fr: "Vérifie si votre foyer a droit à la tarification solidaire des transports en commun et à l'aide sociale à l'eau, et à quel niveau, à partir de la composition du foyer et du quotient familial.",
    en: 'Checks whether your household is entitled to the solidarity public-transport tariff and the social water aid, and at which level, from its composition and family quotient.',
  },
  operator: { name: 'Métropole de Lyon (démonstration)', url: 'https://www.grandlyon.com/' },
  contact: { email: 'dpo-demo@lyon.example', url: 'https://www.grandlyon.com/' },
  purpose: 'PersonalisedBenefits',
  legalBasis: 'Consent',
  dataNeeds: [
    {
      category: 'income',
      required: true,
      why: {
        fr: 'Le quotient familial CAF ou MSA détermine le niveau du tarif.',
        en: 'The CAF or MSA family quotient sets the tariff level.',
      },
    },
    {
      category: 'household',
      required: true,
      why: {
        fr: "La composition du foyer indique combien de personnes ont droit à l'abonnement et le montant de l'aide à l'eau.",
        en: 'The household composition tells how many people get the pass and the amount of the water aid.',
      },
    },
  ],
  accessDays: 30,
  retentionDays: 30,
  privacyPolicy: 'https://selfdata.lyon.example/services/solidarity-tariff/confidentialite',
};
