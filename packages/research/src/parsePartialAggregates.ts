import { termFromId } from 'n3';
import { ResearchError } from './ResearchError.ts';
import { termToValue } from './evaluation/values.ts';
import type { AggregateState, PartialAggregates, PartialGroup } from './partials.ts';
import type { SelectPlan } from './query/StudyQueryPlan.ts';

function fail(path: string, message: string): never {
  throw new ResearchError('invalid-parameter', `Invalid partial aggregates at ${path}: ${message}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(path, 'expected a non-negative integer');
  return value;
}

function readTermId(value: unknown, path: string, numeric: boolean): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value === '') fail(path, 'expected a term id or null');
  if (numeric) {
    let kind: string;
    try {
      kind = termToValue(termFromId(value)).kind;
    } catch {
      fail(path, 'expected a numeric literal');
    }
    if (kind !== 'numeric') fail(path, 'expected a numeric literal');
  }
  return value;
}

/**
 * Checks partial aggregates received from elsewhere (a territory server's research endpoint, a
 * worker) against the plan they should belong to, and returns them typed.
 * @param value - parsed JSON
 * @param plan - the plan the partials were computed for
 * @throws ResearchError `invalid-parameter` naming the JSON path of the first problem
 */
export function parsePartialAggregates(value: unknown, plan: SelectPlan): PartialAggregates {
  if (!isRecord(value)) fail('$', 'expected an object');
  const functions = plan.aggregates.map((aggregate) => aggregate.fn);
  if (!Array.isArray(value.functions) || value.functions.join() !== functions.join()) {
    fail('$.functions', `expected [${functions.join(', ')}]`);
  }
  if (value.grouped !== plan.grouped) fail('$.grouped', `expected ${plan.grouped}`);
  if (!Array.isArray(value.groups)) fail('$.groups', 'expected an array');
  const groups = value.groups.map((group: unknown, index: number): PartialGroup => {
    const path = `$.groups[${index}]`;
    if (!isRecord(group)) fail(path, 'expected an object');
    if (!Array.isArray(group.key) || group.key.length !== plan.groupKeys.length) {
      fail(`${path}.key`, `expected ${plan.groupKeys.length} key terms`);
    }
    const key = group.key.map((term: unknown, position: number) => readTermId(term, `${path}.key[${position}]`, false));
    if (!Array.isArray(group.aggregates) || group.aggregates.length !== functions.length) {
      fail(`${path}.aggregates`, `expected ${functions.length} aggregate states`);
    }
    const aggregates = group.aggregates.map((state: unknown, position: number): AggregateState => {
      const statePath = `${path}.aggregates[${position}]`;
      if (!isRecord(state) || state.fn !== functions[position])
        fail(statePath, `expected a ${functions[position]} state`);
      switch (state.fn) {
        case 'count':
          return { fn: 'count', count: state.count === null ? null : readCount(state.count, `${statePath}.count`) };
        case 'sum':
        case 'avg':
          return {
            fn: state.fn,
            sum: readTermId(state.sum, `${statePath}.sum`, true),
            count: readCount(state.count, `${statePath}.count`),
          };
        default:
          if (typeof state.error !== 'boolean') fail(`${statePath}.error`, 'expected a boolean');
          return {
            fn: state.fn as 'min' | 'max',
            value: readTermId(state.value, `${statePath}.value`, false),
            error: state.error,
          };
      }
    });
    return {
      key,
      pods: readCount(group.pods, `${path}.pods`),
      rows: readCount(group.rows, `${path}.rows`),
      aggregates,
    };
  });
  return { functions, grouped: plan.grouped, groups };
}
