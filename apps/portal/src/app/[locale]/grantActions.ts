'use server';

import { redirect } from 'next/navigation';
import { GrantsError, approveRequest, denyRequest, revokeGrant } from '@sdt/grants';
import { getEnv } from '../../env.ts';
import { fail, formToObject, parseInput, type ActionResult } from '../../lib/ActionResult.ts';
import { answerRequestInputSchema, podIriSchema, revokeGrantInputSchema } from '../../lib/schemas.ts';
import { getCitizenSession } from '../../server/auth.ts';

// Server actions of the consent screens (Next checks the Origin; each action checks the session and
// validates its input, and answers `{ ok: false, code, fieldErrors }`).

function grantsFailure(error: unknown): ActionResult<never> {
  if (GrantsError.isInstance(error)) {
    const field = (error as { field?: string }).field;
    if (error.code === 'invalid-argument' && field) return fail('invalid-input', { [field]: [`grants-${field}`] });
    if (error.code === 'already-answered') return fail('already-answered');
    if (error.code === 'not-found') return fail('not-found');
    if (error.code === 'invalid-request') return fail('invalid-request');
  }
  return fail('failed');
}

/**
 * Approves (as asked, or narrower: a subset of `categories`, an earlier `until` day) or denies an access
 * request (`decision` = approve | deny, from the button pressed).
 */
export async function answerRequestAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const fields = formToObject(form);
  const input = parseInput(answerRequestInputSchema, { ...fields, categories: form.getAll('categories') });
  if (!input.ok) return input;
  const { requestIri, decision, categories, until, locale } = input.value;
  const inPod = podIriSchema(citizen.podUrl, '').safeParse(requestIri);
  if (!inPod.success) return fail('invalid-input', { requestIri: ['not-in-pod'] });
  const options = {
    fetch: citizen.fetch,
    webId: citizen.webId,
    platformServers: Object.values(getEnv().territoryUrls),
  };
  try {
    if (decision === 'deny') {
      await denyRequest(requestIri, options);
    } else {
      // An end day means access stops at the start of that day, Paris time.
      await approveRequest(requestIri, {
        ...options,
        categories,
        ...(until ? { until: new Date(`${until}T00:00:00+01:00`).toISOString() } : {}),
      });
    }
  } catch (error: unknown) {
    return grantsFailure(error);
  }
  redirect(`/${locale}/${decision === 'deny' ? 'requests?answered=denied' : 'grants?answered=approved'}`);
}

/** Revokes a grant: access stops at once and the service is told (a consent-withdrawn receipt). */
export async function revokeGrantAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const input = parseInput(revokeGrantInputSchema, formToObject(form));
  if (!input.ok) return input;
  if (!podIriSchema(citizen.podUrl, 'grants/').safeParse(input.value.grantIri).success) {
    return fail('invalid-input', { grantIri: ['not-in-pod'] });
  }
  try {
    await revokeGrant(input.value.grantIri, {
      fetch: citizen.fetch,
      webId: citizen.webId,
      platformServers: Object.values(getEnv().territoryUrls),
    });
  } catch (error: unknown) {
    return grantsFailure(error);
  }
  redirect(`/${input.value.locale}/grants?answered=revoked`);
}
