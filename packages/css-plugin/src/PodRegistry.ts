import type { PodStore, ResourceIdentifier, StorageLocationStrategy } from '@solid/community-server';
import { getLoggerFor } from '@solid/community-server';
import type { ChangeEmitter } from './ChangeEmitter';

/** A pod of this server: its root URL and the WebIDs that own it. */
export interface PodInfo {
  /** Pod root URL, ending with `/`. */
  root: string;
  /** Owners recorded by the pod store, plus the pod's default WebID `<root>profile/card#me`. */
  owners: ReadonlySet<string>;
}

interface CacheEntry {
  info: Promise<PodInfo | undefined>;
  expires: number;
}

/**
 * Finds the pod that holds a resource and who owns it, the way CSS's `OwnerPermissionReader`
 * does (storage location strategy, then the pod store), with a short-lived cache so that a request
 * costs a map lookup. A cached "no pod here" is dropped as soon as the store reports a change at
 * that root (a pod being created).
 */
export class PodRegistry {
  protected readonly logger = getLoggerFor(this);
  private readonly cache = new Map<string, CacheEntry>();

  /**
   * @param podStore - CSS pod store (pods and their owners).
   * @param storageStrategy - Finds the storage root of an identifier.
   * @param emitter - The server's resource store, as emitter of change activities.
   * @param ttlMs - How long an answer is reused, 10 s by default.
   */
  public constructor(
    private readonly podStore: PodStore,
    private readonly storageStrategy: StorageLocationStrategy,
    emitter: ChangeEmitter,
    private readonly ttlMs = 10_000,
  ) {
    emitter.on('changed', (target: ResourceIdentifier): void => {
      // A pod being created (or changed) at this root: forget what was known about it.
      this.cache.delete(target.path);
    });
  }

  /**
   * Finds the pod holding `identifier`.
   *
   * @returns The pod, or undefined when the identifier is not inside a pod of this server.
   */
  public async findPod(identifier: ResourceIdentifier): Promise<PodInfo | undefined> {
    let root: string;
    try {
      root = (await this.storageStrategy.getStorageIdentifier(identifier)).path;
    } catch {
      return undefined;
    }
    const now = Date.now();
    let entry = this.cache.get(root);
    if (!entry || entry.expires <= now) {
      entry = { info: this.lookUp(root), expires: now + this.ttlMs };
      this.cache.set(root, entry);
      entry.info.catch((): void => {
        this.cache.delete(root);
      });
    }
    return entry.info;
  }

  /** Tells whether `webId` owns the pod. */
  public isOwner(pod: PodInfo, webId: string | undefined): boolean {
    return webId !== undefined && pod.owners.has(webId);
  }

  private async lookUp(root: string): Promise<PodInfo | undefined> {
    const pod = await this.podStore.findByBaseUrl(root);
    if (!pod) {
      return undefined;
    }
    const owners = new Set(((await this.podStore.getOwners(pod.id)) ?? []).map((owner): string => owner.webId));
    owners.add(`${root}profile/card#me`);
    return { root, owners };
  }
}
