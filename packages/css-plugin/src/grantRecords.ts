import type { Quad } from 'n3';
import { getCategoryName } from './podPaths';
import { ACL, RDF_TYPE, SDT, SDT_NS } from './terms';

/** Access modes a grant can give, as CSS names them. */
export type GrantMode = 'read' | 'append' | 'write';

/** An `sdt:AccessGrant` as the pod server enforces it. */
export interface GrantRecord {
  /** IRI of the grant, e.g. `<pod>grants/abc#grant`. */
  iri: string;
  /** URL of the resource holding it. */
  document: string;
  /** True only for `sdt:status sdt:Active`. */
  active: boolean;
  grantee: string;
  clientId: string;
  categories: ReadonlySet<string>;
  modes: ReadonlySet<GrantMode>;
  /** Start of validity, epoch milliseconds (inclusive). */
  validFrom: number;
  /** End of validity, epoch milliseconds (exclusive). */
  validUntil: number;
}

/** What one resource under `grants/` holds, as far as access control is concerned. */
export interface GrantDocument {
  grants: GrantRecord[];
  /** Grant IRIs that receipts in this resource refer to (`sdt:grant`). */
  receiptGrants: string[];
  /** Requestors of the access requests in this resource (`sdt:requestor`). */
  requestors: string[];
}

const MODE_OF_IRI: Readonly<Record<string, GrantMode>> = {
  [ACL.Read]: 'read',
  [ACL.Append]: 'append',
  [ACL.Write]: 'write',
};

function parseTime(value: string | undefined): number {
  return value === undefined ? Number.NaN : Date.parse(value);
}

/**
 * Reads the grants, receipts and request copies of one resource of `grants/`.
 * A grant whose grantee, client id or validity window is missing or given twice is left out
 * (fail closed): it allows nothing.
 *
 * @param quads - The resource's triples.
 * @param document - URL of the resource.
 */
export function readGrantDocument(quads: Iterable<Quad>, document: string): GrantDocument {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const list = bySubject.get(quad.subject.value);
    if (list) {
      list.push(quad);
    } else {
      bySubject.set(quad.subject.value, [quad]);
    }
  }
  const result: GrantDocument = { grants: [], receiptGrants: [], requestors: [] };
  for (const [subject, subjectQuads] of bySubject) {
    const values = (predicate: string): string[] =>
      subjectQuads
        .filter((quad): boolean => quad.predicate.value === predicate)
        .map((quad): string => quad.object.value);
    const types = new Set(values(RDF_TYPE));
    if (types.has(SDT.AccessGrant)) {
      const grant = toGrant(subject, document, values);
      if (grant) {
        result.grants.push(grant);
      }
    }
    if (types.has(SDT.ConsentReceipt)) {
      result.receiptGrants.push(...values(SDT.grant));
    }
    if (types.has(SDT.AccessRequest)) {
      result.requestors.push(...values(SDT.requestor));
    }
  }
  return result;
}

function toGrant(iri: string, document: string, values: (predicate: string) => string[]): GrantRecord | undefined {
  const grantees = values(SDT.grantee);
  const clientIds = values(SDT.clientId);
  const from = values(SDT.validFrom);
  const until = values(SDT.validUntil);
  const statuses = values(SDT.status);
  if (grantees.length !== 1 || clientIds.length !== 1 || from.length !== 1 || until.length !== 1) {
    return undefined;
  }
  const validFrom = parseTime(from[0]);
  const validUntil = parseTime(until[0]);
  if (!Number.isFinite(validFrom) || !Number.isFinite(validUntil)) {
    return undefined;
  }
  const categories = new Set<string>();
  for (const category of values(SDT.forCategory)) {
    const name = getCategoryName(category, SDT_NS);
    if (name) {
      categories.add(name);
    }
  }
  const modes = new Set<GrantMode>();
  for (const mode of values(SDT.mode)) {
    const name = MODE_OF_IRI[mode];
    if (name) {
      modes.add(name);
    }
  }
  // acl:Write implies acl:Append.
  if (modes.has('write')) {
    modes.add('append');
  }
  return {
    iri,
    document,
    active: statuses.length === 1 && statuses[0] === SDT.Active,
    grantee: grantees[0]!,
    clientId: clientIds[0]!,
    categories,
    modes,
    validFrom,
    validUntil,
  };
}

/** Tells whether a grant is active at `now` (epoch ms): status active and `validFrom <= now < validUntil`. */
export function isGrantInForce(grant: GrantRecord, now: number): boolean {
  return grant.active && grant.validFrom <= now && now < grant.validUntil;
}
