/**
 * The fast evaluator: compiles a study query plan once into closures that evaluate it over one pod's
 * data in an N3 Store (index lookups, backtracking joins over a single mutable row) and fold the
 * solutions straight into per-group partial aggregates, never materialising the rows.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Store } from 'n3';
import type { Expression, Pattern, Triple } from 'sparqljs';
import { ResearchError } from '../ResearchError.ts';
import type { AggregateState, PartialAggregates, PartialGroup } from '../partials.ts';
import type { PlannedAggregate, StudyQueryPlan, FastEvaluationSupport } from '../query/StudyQueryPlan.ts';
import { collectExpressionVariables, collectPatternVariables, isPropertyPath, isSubQuery } from '../query/syntaxTree.ts';
import { compileExpression, type CompiledExpression, type ExpressionScope } from './compileExpression.ts';
import { addNumerics, INTEGER_ZERO, type Numeric } from './numeric.ts';
import { compareForOrdering, termToValue, valueToTerm, type Value, getTermId } from './values.ts';

/** The mutable state of one evaluation: the store and the current row (one slot per variable). */
interface EvaluationState {
  store: Store;
  row: (RDF.Term | undefined)[];
}

/** One compiled step: extends the current row in every possible way, calling `next` for each. */
type Step = (state: EvaluationState, next: () => void) => void;

/** A compiled plan, reusable for any number of pods (not for concurrent use inside one call). */
export interface PodEvaluator {
  /** Evaluates the plan over one pod's data and returns its partial aggregates. */
  readonly evaluate: (store: Store) => PartialAggregates;
}

function unsupported(what: string): ResearchError {
  return new ResearchError('unsupported', `The fast evaluator does not support ${what}.`);
}

/** Reports whether the fast evaluator covers a plan, and why not. */
export function explainFastEvaluationSupport(plan: StudyQueryPlan): FastEvaluationSupport {
  try {
    compilePodEvaluator(plan);
    return { supported: true };
  } catch (error) {
    if (ResearchError.isInstance(error) && error.code === 'unsupported') return { supported: false, reason: error.message };
    throw error;
  }
}

/**
 * Compiles a plan for the fast evaluator.
 * @throws ResearchError `unsupported` when the query uses something the fast evaluator does not cover
 */
export function compilePodEvaluator(plan: StudyQueryPlan): PodEvaluator {
  const compiler = new PatternCompiler();
  const where = compiler.compileGroup(plan.where, new Set(), false);
  const rowScope = compiler.rowScope();
  const keyReaders = plan.groupKeys.map((key) => compileExpression(key.expression, rowScope));
  const aggregateFactories = plan.aggregates.map((aggregate) => compileAggregate(aggregate, rowScope));
  const slotCount = (): number => compiler.slotCount();

  return {
    evaluate(store: Store): PartialAggregates {
      const state: EvaluationState = { store, row: new Array<RDF.Term | undefined>(slotCount()).fill(undefined) };
      const groups = new Map<string, GroupAccumulator>();
      const newGroup = (key: (RDF.Term | undefined)[]): GroupAccumulator => ({
        key,
        rows: 0,
        aggregates: aggregateFactories.map((factory) => factory()),
      });
      if (!plan.grouped) groups.set('', newGroup([]));
      where(state, () => {
        let keyString = '';
        let keyTerms: (RDF.Term | undefined)[] | undefined;
        if (plan.grouped) {
          keyTerms = keyReaders.map((read) => {
            const value = read(state.row);
            return value === undefined ? undefined : valueToTerm(value);
          });
          keyString = keyTerms.map((term) => (term === undefined ? '' : getTermId(term))).join('\u0001');
        }
        let group = groups.get(keyString);
        if (group === undefined) {
          group = newGroup(keyTerms ?? []);
          groups.set(keyString, group);
        }
        group.rows += 1;
        for (const aggregate of group.aggregates) aggregate.add(state.row);
      });
      const partialGroups: PartialGroup[] = [];
      for (const group of groups.values()) {
        partialGroups.push({
          key: group.key.map((term) => (term === undefined ? null : getTermId(term))),
          pods: group.rows > 0 ? 1 : 0,
          rows: group.rows,
          aggregates: group.aggregates.map((aggregate) => aggregate.state()),
        });
      }
      return { functions: plan.aggregates.map((aggregate) => aggregate.fn), grouped: plan.grouped, groups: partialGroups };
    },
  };
}

interface GroupAccumulator {
  readonly key: (RDF.Term | undefined)[];
  rows: number;
  readonly aggregates: AggregateAccumulator[];
}

interface AggregateAccumulator {
  add(row: (RDF.Term | undefined)[]): void;
  state(): AggregateState;
}

type Row = (RDF.Term | undefined)[];

function compileAggregate(aggregate: PlannedAggregate, scope: ExpressionScope<Row>): () => AggregateAccumulator {
  const read: CompiledExpression<Row> | undefined =
    aggregate.expression === undefined ? undefined : compileExpression(aggregate.expression, scope);
  const distinctKey = (row: Row): string | undefined => {
    if (read === undefined) return row.map((term) => (term === undefined ? '' : getTermId(term))).join('\u0001');
    const value = read(row);
    return value === undefined ? undefined : getTermId(valueToTerm(value));
  };
  switch (aggregate.fn) {
    case 'count':
      return () => {
        let count = 0;
        const seen = aggregate.distinct ? new Set<string>() : undefined;
        return {
          add(row) {
            if (seen !== undefined) {
              const key = distinctKey(row);
              if (key === undefined || seen.has(key)) return;
              seen.add(key);
              count += 1;
              return;
            }
            if (read === undefined || read(row) !== undefined) count += 1;
          },
          state: () => ({ fn: 'count', count }),
        };
      };
    case 'sum':
    case 'avg': {
      const fn = aggregate.fn;
      return () => {
        let sum: Numeric | undefined = INTEGER_ZERO;
        let count = 0;
        const seen = aggregate.distinct ? new Set<string>() : undefined;
        return {
          add(row) {
            if (read === undefined) return;
            const value = read(row);
            // An expression error or unbound value is skipped (as Comunica does); a non-numeric value is a type error.
            if (value === undefined) return;
            if (seen !== undefined) {
              const key = getTermId(valueToTerm(value));
              if (seen.has(key)) return;
              seen.add(key);
            }
            count += 1;
            if (sum === undefined) return;
            sum = value.kind === 'numeric' ? addNumerics(sum, value.numeric) : undefined;
          },
          state: () => ({
            fn,
            sum: sum === undefined ? null : getTermId(valueToTerm({ kind: 'numeric', numeric: sum })),
            count,
          }),
        };
      };
    }
    case 'min':
    case 'max': {
      const sign = aggregate.fn === 'min' ? -1 : 1;
      const fn = aggregate.fn;
      return () => {
        let best: Value | undefined;
        return {
          add(row) {
            if (read === undefined) return;
            const value = read(row);
            if (value === undefined) return;
            if (best === undefined || sign * compareForOrdering(value, best) > 0) best = value;
          },
          state: () => ({ fn, value: best === undefined ? null : getTermId(valueToTerm(best)) }),
        };
      };
    }
  }
}

/** Compiles graph patterns into steps, assigning a row slot to each variable. */
class PatternCompiler {
  private readonly slots = new Map<string, number>();

  public slotCount(): number {
    return this.slots.size;
  }

  public slot(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(name, slot);
    }
    return slot;
  }

  /** The scope in which expressions read variables from the current row. */
  public rowScope(): ExpressionScope<Row> {
    return {
      variable: (name) => {
        const slot = this.slot(name);
        return (row) => {
          const term = row[slot];
          return term === undefined ? undefined : termToValue(term);
        };
      },
    };
  }

  private stateScope(): ExpressionScope<EvaluationState> {
    return {
      variable: (name) => {
        const slot = this.slot(name);
        return (state) => {
          const term = state.row[slot];
          return term === undefined ? undefined : termToValue(term);
        };
      },
    };
  }

  /**
   * Compiles the elements of one group graph pattern.
   * @param outerBound - variables that may already be bound when the group runs (substitution)
   * @param leftJoin - true for the group of an OPTIONAL, whose top-level FILTERs may see the left side
   */
  public compileGroup(patterns: readonly Pattern[], outerBound: ReadonlySet<string>, leftJoin: boolean): Step {
    const units: { step: Step; variables: Set<string> }[] = [];
    const filters: Expression[] = [];
    const groupVariables = new Set<string>();
    for (const pattern of patterns) collectPatternVariables(pattern, groupVariables);
    const boundBefore = new Set<string>();
    for (const pattern of patterns) {
      if (isSubQuery(pattern)) throw unsupported('sub-queries');
      const innerOuter = new Set([...outerBound, ...boundBefore]);
      switch (pattern.type) {
        case 'bgp':
          for (const unit of this.compileBgp(pattern.triples, new Set([...outerBound, ...boundBefore]))) units.push(unit);
          break;
        case 'filter':
          filters.push(pattern.expression);
          this.checkScope(pattern.expression, leftJoin ? new Set([...groupVariables, ...outerBound]) : groupVariables, outerBound, 'a FILTER');
          break;
        case 'bind': {
          this.checkScope(pattern.expression, boundBefore, outerBound, 'a BIND');
          const read = compileExpression(pattern.expression, this.stateScope());
          const slot = this.slot(pattern.variable.value);
          units.push({
            variables: new Set([pattern.variable.value, ...collectExpressionVariables(pattern.expression)]),
            step: (state, next) => {
              if (state.row[slot] !== undefined) throw unsupported('a BIND of a variable that is already bound');
              const value = read(state);
              if (value === undefined) {
                next();
                return;
              }
              state.row[slot] = valueToTerm(value);
              next();
              state.row[slot] = undefined;
            },
          });
          break;
        }
        case 'optional': {
          const inner = this.compileGroup(pattern.patterns, innerOuter, true);
          units.push({
            variables: collectPatternVariables(pattern),
            step: (state, next) => {
              let matched = false;
              inner(state, () => {
                matched = true;
                next();
              });
              if (!matched) next();
            },
          });
          break;
        }
        case 'group': {
          const inner = this.compileGroup(pattern.patterns, innerOuter, false);
          units.push({ variables: collectPatternVariables(pattern), step: inner });
          break;
        }
        case 'union': {
          const branches = pattern.patterns.map((branch) =>
            this.compileGroup(branch.type === 'group' ? branch.patterns : [branch], innerOuter, false),
          );
          units.push({
            variables: collectPatternVariables(pattern),
            step: (state, next) => {
              for (const branch of branches) branch(state, next);
            },
          });
          break;
        }
        default:
          throw unsupported(pattern.type.toUpperCase());
      }
      collectPatternVariables(pattern, boundBefore);
    }
    // Place each FILTER right after the last unit that mentions one of its variables: no later unit
    // of this group can change them, so the result is that of filtering the whole group.
    const placed: Step[][] = units.map(() => []);
    const early: Step[] = [];
    for (const expression of filters) {
      const variables = collectExpressionVariables(expression);
      let last = -1;
      units.forEach((unit, index) => {
        for (const variable of variables) if (unit.variables.has(variable)) last = index;
      });
      const test = compileExpression(expression, this.stateScope());
      const step: Step = (state, next) => {
        const value = test(state);
        if (value === undefined) return;
        const truth = value.kind === 'boolean' ? value.value : effectiveBoolean(value);
        if (truth === true) next();
      };
      if (last < 0) early.push(step);
      else placed[last]!.push(step);
    }
    const sequence: Step[] = [...early];
    units.forEach((unit, index) => {
      sequence.push(unit.step, ...placed[index]!);
    });
    return chain(sequence);
  }

  /**
   * Refuses an expression whose bottom-up SPARQL scope differs from what substitution would give: it
   * reads a variable that is not in scope of its own group but may be bound from outside.
   */
  private checkScope(expression: Expression, inScope: ReadonlySet<string>, outerBound: ReadonlySet<string>, what: string): void {
    for (const variable of collectExpressionVariables(expression)) {
      if (!inScope.has(variable) && outerBound.has(variable)) {
        throw unsupported(`${what} that reads ?${variable} from outside its group`);
      }
    }
  }

  /** Orders the triple patterns of a BGP (most constrained first) and compiles each into a unit. */
  private compileBgp(triples: readonly Triple[], alreadyBound: ReadonlySet<string>): { step: Step; variables: Set<string> }[] {
    const remaining = [...triples];
    const bound = new Set(alreadyBound);
    const units: { step: Step; variables: Set<string> }[] = [];
    const nameOf = (term: RDF.Term): string | undefined =>
      term.termType === 'Variable' ? term.value : term.termType === 'BlankNode' ? `_:${term.value}` : undefined;
    while (remaining.length > 0) {
      let bestIndex = 0;
      let bestScore = -Infinity;
      remaining.forEach((triple, index) => {
        if (isPropertyPath(triple.predicate)) throw unsupported('property paths');
        const positions = [triple.subject, triple.predicate as RDF.Term, triple.object];
        let score = 0;
        positions.forEach((term, position) => {
          const name = nameOf(term);
          const fixed = name === undefined || bound.has(name);
          // A bound subject is the most selective; a bound rdf:type class the least.
          if (fixed) score += position === 0 ? 4 : position === 2 ? 2 : 1;
        });
        if (score > bestScore) {
          bestScore = score;
          bestIndex = index;
        }
      });
      const [triple] = remaining.splice(bestIndex, 1);
      const variables = new Set<string>();
      for (const term of [triple!.subject, triple!.predicate as RDF.Term, triple!.object]) {
        const name = nameOf(term);
        if (name !== undefined) {
          variables.add(name);
          bound.add(name);
        }
      }
      units.push({ step: this.compileTriple(triple!), variables });
    }
    return units;
  }

  private compileTriple(triple: Triple): Step {
    const positions = [triple.subject, triple.predicate as RDF.Term, triple.object].map((term) => {
      if (term.termType === 'Variable') return { slot: this.slot(term.value), constant: undefined };
      if (term.termType === 'BlankNode') return { slot: this.slot(`_:${term.value}`), constant: undefined };
      if (term.termType === 'Quad') throw unsupported('quoted triples');
      return { slot: -1, constant: toN3Term(term) };
    });
    const [s, p, o] = positions as [(typeof positions)[0], (typeof positions)[0], (typeof positions)[0]];
    const sameSP = s.slot >= 0 && s.slot === p.slot;
    const sameSO = s.slot >= 0 && s.slot === o.slot;
    const samePO = p.slot >= 0 && p.slot === o.slot;
    return (state, next) => {
      const row = state.row;
      const subject = s.constant ?? row[s.slot] ?? null;
      const predicate = p.constant ?? row[p.slot] ?? null;
      const object = o.constant ?? row[o.slot] ?? null;
      const setS = subject === null;
      const setP = predicate === null;
      const setO = object === null;
      const quads = state.store.getQuads(subject, predicate, object, null);
      for (const quad of quads) {
        if (sameSP && setS && !quad.subject.equals(quad.predicate)) continue;
        if (sameSO && setS && !quad.subject.equals(quad.object)) continue;
        if (samePO && setP && !quad.predicate.equals(quad.object)) continue;
        if (setS) row[s.slot] = quad.subject;
        if (setP) row[p.slot] = quad.predicate;
        if (setO) row[o.slot] = quad.object;
        next();
      }
      if (setS) row[s.slot] = undefined;
      if (setP) row[p.slot] = undefined;
      if (setO) row[o.slot] = undefined;
    };
  }
}

function effectiveBoolean(value: Value): boolean | undefined {
  if (value.kind === 'string') return value.language === '' ? value.value.length > 0 : undefined;
  if (value.kind === 'numeric') return !(value.numeric.num === 0 || Number.isNaN(value.numeric.num));
  return undefined;
}

/** Chains steps so that each one's `next` runs the following step. */
function chain(steps: readonly Step[]): Step {
  if (steps.length === 0) return (_state, next) => next();
  return steps.reduceRight<Step>(
    (rest, step) => (state, next) => step(state, () => rest(state, next)),
    (_state, next) => next(),
  );
}

/** Converts a query constant to an N3 term so that N3 Store lookups match on its id. */
function toN3Term(term: RDF.Term): RDF.Term {
  switch (term.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(term.value);
    case 'Literal':
      return DataFactory.literal(term.value, term.language !== '' ? term.language : DataFactory.namedNode(term.datatype.value));
    default:
      return term;
  }
}

