import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Expression, Pattern, SelectQuery, Triple } from 'sparqljs';
import { finalise } from '../finalise.ts';
import type { PartialAggregates } from '../partials.ts';
import type { SelectPlan } from '../query/StudyQueryPlan.ts';
import {
  collectExpressionVariables,
  collectPatternVariables,
  isPropertyPath,
  isSubQuery,
} from '../query/syntaxTree.ts';
import { compileExpression, type ExpressionScope } from './compileExpression.ts';
import {
  chain,
  spend,
  unsupported,
  type EvaluationState,
  type Row,
  type Step,
  type WorkBudget,
} from './evaluationState.ts';
import type { TripleSource } from './PodDataIndex.ts';
import { termToValue, valueToTerm, type Value } from './values.ts';

/** Evaluates a sub-query's plan on the same pod, sharing the work budget. */
export type SubQueryEvaluator = (plan: SelectPlan) => (data: TripleSource, work: WorkBudget) => PartialAggregates;

/** A FILTER placed in a unit, with the variables it reads. */
interface FilterStep {
  readonly variables: ReadonlySet<string>;
  readonly step: Step;
}

/** One element of a group, which takes the FILTERs to run right after it. */
interface Unit {
  readonly variables: ReadonlySet<string>;
  readonly build: (filters: readonly FilterStep[]) => Step;
}

function simpleUnit(variables: ReadonlySet<string>, step: Step): Unit {
  return {
    variables,
    build: (filters) => (filters.length === 0 ? step : chain([step, ...filters.map((filter) => filter.step)])),
  };
}

/**
 * Compiles graph patterns into steps over one mutable row (one slot per variable), joining by
 * substitution: each step extends the row in every way the pod's data allows and calls the next.
 */
export class PatternCompiler {
  private readonly slots = new Map<string, number>();
  private nextBgpId = 0;
  /** Raised when an expression of the row scope reads an unbound variable (see compileAggregate). */
  public readonly unboundRead = { seen: false };

  public constructor(
    private readonly subQueries: ReadonlyMap<SelectQuery, SelectPlan>,
    private readonly compileSubQueryPlan: SubQueryEvaluator,
  ) {}

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
    const flag = this.unboundRead;
    return {
      term: (name) => {
        const slot = this.slot(name);
        return (row) => {
          const term = row[slot];
          if (term === undefined) flag.seen = true;
          return term;
        };
      },
      variable: (name) => {
        const slot = this.slot(name);
        return (row) => {
          const term = row[slot];
          if (term === undefined) {
            flag.seen = true;
            return undefined;
          }
          return termToValue(term);
        };
      },
    };
  }

  private stateScope(): ExpressionScope<EvaluationState> {
    return {
      exists: (pattern) => {
        // EXISTS substitutes the tested row into its pattern (SPARQL 18.6), which is what running
        // the pattern on the current row does: no scope restriction applies inside.
        const patterns = pattern.type === 'group' ? pattern.patterns : [pattern];
        const step = this.compileGroup(patterns, new Set(), false, true);
        return (state) => {
          let found = false;
          step(state, () => {
            found = true;
          });
          return found;
        };
      },
      term: (name) => {
        const slot = this.slot(name);
        return (state) => state.row[slot];
      },
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
  public compileGroup(
    patterns: readonly Pattern[],
    outerBound: ReadonlySet<string>,
    leftJoin: boolean,
    substitution = false,
  ): Step {
    const units: Unit[] = [];
    const filters: Expression[] = [];
    const groupVariables = new Set<string>();
    for (const pattern of patterns) collectPatternVariables(pattern, groupVariables);
    const boundBefore = new Set<string>();
    for (const pattern of patterns) {
      const innerOuter = new Set([...outerBound, ...boundBefore]);
      if (isSubQuery(pattern)) {
        units.push(this.compileSubQuery(pattern));
        collectPatternVariables(pattern, boundBefore);
        continue;
      }
      switch (pattern.type) {
        case 'bgp':
          units.push(this.compileBgp(pattern.triples, innerOuter));
          break;
        case 'filter':
          filters.push(pattern.expression);
          if (!substitution)
            this.checkScope(
              pattern.expression,
              leftJoin ? new Set([...groupVariables, ...outerBound]) : groupVariables,
              outerBound,
              'a FILTER',
            );
          break;
        case 'bind': {
          if (!substitution) this.checkScope(pattern.expression, boundBefore, outerBound, 'a BIND');
          const read = compileExpression(pattern.expression, this.stateScope());
          const slot = this.slot(pattern.variable.value);
          units.push(
            simpleUnit(
              new Set([pattern.variable.value, ...collectExpressionVariables(pattern.expression)]),
              (state, next) => {
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
            ),
          );
          break;
        }
        case 'optional': {
          const inner = this.compileGroup(pattern.patterns, innerOuter, true, substitution);
          units.push(
            simpleUnit(collectPatternVariables(pattern), (state, next) => {
              let matched = false;
              inner(state, () => {
                matched = true;
                next();
              });
              if (!matched) next();
            }),
          );
          break;
        }
        case 'group':
          units.push(
            simpleUnit(
              collectPatternVariables(pattern),
              this.compileGroup(pattern.patterns, innerOuter, false, substitution),
            ),
          );
          break;
        case 'union': {
          const branches = pattern.patterns.map((branch) =>
            this.compileGroup(branch.type === 'group' ? branch.patterns : [branch], innerOuter, false, substitution),
          );
          units.push(
            simpleUnit(collectPatternVariables(pattern), (state, next) => {
              for (const branch of branches) branch(state, next);
            }),
          );
          break;
        }
        case 'values': {
          const names = [...new Set(pattern.values.flatMap((row) => Object.keys(row)))];
          const rows = pattern.values.map((row) =>
            names.map((name) => {
              const term = row[name as `?${string}`];
              return term === undefined ? undefined : toN3Term(term);
            }),
          );
          const id = this.nextBgpId++;
          units.push(
            simpleUnit(
              new Set(names.map((name) => name.replace(/^\?/u, ''))),
              this.joinSolutions(
                id,
                names.map((name) => name.replace(/^\?/u, '')),
                () => rows,
              ),
            ),
          );
          break;
        }
        case 'minus':
          units.push(simpleUnit(new Set(), this.compileMinus(pattern.patterns)));
          break;
        default:
          throw unsupported(pattern.type.toUpperCase());
      }
      collectPatternVariables(pattern, boundBefore);
    }
    // Each FILTER goes to the last unit that mentions one of its variables (inside a BGP: right after
    // the triple pattern that binds the last of them): no later unit of this group can change them,
    // so the result is that of filtering the whole group, only earlier.
    const placed: FilterStep[][] = units.map(() => []);
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
      else placed[last]!.push({ variables, step });
    }
    return chain([...early, ...units.map((unit, index) => unit.build(placed[index]!))]);
  }

  /**
   * A unit that joins the current row with a list of solutions over `names` computed once per pod
   * (compatible mappings: equal where both are bound).
   */
  private joinSolutions(
    id: number,
    names: readonly string[],
    compute: (state: EvaluationState) => (RDF.Term | undefined)[][],
  ): Step {
    const slots = names.map((name) => this.slot(name));
    return (state, next) => {
      let solutions = state.solutions.get(id);
      if (solutions === undefined) {
        solutions = compute(state);
        state.solutions.set(id, solutions);
      }
      const row = state.row;
      const set: number[] = [];
      for (const solution of solutions) {
        let compatible = true;
        for (let index = 0; index < slots.length; index += 1) {
          const term = solution[index];
          const current = row[slots[index]!];
          if (term !== undefined && current !== undefined && !term.equals(current)) {
            compatible = false;
            break;
          }
        }
        if (!compatible) continue;
        set.length = 0;
        for (let index = 0; index < slots.length; index += 1) {
          const slot = slots[index]!;
          const term = solution[index];
          if (term !== undefined && row[slot] === undefined) {
            row[slot] = term;
            set.push(slot);
          }
        }
        next();
        for (const slot of set) row[slot] = undefined;
      }
    };
  }

  /** A sub-query is evaluated on its own, once per pod (its final rows), then joined. */
  private compileSubQuery(query: SelectQuery): Unit {
    const plan = this.subQueries.get(query);
    if (plan === undefined) throw unsupported('a sub-query without a plan');
    const evaluate = this.compileSubQueryPlan(plan);
    const names = plan.projection.map((item) => item.variable);
    const id = this.nextBgpId++;
    return simpleUnit(
      new Set(names),
      this.joinSolutions(id, names, (state) =>
        finalise(evaluate(state.data, state.work), plan).map((row) => names.map((name) => row.bindings[name])),
      ),
    );
  }

  /**
   * MINUS: the right side is evaluated on its own once per pod; a row is removed when a right
   * solution shares at least one bound variable with it and agrees on all shared ones.
   */
  private compileMinus(patterns: readonly Pattern[]): Step {
    const inner = this.compileGroup(patterns, new Set(), false);
    const names = [...collectPatternVariables({ type: 'group', patterns: [...patterns] })];
    const slots = names.map((name) => this.slot(name));
    const id = this.nextBgpId++;
    return (state, next) => {
      let solutions = state.solutions.get(id);
      if (solutions === undefined) {
        const own: EvaluationState = {
          data: state.data,
          row: new Array<RDF.Term | undefined>(this.slotCount()).fill(undefined),
          orders: state.orders,
          solutions: state.solutions,
          work: state.work,
        };
        const found: (RDF.Term | undefined)[][] = [];
        inner(own, () => found.push(slots.map((slot) => own.row[slot])));
        solutions = found;
        state.solutions.set(id, solutions);
      }
      const row = state.row;
      for (const solution of solutions) {
        let shared = false;
        let agrees = true;
        for (let index = 0; index < slots.length; index += 1) {
          const term = solution[index];
          const current = row[slots[index]!];
          if (term === undefined || current === undefined) continue;
          shared = true;
          if (!term.equals(current)) {
            agrees = false;
            break;
          }
        }
        if (shared && agrees) return;
      }
      next();
    };
  }

  /**
   * Refuses an expression whose bottom-up SPARQL scope differs from what substitution would give: it
   * reads a variable that is not in scope of its own group but may be bound from outside.
   */
  private checkScope(
    expression: Expression,
    inScope: ReadonlySet<string>,
    outerBound: ReadonlySet<string>,
    what: string,
  ): void {
    for (const variable of collectExpressionVariables(expression)) {
      if (!inScope.has(variable) && outerBound.has(variable)) {
        throw unsupported(`${what} that reads ?${variable} from outside its group`);
      }
    }
  }

  /**
   * Compiles a BGP whose join order is chosen once per pod from the store's counts: greedily the
   * triple pattern with the fewest estimated matches given what is already bound.
   */
  private compileBgp(triples: readonly Triple[], alreadyBound: ReadonlySet<string>): Unit {
    const nameOf = (term: RDF.Term): string | undefined =>
      term.termType === 'Variable' ? term.value : term.termType === 'BlankNode' ? `_:${term.value}` : undefined;
    const compiled = triples.map((triple) => {
      if (isPropertyPath(triple.predicate)) throw unsupported('property paths');
      const terms = [triple.subject, triple.predicate as RDF.Term, triple.object];
      return {
        step: this.compileTriple(triple),
        names: terms.map(nameOf),
        constants: terms.map((term) => (nameOf(term) === undefined ? toN3Term(term) : null)),
      };
    });
    const variables = new Set(
      compiled.flatMap((triple) => triple.names.filter((name): name is string => name !== undefined)),
    );
    const id = this.nextBgpId++;
    return {
      variables,
      build: (filters) => (state, next) => {
        let ordered = state.orders.get(id);
        if (ordered === undefined) {
          const counts = compiled.map((triple) =>
            state.data.estimate(triple.constants[0]!, triple.constants[1]!, triple.constants[2]!),
          );
          const remaining = compiled.map((_, index) => index);
          const bound = new Set(alreadyBound);
          const sequence: Step[] = [];
          const pending = [...filters];
          while (remaining.length > 0) {
            let best = 0;
            let bestCost = Infinity;
            remaining.forEach((index, position) => {
              const triple = compiled[index]!;
              // A bound subject narrows a lookup to a handful of triples, a bound object less so.
              let cost = counts[index]!;
              if (triple.names[0] !== undefined && bound.has(triple.names[0])) cost /= 1000;
              if (triple.names[2] !== undefined && bound.has(triple.names[2])) cost /= 100;
              if (cost < bestCost) {
                bestCost = cost;
                best = position;
              }
            });
            const [index] = remaining.splice(best, 1);
            const triple = compiled[index!]!;
            sequence.push(triple.step);
            for (const name of triple.names) if (name !== undefined) bound.add(name);
            // A filter runs as soon as every variable it shares with this BGP is bound.
            for (let position = pending.length - 1; position >= 0; position -= 1) {
              const filter = pending[position]!;
              if ([...filter.variables].every((name) => !variables.has(name) || bound.has(name))) {
                sequence.push(filter.step);
                pending.splice(position, 1);
              }
            }
          }
          sequence.push(...pending.map((filter) => filter.step));
          ordered = chain(sequence);
          state.orders.set(id, ordered);
        }
        ordered(state, next);
      },
    };
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
    const distinctSlots = !sameSP && !sameSO && !samePO;
    return (state, next) => {
      const row = state.row;
      const subject = s.constant ?? row[s.slot] ?? null;
      const predicate = p.constant ?? row[p.slot] ?? null;
      const object = o.constant ?? row[o.slot] ?? null;
      if (distinctSlots && subject !== null && predicate !== null) {
        if (object === null) {
          for (const term of state.data.getObjects(subject, predicate)) {
            spend(state.work);
            row[o.slot] = term;
            next();
          }
          row[o.slot] = undefined;
        } else if (state.data.has(subject, predicate, object)) {
          spend(state.work);
          next();
        }
        return;
      }
      if (distinctSlots && subject === null && predicate !== null && object !== null) {
        for (const term of state.data.getSubjects(predicate, object)) {
          spend(state.work);
          row[s.slot] = term;
          next();
        }
        row[s.slot] = undefined;
        return;
      }
      const setS = subject === null;
      const setP = predicate === null;
      const setO = object === null;
      for (const [tripleSubject, triplePredicate, tripleObject] of state.data.match(subject, predicate, object)) {
        if (sameSP && setS && !tripleSubject.equals(triplePredicate)) continue;
        if (sameSO && setS && !tripleSubject.equals(tripleObject)) continue;
        if (samePO && setP && !triplePredicate.equals(tripleObject)) continue;
        spend(state.work);
        if (setS) row[s.slot] = tripleSubject;
        if (setP) row[p.slot] = triplePredicate;
        if (setO) row[o.slot] = tripleObject;
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

/** Converts a query constant to an N3 term so that N3 Store lookups match on its id. */
function toN3Term(term: RDF.Term): RDF.Term {
  switch (term.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(term.value);
    case 'Literal':
      return DataFactory.literal(
        term.value,
        term.language !== '' ? term.language : DataFactory.namedNode(term.datatype.value),
      );
    default:
      return term;
  }
}
