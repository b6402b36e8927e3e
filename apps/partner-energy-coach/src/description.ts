import type { ServiceDescriptionInput } from '@sdt/partner-sdk';

/** The service description of the energy coach (validated at start). */
export const ENERGY_COACH_DESCRIPTION: ServiceDescriptionInput = {
  id: 'energy-coach',
  territory: 'nantes',
  name: { fr: 'Coach énergie', en: 'Energy coach' },
  summary: {
    fr: "Compare la consommation d'électricité et de gaz de votre logement à celle de logements semblables (même étiquette DPE, même taille), signale ce qui sort de l'ordinaire et propose des gestes.",
    en: "Compares your home's electricity and gas use with similar homes (same energy label, same size), flags what is unusual and suggests actions.",
  },
  operator: { name: 'Nantes Métropole (démonstration)', url: 'https://metropole.nantes.fr/' },
  contact: { email: 'dpo-demo@nantes.example', url: 'https://metropole.nantes.fr/' },
  purpose: 'ServiceProvision',
  legalBasis: 'Consent',
  dataNeeds: [
    {
      category: 'electricity',
      required: true,
      why: {
        fr: 'Votre consommation quotidienne, comparée aux logements semblables.',
        en: 'Your daily use, compared with similar homes.',
      },
    },
    {
      category: 'housing',
      required: true,
      why: {
        fr: "L'étiquette DPE et la surface définissent les logements semblables.",
        en: 'The energy label and floor area define similar homes.',
      },
    },
    {
      category: 'gas',
      required: false,
      why: { fr: 'Votre consommation de gaz, si vous chauffez au gaz.', en: 'Your gas use, if you heat with gas.' },
    },
    {
      category: 'household',
      required: false,
      why: {
        fr: "Le nombre de personnes, pour l'électricité des appareils.",
        en: 'The number of people, for appliance electricity.',
      },
    },
  ],
  accessDays: 90,
  retentionDays: 30,
  privacyPolicy: 'https://selfdata.nantes.example/services/energy-coach/confidentialite',
};
