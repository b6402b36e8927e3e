import type * as RDF from '@rdfjs/types';
import { getTermId } from './values.ts';

/** A triple as three terms. */
export type TermTriple = readonly [RDF.Term, RDF.Term, RDF.Term];

const NONE: readonly RDF.Term[] = [];

/** What the fast evaluator reads one pod's triples through. */
export interface TripleSource {
  /** Number of triples. */
  readonly size: number;
  /** Objects of (subject, predicate, ?o). */
  getObjects(subject: RDF.Term, predicate: RDF.Term): readonly RDF.Term[];
  /** Subjects of (?s, predicate, object). */
  getSubjects(predicate: RDF.Term, object: RDF.Term): readonly RDF.Term[];
  /** True when the triple is present. */
  has(subject: RDF.Term, predicate: RDF.Term, object: RDF.Term): boolean;
  /** The triples matching a pattern (null is a wildcard). */
  match(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): TermTriple[];
  /** An estimate of the number of matches of a pattern whose non-null parts are constants. */
  estimate(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): number;
}

/**
 * One pod's triples indexed for the fast evaluator: subject → predicate → objects and
 * predicate → object → subjects, keyed by term id. The graphs of the input are merged into one set
 * of triples (a triple present in several graphs counts once). Building it costs a fraction of an
 * N3 Store's construction, and its lookups return the terms as they were, without rebuilding them.
 */
export class PodDataIndex implements TripleSource {
  private readonly bySubject = new Map<string, Map<string, RDF.Term[]>>();
  private readonly byPredicateObject = new Map<string, Map<string, RDF.Term[]>>();
  private readonly predicateCounts = new Map<string, number>();
  private readonly predicateTerms = new Map<string, RDF.Term>();
  private readonly triples: TermTriple[] = [];
  private readonly keys = new Set<string>();

  /** @param quads - the pod's quads, e.g. straight from an N3 parser or a store's `getQuads` */
  public constructor(quads: Iterable<RDF.Quad> = []) {
    for (const quad of quads) this.add(quad.subject, quad.predicate, quad.object);
  }

  /** Adds one quad (its graph is ignored), e.g. from a streaming parser reading a pod's resources. */
  public addQuad(quad: RDF.Quad): void {
    this.add(quad.subject, quad.predicate, quad.object);
  }

  private add(subject: RDF.Term, predicate: RDF.Term, object: RDF.Term): void {
    const s = getTermId(subject);
    const p = getTermId(predicate);
    const o = getTermId(object);
    const key = `${s}\u0000${p}\u0000${o}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.triples.push([subject, predicate, object]);
    let predicates = this.bySubject.get(s);
    if (predicates === undefined) {
      predicates = new Map();
      this.bySubject.set(s, predicates);
    }
    const objects = predicates.get(p);
    if (objects === undefined) predicates.set(p, [object]);
    else objects.push(object);
    let objectMap = this.byPredicateObject.get(p);
    if (objectMap === undefined) {
      objectMap = new Map();
      this.byPredicateObject.set(p, objectMap);
    }
    const subjects = objectMap.get(o);
    if (subjects === undefined) objectMap.set(o, [subject]);
    else subjects.push(subject);
    this.predicateCounts.set(p, (this.predicateCounts.get(p) ?? 0) + 1);
    if (!this.predicateTerms.has(p)) this.predicateTerms.set(p, predicate);
  }

  /** Number of distinct triples. */
  public get size(): number {
    return this.triples.length;
  }

  /** Objects of (subject, predicate, ?o). */
  public getObjects(subject: RDF.Term, predicate: RDF.Term): readonly RDF.Term[] {
    return this.bySubject.get(getTermId(subject))?.get(getTermId(predicate)) ?? NONE;
  }

  /** Subjects of (?s, predicate, object). */
  public getSubjects(predicate: RDF.Term, object: RDF.Term): readonly RDF.Term[] {
    return this.byPredicateObject.get(getTermId(predicate))?.get(getTermId(object)) ?? NONE;
  }

  /** True when the triple is present. */
  public has(subject: RDF.Term, predicate: RDF.Term, object: RDF.Term): boolean {
    return this.keys.has(`${getTermId(subject)}\u0000${getTermId(predicate)}\u0000${getTermId(object)}`);
  }

  /** The triples matching a pattern (null is a wildcard). */
  public match(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): TermTriple[] {
    const result: TermTriple[] = [];
    if (subject !== null) {
      const predicates = this.bySubject.get(getTermId(subject));
      if (predicates === undefined) return result;
      const wanted = predicate === null ? undefined : getTermId(predicate);
      const objectId = object === null ? undefined : getTermId(object);
      for (const [p, objects] of predicates) {
        if (wanted !== undefined && p !== wanted) continue;
        for (const candidate of objects) {
          if (objectId !== undefined && getTermId(candidate) !== objectId) continue;
          result.push([subject, predicate ?? this.predicateTerms.get(p)!, candidate]);
        }
      }
      return result;
    }
    if (predicate !== null) {
      const objectMap = this.byPredicateObject.get(getTermId(predicate));
      if (objectMap === undefined) return result;
      if (object !== null) {
        for (const candidate of objectMap.get(getTermId(object)) ?? NONE) result.push([candidate, predicate, object]);
        return result;
      }
      for (const triple of this.triples) if (triple[1].equals(predicate)) result.push(triple);
      return result;
    }
    for (const triple of this.triples) if (object === null || triple[2].equals(object)) result.push(triple);
    return result;
  }

  /**
   * An estimate of the number of matches of a pattern from its constants only (null: not constant),
   * exact when the subject, or the predicate and the object, are given.
   */
  public estimate(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): number {
    if (subject !== null) {
      const predicates = this.bySubject.get(getTermId(subject));
      if (predicates === undefined) return 0;
      if (predicate !== null) return predicates.get(getTermId(predicate))?.length ?? 0;
      let total = 0;
      for (const objects of predicates.values()) total += objects.length;
      return total;
    }
    if (predicate !== null) {
      if (object !== null) return this.getSubjects(predicate, object).length;
      return this.predicateCounts.get(getTermId(predicate)) ?? 0;
    }
    return this.triples.length;
  }
}
