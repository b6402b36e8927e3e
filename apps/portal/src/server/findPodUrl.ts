import 'server-only';
import { Parser } from 'n3';
import { PIM } from '@sdt/vocab';

const STORAGE_TYPE = 'http://www.w3.org/ns/pim/space#Storage';

/**
 * Finds the citizen's pod: the `pim:storage` of the WebID profile, else the nearest container above the
 * WebID document that the server marks as a storage (`Link: <pim:Storage>; rel="type"`, Solid Protocol
 * §4.1). A pod made through the server's own sign-up page may lack `pim:storage` in its profile.
 *
 * @param webId - the citizen's WebID
 * @param fetchFn - the citizen's authenticated fetch
 * @returns the pod root URL (ending with `/`), or undefined when none is found
 */
export async function findPodUrl(webId: string, fetchFn: typeof globalThis.fetch): Promise<string | undefined> {
  const profileUrl = webId.split('#')[0] ?? webId;
  try {
    const response = await fetchFn(profileUrl, { headers: { accept: 'text/turtle' } });
    if (response.ok) {
      const quads = new Parser({ baseIRI: profileUrl }).parse(await response.text());
      const storages = quads
        .filter((q) => q.subject.value === webId && q.predicate.value === PIM.storage && q.object.termType === 'NamedNode')
        .map((q) => q.object.value)
        .filter((url) => /^https?:\/\//.test(url) && url.endsWith('/'));
      // Prefer the storage on the same server as the WebID (a profile may list several).
      const sameOrigin = storages.find((url) => new URL(url).origin === new URL(webId).origin);
      if (sameOrigin ?? storages[0]) return sameOrigin ?? storages[0];
    } else {
      await response.arrayBuffer();
    }
  } catch {
    // An unreadable profile: fall back to walking up.
  }
  let url = new URL('.', profileUrl);
  for (let depth = 0; depth < 8 && url.pathname !== '/'; depth++) {
    try {
      const response = await fetchFn(url.href, { method: 'HEAD' });
      const link = response.headers.get('link') ?? '';
      if (link.includes(`<${STORAGE_TYPE}>`) && /rel="type"/.test(link)) return url.href;
    } catch {
      return undefined;
    }
    url = new URL('..', url);
  }
  return undefined;
}
