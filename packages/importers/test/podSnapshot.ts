import { Parser } from 'n3';

/** Every resource of a pod: bytes of documents, sorted member lists of containers. */
export type PodSnapshot = Map<string, string>;

const CONTAINS = 'http://www.w3.org/ns/ldp#contains';

/**
 * Reads a whole pod as its owner, walking containers from the root. Documents are compared by
 * bytes; containers by their member list (their listing also shows modification times, which a
 * create-then-delete changes without changing what the pod holds).
 */
export async function snapshotPod(podUrl: string, fetchFn: typeof fetch): Promise<PodSnapshot> {
  const snapshot: PodSnapshot = new Map();
  const pending = [podUrl];
  while (pending.length > 0) {
    const url = pending.pop()!;
    const response = await fetchFn(url, { headers: { accept: 'text/turtle, */*;q=0.5' } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    if (url.endsWith('/')) {
      const members = new Parser({ baseIRI: url })
        .parse(body)
        .filter((q) => q.subject.value === url && q.predicate.value === CONTAINS)
        .map((q) => q.object.value)
        .sort();
      snapshot.set(
        url.slice(podUrl.length) || '/',
        `container: ${members.map((m) => m.slice(podUrl.length)).join(' ')}`,
      );
      pending.push(...members);
    } else {
      snapshot.set(url.slice(podUrl.length), body);
    }
  }
  return snapshot;
}

/** Paths whose content differs between two snapshots (added, removed or changed). */
export function diffSnapshots(before: PodSnapshot, after: PodSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
