import { getTranslations } from 'next-intl/server';
import { localName } from '../lib/accessLogView.ts';

/**
 * A DPV purpose or legal basis (or GDPR article) as a sentence, or its IRI as text when the portal has no
 * sentence for it.
 */
export async function TermSentence({ kind, iri }: { kind: 'purposes' | 'legalBases'; iri: string }) {
  const t = await getTranslations('terms');
  const key = `${kind}.${localName(iri)}`;
  return <>{t.has(key as 'purposes.ServiceProvision') ? t(key as 'purposes.ServiceProvision') : iri}</>;
}
