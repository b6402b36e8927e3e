'use server';

import type { Territory } from '@sdt/vocab';
import { fail, parseInput, type ActionResult } from '../../../../../lib/ActionResult.ts';
import {
  createStudyFormSchema,
  formFieldOfStudyField,
  studyFormToObject,
  toStudyInput,
} from '../../../../../lib/studyForm.ts';
import { getCitizenSession } from '../../../../../server/auth.ts';
import { publishStudyAsResearcher } from '../../../../../server/researchPublishing.ts';

/**
 * Publishes a study from the researcher space (Next checks the Origin of server actions): signed in,
 * the form valid (zod, field errors as codes), the signed-in WebID accredited by the chosen territory;
 * then the territory's research engine publishes it with that WebID as its researcher. A registry
 * refusal (`invalid-study`) comes back on the field it names, as `detail:<message>` after its code;
 * a taken slug on `slug`. On success, the path of the new study's workbench (the form opens it).
 */
export async function publishStudyAction(
  _previous: ActionResult<string> | null,
  form: FormData,
): Promise<ActionResult<string>> {
  const researcher = await getCitizenSession();
  if (!researcher) return fail('unauthenticated');
  const input = parseInput(createStudyFormSchema(), studyFormToObject(form));
  if (!input.ok) return input;
  const value = input.value;
  const territory = value.territory as Territory;
  const outcome = await publishStudyAsResearcher(territory, researcher.webId, toStudyInput(value));
  if (!outcome.ok) {
    switch (outcome.reason) {
      case 'not-accredited':
        return fail('invalid-request', { territory: ['not-accredited'] });
      case 'slug-taken':
        return fail('invalid-input', { slug: ['slug-taken'] });
      case 'invalid-study':
        return fail('invalid-input', {
          [formFieldOfStudyField(outcome.field)]: ['registry-refused', `detail:${outcome.message}`],
        });
      default:
        return fail('failed', { _: ['engine-unreachable'] });
    }
  }
  // The page to open, rather than redirect(): a soft navigation would render the workbench with another
  // request's CSP nonce than the document's, and the editor's styles would be refused.
  return { ok: true, value: `/${value.locale}/research/studies/${territory}/${outcome.study.slug}?published=1` };
}
