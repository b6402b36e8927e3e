import { ResearchError } from '../ResearchError.ts';

/** The result of {@link suppressSmallGroups}. */
export interface SuppressionResult<T> {
  /** The rows kept, in their order. */
  readonly rows: T[];
  /** How many rows were dropped. */
  readonly suppressed: number;
}

/**
 * Drops every row (group) to which fewer than k distinct pods contributed, so that no answer
 * describes fewer than k households. Works on final rows and on partial groups alike.
 * @param rows - rows with their number of distinct contributing pods
 * @param k - the study's minimum group size (a positive integer)
 * @throws ResearchError `invalid-parameter` when k is not a positive integer
 */
export function suppressSmallGroups<T extends { readonly contributingPods: number } | { readonly pods: number }>(
  rows: readonly T[],
  k: number,
): SuppressionResult<T> {
  if (!Number.isInteger(k) || k < 1)
    throw new ResearchError('invalid-parameter', `The minimum group size k must be a positive integer, got ${k}.`);
  const kept = rows.filter((row) => ('contributingPods' in row ? row.contributingPods : row.pods) >= k);
  return { rows: kept, suppressed: rows.length - kept.length };
}
