'use client';

import { useEffect, useRef, useState } from 'react';
import styles from './research.module.css';

/** Props of {@link SparqlEditor}. */
export interface SparqlEditorProps {
  /** Id of the visible label of the editor. */
  readonly labelId: string;
  /** Id of the help text under it (read after the label). */
  readonly describedBy?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** A line to mark as wrong (1-based), e.g. where a syntax error is. */
  readonly errorLine?: number;
  /** The page's CSP nonce: CodeMirror's injected style sheet carries it. */
  readonly nonce?: string;
}

interface EditorHandle {
  setValue: (value: string) => void;
  markLine: (line: number | undefined) => void;
  destroy: () => void;
}

/**
 * Loads CodeMirror 6 with the SPARQL mode of `@codemirror/legacy-modes` (only on the page that shows
 * the editor: a dynamic import) and mounts it in `parent`.
 */
async function mountEditor(
  parent: HTMLElement,
  props: { labelId: string; describedBy: string | undefined; value: string; nonce: string | undefined },
  onChange: (value: string) => void,
): Promise<EditorHandle> {
  const [{ EditorView, Decoration, keymap, lineNumbers, highlightActiveLine }, { EditorState, StateEffect, StateField }, language, { sparql }, commands] =
    await Promise.all([
      import('@codemirror/view'),
      import('@codemirror/state'),
      import('@codemirror/language'),
      import('@codemirror/legacy-modes/mode/sparql'),
      import('@codemirror/commands'),
    ]);
  const setErrorLine = StateEffect.define<number | undefined>();
  const errorLineMark = Decoration.line({ class: 'cm-sdt-error-line' });
  const errorLineField = StateField.define({
    create: () => Decoration.none,
    update(decorations, transaction) {
      let next = decorations.map(transaction.changes);
      for (const effect of transaction.effects) {
        if (!effect.is(setErrorLine)) continue;
        const line = effect.value;
        next =
          line !== undefined && line >= 1 && line <= transaction.state.doc.lines
            ? Decoration.set([errorLineMark.range(transaction.state.doc.line(line).from)])
            : Decoration.none;
      }
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
  const contentAttributes: Record<string, string> = { 'aria-labelledby': props.labelId, spellcheck: 'false' };
  if (props.describedBy) contentAttributes['aria-describedby'] = props.describedBy;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: props.value,
      extensions: [
        ...(props.nonce ? [EditorView.cspNonce.of(props.nonce)] : []),
        lineNumbers(),
        highlightActiveLine(),
        commands.history(),
        keymap.of([...commands.defaultKeymap, ...commands.historyKeymap]),
        language.StreamLanguage.define(sparql),
        language.syntaxHighlighting(language.defaultHighlightStyle),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of(contentAttributes),
        errorLineField,
        EditorView.theme({
          '&': { fontSize: '0.875rem', minHeight: '14rem' },
          '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '14rem' },
          '.cm-gutters': { backgroundColor: '#f3f5f8', color: '#4a5360', borderRight: '1px solid #c9d0d8' },
          '.cm-sdt-error-line': { backgroundColor: '#fde2e1', outline: '1px solid #b3261e' },
          '&.cm-focused': { outline: 'none' },
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setValue(value) {
      if (value === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    markLine(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
    },
    destroy: () => view.destroy(),
  };
}

/**
 * A SPARQL editor with syntax highlighting (CodeMirror 6), labelled for screen readers, under the page's
 * nonce CSP. Until CodeMirror is loaded (or if it cannot be), a plain text area stands in.
 */
export function SparqlEditor(props: SparqlEditorProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<EditorHandle | undefined>(undefined);
  const onChangeRef = useRef(props.onChange);
  const [ready, setReady] = useState(false);
  onChangeRef.current = props.onChange;
  const initial = useRef({ labelId: props.labelId, describedBy: props.describedBy, value: props.value, nonce: props.nonce });

  useEffect(() => {
    const parent = parentRef.current;
    if (!parent) return undefined;
    let cancelled = false;
    mountEditor(parent, initial.current, (value) => onChangeRef.current(value))
      .then((handle) => {
        if (cancelled) {
          handle.destroy();
          return;
        }
        handleRef.current = handle;
        setReady(true);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      handleRef.current?.destroy();
      handleRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    handleRef.current?.setValue(props.value);
  }, [props.value, ready]);

  useEffect(() => {
    handleRef.current?.markLine(props.errorLine);
  }, [props.errorLine, ready]);

  return (
    <div className={styles.editor} data-editor={ready ? 'codemirror' : 'plain'}>
      <div ref={parentRef} hidden={!ready} />
      {!ready && (
        <textarea
          className={styles.fallback}
          aria-labelledby={props.labelId}
          {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})}
          value={props.value}
          spellCheck={false}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </div>
  );
}
