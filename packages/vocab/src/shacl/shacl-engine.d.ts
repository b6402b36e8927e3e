// Minimal typings for shacl-engine 1.x (the package ships none). Only what validate.ts uses.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Literal, NamedNode, Term } from '@rdfjs/types';

  export interface ShaclPathStep {
    start: 'subject' | 'object';
    end: 'subject' | 'object';
    predicates: Term[];
    quantifier: 'one' | 'zeroOrMore' | 'oneOrMore' | 'zeroOrOne';
  }

  export interface ShaclPointer {
    term: Term | undefined;
    terms: Term[];
  }

  export interface ShaclShape {
    ptr: ShaclPointer;
  }

  export interface ShaclResult {
    focusNode: ShaclPointer;
    path: ShaclPathStep[] | null | undefined;
    severity: NamedNode;
    shape: ShaclShape;
    constraintComponent: NamedNode;
    value: ShaclPointer | undefined;
    /** Results of nested shapes (sh:node, sh:or...) that made this one fail. */
    results: ShaclResult[];
    readonly message: Literal[];
  }

  export interface ShaclReport {
    readonly conforms: boolean;
    results: ShaclResult[];
  }

  export interface ValidatorOptions {
    factory: DataFactory & { dataset: () => DatasetCore };
    debug?: boolean;
    details?: boolean;
    trace?: boolean;
    coverage?: boolean;
  }

  export class Validator {
    public constructor(shapes: DatasetCore, options: ValidatorOptions);
    public validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }): Promise<ShaclReport>;
  }
}
