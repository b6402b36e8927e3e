import { AccountClient, openOwnerSession, type AuthenticatedFetch } from '@sdt/pod';

/** Logs in as an existing citizen (email + password) and returns an authenticated fetch. */
export async function loginAs(
  serverUrl: string,
  email: string,
  password: string,
): Promise<AuthenticatedFetch & { webId: string; podUrl: string; close: () => Promise<void> }> {
  const client = new AccountClient({ serverUrl });
  const token = await client.login(email, password);
  if (!token) throw new Error(`No account ${email} on ${serverUrl}`);
  const webIds = Object.keys(await client.listWebIds(token));
  const pods = Object.keys(await client.listPods(token));
  const webId = webIds[0];
  const podUrl = pods[0];
  if (!webId || !podUrl) throw new Error(`Account ${email} has no pod`);
  const session = await openOwnerSession(client, token, webId);
  return { ...session, webId, podUrl };
}
