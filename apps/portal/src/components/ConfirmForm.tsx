'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '../lib/ActionResult.ts';

/** Props of {@link ConfirmForm}. */
export interface ConfirmFormProps {
  readonly action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  /** Hidden fields (category, locale…). */
  readonly fields: Readonly<Record<string, string>>;
  /** Unique on the page. */
  readonly id: string;
  readonly confirmLabel: string;
  readonly submitLabel: string;
  readonly pendingLabel: string;
  /** Sentences by error code and by field error (`confirmation-required`…), already translated. */
  readonly messages: Readonly<Record<string, string>>;
  readonly children?: ReactNode;
}

/**
 * A form for an irreversible step: a checkbox to tick, a danger button, and the server action's answer
 * (`{ ok: false, code, fieldErrors }`) shown in words. Works without JavaScript too (the action runs as
 * a plain form post), and then shows its result after the redirect.
 */
export function ConfirmForm(props: ConfirmFormProps) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  // Field errors say what to fix; the code alone only when no field is at fault.
  const errors = state && !state.ok ? (fieldErrors.length > 0 ? fieldErrors : [state.code]) : [];
  const messages = [...new Set(errors.map((code) => props.messages[code] ?? props.messages.failed ?? code))];
  const checkboxId = `${props.id}-confirm`;
  const errorId = `${props.id}-error`;
  return (
    <form action={formAction} className="card" data-confirm-form={props.id}>
      {props.children}
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <input id={checkboxId} type="checkbox" name="confirm" aria-describedby={messages.length > 0 ? errorId : undefined} />
        <label htmlFor={checkboxId}>{props.confirmLabel}</label>
      </div>
      {messages.length > 0 && (
        <p id={errorId} className="alert" role="alert">
          {messages.join(' ')}
        </p>
      )}
      <button type="submit" className="button button-danger" disabled={pending}>
        {pending ? props.pendingLabel : props.submitLabel}
      </button>
    </form>
  );
}
