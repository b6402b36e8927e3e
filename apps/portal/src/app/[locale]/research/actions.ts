'use server';

import { redirect } from 'next/navigation';
import { optInToStudy, optOutOfStudy, StudyError } from '@sdt/research';
import { fail, formToObject, parseInput, type ActionResult } from '../../../lib/ActionResult.ts';
import { studyConsentInputSchema } from '../../../lib/researchSchemas.ts';
import { getCitizenSession } from '../../../server/auth.ts';
import { getPlatformServers, readPlatformStudy } from '../../../server/research.ts';

// Opt-in and opt-out of the research page (Next checks the Origin of server actions). The form only
// names the study's IRI: the study is re-read here from one of the platform's registries.

async function readInput(form: FormData) {
  const citizen = await getCitizenSession();
  if (!citizen) return { result: fail('unauthenticated') } as const;
  const input = parseInput(studyConsentInputSchema, formToObject(form));
  if (!input.ok) return { result: input } as const;
  const found = await readPlatformStudy(input.value.study);
  if (!found) return { result: fail('not-found', { study: ['unknown-study'] }) } as const;
  return { citizen, study: found.study, territory: found.territory, locale: input.value.locale } as const;
}

/**
 * Opts the citizen in to a study: a grant from their pod to the territory's research engine (its
 * WebID and the study's client, never the researcher), for the study's categories until its end.
 */
export async function optInAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const input = await readInput(form);
  if ('result' in input) return input.result;
  const { citizen, study, territory, locale } = input;
  try {
    await optInToStudy(study, citizen, { platformServers: getPlatformServers() });
  } catch (error: unknown) {
    if (StudyError.isInstance(error) && error.code === 'expired-study') return fail('invalid-request', { study: ['study-ended'] });
    return fail('pod-unreachable');
  }
  redirect(`/${locale}/research?joined=${encodeURIComponent(study.slug)}#study-${territory}-${study.slug}`);
}

/** Opts the citizen out of a study: revokes every active grant of the pod to the study's engine client. */
export async function optOutAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const input = await readInput(form);
  if ('result' in input) return input.result;
  const { citizen, study, territory, locale } = input;
  try {
    await optOutOfStudy(study, citizen, { platformServers: getPlatformServers() });
  } catch {
    return fail('pod-unreachable');
  }
  redirect(`/${locale}/research?left=${encodeURIComponent(study.slug)}#study-${territory}-${study.slug}`);
}
