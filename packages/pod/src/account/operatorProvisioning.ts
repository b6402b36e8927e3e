import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PodError } from '../errors.ts';

/**
 * Where a territory pod server keeps its operator secret, relative to its data folder (a contract
 * with `@sdt/css-plugin`'s `OperatorSecretStore`). The folder is refused to every HTTP request.
 */
export const OPERATOR_SECRET_RELATIVE_PATH = '.internal/sdt/operator-secret';

/** A citizen account to create through the operator endpoint. */
export interface OperatorCitizen {
  email: string;
  password: string;
  podName: string;
}

/** The operator endpoint's answer for one citizen: its pod, or why it failed. */
export type OperatorProvisionResult =
  | { email: string; podUrl: string; webId: string; existed: boolean }
  | { email: string; error: { code: string; message: string }; accountCreated: boolean };

/** Options of {@link provisionAccounts}. */
export interface ProvisionAccountsOptions {
  /** The operator secret of that server (see {@link readOperatorSecret}). */
  secret: string;
  fetch?: typeof globalThis.fetch;
  /** Citizens per request (the server accepts up to 1000); 100 by default. */
  batchSize?: number;
  /** Requests in flight at the same time; 1 by default (the server already works on several citizens). */
  concurrency?: number;
}

/**
 * Reads the operator secret of a pod server started from `rootFilePath` (its data folder):
 * `SDT_OPERATOR_SECRET` when set, else the file the server generated on first start.
 *
 * @returns The secret, or `undefined` when there is none (e.g. a server that never started there).
 */
export async function readOperatorSecret(rootFilePath: string): Promise<string | undefined> {
  const fromEnvironment = process.env.SDT_OPERATOR_SECRET;
  if (fromEnvironment) return fromEnvironment;
  try {
    return (await readFile(path.join(rootFilePath, OPERATOR_SECRET_RELATIVE_PATH), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates citizens' accounts (verified email/password login) and pods through the pod server's
 * operator endpoint `POST /.sdt/provision`, in batches. Idempotent: existing emails are reported
 * with `existed: true`. Per-citizen failures are returned, not thrown.
 *
 * @returns One result per citizen, in the order given.
 * @throws PodError `operator` when the server refuses the secret or the batch; `server-unreachable`.
 */
export async function provisionAccounts(
  serverUrl: string,
  citizens: readonly OperatorCitizen[],
  options: ProvisionAccountsOptions,
): Promise<OperatorProvisionResult[]> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const endpoint = new URL('.sdt/provision', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 100, 1000));
  const batches: OperatorCitizen[][] = [];
  for (let start = 0; start < citizens.length; start += batchSize) {
    batches.push(citizens.slice(start, start + batchSize));
  }
  const answers: OperatorProvisionResult[][] = Array.from({ length: batches.length });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const index = next++;
      answers[index] = await postBatch(fetchFn, endpoint, options.secret, batches[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, batches.length)) }, worker));
  return answers.flat();
}

async function postBatch(
  fetchFn: typeof globalThis.fetch,
  endpoint: string,
  secret: string,
  citizens: OperatorCitizen[],
): Promise<OperatorProvisionResult[]> {
  let response: Response;
  try {
    response = await fetchFn(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `SDT-Operator ${secret}` },
      body: JSON.stringify({
        citizens: citizens.map(({ email, password, podName }) => ({ email, password, podName })),
      }),
    });
  } catch (error: unknown) {
    throw new PodError('server-unreachable', `The pod server at ${endpoint} cannot be reached.`, { cause: error });
  }
  const text = await response.text();
  if (response.status !== 200) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // Not JSON: keep the text.
    }
    throw new PodError('operator', `POST ${endpoint} answered ${response.status}: ${message}`, {
      statusCode: response.status,
    });
  }
  const results = (JSON.parse(text) as { results?: OperatorProvisionResult[] }).results;
  if (!Array.isArray(results) || results.length !== citizens.length) {
    throw new PodError('operator', `POST ${endpoint} did not answer one result per citizen.`);
  }
  return results;
}
