import { randomUUID } from 'node:crypto';
import type { AuthorizerInput, Credentials, ResourceIdentifier } from '@solid/community-server';
import { AccessMode, Authorizer, getLoggerFor, InternalServerError } from '@solid/community-server';
import type { AccessLogJournal } from './AccessLogJournal';
import type { AccessLogEntry } from './accessLogTurtle';
import { toSafeIri } from './accessLogTurtle';
import type { GrantDecisions } from './GrantDecisions';
import type { GrantMode } from './grantRecords';
import type { PodRegistry } from './PodRegistry';
import { ACL } from './terms';

/** The WebID profile document, read anonymously by token verifiers. */
const PROFILE_DOCUMENT = 'profile/card';

const ACL_OF_MODE: Readonly<Record<AccessMode, string>> = {
  [AccessMode.read]: ACL.Read,
  [AccessMode.append]: ACL.Append,
  [AccessMode.create]: ACL.Append,
  [AccessMode.write]: ACL.Write,
  [AccessMode.delete]: ACL.Write,
};

const GRANT_MODES_OF_MODE: Readonly<Record<AccessMode, GrantMode[]>> = {
  [AccessMode.read]: ['read'],
  [AccessMode.append]: ['append'],
  [AccessMode.create]: ['append'],
  [AccessMode.write]: ['write'],
  [AccessMode.delete]: ['write'],
};

function toSafeIriOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  try {
    return toSafeIri(value);
  } catch {
    return undefined;
  }
}

/**
 * Wraps CSS's authorizer and journals an access-log entry for every request on a pod by an agent
 * other than its owner (anonymous included), allowed or denied, before the request goes on: time,
 * agent, client id, target, modes, outcome and the grant that allowed it. If the entry cannot be
 * journalled, an allowed request fails with 500 rather than go unlogged. Allowed anonymous reads of
 * the pod's WebID profile document are not logged: every token verifier makes them on each login.
 */
export class AccessLoggingAuthorizer extends Authorizer {
  protected readonly logger = getLoggerFor(this);

  /**
   * @param source - CSS's authorizer (`PermissionBasedAuthorizer`).
   * @param journal - The access log's write-ahead journal.
   * @param pods - Finds the pod of a resource and its owners.
   * @param decisions - The grants used, as remembered by the grant reader.
   */
  public constructor(
    private readonly source: Authorizer,
    private readonly journal: AccessLogJournal,
    private readonly pods: PodRegistry,
    private readonly decisions: GrantDecisions,
  ) {
    super();
  }

  public override async canHandle(input: AuthorizerInput): Promise<void> {
    return this.source.canHandle(input);
  }

  public override async handle(input: AuthorizerInput): Promise<void> {
    let failure: unknown;
    try {
      await this.source.handle(input);
    } catch (error: unknown) {
      failure = error;
    }
    try {
      await this.log(input, failure === undefined);
    } catch (error: unknown) {
      this.logger.error(`Cannot journal an access log entry: ${(error as Error).message}`);
      if (failure === undefined) {
        throw new InternalServerError('The access could not be logged.', { cause: error });
      }
    }
    if (failure !== undefined) {
      throw failure;
    }
  }

  private async log({ credentials, requestedModes }: AuthorizerInput, allowed: boolean): Promise<void> {
    // The operation's target is the first identifier: CSS adds parents and intermediate containers after it.
    const first: [ResourceIdentifier, ReadonlySet<AccessMode>] | undefined = requestedModes.entrySets().next().value;
    if (!first) {
      return;
    }
    const [target, modes] = first;
    const pod = await this.pods.findPod(target);
    if (!pod || this.pods.isOwner(pod, credentials.agent?.webId)) {
      return;
    }
    if (
      allowed &&
      !credentials.agent &&
      target.path === `${pod.root}${PROFILE_DOCUMENT}` &&
      [...modes].every((mode): boolean => mode === AccessMode.read)
    ) {
      // Public WebID lookups, made by every token verifier (this server's included) on each login.
      return;
    }
    const entry: AccessLogEntry = {
      id: randomUUID(),
      time: new Date().toISOString(),
      pod: pod.root,
      target: target.path,
      modes: [...new Set([...modes].map((mode): string => ACL_OF_MODE[mode]))],
      outcome: allowed ? 'Allowed' : 'Denied',
    };
    const agent = toSafeIriOrUndefined(credentials.agent?.webId);
    if (agent !== undefined) {
      entry.agent = agent;
    }
    if (credentials.client?.clientId !== undefined) {
      entry.client = credentials.client.clientId;
    }
    if (allowed) {
      const grant = this.findGrant(credentials, target.path, modes);
      if (grant !== undefined) {
        entry.grant = grant;
      }
    }
    await this.journal.append(entry);
  }

  private findGrant(credentials: Credentials, path: string, modes: ReadonlySet<AccessMode>): string | undefined {
    const grantModes = [...modes].flatMap((mode): GrantMode[] => GRANT_MODES_OF_MODE[mode]);
    return this.decisions.findGrant(credentials, path, grantModes);
  }
}
