import type {
  AuxiliaryIdentifierStrategy,
  PermissionMap,
  PermissionReaderInput,
  PermissionSet,
  ResourceSet,
} from '@solid/community-server';
import { AccessMode, IdentifierMap, PermissionReader } from '@solid/community-server';
import type { PodRegistry } from './PodRegistry';
import { LAYOUT_PATHS } from './terms';

const NO_WRITES: Readonly<PermissionSet> = Object.freeze({
  append: false,
  write: false,
  create: false,
  delete: false,
});

const WRITE_MODES = [AccessMode.append, AccessMode.write, AccessMode.create, AccessMode.delete];

/**
 * Denies (answers `false`, which beats any `true` in CSS's union of readers) what the pod layout
 * forbids whatever the ACRs say:
 * - `audit/` and everything in it: nobody writes over HTTP, not even the owner (the server appends
 *   through its store). The owner may still create the empty `audit/` container while it is missing.
 * - `grants/` and everything in it: only an owner writes.
 * - `inbox/` and everything in it: anonymous agents never write.
 * Reads are left to ACP (the owner) and to the grant reader (a grantee's own records).
 */
export class PodLayoutProtectionReader extends PermissionReader {
  /**
   * @param pods - Finds the pod of a resource and its owners.
   * @param resourceSet - Tells whether a resource exists (`audit/` may be created once).
   * @param auxiliaryStrategy - Recognises auxiliary resources; ACRs stay with ACP and the owner.
   */
  public constructor(
    private readonly pods: PodRegistry,
    private readonly resourceSet: ResourceSet,
    private readonly auxiliaryStrategy: AuxiliaryIdentifierStrategy,
  ) {
    super();
  }

  public override async handle({ credentials, requestedModes }: PermissionReaderInput): Promise<PermissionMap> {
    const result: PermissionMap = new IdentifierMap();
    const webId = credentials.agent?.webId;
    for (const [identifier, modes] of requestedModes.entrySets()) {
      if (
        !WRITE_MODES.some((mode): boolean => modes.has(mode)) ||
        this.auxiliaryStrategy.isAuxiliaryIdentifier(identifier)
      ) {
        continue;
      }
      const pod = await this.pods.findPod(identifier);
      if (!pod) {
        continue;
      }
      const relative = identifier.path.slice(pod.root.length);
      if (relative === LAYOUT_PATHS.audit) {
        result.set(
          identifier,
          (await this.resourceSet.hasResource(identifier)) ? { ...NO_WRITES } : { write: false, delete: false },
        );
      } else if (relative.startsWith(LAYOUT_PATHS.audit)) {
        result.set(identifier, { ...NO_WRITES });
      } else if (relative.startsWith(LAYOUT_PATHS.grants)) {
        if (!this.pods.isOwner(pod, webId)) {
          result.set(identifier, { ...NO_WRITES });
        }
      } else if (relative.startsWith(LAYOUT_PATHS.inbox) && !webId) {
        result.set(identifier, { ...NO_WRITES });
      }
    }
    return result;
  }
}
