import {
  AccountClient,
  createClientCredentialsFetch,
  openOwnerSession,
  setUpLayout,
  type AuthenticatedFetch,
} from '@sdt/pod';
import { ACP, ACL } from '@sdt/vocab';
import { StudyError } from './StudyError.ts';

/** Pod name of a territory's research engine account (its registry pod): `<server>research-engine/`. */
export const RESEARCH_ENGINE_POD_NAME = 'research-engine';
/** Public container of the study registry, in the engine's pod. */
export const STUDIES_PATH = 'studies/';
/** Owner-only resource holding the engine's per-study client secrets (JSON map by client name). */
export const ENGINE_CLIENTS_PATH = 'settings/research-clients';
/** Owner-only container of the studies' budget ledgers (`research/budgets/<slug>`, JSON). */
export const BUDGETS_PATH = 'research/budgets/';

/** The default email of a territory's research engine account (`research-engine@<host>`). */
export function defaultEngineEmail(serverUrl: string): string {
  return `research-engine@${new URL(serverUrl).hostname.replace(/\.$/u, '')}.selfdata.example`;
}

/** Password of the demo platform's research engines (`pnpm start`); never use it for anything real. */
export const DEMO_ENGINE_PASSWORD = 'research-engine-demo';

/**
 * The research engine password to use: `SDT_RESEARCH_ENGINE_PASSWORD`, else the demo one (what
 * `pnpm start` creates the engines with; a real deployment sets the variable).
 */
export function getEnginePassword(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SDT_RESEARCH_ENGINE_PASSWORD;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEMO_ENGINE_PASSWORD;
}

/** Where a territory's study registry is: `<server>research-engine/studies/`. */
export function studyRegistryUrl(territoryServerUrl: string): string {
  return new URL(`${RESEARCH_ENGINE_POD_NAME}/${STUDIES_PATH}`, territoryServerUrl).href;
}

async function check(response: Response, what: string, ok: number[] = [200, 201, 204, 205]): Promise<Response> {
  if (!ok.includes(response.status)) {
    await response.arrayBuffer().catch(() => undefined);
    throw new StudyError('http', `${what} answered ${response.status}.`, { status: response.status });
  }
  return response;
}

/**
 * A territory's research engine, logged in as the owner of its pod: publishes studies, keeps one
 * OAuth client per study (grants are bound to it) and the studies' budget ledgers.
 */
export class ResearchEngineAccount {
  private constructor(
    public readonly serverUrl: string,
    public readonly webId: string,
    public readonly podUrl: string,
    private readonly owner: AuthenticatedFetch & { close: () => Promise<void> },
    private readonly client: AccountClient,
    private readonly token: string,
  ) {}

  /** The engine's inbox (consent receipts of opt-ins arrive here). */
  public get inbox(): string {
    return `${this.podUrl}inbox/`;
  }

  /** The owner's fetch (registry and ledgers). */
  public get fetch(): typeof globalThis.fetch {
    return this.owner.fetch;
  }

  /**
   * Logs in to (or creates, with `create: true`) the engine account of a territory server, and makes
   * sure its pod has the citizen layout and a publicly readable `studies/` registry.
   */
  public static async open(options: {
    serverUrl: string;
    password: string;
    email?: string;
    create?: boolean;
  }): Promise<ResearchEngineAccount> {
    const email = options.email ?? defaultEngineEmail(options.serverUrl);
    const client = new AccountClient({ serverUrl: options.serverUrl });
    let token: string | undefined;
    let podUrl: string | undefined;
    let webId: string | undefined;
    if (options.create) {
      const account = await client.ensureAccountWithPod(email, options.password, RESEARCH_ENGINE_POD_NAME);
      ({ token, podUrl, webId } = account);
    } else {
      token = await client.login(email, options.password);
      if (token === undefined)
        throw new StudyError(
          'engine',
          `No research engine account ${email} on ${options.serverUrl} (or wrong password).`,
        );
      webId = Object.keys(await client.listWebIds(token))[0];
      podUrl = Object.keys(await client.listPods(token))[0];
    }
    if (!webId || !podUrl) throw new StudyError('engine', `The research engine account ${email} has no pod.`);
    const owner = await openOwnerSession(client, token, webId);
    const engine = new ResearchEngineAccount(options.serverUrl, webId, podUrl, owner, client, token);
    if (options.create) await engine.setUp();
    return engine;
  }

  /** Creates the layout and the public `studies/` registry. */
  public async setUp(): Promise<void> {
    await setUpLayout({ podUrl: this.podUrl, webId: this.webId, fetch: this.owner.fetch });
    await this.ensurePublicContainer(STUDIES_PATH);
  }

  /**
   * Creates the container `<pod><path>` when missing and gives it (and its members) public read, owner
   * write access (ACP): the study registry, the published statistics.
   * @returns the container URL
   */
  public async ensurePublicContainer(path: string): Promise<string> {
    const container = `${this.podUrl}${path}`;
    const head = await this.owner.fetch(container, { method: 'HEAD' });
    await head.arrayBuffer().catch(() => undefined);
    if (head.status === 404) await check(await this.owner.fetch(container, { method: 'PUT' }), `PUT ${container}`);
    const acr = `${container}.acr`;
    const body = `@prefix acp: <${ACP.NS}>.
<#acr> a acp:AccessControlResource; acp:resource <${container}>;
  acp:accessControl <#owner>, <#public>; acp:memberAccessControl <#owner>, <#public>.
<#owner> a acp:AccessControl; acp:apply [ a acp:Policy; acp:allow <${ACL.Read}>, <${ACL.Write}>, <${ACL.Control}>;
  acp:anyOf [ a acp:Matcher; acp:agent <${this.webId}> ] ].
<#public> a acp:AccessControl; acp:apply [ a acp:Policy; acp:allow <${ACL.Read}>;
  acp:anyOf [ a acp:Matcher; acp:agent <${ACP.PublicAgent}> ] ].
`;
    await check(
      await this.owner.fetch(acr, { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body }),
      `PUT ${acr}`,
    );
    return container;
  }

  private async readClients(): Promise<{ map: Record<string, { id: string; secret: string }>; etag: string | null }> {
    const url = `${this.podUrl}${ENGINE_CLIENTS_PATH}`;
    const response = await this.owner.fetch(url);
    if (response.status === 404) return { map: {}, etag: null };
    await check(response, `GET ${url}`);
    return {
      map: (await response.json()) as Record<string, { id: string; secret: string }>,
      etag: response.headers.get('etag'),
    };
  }

  /**
   * The engine's client for a study (created on first use through the account API). Its secret is
   * kept in the owner-only `settings/research-clients` of the engine's pod, never on the machine.
   */
  public async ensureStudyClient(slug: string): Promise<{ id: string; secret: string }> {
    const name = `study-${slug}`;
    const { map, etag } = await this.readClients();
    const existing = map[name];
    if (existing) return existing;
    const credentials = await this.client.createClientCredentials(this.token, name, this.webId);
    map[name] = { id: credentials.id, secret: credentials.secret };
    const url = `${this.podUrl}${ENGINE_CLIENTS_PATH}`;
    await check(
      await this.owner.fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : { 'if-none-match': '*' }) },
        body: JSON.stringify(map),
      }),
      `PUT ${url}`,
    );
    return map[name];
  }

  /** An authenticated fetch as the engine with the study's client (what the grants allow). */
  public async openStudyClient(slug: string, fetchFn?: typeof globalThis.fetch): Promise<AuthenticatedFetch> {
    const { map } = await this.readClients();
    const credentials = map[`study-${slug}`];
    if (!credentials) throw new StudyError('engine', `The research engine has no client for study ${slug}.`);
    return createClientCredentialsFetch({
      issuer: this.client.issuer,
      id: credentials.id,
      secret: credentials.secret,
      ...(fetchFn ? { fetch: fetchFn } : {}),
    });
  }

  /** Deletes the temporary owner credentials of this session. */
  public async close(): Promise<void> {
    await this.owner.close();
  }
}
