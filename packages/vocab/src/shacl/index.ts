export * from './validateQuads.ts';
