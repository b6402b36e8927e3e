/**
 * A small HTTP server for a partner service (node:http, no framework): the service's French page,
 * its Client ID document, a webhook receiver for inbox notifications, grant-state counts, and a JSON
 * API used by the demo journey. Personal results are shown only to whoever holds the ticket returned
 * when the request was sent (the demo has no citizen login; a real service signs citizens in).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GrantsError } from '@sdt/grants';
import { CATEGORIES } from '@sdt/vocab';
import { buildClientIdDocument, CLIENT_ID_PATH } from './clientIdDocument.ts';
import { GrantAccessError } from './GrantAccessError.ts';
import { html, page, raw, type RawHtml } from './html.ts';
import { PartnerError } from './PartnerError.ts';
import type { PartnerSession } from './PartnerSession.ts';
import { GRANT_COUNTS_PATH } from './registry.ts';
import type { RetentionStore } from './RetentionStore.ts';

/** What a service computes for one citizen. */
export interface ServiceOutcome<R = unknown> {
  readonly result: R;
  /** The data the decision used, shown to the citizen (French labels and values). */
  readonly dataUsed: readonly { readonly label: string; readonly value: string }[];
  /** One line for the command line and the JSON API. */
  readonly summary: string;
  /** The result as an HTML fragment (French), built with `html`. */
  readonly html: RawHtml;
}

/** Computes a service's outcome for one citizen from granted data (through the session's typed readers). */
export type ComputeOutcome<R = unknown> = (session: PartnerSession, citizen: string) => Promise<ServiceOutcome<R>>;

/** Options of {@link createPartnerServer}. */
export interface PartnerServerOptions<R> {
  readonly session: PartnerSession;
  /** Public base URL of the app, ending with `/` (its Client ID document is `<appUrl>clientid.jsonld`). */
  readonly appUrl: string;
  readonly compute: ComputeOutcome<R>;
  /** Where results are kept while the grant lasts (the session deletes them when it ends). */
  readonly store?: RetentionStore;
  /** More HTML about the method (sources of the rules, reference tables), shown on the home page. */
  readonly about?: RawHtml;
}

/** JSON answer of `GET /api/result`. */
export type ResultAnswer<R = unknown> =
  | {
      readonly ok: true;
      readonly service: string;
      readonly summary: string;
      readonly result: R;
      readonly dataUsed: ServiceOutcome['dataUsed'];
      readonly keptUntil?: string;
    }
  | {
      readonly ok: false;
      readonly service: string;
      readonly code: string;
      readonly message: string;
      readonly refusedByServer: boolean;
    };

const MAX_BODY = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new PartnerError('invalid-argument', 'The request body is larger than 64 KiB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function errorCode(error: unknown): { code: string; message: string; refusedByServer: boolean } {
  if (error instanceof GrantAccessError || PartnerError.isInstance(error)) {
    return {
      code: error.code,
      message: error.message,
      refusedByServer: error.statusCode === 401 || error.statusCode === 403,
    };
  }
  if (GrantsError.isInstance(error)) return { code: error.code, message: error.message, refusedByServer: false };
  return { code: 'server', message: 'Unexpected error.', refusedByServer: false };
}

const REFUSAL_TEXT: Readonly<Record<string, string>> = {
  'not-granted':
    "Vous n'avez pas (encore) accepté la demande d'accès de ce service. Ouvrez le portail Self Data de votre territoire, rubrique « Demandes », pour l'accepter ou la refuser.",
  'grant-revoked':
    "Vous avez retiré votre accord : le service n'a plus accès à vos données, et ce qu'il en avait tiré a été effacé.",
  'grant-expired':
    "Votre accord est arrivé à échéance : le service n'a plus accès à vos données, et ce qu'il en avait tiré a été effacé.",
  'out-of-scope': 'Votre accord ne couvre pas toutes les données nécessaires à ce calcul.',
  'invalid-data':
    "Vos données n'ont pas la forme attendue : le service ne peut pas les utiliser. Vérifiez-les dans votre espace.",
};

/**
 * Creates the app's HTTP server (not listening yet). Routes:
 * `GET /` the service page; `POST /demande` (form field `webid`) sends an access request;
 * `GET /resultat?ticket=` the result page; `GET /clientid.jsonld`; `GET /service.json`;
 * `POST /webhook` inbox notifications; `GET /api/grant-counts`; `POST /api/requests` (JSON `{webId}`,
 * answers `{requestIri, ticket}`); `GET /api/result?ticket=`; `GET /health`.
 */
export function createPartnerServer<R>(options: PartnerServerOptions<R>): Server {
  return createServer(createPartnerRequestHandler(options));
}

/** The request handler of {@link createPartnerServer}, to mount in another server. */
export function createPartnerRequestHandler<R>(
  options: PartnerServerOptions<R>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { session } = options;
  const description = session.description;
  const appUrl = options.appUrl.endsWith('/') ? options.appUrl : `${options.appUrl}/`;
  const clientIdDocument = buildClientIdDocument(description, appUrl, {
    webId: session.credentials.webId,
    clientId: session.credentials.clientId,
    inbox: session.inboxUrl,
  });
  const tickets = new Map<string, string>();

  async function requestFor(webId: string): Promise<{ requestIri: string; ticket: string }> {
    let url: URL;
    try {
      url = new URL(webId);
    } catch {
      throw new PartnerError('invalid-argument', `webId: "${webId}" is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new PartnerError('invalid-argument', `webId: "${webId}" is not an http(s) URL.`);
    const requestIri = await session.requestAccess(url.href);
    const ticket = randomBytes(16).toString('base64url');
    tickets.set(ticket, url.href);
    return { requestIri, ticket };
  }

  async function resultFor(ticket: string | null): Promise<ResultAnswer<R>> {
    const citizen = ticket ? tickets.get(ticket) : undefined;
    if (!citizen)
      return {
        ok: false,
        service: description.id,
        code: 'unknown-ticket',
        message: 'Unknown or missing ticket.',
        refusedByServer: false,
      };
    try {
      const outcome = await options.compute(session, citizen);
      let keptUntil: string | undefined;
      const grant = session.book.grantFor(citizen, session.now());
      if (options.store && grant)
        keptUntil = (await options.store.put(grant, `result:${citizen}`, outcome.result, session.now())).deleteAt;
      return {
        ok: true,
        service: description.id,
        summary: outcome.summary,
        result: outcome.result,
        dataUsed: outcome.dataUsed,
        ...(keptUntil ? { keptUntil } : {}),
        ...{ html: outcome.html.value },
      };
    } catch (error: unknown) {
      const known = errorCode(error);
      if (known.code === 'server') process.stderr.write(`${description.id}: ${(error as Error).message}\n`);
      return { ok: false, service: description.id, ...known };
    }
  }

  function homePage(): string {
    const needs = description.dataNeeds.map(
      (need) =>
        html`<tr>
          <th scope="row">${CATEGORIES[need.category].label.fr}</th>
          <td>${need.required ? 'Obligatoire' : 'Facultatif'}</td>
          <td>${need.why.fr}</td>
        </tr>`,
    );
    return page({
      title: `${description.name.fr} — Self Data Territorial`,
      heading: description.name.fr,
      subtitle: description.summary.fr,
      body: html` <h2>Les données demandées</h2>
        <table>
          <caption>
            Données utilisées par le service et pourquoi
          </caption>
          <thead>
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">Nécessité</th>
              <th scope="col">Pourquoi</th>
            </tr>
          </thead>
          <tbody>
            ${needs}
          </tbody>
        </table>
        <p>
          Accès demandé pour ${description.accessDays} jours ; les résultats sont conservés ${description.retentionDays}
          jours au plus, et effacés dès que vous retirez votre accord. Finalité : ${localName(description.purpose)} ;
          base légale : ${localName(description.legalBasis)}.
        </p>
        <h2>Utiliser le service</h2>
        <form method="post" action="demande">
          <label for="webid">Votre identifiant Solid (WebID)</label>
          <input
            id="webid"
            name="webid"
            type="url"
            required
            placeholder="http://localhost:3101/demo/profile/card#me"
            autocomplete="url"
          />
          <button type="submit">Envoyer la demande d'accès</button>
        </form>
        <p class="muted">
          La demande arrive dans votre espace Self Data ; vous l'acceptez ou la refusez depuis le portail, et pouvez
          retirer votre accord à tout moment.
        </p>
        ${options.about ?? ''}`,
      footer: html`Opéré par ${description.operator.name} — contact :
        <a href="mailto:${description.contact.email}">${description.contact.email}</a> —
        <a href="${description.privacyPolicy}">politique de confidentialité</a> —
        <a href="${CLIENT_ID_PATH}">description technique (JSON-LD)</a>`,
    });
  }

  function resultPage(answer: ResultAnswer<R>, ticket: string): string {
    const body = answer.ok
      ? html`<h2>Résultat</h2>
          <div class="decision" role="status">${raw((answer as { html?: string }).html ?? '')}</div>
          <h2>Les données utilisées</h2>
          <table>
            <caption>
              Données lues dans votre espace pour ce calcul
            </caption>
            <tbody>
              ${answer.dataUsed.map(
                (d) =>
                  html`<tr>
                    <th scope="row">${d.label}</th>
                    <td>${d.value}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${answer.keptUntil ? html`<p class="muted">Ce résultat est conservé jusqu'au ${new Date(answer.keptUntil).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} au plus, puis effacé.</p>` : ''}`
      : html`<h2>Pas de résultat</h2>
          <div class="notice" role="alert">
            <p>${REFUSAL_TEXT[answer.code] ?? "Le service n'a pas pu calculer votre résultat."}</p>
          </div>`;
    return page({
      title: `Résultat — ${description.name.fr}`,
      heading: description.name.fr,
      body: html`${body}
        <p><a href="resultat?ticket=${ticket}">Actualiser</a> · <a href="./">Retour</a></p>`,
    });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', appUrl);
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(new URL(appUrl).pathname, '/');
    if (method === 'GET' && path === '/') return send(response, 200, 'text/html; charset=utf-8', homePage());
    if (method === 'GET' && path === '/health') return sendJson(response, 200, { ok: true, service: description.id });
    if (method === 'GET' && path === `/${CLIENT_ID_PATH}`)
      return send(response, 200, 'application/ld+json', JSON.stringify(clientIdDocument, null, 2), {
        'access-control-allow-origin': '*',
      });
    if (method === 'GET' && path === '/service.json') return sendJson(response, 200, description);
    if (method === 'GET' && path === `/${GRANT_COUNTS_PATH}`)
      return sendJson(response, 200, session.grantStateCounts());
    if (method === 'POST' && path === '/webhook') {
      await readBody(request);
      sendJson(response, 202, { ok: true });
      // Only a hint: re-read the inbox with the partner's own credentials.
      void session.handleInboxNotification().catch(() => undefined);
      return;
    }
    if (method === 'POST' && path === '/api/requests') {
      const body = JSON.parse(await readBody(request)) as { webId?: unknown };
      if (typeof body.webId !== 'string')
        throw new PartnerError('invalid-argument', 'webId: a WebID (string) is required.');
      return sendJson(response, 201, await requestFor(body.webId));
    }
    if (method === 'GET' && path === '/api/result') {
      const answer = await resultFor(url.searchParams.get('ticket'));
      const { html: _html, ...json } = answer as ResultAnswer<R> & { html?: string };
      return sendJson(response, answer.ok ? 200 : answer.code === 'unknown-ticket' ? 404 : 409, json);
    }
    if (method === 'POST' && path === '/demande') {
      const form = new URLSearchParams(await readBody(request));
      const { ticket } = await requestFor(form.get('webid') ?? '');
      response.writeHead(303, { location: `resultat?ticket=${encodeURIComponent(ticket)}` });
      response.end();
      return;
    }
    if (method === 'GET' && path === '/resultat') {
      const ticket = url.searchParams.get('ticket') ?? '';
      const answer = await resultFor(ticket);
      if (!answer.ok && answer.code === 'unknown-ticket')
        return send(
          response,
          404,
          'text/html; charset=utf-8',
          page({
            title: 'Introuvable',
            heading: description.name.fr,
            body: html`<p role="alert">Ce lien de résultat n'existe pas ou plus. <a href="./">Retour</a></p>`,
          }),
        );
      return send(response, 200, 'text/html; charset=utf-8', resultPage(answer, ticket));
    }
    sendJson(response, 404, { ok: false, code: 'not-found', message: `No route ${method} ${path}.` });
  }

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      const known = errorCode(error);
      const status =
        known.code === 'invalid-argument' || known.code === 'invalid-request' || error instanceof SyntaxError
          ? 400
          : 502;
      if (!response.headersSent)
        sendJson(response, status, {
          ok: false,
          service: description.id,
          code: error instanceof SyntaxError ? 'invalid-argument' : known.code,
          message: error instanceof SyntaxError ? 'The body is not JSON.' : known.message,
        });
      else response.end();
    });
  };
}

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}
