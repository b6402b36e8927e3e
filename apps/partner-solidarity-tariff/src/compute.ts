import { PartnerError, formatNumber, html, readHousehold, readIncome, type ComputeOutcome } from '@sdt/partner-sdk';
import { BAND_LABELS, decideSolidarityTariffs, type SolidarityDecision } from './rules.ts';

/** Reads the household and family quotient under the grant and decides the tariffs. */
export const computeSolidarityTariff: ComputeOutcome<SolidarityDecision> = async (session, citizen) => {
  const household = await readHousehold(session, citizen);
  const income = await readIncome(session, citizen);
  if (!Number.isFinite(income.familyQuotient) || income.familyQuotient < 0) {
    throw new PartnerError('invalid-data', `income.familyQuotient: ${income.familyQuotient} is not an amount >= 0.`);
  }
  if (household.size < 1 || household.members.length === 0) {
    throw new PartnerError(
      'invalid-data',
      `household.size: a household of ${household.size} with ${household.members.length} members cannot be assessed.`,
    );
  }
  const today = session.now().toISOString().slice(0, 10);
  const decision = decideSolidarityTariffs(household, income, today);
  const summary =
    `transport: ${decision.transportBand} (${decision.passHolders} pass(es), ${decision.transportMonthlyCost} EUR/month), ` +
    `water aid: ${decision.waterEligible ? `${decision.waterAid} EUR/year` : 'not eligible'}, from family quotient ${decision.familyQuotient} and a household of ${decision.householdSize}`;
  return {
    result: decision,
    summary,
    dataUsed: [
      {
        label: 'Quotient familial',
        value: `${formatNumber(income.familyQuotient)} € par mois (${income.provider}, attestation du ${income.date})`,
      },
      { label: 'Taille du foyer', value: `${household.size} personne(s)` },
      { label: 'Membres de 4 ans ou plus', value: `${decision.passHolders}` },
      { label: "Enfants à charge (selon l'attestation)", value: `${income.numberOfChildren}` },
    ],
    html: html` <p>
        <strong>Transports en commun : ${BAND_LABELS[decision.transportBand]}.</strong> ${decision.passHolders}
        abonnement(s) pour le foyer, soit ${formatNumber(decision.transportMonthlyCost)} € par
        mois${decision.transportMonthlySaving > 0 ? html` (${formatNumber(decision.transportMonthlySaving)} € d'économie par mois par rapport au plein tarif)` : ''}.
      </p>
      <p>
        <strong
          >Eau :
          ${decision.waterEligible ? html`aide de ${formatNumber(decision.waterAid)} € par an.` : "pas d'aide (quotient familial au-dessus du plafond)."}</strong
        >
      </p>
      ${decision.attestationOutdated ? html`<p>Votre attestation de quotient familial date de plus de 12 mois : cette décision est provisoire, mettez-la à jour dans votre espace.</p>` : ''}`,
  };
};
