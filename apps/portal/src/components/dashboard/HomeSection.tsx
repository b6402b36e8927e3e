import { getTranslations } from 'next-intl/server';
import type { Dwelling, Household } from '@sdt/vocab';
import { createFormatters } from '../../lib/formatters.ts';
import type { CitizenSession } from '../../server/auth.ts';
import { loadSingle } from '../../server/podData.ts';
import { SectionError } from './SectionError.tsx';

/** Household and housing in a few facts (as text: pod values are untrusted and shown as text only). */
export async function HomeSection({ citizen, locale }: { citizen: CitizenSession; locale: string }) {
  const t = await getTranslations('dashboard');
  const f = createFormatters(locale);
  let household: Household | undefined;
  let dwelling: Dwelling | undefined;
  try {
    [household, dwelling] = await Promise.all([loadSingle(citizen, 'household'), loadSingle(citizen, 'housing')]);
  } catch (error: unknown) {
    return <SectionError error={error} />;
  }
  if (!household && !dwelling) return <p>{t('noData')}</p>;
  const adults = household?.members.filter((member) => member.role === 'adult').length ?? 0;
  const children = household?.members.filter((member) => member.role === 'child').length ?? 0;
  return (
    <div className="grid">
      {household && (
        <dl className="card facts" data-household>
          <div><dt>{t('home.size')}</dt><dd>{t('home.people', { count: household.size })}</dd></div>
          <div><dt>{t('home.members')}</dt><dd>{t('home.adultsChildren', { adults, children })}</dd></div>
          <div><dt>{t('home.district')}</dt><dd>{household.district}</dd></div>
        </dl>
      )}
      {dwelling && (
        <dl className="card facts" data-housing>
          <div><dt>{t('home.floorArea')}</dt><dd>{f.number(dwelling.floorArea, 0)} m²</dd></div>
          <div><dt>{t('home.energyLabel')}</dt><dd>{dwelling.energyLabel}{dwelling.greenhouseGasLabel ? ` (${t('home.ghgLabel')} ${dwelling.greenhouseGasLabel})` : ''}</dd></div>
          <div><dt>{t('home.heating')}</dt><dd>{t(`heating.${dwelling.heatingEnergy}` as 'heating.gas')}</dd></div>
          <div><dt>{t('home.tenure')}</dt><dd>{t(`tenure.${dwelling.tenure}` as 'tenure.owner')}</dd></div>
          {dwelling.yearBuilt !== undefined && <div><dt>{t('home.yearBuilt')}</dt><dd>{dwelling.yearBuilt}</dd></div>}
        </dl>
      )}
    </div>
  );
}
