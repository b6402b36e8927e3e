/** Small helpers to write accessible French pages without a template engine. */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A tagged template that escapes every interpolated value, except those wrapped by {@link raw}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new RawHtml(out);
}

/** HTML that is already safe (built with {@link html}). */
export class RawHtml {
  public constructor(public readonly value: string) {}
  public toString(): string {
    return this.value;
  }
}

/** Marks a string as safe HTML (only for markup the code itself wrote). */
export function raw(value: string): RawHtml {
  return new RawHtml(value);
}

function renderValue(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Formats a number the French way (`1 234,5`). */
export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --accent: #000091; --muted: #3a3a3a; --ok: #18753c; --warn: #b34000; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus, button:focus, input:focus { outline: 3px solid #0a76f6; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 4px solid var(--accent); }
h1 { font-size: 1.75rem; margin: .25rem 0; } h2 { font-size: 1.3rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; } caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #929292; padding: .4rem .6rem; text-align: left; vertical-align: top; } th { background: #eeeef8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type=url], input[type=text] { width: 100%; padding: .5rem; border: 1px solid #3a3a3a; font: inherit; }
button { margin-top: .75rem; padding: .6rem 1.2rem; background: var(--accent); color: #fff; border: 0; font: inherit; cursor: pointer; }
.decision { border-left: 6px solid var(--ok); padding: .5rem 1rem; background: #e8f5ee; }
.notice { border-left: 6px solid var(--warn); padding: .5rem 1rem; background: #fff4ed; }
.muted { color: var(--muted); font-size: .95rem; }
`;

/** A complete page: `lang="fr"`, skip link, header, main landmark, footer. */
export function page(options: {
  title: string;
  heading: string;
  subtitle?: string;
  body: RawHtml;
  footer?: RawHtml;
}): string {
  return `<!doctype html>\n${
    html`<html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#contenu">Aller au contenu</a>
        <header>
          <p class="muted">Self Data Territorial — service partenaire</p>
          <h1>${options.heading}</h1>
          ${options.subtitle ? html`<p>${options.subtitle}</p>` : ''}
        </header>
        <main id="contenu" tabindex="-1">${options.body}</main>
        <footer class="muted">${options.footer ?? ''}</footer>
      </body>
    </html>`.value
  }`;
}
