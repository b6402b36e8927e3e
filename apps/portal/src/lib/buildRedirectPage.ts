/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A tiny HTML page that sends the browser on to the identity provider with a meta refresh (no script).
 * A 303 straight to another origin would be blocked by the pages' CSP `form-action 'self'`, which
 * browsers also apply to redirects that follow a form submission; a new navigation from this page is
 * not a form submission, so the policy can stay strict.
 *
 * @param url - an http(s) URL to go to
 * @param message - the sentence shown (with a link) if the refresh does not happen
 * @param lang - the page's language
 * @returns the HTML document
 * @throws Error when `url` is not http(s)
 */
export function buildRedirectPage(url: string, message: string, lang: string): string {
  if (!/^https?:\/\//i.test(url)) throw new Error(`Refusing to redirect to a non-http(s) URL.`);
  const href = escapeHtml(url);
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'fr'}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}"><title>${escapeHtml(message)}</title></head>
<body><p><a href="${href}">${escapeHtml(message)}</a></p></body></html>
`;
}
