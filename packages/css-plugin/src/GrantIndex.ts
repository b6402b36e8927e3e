import type { ResourceIdentifier, ResourceStore } from '@solid/community-server';
import { getLoggerFor, INTERNAL_QUADS, NotFoundHttpError, readableToQuads } from '@solid/community-server';
import type { ChangeEmitter } from './ChangeEmitter';
import type { GrantDocument, GrantRecord } from './grantRecords';
import { readGrantDocument } from './grantRecords';
import { LAYOUT_PATHS, LDP_CONTAINS } from './terms';

const NO_GRANTS: readonly GrantRecord[] = Object.freeze([]);

/** The grant registry of one pod, indexed for the per-request checks. */
class PodGrants {
  /** Parsed resources of `grants/`, by URL. */
  public readonly documents = new Map<string, GrantDocument>();
  /** Grants by `grantee \n clientId`. */
  public readonly byAgentAndClient = new Map<string, GrantRecord[]>();
  /** Grants by IRI. */
  public readonly byIri = new Map<string, GrantRecord>();
  /** Resources changed since they were read. */
  public readonly stale = new Set<string>();
  /** True until the containers have been listed once. */
  public unlisted = true;
  public refreshing?: Promise<void> | undefined;

  public constructor(public readonly root: string) {}

  public setDocument(url: string, document: GrantDocument | undefined): void {
    const previous = this.documents.get(url);
    if (previous) {
      for (const grant of previous.grants) {
        const key = agentKey(grant.grantee, grant.clientId);
        const remaining = (this.byAgentAndClient.get(key) ?? []).filter((entry): boolean => entry !== grant);
        if (remaining.length > 0) {
          this.byAgentAndClient.set(key, remaining);
        } else {
          this.byAgentAndClient.delete(key);
        }
        if (this.byIri.get(grant.iri) === grant) {
          this.byIri.delete(grant.iri);
        }
      }
      this.documents.delete(url);
    }
    if (document) {
      this.documents.set(url, document);
      for (const grant of document.grants) {
        const key = agentKey(grant.grantee, grant.clientId);
        const list = this.byAgentAndClient.get(key);
        if (list) {
          list.push(grant);
        } else {
          this.byAgentAndClient.set(key, [grant]);
        }
        this.byIri.set(grant.iri, grant);
      }
    }
  }
}

function agentKey(webId: string, clientId: string): string {
  return `${webId}\n${clientId}`;
}

/**
 * Per-pod cache of the grant registry (`grants/`, `grants/receipts/`, `grants/requests/`), read
 * through the server's own resource store (no HTTP) the first time a pod is asked about, then kept
 * up to date from the store's change activities: a resource that changes under `grants/` is
 * marked stale and read again before the next answer, so a revocation applies to the very next
 * request. Lookups are map reads keyed by (grantee, client id): 1,000 grants cost what 1 costs.
 *
 * Several server processes (`-w N`) each keep their own cache and only see their own writes;
 * the territory configs run one process.
 */
export class GrantIndex {
  protected readonly logger = getLoggerFor(this);
  private readonly pods = new Map<string, PodGrants>();

  /**
   * @param store - The server's resource store (`urn:solid-server:default:ResourceStore`).
   * @param emitter - The same store, as emitter of change activities.
   * @param maxPods - Pods kept in memory (least recently used are dropped), 10,000 by default.
   * @param readConcurrency - Resources read in parallel when a pod is loaded, 8 by default.
   */
  public constructor(
    private readonly store: ResourceStore,
    emitter: ChangeEmitter,
    private readonly maxPods = 10_000,
    private readonly readConcurrency = 8,
  ) {
    emitter.on('changed', (target: ResourceIdentifier): void => this.markStale(target.path));
  }

  /**
   * Returns the grants of a pod given to `webId` for `clientId`, whatever their state.
   *
   * @param root - Pod root URL.
   */
  public async findGrants(root: string, webId: string, clientId: string): Promise<readonly GrantRecord[]> {
    const pod = await this.getFresh(root);
    return pod.byAgentAndClient.get(agentKey(webId, clientId)) ?? NO_GRANTS;
  }

  /**
   * Tells whether `webId` may read a resource of the pod's `grants/`: its own grant, a receipt of
   * one of its grants, or an access request it sent.
   */
  public async isRecordReader(root: string, url: string, webId: string): Promise<boolean> {
    const pod = await this.getFresh(root);
    const document = pod.documents.get(url);
    if (!document) {
      return false;
    }
    return (
      document.grants.some((grant): boolean => grant.grantee === webId) ||
      document.requestors.includes(webId) ||
      document.receiptGrants.some((iri): boolean => pod.byIri.get(iri)?.grantee === webId)
    );
  }

  /** Drops every cached pod (the next lookup reads the registry again). */
  public clear(): void {
    this.pods.clear();
  }

  private markStale(path: string): void {
    if (path.endsWith('/')) {
      // Containers change with their members; the member's own activity is what matters.
      return;
    }
    const marker = `/${LAYOUT_PATHS.grants}`;
    // Every `/grants/` in the path may be the one right under a pod root (a pod may be named "grants").
    for (let at = path.indexOf(marker); at >= 0; at = path.indexOf(marker, at + 1)) {
      const pod = this.pods.get(path.slice(0, at + 1));
      if (pod) {
        pod.stale.add(path);
        return;
      }
    }
  }

  private async getFresh(root: string): Promise<PodGrants> {
    let pod = this.pods.get(root);
    if (pod) {
      // Least recently used order.
      this.pods.delete(root);
      this.pods.set(root, pod);
    } else {
      pod = new PodGrants(root);
      this.pods.set(root, pod);
      if (this.pods.size > this.maxPods) {
        const oldest = this.pods.keys().next().value;
        if (oldest !== undefined) {
          this.pods.delete(oldest);
        }
      }
    }
    // A request arriving while a refresh runs waits for it (the refresh may hold the change that
    // came just before the request), then refreshes again if more changed meanwhile.
    for (;;) {
      if (pod.refreshing) {
        await pod.refreshing;
      } else if (pod.unlisted || pod.stale.size > 0) {
        pod.refreshing = this.refresh(pod).finally((): void => {
          pod.refreshing = undefined;
        });
      } else {
        return pod;
      }
    }
  }

  private async refresh(pod: PodGrants): Promise<void> {
    const urls = new Set(pod.stale);
    pod.stale.clear();
    if (pod.unlisted) {
      try {
        for (const container of [LAYOUT_PATHS.grants, LAYOUT_PATHS.receipts, LAYOUT_PATHS.requests]) {
          for (const member of await this.listDocuments(`${pod.root}${container}`)) {
            urls.add(member);
          }
        }
        pod.unlisted = false;
      } catch (error: unknown) {
        for (const url of urls) {
          pod.stale.add(url);
        }
        throw error;
      }
    }
    const queue = [...urls];
    const failed: string[] = [];
    const worker = async (): Promise<void> => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        try {
          pod.setDocument(url, await this.readDocument(url));
        } catch (error: unknown) {
          failed.push(url);
          this.logger.error(`Cannot read grant registry resource ${url}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.readConcurrency, queue.length) }, worker));
    if (failed.length > 0) {
      // Nothing read from a resource that failed: it allows nothing until it can be read.
      for (const url of failed) {
        pod.setDocument(url, undefined);
      }
    }
  }

  private async listDocuments(container: string): Promise<string[]> {
    try {
      const representation = await this.store.getRepresentation({ path: container }, { type: { [INTERNAL_QUADS]: 1 } });
      const quads = await readableToQuads(representation.data);
      return quads
        .getQuads(null, LDP_CONTAINS, null, null)
        .map((quad): string => quad.object.value)
        .filter((member): boolean => member.startsWith(container) && !member.endsWith('/'));
    } catch (error: unknown) {
      if (NotFoundHttpError.isInstance(error)) {
        return [];
      }
      throw error;
    }
  }

  private async readDocument(url: string): Promise<GrantDocument | undefined> {
    try {
      const representation = await this.store.getRepresentation({ path: url }, { type: { [INTERNAL_QUADS]: 1 } });
      const quads = await readableToQuads(representation.data);
      return readGrantDocument(quads.getQuads(null, null, null, null), url);
    } catch (error: unknown) {
      if (NotFoundHttpError.isInstance(error)) {
        return undefined;
      }
      throw error;
    }
  }
}
