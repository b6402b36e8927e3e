import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  AccountStore,
  HttpHandlerInput,
  HttpRequest,
  HttpResponse,
  IdentifierGenerator,
  PasswordStore,
  PodCreator,
  PodStore,
  WebIdStore,
} from '@solid/community-server';
import { getLoggerFor, HttpHandler, NotImplementedHttpError } from '@solid/community-server';
import type { OperatorSecretStore } from './OperatorSecretStore';

/** Authorization scheme of the operator endpoints: `Authorization: SDT-Operator <secret>`. */
export const OPERATOR_AUTH_SCHEME = 'SDT-Operator';

/** One citizen to provision: an account with one email/password login and one pod. */
export interface CitizenProvisionRequest {
  email: string;
  password: string;
  podName: string;
}

/** What happened to one citizen of a batch. */
export type CitizenProvisionResult =
  | { email: string; podUrl: string; webId: string; existed: boolean }
  | {
      email: string;
      error: { code: 'pod-failed' | 'pod-name-taken' | 'account-failed' | 'duplicate-in-batch'; message: string };
      /** True when the account and login exist but the pod does not: running the batch again completes it. */
      accountCreated: boolean;
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const POD_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/iu;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

class BadBatchError extends Error {
  public constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Operator endpoint `POST <base>.sdt/provision`: creates a batch of citizens (account, verified
 * email/password login, pod) inside the server, as CSS's `SeededAccountInitializer` does, without the
 * account API's per-citizen HTTP round trips. Body `{"citizens":[{email,password,podName}]}`;
 * answer `{"results":[...]}` in the same order, one result or one error per citizen.
 *
 * - Protected by the operator secret (`Authorization: SDT-Operator <secret>`, compared in constant
 *   time): 401 without it, 403 with a wrong one; refused (403) to non-loopback peers.
 * - Idempotent: an existing email is reported (`existed: true`), never duplicated; its password is
 *   left unchanged. An account whose pod is missing (an earlier run failed half-way) gets its pod.
 * - Passwords are hashed by the configured `PasswordStore` with CSS's cost.
 */
export class ProvisionHttpHandler extends HttpHandler {
  protected readonly logger = getLoggerFor(this);
  private readonly path: string;

  /**
   * @param baseUrl - Base URL of the server.
   * @param secretStore - Holds the operator secret.
   * @param accountStore - CSS account store.
   * @param passwordStore - CSS password store.
   * @param podStore - CSS pod store.
   * @param webIdStore - CSS WebID store.
   * @param podCreator - CSS pod creator (as used by the account API).
   * @param identifierGenerator - Turns a pod name into the pod's URL.
   * @param concurrency - Citizens created at the same time within a batch.
   * @param maxBatchSize - Largest batch accepted.
   */
  public constructor(
    baseUrl: string,
    private readonly secretStore: OperatorSecretStore,
    private readonly accountStore: AccountStore,
    private readonly passwordStore: PasswordStore,
    private readonly podStore: PodStore,
    private readonly webIdStore: WebIdStore,
    private readonly podCreator: PodCreator,
    private readonly identifierGenerator: IdentifierGenerator,
    private readonly concurrency = 4,
    private readonly maxBatchSize = 1000,
  ) {
    super();
    this.path = new URL('.sdt/provision', baseUrl).pathname;
  }

  public override async canHandle({ request }: HttpHandlerInput): Promise<void> {
    const url = request.url ?? '';
    const pathname = url.split('?', 1)[0];
    if (pathname !== this.path) {
      throw new NotImplementedHttpError('Not the provisioning endpoint.');
    }
  }

  public override async handle({ request, response }: HttpHandlerInput): Promise<void> {
    try {
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        throw new BadBatchError(405, 'Only POST is allowed on the provisioning endpoint.');
      }
      if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
        throw new BadBatchError(403, 'The provisioning endpoint only answers on loopback.');
      }
      await this.checkSecret(request.headers.authorization);
      const citizens = parseBatch(await readBody(request, 8 * 1024 * 1024), this.maxBatchSize);
      const results = await this.provisionAll(citizens);
      const created = results.filter((result): boolean => 'podUrl' in result && !result.existed).length;
      const failed = results.filter((result): boolean => 'error' in result).length;
      this.logger.info(`Operator provisioning: ${citizens.length} citizens, ${created} created, ${failed} failed.`);
      send(response, 200, { results });
    } catch (error: unknown) {
      if (error instanceof BadBatchError) {
        send(response, error.status, { message: error.message });
        return;
      }
      this.logger.error(`Operator provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
      send(response, 500, { message: 'Provisioning failed; see the server log.' });
    }
  }

  private async checkSecret(header: string | undefined): Promise<void> {
    const prefix = `${OPERATOR_AUTH_SCHEME} `;
    if (!header?.startsWith(prefix)) {
      throw new BadBatchError(401, `Missing "Authorization: ${OPERATOR_AUTH_SCHEME} <operator secret>".`);
    }
    // Hashing both sides gives equal lengths, so the comparison time says nothing about the secret.
    const given = createHash('sha256').update(header.slice(prefix.length).trim()).digest();
    const expected = createHash('sha256')
      .update(await this.secretStore.getSecret())
      .digest();
    if (!timingSafeEqual(given, expected)) {
      throw new BadBatchError(403, 'Wrong operator secret.');
    }
  }

  private async provisionAll(citizens: CitizenProvisionRequest[]): Promise<CitizenProvisionResult[]> {
    const results: CitizenProvisionResult[] = Array.from({ length: citizens.length });
    const seen = new Set<string>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < citizens.length) {
        const index = next++;
        const citizen = citizens[index]!;
        const key = citizen.email.toLowerCase();
        if (seen.has(key)) {
          results[index] = {
            email: citizen.email,
            error: { code: 'duplicate-in-batch', message: `citizens[${index}].email appears earlier in the batch.` },
            accountCreated: false,
          };
          continue;
        }
        seen.add(key);
        results[index] = await this.provisionOne(citizen);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.concurrency, citizens.length)) }, worker));
    return results;
  }

  private async provisionOne(citizen: CitizenProvisionRequest): Promise<CitizenProvisionResult> {
    const { email, password, podName } = citizen;
    let accountId: string;
    let existed = false;
    let podUrl: string;
    try {
      const login = await this.passwordStore.findByEmail(email);
      podUrl = this.identifierGenerator.generate(podName).path;
      // Refuse before creating anything when another account holds the pod name.
      const holder = await this.podStore.findByBaseUrl(podUrl);
      if (holder && holder.accountId !== login?.accountId) {
        return {
          email,
          error: { code: 'pod-name-taken', message: `The pod name "${podName}" belongs to another account.` },
          accountCreated: false,
        };
      }
      if (login) {
        existed = true;
        accountId = login.accountId;
        // An earlier run may have stopped between creating and verifying the login.
        await this.passwordStore.confirmVerification(login.id);
      } else {
        accountId = await this.accountStore.create();
        const loginId = await this.passwordStore.create(email, accountId, password);
        await this.passwordStore.confirmVerification(loginId);
      }
    } catch (error: unknown) {
      return { email, error: { code: 'account-failed', message: describe(error) }, accountCreated: false };
    }
    try {
      const pods = existed ? await this.podStore.findPods(accountId) : [];
      if (pods.some((pod): boolean => pod.baseUrl === podUrl)) {
        const links = await this.webIdStore.findLinks(accountId);
        const webId =
          links.find((link): boolean => link.webId.startsWith(podUrl))?.webId ??
          links[0]?.webId ??
          `${podUrl}profile/card#me`;
        return { email, podUrl, webId, existed: true };
      }
      const created = await this.podCreator.handleSafe({ accountId, name: podName });
      return { email, podUrl: created.podUrl, webId: created.webId, existed };
    } catch (error: unknown) {
      return { email, error: { code: 'pod-failed', message: describe(error) }, accountCreated: true };
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function send(response: HttpResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: HttpRequest, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) {
      throw new BadBatchError(413, `The batch is larger than ${limit} bytes; send fewer citizens per request.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Validates a batch body.
 *
 * @throws BadBatchError (400) naming the JSON path of the first bad field.
 */
function parseBatch(text: string, maxBatchSize: number): CitizenProvisionRequest[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadBatchError(400, 'The body is not JSON; expected {"citizens":[{"email","password","podName"}]}.');
  }
  const citizens = (body as { citizens?: unknown } | null)?.citizens;
  if (!Array.isArray(citizens)) {
    throw new BadBatchError(400, '"citizens" must be an array of {email, password, podName}.');
  }
  if (citizens.length > maxBatchSize) {
    throw new BadBatchError(413, `"citizens" has ${citizens.length} entries; at most ${maxBatchSize} per request.`);
  }
  return citizens.map((entry: unknown, index): CitizenProvisionRequest => {
    const { email, password, podName } = (entry ?? {}) as Record<string, unknown>;
    if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
      throw new BadBatchError(400, `citizens[${index}].email must be an e-mail address.`);
    }
    if (typeof password !== 'string' || password.trim().length === 0) {
      throw new BadBatchError(400, `citizens[${index}].password must be a non-empty string.`);
    }
    if (typeof podName !== 'string' || !POD_NAME.test(podName)) {
      throw new BadBatchError(
        400,
        `citizens[${index}].podName must be 1-63 letters, digits, "-" or "_", starting with a letter or digit.`,
      );
    }
    // CSS's account API trims and lowercases e-mails; so do we, so that both find the same login.
    return { email: email.trim().toLowerCase(), password: password.trim(), podName };
  });
}
