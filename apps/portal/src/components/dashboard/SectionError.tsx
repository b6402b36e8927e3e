import { getTranslations } from 'next-intl/server';
import { PodError } from '@sdt/pod';

/**
 * What a dashboard section shows when its data cannot be read: unreadable data (not the expected shape)
 * or an unreachable pod server, in words; never the error's details.
 */
export async function SectionError({ error }: { error: unknown }) {
  const t = await getTranslations('dashboard');
  const code = PodError.isInstance(error) && error.code === 'invalid-data' ? 'invalid' : 'unavailable';
  return (
    <p className="alert" role="alert">
      {t(`errors.${code}`)}
    </p>
  );
}
