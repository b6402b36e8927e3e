export * from './namespaces.ts';
export * from './sdt.ts';
export * from './categories.ts';
export * from './model.ts';
export * from './concepts.ts';
export * from './VocabError.ts';
export { parseTurtle } from './parseTurtle.ts';
export * from './vocabularyFiles.ts';
export * from './shacl/index.ts';
