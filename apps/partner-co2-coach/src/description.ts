import type { ServiceDescriptionInput } from '@sdt/partner-sdk';

/** The service description of the CO2 coach (validated at start). */
export const CO2_COACH_DESCRIPTION: ServiceDescriptionInput = {
  id: 'co2-coach',
  territory: 'larochelle',
  name: { fr: 'Coach CO2 des déplacements', en: 'Trip CO2 coach' },
  summary: {
    fr: 'Calcule les émissions de CO2 de vos trajets par mode et par mois, les compare à la moyenne du territoire et propose des modes moins carbonés pour vos trajets en voiture.',
    en: 'Computes the CO2 of your trips by mode and month, compares it with the territory average and suggests lower-carbon modes for your car trips.',
  },
  operator: { name: 'Agglomération de La Rochelle (démonstration)', url: 'https://www.agglo-larochelle.fr/' },
  contact: { email: 'dpo-demo@larochelle.example', url: 'https://www.agglo-larochelle.fr/' },
  purpose: 'ServiceProvision',
  legalBasis: 'Consent',
  dataNeeds: [
    {
      category: 'mobility',
      required: true,
      why: {
        fr: 'Vos trajets (mode, distance, date) pour calculer leurs émissions.',
        en: 'Your trips (mode, distance, date) to compute their emissions.',
      },
    },
  ],
  accessDays: 60,
  retentionDays: 30,
  privacyPolicy: 'https://selfdata.larochelle.example/services/co2-coach/confidentialite',
};
