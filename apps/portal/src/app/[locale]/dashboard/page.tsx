import { requireCitizenSession } from '../../../server/auth.ts';

export default async function DashboardPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const citizen = await requireCitizenSession(locale);
  return <main id="main" className="container page"><h1>Dashboard {citizen.podUrl}</h1></main>;
}
