/** CSP hash of the inline style `display:none` (sha256, base64). */
export const DISPLAY_NONE_HASH = 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE=';

/** Options of {@link buildContentSecurityPolicy}. */
export interface ContentSecurityPolicyOptions {
  /** A fresh random value for this response; Next.js puts it on its own scripts. */
  readonly nonce: string;
  /** `next dev` needs `eval` for React's debugging aids; production never does. */
  readonly development: boolean;
}

/**
 * Builds the Content-Security-Policy of a page: scripts only from this origin or carrying the per-request
 * nonce (no `unsafe-inline` scripts), no plugins, no framing by anyone, forms posting only here.
 *
 * @param options - nonce and mode
 * @returns the header value, on one line
 */
export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const { nonce, development } = options;
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    // Dev mode injects <style> elements without a nonce (CSS hot reload); production links CSS files.
    // React's streaming of Suspense boundaries hides replaced fallbacks with a `style="display:none"`
    // attribute: exactly that attribute is allowed, by its hash ('unsafe-hashes' covers attributes only).
    `style-src 'self' ${development ? `'unsafe-inline'` : `'nonce-${nonce}' 'unsafe-hashes' '${DISPLAY_NONE_HASH}'`}`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  return directives.join('; ');
}
