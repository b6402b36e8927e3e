import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import type { TermTriple, TripleSource } from './PodDataIndex.ts';

/**
 * Reads an N3 Store in place for the fast evaluator (no copy), as the union of its graphs. Lookups
 * rebuild terms from the store's ids, so a {@link PodDataIndex} is faster when the data is read once.
 */
export class StoreTripleSource implements TripleSource {
  public constructor(private readonly store: Store) {}

  public get size(): number {
    return this.store.size;
  }

  public getObjects(subject: RDF.Term, predicate: RDF.Term): readonly RDF.Term[] {
    return this.store.getObjects(subject, predicate, null);
  }

  public getSubjects(predicate: RDF.Term, object: RDF.Term): readonly RDF.Term[] {
    return this.store.getSubjects(predicate, object, null);
  }

  public has(subject: RDF.Term, predicate: RDF.Term, object: RDF.Term): boolean {
    return this.store.countQuads(subject, predicate, object, null) > 0;
  }

  public match(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): TermTriple[] {
    return this.store
      .getQuads(subject, predicate, object, null)
      .map((quad) => [quad.subject, quad.predicate, quad.object] as const);
  }

  public estimate(subject: RDF.Term | null, predicate: RDF.Term | null, object: RDF.Term | null): number {
    // Counting (?s <p> ?o) walks the whole predicate index: use the store's size instead.
    if (subject === null && object === null) return this.store.size;
    return this.store.countQuads(subject, predicate, object, null);
  }
}
