/**
 * IRIs of the grant contract (docs/grants.md) that the pod server reads and writes.
 * The plugin is a CommonJS build and cannot import the ESM `@sdt/vocab` source, so the few terms it
 * needs are repeated here; `test/terms.test.ts` checks them against `@sdt/vocab`.
 */
export const SDT_NS = 'https://w3id.org/selfdata-territorial/ns#';
export const ACL_NS = 'http://www.w3.org/ns/auth/acl#';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
export const DCT_DATE = 'http://purl.org/dc/terms/date';
export const LDP_CONTAINS = 'http://www.w3.org/ns/ldp#contains';

/** `sdt:` terms used by the enforcement rule and the access log. */
export const SDT = {
  AccessGrant: `${SDT_NS}AccessGrant`,
  AccessRequest: `${SDT_NS}AccessRequest`,
  ConsentReceipt: `${SDT_NS}ConsentReceipt`,
  AccessLogEntry: `${SDT_NS}AccessLogEntry`,
  Active: `${SDT_NS}Active`,
  Allowed: `${SDT_NS}Allowed`,
  Denied: `${SDT_NS}Denied`,
  status: `${SDT_NS}status`,
  grantee: `${SDT_NS}grantee`,
  clientId: `${SDT_NS}clientId`,
  forCategory: `${SDT_NS}forCategory`,
  mode: `${SDT_NS}mode`,
  validFrom: `${SDT_NS}validFrom`,
  validUntil: `${SDT_NS}validUntil`,
  requestor: `${SDT_NS}requestor`,
  grant: `${SDT_NS}grant`,
  agent: `${SDT_NS}agent`,
  target: `${SDT_NS}target`,
  outcome: `${SDT_NS}outcome`,
} as const;

/** ACL access modes. */
export const ACL = {
  Read: `${ACL_NS}Read`,
  Append: `${ACL_NS}Append`,
  Write: `${ACL_NS}Write`,
} as const;

/** Paths of the pod layout the plugin protects, relative to the pod root. */
export const LAYOUT_PATHS = {
  data: 'data/',
  grants: 'grants/',
  receipts: 'grants/receipts/',
  requests: 'grants/requests/',
  audit: 'audit/',
  inbox: 'inbox/',
} as const;
