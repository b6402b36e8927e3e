import { NextResponse, type NextRequest } from 'next/server';
import { sendRequest } from '@sdt/pod';
import { podIriSchema } from '../../../lib/schemas.ts';
import { getCitizenSession } from '../../../server/auth.ts';

/**
 * GET /api/receipt?iri=<receipt URL in the pod>: one consent receipt as a Turtle download. Only
 * resources under the citizen's own `grants/receipts/` are served.
 */
export async function GET(request: NextRequest): Promise<Response> {
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    return NextResponse.json({ ok: false, code: 'forbidden-origin', fieldErrors: {} }, { status: 403 });
  }
  const citizen = await getCitizenSession();
  if (!citizen) return NextResponse.json({ ok: false, code: 'unauthenticated', fieldErrors: {} }, { status: 401 });
  const iri = podIriSchema(citizen.podUrl, 'grants/receipts/').safeParse(request.nextUrl.searchParams.get('iri'));
  if (!iri.success) {
    return NextResponse.json({ ok: false, code: 'invalid-input', fieldErrors: { iri: ['not-in-pod'] } }, { status: 400 });
  }
  const url = iri.data.split('#')[0]!;
  try {
    const response = await sendRequest(citizen.fetch, url, { headers: { accept: 'text/turtle' } }, [200]);
    const name = (url.split('/').pop() ?? 'receipt').replace(/[^A-Za-z0-9._-]/g, '_');
    return new Response(await response.text(), {
      headers: {
        'content-type': 'text/turtle; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.ttl"`,
        'cache-control': 'no-store',
      },
    });
  } catch {
    return NextResponse.json({ ok: false, code: 'pod-unreachable', fieldErrors: {} }, { status: 502 });
  }
}
