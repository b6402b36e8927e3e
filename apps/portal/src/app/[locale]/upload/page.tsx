import { ComingSoon } from '../../../components/ComingSoon.tsx';

/** Placeholder until the library this page needs has landed (see README). */
export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return <ComingSoon locale={locale} page="upload" />;
}
