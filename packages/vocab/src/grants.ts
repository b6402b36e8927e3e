/**
 * Platform rules of access requests and grants (docs/grants.md), shared by the client side
 * (`@sdt/grants`) and the pod server (`packages/css-plugin`).
 */
import { ACL, DPV, EU_GDPR } from './namespaces.ts';

/** Legal bases a request may name: DPV bases and the GDPR articles of DPV's `eu-gdpr:` extension. */
export const LEGAL_BASES = [
  DPV.Consent,
  DPV.Contract,
  DPV.PublicInterest,
  DPV.OfficialAuthorityOfController,
  DPV.LegitimateInterest,
  EU_GDPR['A6-1-a'],
  EU_GDPR['A6-1-b'],
  EU_GDPR['A6-1-c'],
  EU_GDPR['A6-1-e'],
  EU_GDPR['A9-2-a'],
  EU_GDPR['A9-2-j'],
] as const;

/** Access modes a grant may give (each category allows a subset, see `CategoryInfo.allowedModes`). */
export const GRANT_MODES = [ACL.Read, ACL.Append, ACL.Write] as const;

/** Longest access a request may ask for or a grant may give, in years. */
export const MAX_GRANT_YEARS = 3;

/** Largest access request accepted in an inbox, in bytes of Turtle (64 KiB). */
export const MAX_REQUEST_BYTES = 64 * 1024;
