export * from './GrantsError.ts';
export * from './model.ts';
export { addDuration, maxGrantEnd, parseDuration, type DurationParts } from './durations.ts';
export { PLATFORM_SERVERS, assertDeliverable, checkReplyTo, type DestinationOptions } from './destinations.ts';
export {
  accessGrantQuads,
  accessRequestQuads,
  consentReceiptQuads,
  grantStateAt,
  readAccessGrant,
  readAccessLogEntries,
  readAccessRequest,
  readConsentReceipt,
  writeTurtle,
} from './rdf.ts';
export {
  checkRequestRules,
  validateAccessRequestQuads,
  validateAccessRequestTurtle,
  type RequestCheckOptions,
} from './validateAccessRequest.ts';
export {
  buildAccessRequest,
  discoverInbox,
  listAnswers,
  resolveCategories,
  resolveLegalBasis,
  resolveModes,
  resolvePurpose,
  sendAccessRequest,
  type AccessRequestInput,
  type PartnerOptions,
} from './partner.ts';
export {
  grantIri,
  locateGrant,
  locateRequest,
  receiptAnswers,
  receiptIri,
  requestCopyIri,
  RECEIPTS_PATH,
  REQUESTS_PATH,
  type RequestLocation,
} from './citizenPaths.ts';
export type { Delivery } from './deliverReceipt.ts';
export {
  approveRequest,
  collectInboxRequests,
  denyRequest,
  listPendingRequests,
  listRequests,
  type AnswerOptions,
  type AnswerResult,
  type ApproveOptions,
  type CitizenOptions,
  type CollectOptions,
  type InvalidInboxItem,
} from './citizenRequests.ts';
export { listGrants, listReceipts, readGrant, revokeGrant } from './grantRegistry.ts';
export { readAccessLog, type ReadAccessLogOptions } from './readAccessLog.ts';
