import { LAYOUT_PATHS } from './terms';

/** A target split against the data layout: `data/<category>/<rest>`. */
export interface CategoryTarget {
  /** Category name, e.g. `electricity`. */
  category: string;
  /** True when the target is the category container itself (`data/<category>/`). */
  isContainer: boolean;
}

const CATEGORY_NAME = /^[a-z][a-z0-9-]*$/u;
// Encoded slash, backslash, dot and NUL: a path holding them is never matched (no second decoding
// step of the file mapper or of a proxy can then turn it into another path).
const ENCODED_TRICKS = /%(?:2f|5c|2e|00)/iu;

/**
 * Tells whether a path relative to a pod root is plain: no `.`/`..` or empty segments, no encoded
 * slash, backslash, dot or NUL, no backslash, no query or fragment.
 */
export function isPlainRelativePath(relative: string): boolean {
  if (relative.length === 0) {
    return true;
  }
  if (ENCODED_TRICKS.test(relative) || /[\\?#]/u.test(relative)) {
    return false;
  }
  const segments = relative.split('/');
  // A trailing slash gives one empty last segment, which is fine (a container).
  return segments.every(
    (segment, index) => segment !== '.' && segment !== '..' && (segment.length > 0 || index === segments.length - 1),
  );
}

/**
 * Finds the data category a pod-relative path belongs to, refusing anything that is not plainly
 * inside `data/<category>/` (sibling prefixes such as `data/electricity-old/` are another category).
 *
 * @param relative - Path relative to the pod root, e.g. `data/electricity/2026-10`.
 * @returns The category and whether the path is the category container, or undefined.
 */
export function findCategoryTarget(relative: string): CategoryTarget | undefined {
  if (!relative.startsWith(LAYOUT_PATHS.data) || !isPlainRelativePath(relative)) {
    return undefined;
  }
  const rest = relative.slice(LAYOUT_PATHS.data.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) {
    return undefined;
  }
  const category = rest.slice(0, slash);
  if (!CATEGORY_NAME.test(category)) {
    return undefined;
  }
  return { category, isContainer: slash === rest.length - 1 };
}

/**
 * Returns the name of a category IRI in the `sdt:` namespace (`sdt:electricity` -> `electricity`).
 *
 * @returns The name, or undefined when the IRI is not a plain `sdt:` category.
 */
export function getCategoryName(iri: string, namespace: string): string | undefined {
  if (!iri.startsWith(namespace)) {
    return undefined;
  }
  const name = iri.slice(namespace.length);
  return CATEGORY_NAME.test(name) ? name : undefined;
}

/** Tells whether `path` is `container` or inside it (both absolute, container ends with `/`). */
export function isInside(path: string, container: string): boolean {
  return path.startsWith(container);
}
