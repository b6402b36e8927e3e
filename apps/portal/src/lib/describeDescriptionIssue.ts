/** One problem of a service description as the SDK reports it (JSON path, English message). */
export interface DescriptionIssueInput {
  readonly path: string;
  readonly message: string;
}

/** Kinds of problem the partner console explains in words (`partners.rules.<rule>` in the messages). */
export const DESCRIPTION_RULES = [
  'required',
  'id',
  'territory',
  'text',
  'email',
  'url',
  'purpose',
  'legalBasis',
  'category',
  'duplicateCategory',
  'boolean',
  'noNeed',
  'noRequiredNeed',
  'accessDays',
  'retentionDays',
  'retentionTooLong',
  'invalid',
] as const;

/** A rule of {@link DESCRIPTION_RULES}. */
export type DescriptionRule = (typeof DESCRIPTION_RULES)[number];

/** A description problem classified for translation: which field (JSON path) and which rule it breaks. */
export interface DescribedIssue {
  /** JSON path, `(racine)` for the whole description. */
  readonly field: string;
  readonly rule: DescriptionRule;
}

/** The last property name of a JSON path (`dataNeeds[1].category` -> `category`). */
function lastKey(path: string): string {
  const withoutIndex = path.replace(/\[\d+\]$/, '');
  return withoutIndex.slice(withoutIndex.lastIndexOf('.') + 1);
}

/**
 * Classifies one issue of `validateServiceDescription` (English message) into a rule the console explains
 * in the citizen's language, naming the field by its JSON path.
 *
 * @param issue - `{ path, message }` from `ServiceDescriptionError.issues`
 */
export function describeDescriptionIssue(issue: DescriptionIssueInput): DescribedIssue {
  const field = issue.path || '(root)';
  const key = lastKey(issue.path);
  const message = issue.message;
  const rule = ((): DescriptionRule => {
    if (message.startsWith('is required')) return 'required';
    if (message.includes('listed twice')) return 'duplicateCategory';
    if (key === 'dataNeeds' && message.includes('at least one category must be required')) return 'noRequiredNeed';
    if (key === 'dataNeeds' && message.includes('at least one')) return 'noNeed';
    if (key === 'retentionDays' && message.includes('longer than the grant')) return 'retentionTooLong';
    switch (key) {
      case 'id':
        return 'id';
      case 'territory':
        return 'territory';
      case 'fr':
      case 'en':
      case 'name':
      case 'summary':
      case 'why':
        return 'text';
      case 'email':
        return 'email';
      case 'url':
      case 'privacyPolicy':
      case 'homepage':
        return 'url';
      case 'purpose':
        return 'purpose';
      case 'legalBasis':
        return 'legalBasis';
      case 'category':
        return 'category';
      case 'required':
        return 'boolean';
      case 'accessDays':
        return 'accessDays';
      case 'retentionDays':
        return 'retentionDays';
      default:
        return 'invalid';
    }
  })();
  return { field, rule };
}
