import type { CitizenData } from '@sdt/vocab';
import { AccountClient, type ProvisionedAccount } from './account/AccountClient.ts';
import { provisionAccounts } from './account/operatorProvisioning.ts';
import { PodError } from './errors.ts';
import { createClientCredentialsFetch, type AuthenticatedFetch } from './account/clientCredentialsFetch.ts';
import { readCatalog } from './catalog.ts';
import { setUpLayout, type PodAccess } from './layout.ts';
import { writeCitizenData } from './records.ts';

/** A citizen to provision on a pod server. */
export interface CitizenToProvision {
  email: string;
  password: string;
  podName: string;
  /** Data to write into the pod (synthetic or imported); none to only create account, pod and layout. */
  data?: CitizenData;
  /** Source recorded in the catalogue for `data`. */
  source?: string;
}

/** What {@link provisionCitizen} did. */
export interface ProvisionResult {
  email: string;
  podUrl: string;
  webId: string;
  /** `created`: new account; `completed`: existing account whose layout or data was missing; `unchanged`. */
  outcome: 'created' | 'completed' | 'unchanged';
}

/**
 * Logs in to an existing account, as the owner of `webId`, with fresh client credentials.
 * The credentials are deleted by `close()`.
 */
export async function openOwnerSession(
  client: AccountClient,
  token: string,
  webId: string,
  fetchFn?: typeof globalThis.fetch,
): Promise<AuthenticatedFetch & { close: () => Promise<void> }> {
  const credentials = await client.createClientCredentials(token, `selfdata-${Date.now()}`, webId);
  const session = createClientCredentialsFetch({
    issuer: client.issuer,
    id: credentials.id,
    secret: credentials.secret,
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  return { ...session, close: () => client.deleteAccountResource(token, credentials.resource) };
}

/**
 * Logs in with an account's email and password and opens an owner session on its (first) pod: the
 * WebID of that pod, the pod URL and an authenticated fetch; `close()` deletes the session's credentials.
 * @throws PodError `wrong-password` (no such account or another password), `not-found` (no pod)
 */
export async function loginAsOwner(
  serverUrl: string,
  email: string,
  password: string,
  fetchFn?: typeof globalThis.fetch,
): Promise<AuthenticatedFetch & { webId: string; podUrl: string; close: () => Promise<void> }> {
  const client = new AccountClient({ serverUrl });
  const token = await client.login(email, password);
  if (token === undefined)
    throw new PodError('wrong-password', `No account ${email} with this password on ${serverUrl}.`);
  const [webIds, pods] = await Promise.all([client.listWebIds(token), client.listPods(token)]);
  const podUrl = Object.keys(pods)[0];
  const webId =
    Object.keys(webIds).find((id) => podUrl !== undefined && id.startsWith(podUrl)) ?? Object.keys(webIds)[0];
  if (!podUrl || !webId) throw new PodError('not-found', `The account ${email} on ${serverUrl} has no pod.`);
  const session = await openOwnerSession(client, token, webId, fetchFn);
  return { ...session, webId, podUrl };
}

/**
 * Creates (or finds) the account and pod through the operator endpoint, then logs in through the
 * account API as any client would (so a wrong password is still detected).
 */
async function ensureAccountThroughOperator(
  serverUrl: string,
  client: AccountClient,
  citizen: CitizenToProvision,
  secret: string,
  fetchFn: typeof globalThis.fetch | undefined,
): Promise<ProvisionedAccount & { token: string }> {
  let result: Awaited<ReturnType<typeof provisionAccounts>>[number] | undefined;
  try {
    [result] = await provisionAccounts(serverUrl, [citizen], { secret, ...(fetchFn ? { fetch: fetchFn } : {}) });
  } catch (error: unknown) {
    // A server without the operator endpoint (e.g. a plain CSS elsewhere): use the account API.
    if (
      PodError.isInstance(error) &&
      error.code === 'operator' &&
      (error.statusCode === 404 || error.statusCode === 405)
    ) {
      return client.ensureAccountWithPod(citizen.email, citizen.password, citizen.podName);
    }
    throw error;
  }
  if (!result || 'error' in result) {
    const reason = result && 'error' in result ? `${result.error.code}: ${result.error.message}` : 'no answer';
    throw new PodError('operator', `The account of ${citizen.email} could not be provisioned (${reason}).`);
  }
  const token = await client.login(citizen.email, citizen.password);
  if (token === undefined) {
    throw new PodError('wrong-password', `The account ${citizen.email} exists on ${serverUrl} with another password.`);
  }
  return { email: citizen.email, podUrl: result.podUrl, webId: result.webId, existed: result.existed, token };
}

/**
 * Creates a citizen's account, pod, layout and data through the pod server's account API (or its
 * operator endpoint when `options.operatorSecret` is given).
 * Idempotent: an account that exists is logged in to; a pod that is complete (its catalogue
 * records the data) is left alone; a half-provisioned one is completed. CSS 7 cannot delete
 * accounts, so "all or nothing" is reached by completing on the next run, never by duplicates.
 */
export async function provisionCitizen(
  serverUrl: string,
  citizen: CitizenToProvision,
  options: {
    fetch?: typeof globalThis.fetch;
    client?: AccountClient;
    concurrency?: number;
    /**
     * Operator secret of the server: accounts and pods are then created through its operator
     * endpoint (`POST /.sdt/provision`, see `provisionAccounts`) instead of the account API.
     */
    operatorSecret?: string;
  } = {},
): Promise<ProvisionResult> {
  const client = options.client ?? new AccountClient({ serverUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const account =
    options.operatorSecret === undefined
      ? await client.ensureAccountWithPod(citizen.email, citizen.password, citizen.podName)
      : await ensureAccountThroughOperator(serverUrl, client, citizen, options.operatorSecret, options.fetch);
  const session = await openOwnerSession(client, account.token, account.webId, options.fetch);
  try {
    const access: PodAccess = { podUrl: account.podUrl, webId: account.webId, fetch: session.fetch };
    const layout = await setUpLayout(access);
    let wroteData = false;
    if (citizen.data) {
      const catalog = layout.alreadyComplete ? await readCatalog(access) : undefined;
      const seeded = catalog?.entries.electricity !== undefined && catalog.entries.identity !== undefined;
      if (!seeded) {
        await writeCitizenData(access, citizen.data, {
          source: citizen.source ?? 'selfdata',
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        });
        wroteData = true;
      }
    }
    const outcome = !account.existed ? 'created' : wroteData || !layout.alreadyComplete ? 'completed' : 'unchanged';
    return { email: citizen.email, podUrl: account.podUrl, webId: account.webId, outcome };
  } finally {
    await session.close().catch(() => undefined);
  }
}
