import { PartnerError } from './PartnerError.ts';

/** One problem of a service description: the JSON path at fault and what is wrong. */
export interface DescriptionIssue {
  /** JSON path, e.g. `dataNeeds[1].category`. */
  readonly path: string;
  readonly message: string;
}

/** A service description was refused; `issues` lists every problem with its JSON path. Code `invalid-description`. */
export class ServiceDescriptionError extends PartnerError {
  public readonly issues: readonly DescriptionIssue[];

  public constructor(issues: readonly DescriptionIssue[]) {
    super(
      'invalid-description',
      `Invalid service description: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'ServiceDescriptionError';
    this.issues = issues;
  }
}
