/**
 * Logging in for the `partner` and `grants` commands: `--server`, `--email`, `--password` open an
 * owner session through the pod server's account API with temporary client credentials, deleted when
 * the command ends. Partners also get named, persistent client credentials (see {@link ensurePartnerClient}).
 */
import {
  AccountClient,
  createClientCredentialsFetch,
  openOwnerSession,
  PodError,
  sendRequest,
  type AuthenticatedFetch,
} from '@sdt/pod';
import { TERRITORIES } from '@sdt/vocab';
import { GrantsError } from '@sdt/grants';
import { CliError } from '../CliError.ts';
import { defaultServerUrl } from '../options.ts';

/** The common flags of the grant commands. */
export interface LoginFlags {
  server: string;
  email: string;
  password: string;
}

/** An open owner session: authenticated fetch, WebID, pod, and the account token for the account API. */
export interface CliSession {
  readonly serverUrl: string;
  readonly webId: string;
  readonly podUrl: string;
  readonly fetch: typeof globalThis.fetch;
  /** Client id of the temporary credentials of this session. */
  readonly clientId: string;
  readonly client: AccountClient;
  readonly token: string;
  /** Base URLs allowed as `replyTo` even on loopback: the three territories' and `--server`. */
  readonly platformServers: string[];
}

/** The platform's servers: the three territories (env `SDT_<TERRITORY>_URL` wins) and the given one. */
export function platformServers(serverUrl: string): string[] {
  return [...new Set([...TERRITORIES.map((territory) => defaultServerUrl(territory)), serverUrl])];
}

/**
 * Logs in with email and password, runs `work` as the account's pod owner, and deletes the temporary
 * client credentials afterwards, whatever happens.
 *
 * @throws CliError on a wrong login or an account without pod
 */
export async function withOwnerSession<T>(flags: LoginFlags, work: (session: CliSession) => Promise<T>): Promise<T> {
  const client = new AccountClient({ serverUrl: flags.server });
  let token: string | undefined;
  try {
    token = await client.login(flags.email, flags.password);
  } catch (error: unknown) {
    throw toCliError(error);
  }
  if (!token) throw new CliError(`No account ${flags.email} with this password on ${flags.server}.`);
  const [webIds, pods] = await Promise.all([client.listWebIds(token), client.listPods(token)]).catch(
    (error: unknown) => {
      throw toCliError(error);
    },
  );
  const podUrl = Object.keys(pods)[0];
  const webId =
    Object.keys(webIds).find((id) => podUrl !== undefined && id.startsWith(podUrl)) ?? Object.keys(webIds)[0];
  if (!podUrl || !webId) throw new CliError(`The account ${flags.email} on ${flags.server} has no pod.`);
  let session: (AuthenticatedFetch & { close: () => Promise<void> }) | undefined;
  try {
    session = await openOwnerSession(client, token, webId);
    return await work({
      serverUrl: flags.server,
      webId,
      podUrl,
      fetch: session.fetch,
      clientId: session.clientId,
      client,
      token,
      platformServers: platformServers(flags.server),
    });
  } catch (error: unknown) {
    throw toCliError(error);
  } finally {
    await session?.close().catch(() => undefined);
  }
}

/** Turns library errors into one-line CLI errors (no stack trace, no secrets). */
export function toCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (GrantsError.isInstance(error) || PodError.isInstance(error))
    return new CliError(error.message, 1, { cause: error });
  return error;
}

/** Credentials of a partner application, kept owner-only in the partner's pod. */
interface StoredClient {
  name: string;
  id: string;
  secret: string;
  webId: string;
  issuer: string;
}

/** Resource, in the partner's pod (owner-only), holding the persistent client credentials the CLI created, by name. */
export const PARTNER_CLIENTS_PATH = 'settings/selfdata-clients';

async function readStoredClients(session: CliSession): Promise<Record<string, StoredClient>> {
  const url = `${session.podUrl}${PARTNER_CLIENTS_PATH}`;
  const response = await sendRequest(session.fetch, url, { headers: { accept: 'application/json' } }, [200, 404]);
  if (response.status === 404) {
    await response.arrayBuffer();
    return {};
  }
  return (await response.json()) as Record<string, StoredClient>;
}

/** Labels (client ids) of the client credentials the account still has. */
async function listAccountClientIds(session: CliSession): Promise<Set<string>> {
  const controls = await session.client.accountControls(session.token);
  const url = controls.account?.clientCredentials;
  if (!url) return new Set();
  const response = await fetch(url, {
    headers: { accept: 'application/json', authorization: `CSS-Account-Token ${session.token}` },
  });
  if (!response.ok)
    throw new CliError(
      `The account API of ${session.serverUrl} answered ${response.status} listing client credentials.`,
    );
  const body = (await response.json()) as { clientCredentials?: Record<string, string> };
  return new Set(Object.keys(body.clientCredentials ?? {}));
}

/**
 * The partner's persistent client credentials named `name` (e.g. `selfdata-partner`): reused when they
 * exist, created through the account API otherwise. A grant is bound to a client id, so these must
 * outlive the command (unlike the session's temporary ones). The secret is stored nowhere but on the
 * pod server: in an owner-only resource of the partner's own pod (`settings/selfdata-clients`), so
 * that a later `selfdata partner read`, on any machine, can act as that client after logging in.
 *
 * @returns the client id and whether it was created now
 */
export async function ensurePartnerClient(
  session: CliSession,
  name: string,
): Promise<{ id: string; created: boolean }> {
  const clients = await readStoredClients(session);
  const stored = clients[name];
  if (stored && stored.webId === session.webId && (await listAccountClientIds(session)).has(stored.id)) {
    return { id: stored.id, created: false };
  }
  const credentials = await session.client.createClientCredentials(session.token, name, session.webId);
  clients[name] = {
    name,
    id: credentials.id,
    secret: credentials.secret,
    webId: session.webId,
    issuer: session.serverUrl,
  };
  await sendRequest(
    session.fetch,
    `${session.podUrl}${PARTNER_CLIENTS_PATH}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(clients, null, 2) },
    [200, 201, 204, 205],
  );
  return { id: credentials.id, created: true };
}

/**
 * A fetch acting as one of the partner's persistent clients: the one with client id `clientId`, or else
 * the one named `name`.
 *
 * @throws CliError when the CLI holds no such client for this account
 */
export async function partnerClientFetch(
  session: CliSession,
  options: { clientId?: string; name: string },
): Promise<AuthenticatedFetch> {
  const clients = Object.values(await readStoredClients(session));
  const stored =
    options.clientId === undefined
      ? clients.find((c) => c.name === options.name)
      : clients.find((c) => c.id === options.clientId);
  if (!stored) {
    const which = options.clientId === undefined ? `named "${options.name}"` : `with id "${options.clientId}"`;
    throw new CliError(
      `This account has no client ${which} made by "selfdata partner request"; send a request first (or pass the right --client-id).`,
    );
  }
  return createClientCredentialsFetch({ issuer: stored.issuer, id: stored.id, secret: stored.secret });
}
