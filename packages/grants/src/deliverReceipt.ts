import { assertDeliverable, type DestinationOptions } from './destinations.ts';
import { GrantsError } from './GrantsError.ts';
import type { FetchFn } from './podIo.ts';

/** Outcome of sending a receipt to the requestor. */
export interface Delivery {
  /** True when the requestor's inbox accepted the receipt. */
  readonly delivered: boolean;
  /** URL of the receipt in the requestor's inbox, when delivered and the server said. */
  readonly location?: string;
  /** Why it was not delivered. */
  readonly error?: string;
}

/**
 * POSTs a receipt (Turtle) to a requestor's inbox, after checking the destination again (http(s),
 * not private or loopback except the platform's servers, also after DNS resolution).
 * Never throws: a partner whose inbox is down must not undo the citizen's answer.
 */
export async function deliverReceipt(
  replyTo: string,
  turtle: string,
  options: DestinationOptions & { fetch: FetchFn },
): Promise<Delivery> {
  try {
    await assertDeliverable(replyTo, options);
    const response = await options.fetch(replyTo, {
      method: 'POST',
      headers: { 'content-type': 'text/turtle' },
      body: turtle,
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) return { delivered: false, error: `POST ${replyTo} answered ${response.status}.` };
    const location = response.headers.get('location');
    return { delivered: true, ...(location ? { location: new URL(location, replyTo).href } : {}) };
  } catch (error: unknown) {
    const message = GrantsError.isInstance(error)
      ? error.message
      : `POST ${replyTo} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { delivered: false, error: message };
  }
}
