import { loginAsOwner, type AuthenticatedFetch } from '@sdt/pod';

/** Logs in as an existing citizen (email + password) and returns an authenticated fetch. */
export function loginAs(
  serverUrl: string,
  email: string,
  password: string,
): Promise<AuthenticatedFetch & { webId: string; podUrl: string; close: () => Promise<void> }> {
  return loginAsOwner(serverUrl, email, password);
}
