/**
 * Where receipts may be sent: a request's `replyTo` must be http(s) and must not point into a private
 * network (loopback, RFC 1918, link-local, unique-local...), except to the platform's own servers,
 * so that a request cannot turn a citizen's approval into a request against an internal service.
 * IP ranges come from ipaddr.js (the library Express uses for the same purpose).
 */
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { invalidRequest, GrantsError } from './GrantsError.ts';

/** Base URLs of the three territory pod servers of the embedded start (always allowed as `replyTo`). */
export const PLATFORM_SERVERS: readonly string[] = Object.freeze([
  'http://localhost:3101/',
  'http://localhost:3102/',
  'http://localhost:3103/',
]);

/** Options of the destination checks. */
export interface DestinationOptions {
  /**
   * Base URLs of the platform's servers, allowed even on loopback or a private network, in addition
   * to {@link PLATFORM_SERVERS} (e.g. the servers of a test run, or a deployment's own hosts).
   */
  readonly platformServers?: readonly string[];
}

function allowedOrigins(options: DestinationOptions): Set<string> {
  const origins = new Set<string>();
  for (const base of [...PLATFORM_SERVERS, ...(options.platformServers ?? [])]) {
    try {
      origins.add(new URL(base).origin);
    } catch {
      // A malformed entry of the allow-list allows nothing.
    }
  }
  return origins;
}

/** True when an address is a public unicast address (not loopback, private, link-local, reserved...). */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks a `replyTo` without network access: http(s), and not a private or loopback host (by name or
 * address literal) unless it is one of the platform's servers.
 *
 * @returns the parsed URL
 * @throws GrantsError `invalid-request` naming the `replyTo` field
 */
export function checkReplyTo(replyTo: string, options: DestinationOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(replyTo);
  } catch {
    throw invalidRequest('replyTo', `"${replyTo}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidRequest('replyTo', `"${replyTo}" must be an http or https URL.`);
  }
  if (url.username || url.password) {
    throw invalidRequest('replyTo', `"${replyTo}" must not carry credentials.`);
  }
  if (allowedOrigins(options).has(url.origin)) return url;
  const host = hostOf(url).toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || (ipaddr.isValid(host) && !isPublicAddress(host))) {
    throw invalidRequest(
      'replyTo',
      `"${replyTo}" points to a loopback or private address, which is allowed only for the platform's own servers.`,
    );
  }
  return url;
}

/**
 * Checks a `replyTo` right before sending to it: {@link checkReplyTo}, then resolves its host name and
 * refuses it if any address is not public (a public name may resolve to a private address).
 *
 * @throws GrantsError `delivery-failed` when the destination is not allowed or its name does not resolve
 */
export async function assertDeliverable(replyTo: string, options: DestinationOptions = {}): Promise<void> {
  let url: URL;
  try {
    url = checkReplyTo(replyTo, options);
  } catch (error: unknown) {
    throw new GrantsError('delivery-failed', (error as Error).message, { field: 'replyTo', cause: error });
  }
  if (allowedOrigins(options).has(url.origin) || ipaddr.isValid(hostOf(url))) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(hostOf(url), { all: true });
  } catch (error: unknown) {
    throw new GrantsError('delivery-failed', `The host of ${replyTo} cannot be resolved.`, {
      field: 'replyTo',
      cause: error,
    });
  }
  if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) {
    throw new GrantsError('delivery-failed', `The host of ${replyTo} resolves to a loopback or private address.`, {
      field: 'replyTo',
    });
  }
}
