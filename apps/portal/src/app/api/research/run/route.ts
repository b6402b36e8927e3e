import { NextResponse, type NextRequest } from 'next/server';
import { checkStudyQuery, getStudyQueryPolicy } from '@sdt/research';
import { getEnv } from '../../../../env.ts';
import { isSameOriginRequest } from '../../../../lib/isSameOriginRequest.ts';
import { RunLimiter } from '../../../../lib/RunLimiter.ts';
import { MAX_QUERY_LENGTH, runStudyBodySchema } from '../../../../lib/researchSchemas.ts';
import { toErrorLine, toResultLine } from '../../../../lib/researchRun.ts';
import { isStudyResearcher, type RunLine } from '../../../../lib/researchView.ts';
import { getCitizenSession } from '../../../../server/auth.ts';
import { readPlatformStudy, runStudyAsEngine } from '../../../../server/research.ts';

/** Largest body accepted: the query (20 kB) and the study IRI, with room for JSON escaping. */
const MAX_BODY_BYTES = 4 * MAX_QUERY_LENGTH;

/** One run at a time per researcher, 30 per 10 minutes (this process). */
const limiter = new RunLimiter();

const refuse = (status: number, code: string, fieldErrors: Record<string, string[]> = {}): Response =>
  NextResponse.json({ ok: false, code, fieldErrors }, { status });

/**
 * POST /api/research/run, JSON `{ study, query }`: runs a researcher's query over the pods that opted in
 * to the study, as the territory's research engine. Only a signed-in researcher of the study (its
 * `researchers`), from a page of the portal. Streams NDJSON: `{type:'progress', done, failed, total}`
 * lines, then `{type:'result', variables, rows, report}` or `{type:'error', code, message, position?}`.
 * Refusals before the run are JSON `{ ok: false, code, fieldErrors }` with 400/401/403/404/413, and 429
 * (`run-in-progress`: one run at a time per researcher; `too-many-runs`, with `Retry-After`).
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (!isSameOriginRequest(request.headers, getEnv().portalUrl)) return refuse(403, 'forbidden-origin');
  const citizen = await getCitizenSession();
  if (!citizen) return refuse(401, 'unauthenticated');
  if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
    return refuse(413, 'invalid-input', { query: ['query-too-long'] });
  }
  let body: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) return refuse(413, 'invalid-input', { query: ['query-too-long'] });
    body = JSON.parse(text);
  } catch {
    return refuse(400, 'invalid-input');
  }
  const input = runStudyBodySchema.safeParse(body);
  if (!input.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of input.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
    return refuse(400, 'invalid-input', fieldErrors);
  }
  const found = await readPlatformStudy(input.data.study);
  if (!found) return refuse(404, 'not-found', { study: ['unknown-study'] });
  const { study } = found;
  if (!isStudyResearcher(study, citizen.webId)) return refuse(403, 'forbidden');
  const query = input.data.query;
  const run = limiter.tryStart(citizen.webId);
  if (!('end' in run)) {
    const response = refuse(429, run.code);
    if (run.code === 'too-many-runs') response.headers.set('retry-after', String(run.retryAfterSeconds));
    return response;
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: RunLine): void => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // the browser went away
        }
      };
      try {
        // Refuse a bad query before logging in as the engine.
        checkStudyQuery(query, getStudyQueryPolicy(study));
        const answer = await runStudyAsEngine(study, query, ({ done, failed, total }) => send({ type: 'progress', done, failed, total }));
        send(toResultLine(answer));
      } catch (error: unknown) {
        send(toErrorLine(error));
      } finally {
        run.end();
      }
      try {
        controller.close();
      } catch {
        // already closed
      }
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
