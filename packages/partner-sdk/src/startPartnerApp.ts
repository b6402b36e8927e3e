import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { buildClientIdDocument } from './clientIdDocument.ts';
import type { RawHtml } from './html.ts';
import { ensurePartnerAccount, type PartnerCredentials } from './partnerAccount.ts';
import { createPartnerRequestHandler, type ComputeOutcome } from './partnerServer.ts';
import { PartnerSession } from './PartnerSession.ts';
import { registerService, registryOperator, territoryServerUrl } from './registry.ts';
import { RetentionStore } from './RetentionStore.ts';
import { validateServiceDescription, type ServiceDescription } from './serviceDescription.ts';
import { subscribeToInbox, type WebhookSubscription } from './webhooks.ts';

/** Login of a demo partner account: `<id>@partners.<territory>.example`, password `partner-demo` (env `SDT_PARTNER_PASSWORD`). */
export function demoPartnerAccount(description: Pick<ServiceDescription, 'id' | 'territory'>): {
  email: string;
  password: string;
  podName: string;
} {
  return {
    email: `${description.id}@partners.${description.territory}.example`,
    password: process.env.SDT_PARTNER_PASSWORD ?? 'partner-demo',
    podName: `partner-${description.id}`,
  };
}

/** Options of {@link startPartnerApp}. */
export interface StartPartnerAppOptions<R> {
  /** The service description (validated here; an invalid one stops the start with a clear message). */
  readonly description: unknown;
  readonly compute: ComputeOutcome<R>;
  /** More HTML for the home page (method, sources). */
  readonly about?: RawHtml;
  /** Port to listen on (0: any free port). */
  readonly port: number;
  /** Address to bind (loopback by default). */
  readonly host?: string;
  /** Public base URL (default `http://localhost:<port>/`). */
  readonly appUrl?: string;
  /** The pod server of the partner's account (default: its territory's, e.g. http://localhost:3101/). */
  readonly serverUrl?: string;
  /** The partner's login (default {@link demoPartnerAccount}). */
  readonly account?: { readonly email: string; readonly password: string; readonly podName: string };
  /** Or client credentials given by the operator (then no account is created). */
  readonly credentials?: PartnerCredentials;
  /** Folder for the client credentials and the retention store (memory and fresh credentials without it). */
  readonly dataDir?: string;
  /** More pod servers allowed on loopback as `replyTo` (tests). */
  readonly platformServers?: readonly string[];
  /**
   * Register the service in the registry of its pod server (default true, with the territory's
   * registry operator login; failures are reported, not fatal), or in the registry given.
   */
  readonly register?: boolean | { readonly serverUrl: string; readonly operator: { email: string; password: string } };
  /** Subscribe the app's `/webhook` to inbox notifications (default true). */
  readonly webhooks?: boolean;
  /** Seconds between two polls of the inbox (default 30; 0: no polling). */
  readonly pollSeconds?: number;
  readonly now?: () => Date;
  /** Where warnings go (default stderr). */
  readonly warn?: (message: string) => void;
}

/** A running partner app. */
export interface RunningPartnerApp {
  readonly url: string;
  readonly port: number;
  readonly session: PartnerSession;
  readonly store: RetentionStore;
  readonly server: Server;
  readonly webhook: WebhookSubscription | undefined;
  /** Registry entry, when registered. */
  readonly registryEntry: string | undefined;
  readonly stop: () => Promise<void>;
}

/**
 * Starts a partner service: validates its description, opens (or creates) its account on the pod
 * server, registers it in the territory registry, listens on `host:port`, subscribes its webhook to
 * the partner inbox and polls the inbox as a fallback.
 *
 * @throws ServiceDescriptionError for an invalid description; PartnerError `auth` / `server`
 */
export async function startPartnerApp<R>(options: StartPartnerAppOptions<R>): Promise<RunningPartnerApp> {
  const description = validateServiceDescription(options.description);
  const warn = options.warn ?? ((message: string): void => void process.stderr.write(`${message}\n`));
  const serverUrl = options.serverUrl ?? territoryServerUrl(description.territory);
  const account = options.account ?? demoPartnerAccount(description);
  const credentials =
    options.credentials ??
    (await ensurePartnerAccount({
      serverUrl,
      ...account,
      ...(options.dataDir ? { credentialsFile: path.join(options.dataDir, 'credentials.json') } : {}),
    }));
  const store = new RetentionStore({
    retentionDays: description.retentionDays,
    ...(options.dataDir ? { file: path.join(options.dataDir, 'kept.json') } : {}),
  });
  const session = PartnerSession.connect(credentials, description, {
    store,
    ...(options.platformServers ? { platformServers: options.platformServers } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  // The Client ID document needs the app's URL, known once listening (port 0): the handler is set then.
  const mounted: { handler?: (request: IncomingMessage, response: ServerResponse) => void } = {};
  const server = createServer((request, response) => {
    if (mounted.handler) mounted.handler(request, response);
    else response.writeHead(503).end();
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  const url = options.appUrl ?? `http://localhost:${port}/`;
  mounted.handler = createPartnerRequestHandler({
    session,
    appUrl: url,
    compute: options.compute,
    store,
    ...(options.about ? { about: options.about } : {}),
  });

  let registryEntry: string | undefined;
  if (options.register !== false) {
    try {
      const document = buildClientIdDocument(description, url, {
        webId: credentials.webId,
        clientId: credentials.clientId,
        inbox: session.inboxUrl,
      });
      registryEntry =
        typeof options.register === 'object'
          ? await registerService(document, {
              location: { serverUrl: options.register.serverUrl },
              operator: options.register.operator,
            })
          : // The registry of the pod server holding the partner's account (its territory's).
            await registerService(document, {
              location: { serverUrl },
              operator: registryOperator(description.territory),
            });
    } catch (error: unknown) {
      warn(`${description.id}: not registered in the ${description.territory} registry (${(error as Error).message}).`);
    }
  }
  let webhook: WebhookSubscription | undefined;
  if (options.webhooks !== false) {
    try {
      webhook = await subscribeToInbox(session, new URL('webhook', url).href);
    } catch (error: unknown) {
      warn(`${description.id}: no webhook notifications (${(error as Error).message}); polling the inbox instead.`);
    }
  }
  await session
    .refreshAnswers()
    .catch((error: unknown) => warn(`${description.id}: inbox not read (${(error as Error).message}).`));
  const pollSeconds = options.pollSeconds ?? 30;
  const timer =
    pollSeconds > 0
      ? setInterval(() => void session.refreshAnswers().catch(() => undefined), pollSeconds * 1000)
      : undefined;
  timer?.unref();

  return {
    url,
    port,
    session,
    store,
    server,
    webhook,
    registryEntry,
    stop: async () => {
      if (timer) clearInterval(timer);
      await webhook?.unsubscribe().catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
