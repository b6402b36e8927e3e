'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { PodError } from '@sdt/pod';
import { fail, formToObject, parseInput, type ActionResult } from '../../lib/ActionResult.ts';
import { deleteCategoryInputSchema, eraseAllInputSchema } from '../../lib/schemas.ts';
import { getCitizenSession } from '../../server/auth.ts';
import { erasePodData } from '../../server/erasePodData.ts';

// Server actions: Next checks that the request's Origin is the portal's host (CSRF); each action also
// checks the session and validates its input, and answers `{ ok: false, code, fieldErrors }`.

const returnToSchema = z.enum(['data', 'export']).catch('data');

function podFailure(error: unknown): ActionResult<never> {
  if (PodError.isInstance(error) && error.code === 'forbidden') return fail('pod-refused');
  if (PodError.isInstance(error) && error.code === 'server-unreachable') return fail('pod-unreachable');
  return fail('failed');
}

/**
 * Deletes one category's data (form fields `category`, `confirm=on`, `locale`, `returnTo`), then shows
 * the page it came from with a confirmation.
 */
export async function deleteCategoryAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const fields = formToObject(form);
  const input = parseInput(deleteCategoryInputSchema, fields);
  if (!input.ok) return input;
  const { category, locale } = input.value;
  try {
    await erasePodData(citizen, [category]);
  } catch (error: unknown) {
    return podFailure(error);
  }
  redirect(`/${locale}/${returnToSchema.parse(fields.returnTo)}?erased=${category}`);
}

/** Erases every category's data (form fields `confirm=on`, `locale`). */
export async function eraseAllAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const input = parseInput(eraseAllInputSchema, formToObject(form));
  if (!input.ok) return input;
  try {
    await erasePodData(citizen);
  } catch (error: unknown) {
    return podFailure(error);
  }
  redirect(`/${input.value.locale}/export?erased=all`);
}
