import { PodError } from '../errors.ts';

/** Controls returned by `GET /.account/` of a Community Solid Server 7 (only the ones we use). */
export interface AccountControls {
  account?: {
    create?: string;
    pod?: string;
    webId?: string;
    clientCredentials?: string;
    account?: string;
  };
  password?: { create?: string; login?: string };
  main?: { index?: string };
}

/** Result of creating (or finding) a citizen's account and pod. */
export interface ProvisionedAccount {
  email: string;
  podUrl: string;
  webId: string;
  /** True when the account already existed. */
  existed: boolean;
}

/** Client credentials created through the account API. */
export interface ClientCredentials {
  id: string;
  secret: string;
  /** URL of the credentials resource (DELETE it to revoke the credentials). */
  resource: string;
}

/** Options shared by the account API calls. */
export interface AccountClientOptions {
  /** Base URL of the pod server, e.g. `http://localhost:3101/`. */
  serverUrl: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * Client of the Community Solid Server 7 account API. Follows the `controls` the server returns,
 * never hard-coded deeper URLs.
 */
export class AccountClient {
  private readonly serverUrl: string;
  private readonly fetchFn: typeof globalThis.fetch;
  private rootControls: Promise<AccountControls> | undefined;

  public constructor(options: AccountClientOptions) {
    this.serverUrl = options.serverUrl.endsWith('/') ? options.serverUrl : `${options.serverUrl}/`;
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  /** OIDC issuer (the server's base URL). */
  public get issuer(): string {
    return this.serverUrl;
  }

  /**
   * Logs in with email and password.
   *
   * @returns The account token, or `undefined` when no account has this email/password.
   */
  public async login(email: string, password: string): Promise<string | undefined> {
    const controls = await this.controls();
    const url = required(controls.password?.login, 'password.login', this.serverUrl);
    const response = await this.request(url, { method: 'POST', body: { email, password } }, [200, 400, 403, 404]);
    if (response.status !== 200) {
      return undefined;
    }
    const body = (await response.json()) as { authorization?: string };
    return required(body.authorization, 'authorization', url);
  }

  /** Controls available with an account token. */
  public async accountControls(token: string): Promise<AccountControls> {
    const response = await this.request(new URL('.account/', this.serverUrl).href, { token }, [200]);
    return ((await response.json()) as { controls: AccountControls }).controls;
  }

  /** Creates an empty account with a password login. @returns the account token. */
  public async createAccount(email: string, password: string): Promise<string> {
    const controls = await this.controls();
    const createUrl = required(controls.account?.create, 'account.create', this.serverUrl);
    const created = await this.request(createUrl, { method: 'POST', body: {} }, [200]);
    const token = required(((await created.json()) as { authorization?: string }).authorization, 'authorization', createUrl);
    const own = await this.accountControls(token);
    const passwordUrl = required(own.password?.create, 'password.create', this.serverUrl);
    await this.request(passwordUrl, { method: 'POST', token, body: { email, password } }, [200]);
    return token;
  }

  /** Pods of the account, as `{ podUrl: resourceUrl }`. */
  public async listPods(token: string): Promise<Record<string, string>> {
    const own = await this.accountControls(token);
    const url = required(own.account?.pod, 'account.pod', this.serverUrl);
    const response = await this.request(url, { token }, [200]);
    return ((await response.json()) as { pods?: Record<string, string> }).pods ?? {};
  }

  /** WebIDs linked to the account, as `{ webId: resourceUrl }`. */
  public async listWebIds(token: string): Promise<Record<string, string>> {
    const own = await this.accountControls(token);
    const url = required(own.account?.webId, 'account.webId', this.serverUrl);
    const response = await this.request(url, { token }, [200]);
    return ((await response.json()) as { webIdLinks?: Record<string, string> }).webIdLinks ?? {};
  }

  /** Creates a pod named `name`. @returns its URL and the WebID the server created in it. */
  public async createPod(token: string, name: string): Promise<{ podUrl: string; webId: string }> {
    const own = await this.accountControls(token);
    const url = required(own.account?.pod, 'account.pod', this.serverUrl);
    const response = await this.request(url, { method: 'POST', token, body: { name } }, [200]);
    const body = (await response.json()) as { pod?: string; webId?: string };
    return { podUrl: required(body.pod, 'pod', url), webId: required(body.webId, 'webId', url) };
  }

  /** Creates client credentials for `webId`, to log in without a browser. */
  public async createClientCredentials(token: string, name: string, webId: string): Promise<ClientCredentials> {
    const own = await this.accountControls(token);
    const url = required(own.account?.clientCredentials, 'account.clientCredentials', this.serverUrl);
    const response = await this.request(url, { method: 'POST', token, body: { name, webId } }, [200]);
    const body = (await response.json()) as { id?: string; secret?: string; resource?: string };
    return {
      id: required(body.id, 'id', url),
      secret: required(body.secret, 'secret', url),
      resource: required(body.resource, 'resource', url),
    };
  }

  /** Deletes client credentials (or any account resource) created earlier. */
  public async deleteAccountResource(token: string, resource: string): Promise<void> {
    await this.request(resource, { method: 'DELETE', token }, [200, 204, 404]);
  }

  /**
   * Logs in (or creates the account), and makes sure it has a pod named `podName`.
   * Idempotent: running it again with the same arguments changes nothing.
   *
   * @throws PodError `wrong-password` when the email exists with another password.
   */
  public async ensureAccountWithPod(
    email: string,
    password: string,
    podName: string,
  ): Promise<ProvisionedAccount & { token: string }> {
    let token = await this.login(email, password);
    const existed = token !== undefined;
    if (token === undefined) {
      try {
        token = await this.createAccount(email, password);
      } catch (error: unknown) {
        if (PodError.isInstance(error) && error.statusCode === 400) {
          throw new PodError('wrong-password', `The account ${email} exists on ${this.serverUrl} with another password.`, {
            cause: error,
          });
        }
        throw error;
      }
    }
    const podUrl = new URL(`${podName}/`, this.serverUrl).href;
    const pods = await this.listPods(token);
    if (!(podUrl in pods)) {
      const created = await this.createPod(token, podName);
      return { email, podUrl: created.podUrl, webId: created.webId, existed, token };
    }
    const webIds = Object.keys(await this.listWebIds(token));
    const webId = webIds.find((id) => id.startsWith(podUrl)) ?? webIds[0] ?? `${podUrl}profile/card#me`;
    return { email, podUrl, webId, existed, token };
  }

  private controls(): Promise<AccountControls> {
    this.rootControls ??= this.request(new URL('.account/', this.serverUrl).href, {}, [200])
      .then(async (response) => ((await response.json()) as { controls: AccountControls }).controls)
      .catch((error: unknown) => {
        this.rootControls = undefined;
        throw error;
      });
    return this.rootControls;
  }

  private async request(
    url: string,
    init: { method?: string; token?: string; body?: unknown },
    expected: number[],
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) {
      headers.authorization = `CSS-Account-Token ${init.token}`;
    }
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (error: unknown) {
      throw new PodError('server-unreachable', `The pod server ${this.serverUrl} cannot be reached (${describe(error)}).`, {
        cause: error,
      });
    }
    if (!expected.includes(response.status)) {
      const text = await response.text().catch(() => '');
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the text.
      }
      throw new PodError(
        'account-api',
        `${init.method ?? 'GET'} ${url} answered ${response.status}: ${message}`,
        { statusCode: response.status },
      );
    }
    return response;
  }
}

function required<T>(value: T | undefined, field: string, where: string): T {
  if (value === undefined) {
    throw new PodError('account-api', `The account API of ${where} did not return "${field}".`);
  }
  return value;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
