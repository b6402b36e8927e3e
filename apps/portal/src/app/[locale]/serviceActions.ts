'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { GrantsError, discoverInbox, sendAccessRequest } from '@sdt/grants';
import {
  ServiceDescriptionError,
  accessRequestFor,
  buildClientIdDocument,
  listRegisteredServices,
  registerService,
  registryOperator,
  validateServiceDescription,
  type ServiceDescription,
} from '@sdt/partner-sdk';
import { CATEGORY_NAMES, LEGAL_BASES, PURPOSES, TERRITORIES, type Territory } from '@sdt/vocab';
import { getEnv } from '../../env.ts';
import { fail, formToObject, parseInput, type ActionResult } from '../../lib/ActionResult.ts';
import { describeDescriptionIssue } from '../../lib/describeDescriptionIssue.ts';
import { connectServiceInputSchema, registerServiceInputSchema } from '../../lib/serviceSchemas.ts';
import { getCitizenSession } from '../../server/auth.ts';

// Server actions of the service catalogue and the partner console (Next checks the Origin; each action
// checks the session and validates its input; registry data is re-read here, never taken from the form).

const localName = (iri: string): string => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/**
 * "Connect this service": puts the request the service declared in the citizen's own inbox (as the
 * citizen), then shows the consent screen where it appears.
 */
export async function connectServiceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const input = parseInput(connectServiceInputSchema, formToObject(form));
  if (!input.ok) return input;
  const { serviceId, territory, locale } = input.value;
  const env = getEnv();
  const platformServers = Object.values(env.territoryUrls);
  try {
    const services = await listRegisteredServices({ serverUrl: env.territoryUrls[territory as Territory] });
    const service = services.find((candidate) => candidate.id === serviceId);
    if (!service) return fail('not-found', { serviceId: ['unknown-service'] });
    if (!service.partner) return fail('invalid-request', { serviceId: ['not-connectable'] });
    await sendAccessRequest(accessRequestFor(service.description, service.partner, citizen.webId), {
      fetch: citizen.fetch,
      platformServers,
    });
  } catch (error: unknown) {
    if (GrantsError.isInstance(error) && error.code === 'invalid-request') return fail('invalid-request');
    return fail('pod-unreachable');
  }
  redirect(`/${locale}/requests`);
}

/** Registration in the partner console: `fieldErrors` holds sentences (already translated) by JSON path. */
export async function registerServiceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const citizen = await getCitizenSession();
  if (!citizen) return fail('unauthenticated');
  const input = parseInput(registerServiceInputSchema, formToObject(form));
  if (!input.ok) return input;
  const { description: text, appUrl, grantClientId, locale } = input.value;
  const t = await getTranslations({ locale, namespace: 'partners' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('invalid-input', { description: [t('rules.notJson')] });
  }
  let description: ServiceDescription;
  try {
    description = validateServiceDescription(parsed);
  } catch (error: unknown) {
    if (!(error instanceof ServiceDescriptionError)) return fail('failed');
    const values = {
      categories: CATEGORY_NAMES.join(', '),
      purposes: PURPOSES.map(localName).join(', '),
      legalBases: LEGAL_BASES.map(localName).join(', '),
      territories: TERRITORIES.join(', '),
    };
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const { field, rule } = describeDescriptionIssue(issue);
      (fieldErrors[field] ??= []).push(t(`rules.${rule}`, values));
    }
    return fail('invalid-input', fieldErrors);
  }
  const env = getEnv();
  const serverUrl = env.territoryUrls[description.territory];
  try {
    const existing = (await listRegisteredServices({ serverUrl })).find((service) => service.id === description.id);
    if (existing && existing.partner?.webId !== citizen.webId) {
      return fail('invalid-input', { id: [t('rules.taken')] });
    }
    const inbox = await discoverInbox(citizen.webId, { fetch: citizen.fetch }).catch(() => `${citizen.podUrl}inbox/`);
    const document = buildClientIdDocument(description, appUrl, {
      webId: citizen.webId,
      clientId: grantClientId,
      inbox,
    });
    await registerService(document, { location: { serverUrl }, operator: registryOperator(description.territory) });
  } catch {
    return fail('pod-unreachable');
  }
  redirect(`/${locale}/partners?registered=${encodeURIComponent(description.id)}`);
}
