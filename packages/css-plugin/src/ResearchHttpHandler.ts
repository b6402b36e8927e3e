import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  CredentialsExtractor,
  DataAccessor,
  HttpHandlerInput,
  HttpRequest,
  ResourceStore,
} from '@solid/community-server';
import {
  getLoggerFor,
  HttpHandler,
  INTERNAL_QUADS,
  NotFoundHttpError,
  NotImplementedHttpError,
  readableToQuads,
  readableToString,
} from '@solid/community-server';
import { Parser, type Quad } from 'n3';
import type { AccessLogJournal } from './AccessLogJournal';
import type { AccessLogEntry } from './accessLogTurtle';
import type { GrantIndex } from './GrantIndex';
import { isGrantInForce } from './grantRecords';
import type { PodRegistry } from './PodRegistry';
import { ACL, LDP_CONTAINS, LAYOUT_PATHS } from './terms';

/** The part of `@sdt/research` the endpoint uses (`packages/research/src/engine/serverEvaluation.ts`). */
interface ResearchModule {
  checkStudyQuery: (query: string, policy: unknown) => { fastEvaluation: { supported: boolean; reason?: string } };
  compilePodEvaluator: (plan: unknown) => {
    evaluate: (data: readonly Quad[], options?: { maxMatches?: number }) => unknown;
  };
  parseStudy: (turtle: string, documentUrl: string, iri?: string) => ResearchStudy;
  getStudyQueryPolicy: (study: ResearchStudy) => unknown;
  isStudyExpired: (study: ResearchStudy, now?: Date) => boolean;
}

interface ResearchStudy {
  iri: string;
  slug: string;
  categories: string[];
  engineWebId: string;
  engineClientId: string;
}

class EndpointError extends Error {
  public constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `import()` that TypeScript's CommonJS output leaves alone (it would turn it into `require`). */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let research: Promise<ResearchModule> | undefined;

/**
 * Loads the ESM TypeScript evaluator of `packages/research` into this CommonJS plugin through tsx's
 * `tsImport` (a scoped loader: it does not change how the rest of the process loads modules).
 * `SDT_RESEARCH_MODULE` overrides the entry's path.
 */
function loadResearch(modulePath: string): Promise<ResearchModule> {
  research ??= (async (): Promise<ResearchModule> => {
    const apiPath = require
      .resolve('tsx/esm/api', { paths: [__dirname, modulePath] })
      .replace(/index\.cjs$/u, 'index.mjs');
    const api = (await nativeImport(apiPath)) as {
      tsImport: (specifier: string, parent: string) => Promise<ResearchModule>;
    };
    return api.tsImport(modulePath, __filename);
  })();
  research.catch((): void => {
    research = undefined;
  });
  return research;
}

const STUDY_IRI = /^https?:\/\/[^\s#]+\/research-engine\/studies\/[a-z0-9][a-z0-9-]{2,59}#study$/u;

/**
 * Research endpoint `POST <base>.sdt/research` (issue 6: take the query to the data). The research
 * engine, authenticated as its WebID with the study's client, sends `{ study, query, pods }`; the
 * server checks the query against the published study, then evaluates it over each listed pod that
 * has an active grant to that WebID and client, reading only the granted categories of the study
 * straight from the resource store (no HTTP per resource), and streams per-pod partial aggregates —
 * never rows — as NDJSON: `{"type":"partial","pod","partial"}` or `{"type":"error","pod","reason",
 * "message"}` per pod, then `{"type":"end","pods"}`. Each pod read is logged in the pod's access log
 * (one entry per category read, with the grant used); a pod without a grant gets a Denied entry.
 *
 * Answers 422 to a query the fast evaluator does not cover (the coordinator then reads those pods
 * over HTTP), 400 to an invalid or refused query, 401 without credentials, 403 when the caller is not
 * the study's engine client or the study has ended.
 */
export class ResearchHttpHandler extends HttpHandler {
  protected readonly logger = getLoggerFor(this);
  private readonly path: string;
  private readonly modulePath: string;

  /**
   * @param baseUrl - Base URL of the server.
   * @param credentialsExtractor - CSS's credentials extractor (verifies the access token).
   * @param store - The server's resource store.
   * @param grants - The plugin's grant cache.
   * @param pods - Which pod a URL belongs to.
   * @param journal - The access log journal.
   * @param concurrency - Pods evaluated at the same time.
   * @param maxPods - Largest list of pods accepted in one request.
   * @param podTimeoutMs - Time allowed to one pod before it is reported as timed out.
   * @param dataAccessor - The backend's data accessor (e.g. `urn:solid-server:default:FileDataAccessor`):
   *   when given, category containers are listed and documents read straight from it (no locking,
   *   no conversion; a document that does not parse as Turtle is read again through the store).
   *   Without it, everything goes through the resource store.
   */
  public constructor(
    baseUrl: string,
    private readonly credentialsExtractor: CredentialsExtractor,
    private readonly store: ResourceStore,
    private readonly grants: GrantIndex,
    private readonly pods: PodRegistry,
    private readonly journal: AccessLogJournal,
    private readonly concurrency = 4,
    private readonly maxPods = 20_000,
    private readonly podTimeoutMs = 30_000,
    private readonly dataAccessor?: DataAccessor,
  ) {
    super();
    this.path = new URL('.sdt/research', baseUrl).pathname;
    this.modulePath =
      process.env.SDT_RESEARCH_MODULE ?? path.resolve(__dirname, '../../research/src/engine/serverEvaluation.ts');
  }

  public override async canHandle({ request }: HttpHandlerInput): Promise<void> {
    if ((request.url ?? '').split('?', 1)[0] !== this.path) {
      throw new NotImplementedHttpError('Not the research endpoint.');
    }
  }

  public override async handle({ request, response }: HttpHandlerInput): Promise<void> {
    let streaming = false;
    try {
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        throw new EndpointError(405, 'Only POST is allowed on the research endpoint.');
      }
      const credentials = await this.credentialsExtractor.handleSafe(request);
      const webId = credentials.agent?.webId;
      const clientId = credentials.client?.clientId;
      if (!webId || !clientId)
        throw new EndpointError(401, 'The research endpoint needs an access token (WebID and client).');
      const body = parseBody(await readBody(request, 4 * 1024 * 1024), this.maxPods);
      const module = await loadResearch(this.modulePath);
      const study = await this.readStudy(module, body.study);
      if (study.engineWebId !== webId || study.engineClientId !== clientId) {
        throw new EndpointError(403, `Only the research engine's client of study ${study.slug} may run its queries.`);
      }
      if (module.isStudyExpired(study)) throw new EndpointError(403, `The study ${study.slug} has ended.`);
      let plan: { fastEvaluation: { supported: boolean; reason?: string } };
      try {
        plan = module.checkStudyQuery(body.query, module.getStudyQueryPolicy(study));
      } catch (error: unknown) {
        throw new EndpointError(400, (error as Error).message);
      }
      if (!plan.fastEvaluation.supported) {
        throw new EndpointError(
          422,
          `This server evaluates only the common query shapes: ${plan.fastEvaluation.reason ?? ''}`,
        );
      }
      const evaluator = module.compilePodEvaluator(plan);
      response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      streaming = true;
      const queue = [...new Set(body.pods)];
      let count = 0;
      const worker = async (): Promise<void> => {
        for (let pod = queue.shift(); pod !== undefined; pod = queue.shift()) {
          const line = await this.withTimeout(pod, this.evaluatePod(pod, study, evaluator, webId, clientId));
          count++;
          response.write(`${JSON.stringify(line)}\n`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
      response.end(`${JSON.stringify({ type: 'end', pods: count })}\n`);
    } catch (error: unknown) {
      if (streaming) {
        this.logger.error(`Research query failed while streaming: ${(error as Error).message}`);
        response.end();
        return;
      }
      const status = error instanceof EndpointError ? error.status : 500;
      if (status === 500) this.logger.error(`Research query failed: ${(error as Error).message}`);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          message: status === 500 ? 'The research query failed; see the server log.' : (error as Error).message,
        }),
      );
    }
  }

  private async readStudy(module: ResearchModule, iri: string): Promise<ResearchStudy> {
    if (!STUDY_IRI.test(iri))
      throw new EndpointError(400, `"study" must be the IRI of a published study, not ${JSON.stringify(iri)}.`);
    const documentUrl = iri.split('#')[0]!;
    const answer = await fetch(documentUrl, {
      headers: { accept: 'text/turtle' },
      signal: AbortSignal.timeout(10_000),
    }).catch((): undefined => undefined);
    if (!answer?.ok) throw new EndpointError(404, `Unknown study ${iri}.`);
    try {
      return module.parseStudy(await answer.text(), documentUrl, iri);
    } catch {
      throw new EndpointError(404, `Unknown study ${iri}.`);
    }
  }

  private async evaluatePod(
    podUrl: string,
    study: ResearchStudy,
    evaluator: ReturnType<ResearchModule['compilePodEvaluator']>,
    webId: string,
    clientId: string,
  ): Promise<Record<string, unknown>> {
    try {
      const pod = await this.pods.findPod({ path: podUrl });
      if (!pod || pod.root !== podUrl)
        return { type: 'error', pod: podUrl, reason: 'not-found', message: 'Not a pod of this server.' };
      const now = Date.now();
      const inForce = (await this.grants.findGrants(pod.root, webId, clientId)).filter(
        (grant): boolean => isGrantInForce(grant, now) && grant.modes.has('read'),
      );
      const categories = study.categories.filter((category): boolean =>
        inForce.some((grant): boolean => grant.categories.has(category)),
      );
      if (categories.length === 0) {
        this.log(pod.root, `${pod.root}${LAYOUT_PATHS.data}`, webId, clientId, undefined);
        return {
          type: 'error',
          pod: podUrl,
          reason: 'forbidden',
          message: 'No active grant to the research engine for this study.',
        };
      }
      const quads: Quad[] = [];
      for (const category of categories) {
        const container = `${pod.root}${LAYOUT_PATHS.data}${category}/`;
        const grant = inForce.find((candidate): boolean => candidate.categories.has(category))!;
        this.log(pod.root, container, webId, clientId, grant.iri);
        for (const member of await this.listMembers(container)) {
          quads.push(...(await this.readQuads(member)));
        }
      }
      return { type: 'partial', pod: podUrl, partial: evaluator.evaluate(quads) };
    } catch (error: unknown) {
      return { type: 'error', pod: podUrl, reason: 'evaluation', message: (error as Error).message };
    }
  }

  /** The pod's line, or a `timeout` error line once `podTimeoutMs` has passed (the pod is reported, never dropped). */
  private async withTimeout(pod: string, work: Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Record<string, unknown>>((resolve): void => {
      timer = setTimeout(
        (): void =>
          resolve({ type: 'error', pod, reason: 'timeout', message: `No answer within ${this.podTimeoutMs} ms.` }),
        this.podTimeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private log(pod: string, target: string, agent: string, client: string, grant: string | undefined): void {
    const entry: AccessLogEntry = {
      id: randomUUID(),
      time: new Date().toISOString(),
      pod,
      target,
      agent,
      client,
      modes: [ACL.Read],
      outcome: grant === undefined ? 'Denied' : 'Allowed',
    };
    if (grant !== undefined) entry.grant = grant;
    this.journal.append(entry);
  }

  private async listMembers(container: string): Promise<string[]> {
    if (this.dataAccessor) {
      try {
        const members: string[] = [];
        for await (const child of this.dataAccessor.getChildren({ path: container })) {
          const url = child.identifier.value;
          if (!url.endsWith('/') && !url.endsWith('.acr') && !url.endsWith('.meta')) members.push(url);
        }
        return members.sort();
      } catch (error: unknown) {
        if (NotFoundHttpError.isInstance(error) || (error as { code?: string }).code === 'ENOENT') return [];
        throw error;
      }
    }
    try {
      const representation = await this.store.getRepresentation({ path: container }, { type: { [INTERNAL_QUADS]: 1 } });
      const quads = await readableToQuads(representation.data);
      return quads
        .getQuads(null, LDP_CONTAINS, null, null)
        .map((quad): string => quad.object.value)
        .filter((member): boolean => member.startsWith(container) && !member.endsWith('/'))
        .sort();
    } catch (error: unknown) {
      if (NotFoundHttpError.isInstance(error)) return [];
      throw error;
    }
  }

  private async readQuads(url: string): Promise<Quad[]> {
    if (this.dataAccessor) {
      try {
        const text = await readableToString(await this.dataAccessor.getData({ path: url }));
        return new Parser({ baseIRI: url }).parse(text);
      } catch (error: unknown) {
        if (NotFoundHttpError.isInstance(error) || (error as { code?: string }).code === 'ENOENT') return [];
        // Not Turtle as stored (or caught mid-write): read it through the store.
      }
    }
    try {
      // Turtle as stored (no conversion when stored as Turtle), parsed here with N3: much cheaper
      // than asking the store for internal quads, which go through CSS's generic RDF converters.
      const representation = await this.store.getRepresentation({ path: url }, { type: { 'text/turtle': 1 } });
      const text = await readableToString(representation.data);
      return new Parser({ baseIRI: url }).parse(text);
    } catch (error: unknown) {
      if (NotFoundHttpError.isInstance(error)) return [];
      throw error;
    }
  }
}

interface ResearchRequestBody {
  study: string;
  query: string;
  pods: string[];
}

function parseBody(text: string, maxPods: number): ResearchRequestBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EndpointError(400, 'The body must be JSON: {"study": <IRI>, "query": <SPARQL>, "pods": [<pod URL>...]}.');
  }
  const body = value as Partial<ResearchRequestBody>;
  if (typeof body.study !== 'string') throw new EndpointError(400, '"study" must be a study IRI.');
  if (typeof body.query !== 'string') throw new EndpointError(400, '"query" must be a SPARQL query.');
  if (!Array.isArray(body.pods) || !body.pods.every((pod): pod is string => typeof pod === 'string')) {
    throw new EndpointError(400, '"pods" must be an array of pod URLs.');
  }
  if (body.pods.length > maxPods) throw new EndpointError(413, `At most ${maxPods} pods per request.`);
  return body as ResearchRequestBody;
}

async function readBody(request: HttpRequest, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new EndpointError(413, `The body is larger than ${limit} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
