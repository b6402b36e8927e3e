/**
 * Webhook notifications (Solid Notifications, CSS 7 `WebhookChannel2023`): the pod server POSTs to the
 * partner app when its inbox changes, so that answers and revocations are seen at once rather than at
 * the next poll. A notification is only a hint: the partner then re-reads its inbox with its own
 * credentials ({@link PartnerSession.handleInboxNotification}), so a forged notification can at worst
 * cause one extra read.
 */
import { PartnerError } from './PartnerError.ts';
import type { PartnerSession } from './PartnerSession.ts';

/** The channel type of CSS 7 webhooks. */
export const WEBHOOK_CHANNEL_TYPE = 'http://www.w3.org/ns/solid/notifications#WebhookChannel2023';

/** A webhook subscription on the partner's inbox. */
export interface WebhookSubscription {
  /** The channel's IRI on the pod server (DELETE it to unsubscribe). */
  readonly id: string;
  readonly topic: string;
  readonly sendTo: string;
  /** Deletes the channel (no more notifications). */
  readonly unsubscribe: () => Promise<void>;
}

/** A notification as CSS sends it (Activity Streams JSON-LD); only what the SDK looks at. */
export interface InboxNotification {
  readonly type?: string;
  /** The resource that changed (an inbox item for `Add`). */
  readonly object?: string;
  /** The container, for `Add` / `Remove`. */
  readonly target?: string;
  readonly published?: string;
}

/**
 * Subscribes `sendTo` (the partner app's webhook receiver, e.g. `http://localhost:3203/webhook`) to
 * changes of the partner's inbox. The subscription endpoint is CSS 7's
 * `<server>.notifications/WebhookChannel2023/`.
 *
 * @throws PartnerError `server` when the pod server refuses the subscription
 */
export async function subscribeToInbox(session: PartnerSession, sendTo: string): Promise<WebhookSubscription> {
  const endpoint = new URL('.notifications/WebhookChannel2023/', session.credentials.serverUrl).href;
  const topic = session.inboxUrl;
  let response: Response;
  try {
    response = await session.fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/ld+json' },
      body: JSON.stringify({
        '@context': ['https://www.w3.org/ns/solid/notification/v1'],
        type: WEBHOOK_CHANNEL_TYPE,
        topic,
        sendTo,
      }),
    });
  } catch (error: unknown) {
    throw new PartnerError('server', `The webhook subscription endpoint ${endpoint} cannot be reached.`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new PartnerError(
      'server',
      `POST ${endpoint} answered ${response.status}: the webhook subscription was refused.`,
      { statusCode: response.status },
    );
  }
  let id: string | undefined;
  try {
    id = (JSON.parse(text) as { id?: string }).id;
  } catch {
    // Not JSON: no id.
  }
  if (!id) throw new PartnerError('server', `POST ${endpoint} answered no channel id.`);
  const channel = id;
  return {
    id: channel,
    topic,
    sendTo,
    unsubscribe: async () => {
      const deleted = await session.fetch(channel, { method: 'DELETE' }).catch(() => undefined);
      await deleted?.arrayBuffer().catch(() => undefined);
    },
  };
}

/**
 * Reads a notification body (JSON or JSON-LD). Never throws: an unreadable body gives `{}`
 * (it is only a hint to re-read the inbox).
 */
export function parseInboxNotification(body: string): InboxNotification {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const pick = (key: string): string | undefined => {
      const field = value[key];
      if (typeof field === 'string') return field;
      if (typeof field === 'object' && field !== null && typeof (field as { id?: unknown }).id === 'string')
        return (field as { id: string }).id;
      return undefined;
    };
    const result: { -readonly [K in keyof InboxNotification]: InboxNotification[K] } = {};
    for (const key of ['type', 'object', 'target', 'published'] as const) {
      const field = pick(key);
      if (field !== undefined) result[key] = field;
    }
    return result;
  } catch {
    return {};
  }
}
