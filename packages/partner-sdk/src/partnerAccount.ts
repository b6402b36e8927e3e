/**
 * The partner's own account on a pod server: a WebID, a pod with an inbox (where consent receipts
 * arrive) and client credentials (the OAuth client id every grant is bound to).
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AccountClient, PodError, createClientCredentialsFetch, sendRequest, LAYOUT } from '@sdt/pod';
import { ACL, ACP, LDP } from '@sdt/vocab';
import { PartnerError } from './PartnerError.ts';

/** Everything a partner needs to log in: where, as whom, with which client credentials. */
export interface PartnerCredentials {
  /** Base URL of the pod server holding the partner's account (also its OIDC issuer). */
  readonly serverUrl: string;
  readonly webId: string;
  /** The partner's pod root (its inbox is `<podUrl>inbox/`). */
  readonly podUrl: string;
  /** Client credentials id: the OAuth client id grants are bound to. Keep it stable. */
  readonly clientId: string;
  readonly secret: string;
}

/** Options of {@link ensurePartnerAccount}. */
export interface EnsurePartnerAccountOptions {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
  /** Name of the partner's pod, e.g. `partner-energy-coach`. */
  readonly podName: string;
  /**
   * File where the client credentials are kept (mode 0600) so that the client id, hence every grant,
   * survives restarts. Without it, new credentials are made at each call.
   */
  readonly credentialsFile?: string;
  readonly fetch?: typeof globalThis.fetch;
}

async function readSaved(
  file: string | undefined,
  serverUrl: string,
  webId: string,
): Promise<{ clientId: string; secret: string } | undefined> {
  if (!file) return undefined;
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<PartnerCredentials>;
    if (saved.serverUrl === serverUrl && saved.webId === webId && saved.clientId && saved.secret)
      return { clientId: saved.clientId, secret: saved.secret };
  } catch {
    // No file yet, or unreadable: make new credentials.
  }
  return undefined;
}

async function save(file: string, credentials: PartnerCredentials): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

async function tokenWorks(
  credentials: PartnerCredentials,
  fetchFn: typeof globalThis.fetch | undefined,
): Promise<boolean> {
  const session = createClientCredentialsFetch({
    issuer: credentials.serverUrl,
    id: credentials.clientId,
    secret: credentials.secret,
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  try {
    // Any answer but 401 means the token was accepted (the inbox may not exist yet).
    const response = await session.fetch(`${credentials.podUrl}${LAYOUT.inbox}`, { method: 'HEAD' });
    return response.status !== 401;
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'auth') return false;
    throw error;
  }
}

/**
 * Creates (or logs in to) a partner's account through the pod server's account API, makes sure it has
 * a pod with an inbox that authenticated agents may append to (where receipts arrive), and returns
 * client credentials for it, reusing those saved in `credentialsFile` when they still work.
 * Idempotent: running it again changes nothing.
 *
 * @throws PartnerError `auth` when the email exists with another password; `server` when the server is down
 */
export async function ensurePartnerAccount(options: EnsurePartnerAccountOptions): Promise<PartnerCredentials> {
  const serverUrl = options.serverUrl.endsWith('/') ? options.serverUrl : `${options.serverUrl}/`;
  const client = new AccountClient({ serverUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  let account: Awaited<ReturnType<AccountClient['ensureAccountWithPod']>>;
  try {
    account = await client.ensureAccountWithPod(options.email, options.password, options.podName);
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'wrong-password')
      throw new PartnerError('auth', error.message, { cause: error });
    throw new PartnerError(
      'server',
      `The partner account ${options.email} could not be opened on ${serverUrl}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const saved = await readSaved(options.credentialsFile, serverUrl, account.webId);
  let credentials: PartnerCredentials | undefined = saved && {
    serverUrl,
    webId: account.webId,
    podUrl: account.podUrl,
    ...saved,
  };
  if (credentials && !(await tokenWorks(credentials, options.fetch))) credentials = undefined;
  if (!credentials) {
    const created = await client.createClientCredentials(account.token, options.podName, account.webId);
    credentials = {
      serverUrl,
      webId: account.webId,
      podUrl: account.podUrl,
      clientId: created.id,
      secret: created.secret,
    };
    if (options.credentialsFile) await save(options.credentialsFile, credentials);
  }
  const session = createClientCredentialsFetch({
    issuer: serverUrl,
    id: credentials.clientId,
    secret: credentials.secret,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await setUpInbox(account.podUrl, account.webId, session.fetch);
  return credentials;
}

/**
 * Gives a partner pod what the protocol needs and nothing more: an `inbox/` container that
 * authenticated agents may append to (receipts arrive there) and the profile's `ldp:inbox` link.
 * (A partner pod holds no citizen data: no data containers, type indexes or catalogue.) Idempotent.
 */
export async function setUpInbox(podUrl: string, webId: string, fetchFn: typeof globalThis.fetch): Promise<string> {
  const inbox = `${podUrl}${LAYOUT.inbox}`;
  try {
    const head = await sendRequest(fetchFn, inbox, { method: 'HEAD' }, [200, 404]);
    if (head.status === 404)
      await sendRequest(fetchFn, inbox, { method: 'PUT', headers: { 'if-none-match': '*' } }, [200, 201, 204, 412]);
    const link = (await sendRequest(fetchFn, inbox, { method: 'HEAD' }, [200])).headers.get('link') ?? '';
    const acr = new URL(/<([^>]+)>;\s*rel="acl"/.exec(link)?.[1] ?? `${inbox}.acr`, inbox).href;
    const policy = `@prefix acp: <${ACP.NS}>.
<#acr> a acp:AccessControlResource; acp:resource <${inbox}>; acp:accessControl <#append>.
<#append> a acp:AccessControl;
  acp:apply [ a acp:Policy; acp:allow <${ACL.Append}>; acp:anyOf [ a acp:Matcher; acp:agent <${ACP.AuthenticatedAgent}> ] ].
`;
    await sendRequest(
      fetchFn,
      acr,
      { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: policy },
      [200, 201, 204, 205],
    );
    const patch = `@prefix solid: <http://www.w3.org/ns/solid/terms#>.
_:patch a solid:InsertDeletePatch; solid:inserts { <${webId}> <${LDP.inbox}> <${inbox}>. }.`;
    await sendRequest(
      fetchFn,
      `${podUrl}${LAYOUT.profile}`,
      { method: 'PATCH', headers: { 'content-type': 'text/n3' }, body: patch },
      [200, 201, 204, 205],
    );
  } catch (error: unknown) {
    throw new PartnerError('server', `The partner inbox ${inbox} cannot be set up: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return inbox;
}
