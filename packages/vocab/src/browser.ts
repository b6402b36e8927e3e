// Entry point for bundlers targeting browsers (package.json `exports` condition "browser"): the term
// constants, categories and record model only; the file loaders and SHACL validation need Node.
export * from './namespaces.ts';
export * from './sdt.ts';
export * from './categories.ts';
export * from './grants.ts';
export * from './model.ts';
export * from './emissionFactors.ts';
export * from './concepts.ts';
export * from './VocabError.ts';
export { parseTurtle } from './parseTurtle.ts';
