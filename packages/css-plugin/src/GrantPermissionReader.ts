import type {
  AuxiliaryIdentifierStrategy,
  PermissionMap,
  PermissionReaderInput,
  PermissionSet,
} from '@solid/community-server';
import { IdentifierMap, PermissionReader } from '@solid/community-server';
import type { GrantDecisions } from './GrantDecisions';
import type { GrantIndex } from './GrantIndex';
import { isGrantInForce } from './grantRecords';
import { findCategoryTarget, isPlainRelativePath } from './podPaths';
import type { PodRegistry } from './PodRegistry';
import { LAYOUT_PATHS } from './terms';

/**
 * Allows a non-owner exactly what an active grant of the pod gives (docs/grants.md, "Enforcement
 * rule"): same WebID, same client id of the token, a target inside a granted `data/<category>/`,
 * a granted mode, `validFrom <= now < validUntil`, checked at request time. Also lets a grantee
 * read its own grant, the receipts of its grants and the access requests it sent in `grants/`.
 * It only ever answers `true` or nothing: whatever it does not decide stays with ACP.
 *
 * On the category container itself it gives `read` (listing) for a read grant and `append` for an
 * append or write grant (so that members can be created); `write` only on members. CSS's
 * `ParentContainerReader` derives `create` from the container's `append`; `delete` needs `write`
 * on the container, which no grant gives.
 */
export class GrantPermissionReader extends PermissionReader {
  /**
   * @param grants - Cache of the pods' grant registries.
   * @param pods - Finds the pod of a resource and its owners.
   * @param decisions - Where the grant used is remembered for the access log.
   * @param auxiliaryStrategy - Recognises auxiliary resources (ACRs, descriptions), never granted.
   */
  public constructor(
    private readonly grants: GrantIndex,
    private readonly pods: PodRegistry,
    private readonly decisions: GrantDecisions,
    private readonly auxiliaryStrategy: AuxiliaryIdentifierStrategy,
  ) {
    super();
  }

  public override async handle({ credentials, requestedModes }: PermissionReaderInput): Promise<PermissionMap> {
    const result: PermissionMap = new IdentifierMap();
    const webId = credentials.agent?.webId;
    if (!webId) {
      return result;
    }
    const clientId = credentials.client?.clientId;
    const now = Date.now();
    for (const identifier of requestedModes.distinctKeys()) {
      if (this.auxiliaryStrategy.isAuxiliaryIdentifier(identifier)) {
        continue;
      }
      const pod = await this.pods.findPod(identifier);
      if (!pod || this.pods.isOwner(pod, webId)) {
        continue;
      }
      const relative = identifier.path.slice(pod.root.length);
      if (relative.startsWith(LAYOUT_PATHS.grants)) {
        if (
          !relative.endsWith('/') &&
          isPlainRelativePath(relative) &&
          (await this.grants.isRecordReader(pod.root, identifier.path, webId))
        ) {
          result.set(identifier, { read: true });
        }
        continue;
      }
      const target = findCategoryTarget(relative);
      if (!target || clientId === undefined) {
        continue;
      }
      const permissions: PermissionSet = {};
      for (const grant of await this.grants.findGrants(pod.root, webId, clientId)) {
        if (!grant.categories.has(target.category) || !isGrantInForce(grant, now)) {
          continue;
        }
        for (const mode of grant.modes) {
          if (target.isContainer && mode === 'write') {
            continue;
          }
          permissions[mode] = true;
          this.decisions.record(credentials, identifier.path, mode, grant.iri);
        }
      }
      if (Object.keys(permissions).length > 0) {
        result.set(identifier, permissions);
      }
    }
    return result;
  }
}
