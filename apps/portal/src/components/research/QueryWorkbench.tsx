'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState } from 'react';
import { Chart } from '../Chart.tsx';
import {
  csvFileName,
  splitRunLines,
  toCsv,
  toResultChart,
  toResultTable,
  type QueryTemplate,
  type RunLine,
} from '../../lib/researchView.ts';
import { SparqlEditor } from './SparqlEditor.tsx';
import { PrivacyReportView } from './PrivacyReportView.tsx';
import styles from './research.module.css';

/** Props of {@link QueryWorkbench}. */
export interface QueryWorkbenchProps {
  readonly studyIri: string;
  readonly slug: string;
  readonly templates: readonly QueryTemplate[];
  readonly initialQuery: string;
  /** The page's CSP nonce (CodeMirror's style sheet). */
  readonly nonce?: string;
}

type Progress = { done: number; failed: number; total: number };
type Result = Extract<RunLine, { type: 'result' }>;
type Failure = { code: string; message: string; position?: { line: number; column: number } };

/**
 * The researcher's query workbench: SPARQL editor with templates, Run with live progress (the NDJSON
 * stream of `POST /api/research/run`), then the result as a table and a bar chart, its CSV, and the
 * privacy report; a refused query shows the checker's message (and line and column of a syntax error).
 */
export function QueryWorkbench(props: QueryWorkbenchProps) {
  const t = useTranslations('research.workbench');
  const tt = useTranslations('research.templates');
  const locale = useLocale();
  const id = useId();
  const [query, setQuery] = useState(props.initialQuery);
  const [template, setTemplate] = useState(props.templates[0]?.id ?? '');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | undefined>(undefined);
  const abortRef = useRef<AbortController | undefined>(undefined);
  const numberFormat = useMemo(() => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }), [locale]);

  const table = useMemo(
    () => (result ? toResultTable(result.variables, result.rows, t('podsColumn')) : undefined),
    [result, t],
  );
  const chart = useMemo(() => (table ? toResultChart(table) : undefined), [table]);

  const pickTemplate = (next: string): void => {
    setTemplate(next);
    const found = props.templates.find((candidate) => candidate.id === next);
    if (found) setQuery(found.query);
    setFailure(undefined);
  };

  const run = async (): Promise<void> => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setRunning(true);
    setProgress(undefined);
    setResult(undefined);
    setFailure(undefined);
    try {
      const response = await fetch('/api/research/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ study: props.studyIri, query }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { code?: string; fieldErrors?: Record<string, string[]> };
        const field = Object.values(body.fieldErrors ?? {}).flat()[0];
        setFailure({ code: field ?? body.code ?? 'failed', message: '' });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      let ended = false;
      for (;;) {
        const { done, value } = await reader.read();
        const split = splitRunLines(rest, done ? '\n' : value);
        rest = split.rest;
        for (const line of split.lines) {
          if (line.type === 'progress') setProgress({ done: line.done, failed: line.failed, total: line.total });
          else if (line.type === 'result') {
            setResult(line);
            ended = true;
          } else {
            setFailure({ code: line.code, message: line.message, ...(line.position ? { position: line.position } : {}) });
            ended = true;
          }
        }
        if (done) break;
      }
      if (!ended) setFailure({ code: 'failed', message: '' });
    } catch (error: unknown) {
      if ((error as Error).name !== 'AbortError') setFailure({ code: 'failed', message: '' });
    } finally {
      if (abortRef.current === controller) setRunning(false);
    }
  };

  const download = (): void => {
    if (!table) return;
    // A BOM so that spreadsheet software reads UTF-8.
    const blob = new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(props.slug, new Date());
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const knownCodes = ['syntax', 'not-select', 'not-aggregate', 'aggregate-not-allowed', 'forbidden-feature', 'group-key-not-allowed', 'unsupported', 'budget-exceeded', 'resource-limit', 'invalid-parameter', 'reference-engine-failed', 'expired-study', 'no-consenting-pods', 'unknown-study', 'forbidden', 'unauthenticated', 'query-too-long', 'query-missing', 'forbidden-origin', 'run-in-progress', 'too-many-runs'];
  const failureTitle = failure ? (knownCodes.includes(failure.code) ? t(`errors.${failure.code}` as 'errors.failed') : t('errors.failed')) : '';
  // `done` counts the pods that answered and those that failed.
  const done = progress ? progress.done : 0;

  return (
    <section aria-labelledby={`${id}-heading`} data-workbench>
      <h2 id={`${id}-heading`}>{t('title')}</h2>
      <div className={styles.toolbar}>
        <label className="field">
          <span>{t('template')}</span>
          <select value={template} onChange={(event) => pickTemplate(event.target.value)} data-templates>
            {template === '' && <option value="">{t('custom')}</option>}
            {props.templates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {tt(candidate.id as 'dpeMonthly')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={`${id}-label`}>
        <strong>{t('editorLabel')}</strong>
      </p>
      <SparqlEditor
        labelId={`${id}-label`}
        describedBy={`${id}-help`}
        value={query}
        onChange={(value) => {
          setQuery(value);
          // Still the template's text (e.g. the editor echoing a template just picked): keep its name.
          setTemplate((current) => (props.templates.find((candidate) => candidate.id === current)?.query === value ? current : ''));
        }}
        {...(failure?.position ? { errorLine: failure.position.line } : {})}
        {...(props.nonce ? { nonce: props.nonce } : {})}
      />
      <p id={`${id}-help`} className="muted">
        {t('editorHelp')}
      </p>
      <div className={styles.toolbar}>
        <button type="button" className="button" onClick={() => void run()} disabled={running} data-run>
          {running ? t('running') : t('run')}
        </button>
      </div>
      <div aria-live="polite" data-progress-region>
        {progress && (
          <p className={styles.progress} data-progress={`${done}/${progress.total}`}>
            <label htmlFor={`${id}-progress`}>{t('progressLabel')}</label>
            <progress id={`${id}-progress`} value={done} max={Math.max(1, progress.total)} />
            <span>{t('progress', { done, total: progress.total, failed: progress.failed })}</span>
          </p>
        )}
      </div>
      <div aria-live="assertive">
        {failure && (
          <div className="alert" role="alert" data-run-error={failure.code}>
            <p>
              <strong>{failureTitle}</strong>
            </p>
            {failure.position && (
              <p data-error-position={`${failure.position.line}:${failure.position.column}`}>
                {t('position', { line: failure.position.line, column: failure.position.column })}
              </p>
            )}
            {failure.message && <p className={`${styles.breakable} ${styles.position}`}>{failure.message}</p>}
          </div>
        )}
      </div>
      {result && table && (
        <section aria-labelledby={`${id}-results`} data-results={table.rows.length}>
          <h2 id={`${id}-results`}>{t('results', { count: table.rows.length })}</h2>
          {table.rows.length === 0 ? (
            <p className="muted">{t('noRows')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-results`}>
              <table data-result-table>
                <thead>
                  <tr>
                    {table.header.map((header, index) => (
                      <th key={`${header}-${index}`} scope="col" className={table.numericColumns.includes(index) ? 'num' : undefined}>
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {row.map((cell, index) => (
                        <td key={index} className={table.numericColumns.includes(index) ? 'num' : undefined}>
                          {table.numericColumns.includes(index) && cell !== '' ? numberFormat.format(Number(cell)) : cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <button type="button" className="button button-secondary" onClick={download} data-download-csv>
              {t('downloadCsv')}
            </button>
          </p>
          {chart && chart.points.length > 0 && (
            <Chart
              id={`${id.replace(/[^a-zA-Z0-9_-]/gu, '')}-chart`}
              kind="bar"
              title={t('chartTitle', { value: chart.valueHeader, keys: chart.labelHeader || '—' })}
              summary={t('chartSummary', { count: chart.points.length, value: chart.valueHeader })}
              points={chart.points}
              unit={chart.valueHeader}
              labelHeader={chart.labelHeader || t('group')}
              tableToggle={t('chartTable')}
              formatValue={(value) => numberFormat.format(value)}
              maxTicks={4}
            />
          )}
          <PrivacyReportView report={result.report} />
        </section>
      )}
    </section>
  );
}
