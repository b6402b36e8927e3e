import { NextResponse, type NextRequest } from 'next/server';
import { buildExportFileName } from '../../../lib/exportNaming.ts';
import { getCitizenSession } from '../../../server/auth.ts';
import { exportPod } from '../../../server/exportPod.ts';

/**
 * GET /api/export: the citizen's whole pod as a ZIP download (GDPR art. 20). Reading only, but it is
 * personal data: the session is required, and a request another site started (Sec-Fetch-Site
 * cross-site) is refused so that no page elsewhere can make the browser download it.
 */
export async function GET(request: NextRequest): Promise<Response> {
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    return NextResponse.json({ ok: false, code: 'forbidden-origin', fieldErrors: {} }, { status: 403 });
  }
  const citizen = await getCitizenSession();
  if (!citizen) return NextResponse.json({ ok: false, code: 'unauthenticated', fieldErrors: {} }, { status: 401 });
  return new Response(exportPod(citizen), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${buildExportFileName(citizen.podUrl, new Date())}"`,
      'cache-control': 'no-store',
    },
  });
}
