export * from './namespaces.ts';
export * from './sdt.ts';
export * from './categories.ts';
export * from './model.ts';
