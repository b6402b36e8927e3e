'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '../lib/ActionResult.ts';

/** Props of {@link ActionForm}. */
export interface ActionFormProps {
  readonly action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  readonly id: string;
  /** Hidden fields. */
  readonly fields: Readonly<Record<string, string>>;
  /** Sentences by error code and field error, already translated. */
  readonly messages: Readonly<Record<string, string>>;
  /** The form's visible inputs and submit buttons (rendered on the server). */
  readonly children: ReactNode;
  readonly className?: string;
}

/**
 * A form posting to a server action, showing its `{ ok: false, code, fieldErrors }` answer in words.
 * The inputs and buttons come from the server as children; a button's `name`/`value` reaches the action.
 */
export function ActionForm(props: ActionFormProps) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  const errors = state && !state.ok ? (fieldErrors.length > 0 ? fieldErrors : [state.code]) : [];
  const messages = [...new Set(errors.map((code) => props.messages[code] ?? props.messages.failed ?? code))];
  return (
    <form action={formAction} className={props.className} data-action-form={props.id} aria-busy={pending}>
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.children}
      {messages.length > 0 && (
        <p className="alert" role="alert">
          {messages.join(' ')}
        </p>
      )}
    </form>
  );
}
