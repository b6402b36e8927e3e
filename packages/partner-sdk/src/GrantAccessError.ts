import { PartnerError, type PartnerErrorCode } from './PartnerError.ts';

/** Who and what a refused read was about (never the data itself). */
export interface RefusedRead {
  /** WebID of the citizen. */
  readonly citizen: string;
  /** The category the partner tried to read. */
  readonly category: string;
  /** The grant the partner's own records hold for this citizen, if any. */
  readonly grant?: string;
}

/** Base of the four errors a read of granted data can end with; carries what was refused. */
export class GrantAccessError extends PartnerError {
  public readonly citizen: string;
  public readonly category: string;
  public readonly grant: string | undefined;

  public constructor(
    code: PartnerErrorCode,
    message: string,
    read: RefusedRead,
    options: { statusCode?: number; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.citizen = read.citizen;
    this.category = read.category;
    this.grant = read.grant;
  }
}
