import { NextResponse, type NextRequest } from 'next/server';
import { importFiles } from '@sdt/importers';
import { getEnv } from '../../../env.ts';
import { describeImportError } from '../../../lib/describeImportError.ts';
import { isSameOriginRequest } from '../../../lib/isSameOriginRequest.ts';
import { getCitizenSession } from '../../../server/auth.ts';

/** Largest upload accepted, in bytes (all files together). */
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const MAX_FILES = 10;

/**
 * POST /api/upload (multipart, field `files`, one or more provider files): imports them into the pod,
 * all or nothing (`importFiles` of `@sdt/importers`: format detected from the content, every value
 * checked, SHACL-validated, nothing written when a file is refused). Answers JSON
 * `{ ok: true, files }` or `{ ok: false, code, fieldErrors, problem }`.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (!isSameOriginRequest(request.headers, getEnv().portalUrl)) {
    return NextResponse.json({ ok: false, code: 'forbidden-origin', fieldErrors: {} }, { status: 403 });
  }
  const citizen = await getCitizenSession();
  if (!citizen) return NextResponse.json({ ok: false, code: 'unauthenticated', fieldErrors: {} }, { status: 401 });
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_UPLOAD_BYTES) {
    return NextResponse.json({ ok: false, code: 'invalid-input', fieldErrors: { files: ['too-large'] } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ ok: false, code: 'invalid-input', fieldErrors: { files: ['no-file'] } }, { status: 400 });
  }
  const files = form.getAll('files').filter((value): value is File => typeof value === 'object' && value !== null && 'arrayBuffer' in value && value.size > 0);
  if (files.length === 0 || files.length > MAX_FILES) {
    return NextResponse.json({ ok: false, code: 'invalid-input', fieldErrors: { files: ['no-file'] } }, { status: 400 });
  }
  const sources = await Promise.all(
    files.map(async (file) => ({ fileName: file.name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 120) || 'fichier', content: new Uint8Array(await file.arrayBuffer()) })),
  );
  try {
    const report = await importFiles({ podUrl: citizen.podUrl, webId: citizen.webId, fetch: citizen.fetch }, sources);
    return NextResponse.json({
      ok: true,
      files: report.files.map((file) => ({
        fileName: file.fileName,
        format: file.format,
        source: file.sourceOrganisation,
        records: file.records,
        added: file.added,
        replaced: file.replaced,
        unchanged: file.unchanged,
        periodStart: file.periodStart ?? null,
        periodEnd: file.periodEnd ?? null,
      })),
    });
  } catch (error: unknown) {
    const problem = describeImportError(error, sources[0]!.fileName);
    return NextResponse.json({ ok: false, code: 'invalid-input', fieldErrors: { files: [problem.code] }, problem }, { status: 422 });
  }
}
