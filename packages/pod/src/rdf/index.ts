export type { ContentKind, MonthlyCategory, ResourceContent, SeriesByCategory, SeriesItem } from './ResourceContent.ts';
export { contentToQuads, contentToTurtle, quadsToTurtle, idFragment, DECIMALS, LOINC_NS, TURTLE_PREFIXES } from './contentToQuads.ts';
export { quadsToContent } from './quadsToContent.ts';
export { readingFragment, monthOf, resourcePathFor, splitByMonth, checkInstant } from './paths.ts';
export { formatDecimal, formatInteger } from './decimals.ts';
