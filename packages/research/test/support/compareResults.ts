/**
 * Comparison of results between our engine and Comunica: RDF terms are equal when they are the same
 * term, or the same numeric value of the same numeric type. Integers and decimals compare exactly,
 * except when one side has more than 15 significant digits (a quotient: XPath leaves the precision
 * of decimal division to implementations, and Comunica divides in binary floating point); doubles
 * compare with a relative tolerance.
 */
import type * as RDF from '@rdfjs/types';
import { termFromId } from 'n3';
import type { PartialAggregates } from '../../src/index.ts';
import { getTermId, termToValue } from '../../src/evaluation/values.ts';
import { compareNumerics, type Numeric } from '../../src/evaluation/numeric.ts';

const RELATIVE_TOLERANCE = 1e-9;

function significantDigits(numeric: Numeric): number {
  return (numeric.big < 0n ? -numeric.big : numeric.big).toString().replace(/0+$/u, '').length;
}

/** @returns undefined when equal, else a description of the difference */
export function explainTermDifference(left: RDF.Term | undefined, right: RDF.Term | undefined): string | undefined {
  if (left === undefined || right === undefined) {
    return left === right
      ? undefined
      : `${left === undefined ? 'unbound' : getTermId(left)} vs ${right === undefined ? 'unbound' : getTermId(right)}`;
  }
  if (left.equals(right)) return undefined;
  const a = termToValue(left);
  const b = termToValue(right);
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    if (a.numeric.type !== b.numeric.type) return `${getTermId(left)} vs ${getTermId(right)} (types differ)`;
    const exact = a.numeric.type === 'integer' || a.numeric.type === 'decimal';
    if (exact && significantDigits(a.numeric) <= 15 && significantDigits(b.numeric) <= 15) {
      return compareNumerics(a.numeric, b.numeric) === 0 ? undefined : `${getTermId(left)} vs ${getTermId(right)}`;
    }
    const x = a.numeric.num;
    const y = b.numeric.num;
    if (x === y || Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y))) return undefined;
    return `${getTermId(left)} vs ${getTermId(right)}`;
  }
  return `${getTermId(left)} vs ${getTermId(right)}`;
}

type Row = Readonly<Record<string, RDF.Term>>;

function rowSortKey(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => {
        const term = row[key]!;
        const value = termToValue(term);
        // Numbers sort by value rounded so that tolerance-equal rows line up.
        return value.kind === 'numeric' ? `${key}=${value.numeric.num.toPrecision(12)}` : `${key}=${getTermId(term)}`;
      }),
  );
}

/**
 * Compares two lists of rows; in order when `ordered`, else as multisets.
 * @returns undefined when equal, else a description of the first difference
 */
export function explainRowsDifference(
  actual: readonly Row[],
  expected: readonly Row[],
  ordered: boolean,
): string | undefined {
  if (actual.length !== expected.length) return `${actual.length} rows vs ${expected.length} rows`;
  const left = ordered ? actual : [...actual].sort((x, y) => rowSortKey(x).localeCompare(rowSortKey(y)));
  const right = ordered ? expected : [...expected].sort((x, y) => rowSortKey(x).localeCompare(rowSortKey(y)));
  for (const [index, row] of left.entries()) {
    const other = right[index]!;
    const names = new Set([...Object.keys(row), ...Object.keys(other)]);
    for (const name of names) {
      const difference = explainTermDifference(row[name], other[name]);
      if (difference !== undefined) return `row ${index}, ?${name}: ${difference}`;
    }
  }
  return undefined;
}

/**
 * Compares the partial aggregates of one pod computed by two engines.
 * @returns undefined when equal, else a description of the first difference
 */
export function explainPartialsDifference(actual: PartialAggregates, expected: PartialAggregates): string | undefined {
  if (actual.groups.length !== expected.groups.length) {
    return `${actual.groups.length} groups vs ${expected.groups.length} groups`;
  }
  const byKey = new Map(expected.groups.map((group) => [JSON.stringify(group.key), group]));
  for (const group of actual.groups) {
    const key = JSON.stringify(group.key);
    const other = byKey.get(key);
    if (other === undefined) return `group ${key} is missing from the reference`;
    if (group.rows !== other.rows || group.pods !== other.pods)
      return `group ${key}: ${group.rows} rows vs ${other.rows}`;
    for (const [index, state] of group.aggregates.entries()) {
      const otherState = other.aggregates[index]!;
      const fields = Object.keys(state) as (keyof typeof state)[];
      for (const field of fields) {
        const a = (state as Record<string, unknown>)[field];
        const b = (otherState as Record<string, unknown>)[field];
        if (typeof a === 'string' || typeof b === 'string') {
          const difference = explainTermDifference(
            typeof a === 'string' ? termFromId(a) : undefined,
            typeof b === 'string' ? termFromId(b) : undefined,
          );
          if (difference !== undefined) return `group ${key}, aggregate ${index} ${field}: ${difference}`;
        } else if (a !== b) {
          return `group ${key}, aggregate ${index} ${field}: ${String(a)} vs ${String(b)}`;
        }
      }
    }
  }
  return undefined;
}
