'use client';

import { useState, type FormEvent } from 'react';

/** A file the import took in, as the upload route reports it. */
interface ImportedFile {
  fileName: string;
  source: string;
  records: number;
  added: number;
  replaced: number;
  unchanged: number;
  periodStart: string | null;
  periodEnd: string | null;
}

interface UploadAnswer {
  ok: boolean;
  code?: string;
  files?: ImportedFile[];
  fieldErrors?: Record<string, string[]>;
  problem?: { code: string; file: string; line?: number; field?: string; jsonPath?: string; detail?: string };
}

/** Props of {@link UploadForm}: every sentence, already translated on the server. */
export interface UploadFormProps {
  readonly text: {
    readonly label: string;
    readonly hint: string;
    readonly submit: string;
    readonly sending: string;
    readonly importing: string;
    readonly done: string;
    /** `{file}`, `{records}`, `{added}`, `{replaced}`, `{unchanged}`, `{source}` are replaced. */
    readonly fileDone: string;
    readonly where: { readonly line: string; readonly field: string; readonly jsonPath: string };
    readonly nothingWritten: string;
    readonly detail: string;
  };
  /** Sentence per error code; `{file}` is replaced. */
  readonly errors: Readonly<Record<string, string>>;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/**
 * The upload form: files sent with XMLHttpRequest so that the citizen sees the upload's progress, then
 * the import's answer in words (what came in, or which file, line and field were refused).
 */
export function UploadForm({ text, errors }: UploadFormProps) {
  const [progress, setProgress] = useState<number | undefined>();
  const [phase, setPhase] = useState<'idle' | 'sending' | 'importing'>('idle');
  const [answer, setAnswer] = useState<UploadAnswer | undefined>();

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/upload');
    request.responseType = 'json';
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    request.upload.onload = () => setPhase('importing');
    request.onload = () => {
      setPhase('idle');
      setAnswer((request.response as UploadAnswer | null) ?? { ok: false, code: 'failed' });
    };
    request.onerror = () => {
      setPhase('idle');
      setAnswer({ ok: false, code: 'failed' });
    };
    setAnswer(undefined);
    setProgress(0);
    setPhase('sending');
    request.send(form);
  };

  const problem = answer && !answer.ok ? answer.problem : undefined;
  const code = problem?.code ?? answer?.fieldErrors?.files?.[0] ?? answer?.code ?? 'failed';
  return (
    <form method="post" action="/api/upload" encType="multipart/form-data" onSubmit={onSubmit} className="card" data-upload-form>
      <div className="field">
        <label htmlFor="upload-files">{text.label}</label>
        <input id="upload-files" type="file" name="files" multiple required aria-describedby="upload-hint" />
      </div>
      <p id="upload-hint" className="muted">
        {text.hint}
      </p>
      <button type="submit" className="button" disabled={phase !== 'idle'}>
        {text.submit}
      </button>
      {phase !== 'idle' && (
        <div role="status" className="field">
          <label htmlFor="upload-progress">{phase === 'sending' ? text.sending : text.importing}</label>
          <progress id="upload-progress" max={100} value={phase === 'sending' ? progress : undefined} />
        </div>
      )}
      {answer?.ok && (
        <div role="status" className="notice" data-upload-result="ok">
          <p>{text.done}</p>
          <ul>
            {answer.files?.map((file) => (
              <li key={file.fileName}>{fill(text.fileDone, { file: file.fileName, records: file.records, added: file.added, replaced: file.replaced, unchanged: file.unchanged, source: file.source })}</li>
            ))}
          </ul>
        </div>
      )}
      {answer && !answer.ok && (
        <div role="alert" className="alert" data-upload-result="error">
          <p>
            {fill(errors[code] ?? errors.failed ?? code, { file: problem?.file ?? '' })}
            {problem?.line !== undefined && ` ${fill(text.where.line, { line: problem.line })}`}
            {problem?.field !== undefined && ` ${fill(text.where.field, { field: problem.field })}`}
            {problem?.jsonPath !== undefined && problem.field === undefined && ` ${fill(text.where.jsonPath, { path: problem.jsonPath })}`}
          </p>
          <p>{text.nothingWritten}</p>
          {problem?.detail && (
            <p className="muted">
              {text.detail} {problem.detail}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
