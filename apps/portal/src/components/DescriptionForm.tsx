'use client';

import { startTransition, useActionState, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '../lib/ActionResult.ts';

/** Props of {@link DescriptionForm}. */
export interface DescriptionFormProps {
  readonly action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  readonly fields: Readonly<Record<string, string>>;
  /** Sentences by error code and by form-level field error code, already translated. */
  readonly messages: Readonly<Record<string, string>>;
  /** Heading of the error list. */
  readonly errorsTitle: string;
  readonly children: ReactNode;
}

/**
 * The partner console's registration form: posts to a server action and lists every problem it reports,
 * each naming its field (JSON path of the description, or the form field) with a sentence. Field
 * errors that are codes (`not-http-url`) are translated with `messages`; the action's description
 * errors arrive already translated. Submitted through `onSubmit` so that React does not reset the
 * fields after a refusal (the pasted description stays there to fix); without JavaScript the form
 * still posts to the action.
 */
export function DescriptionForm(props: DescriptionFormProps) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const issues =
    state && !state.ok
      ? Object.entries(state.fieldErrors).flatMap(([field, errors]) =>
          errors.map((error) => ({ field, text: props.messages[error] ?? error })),
        )
      : [];
  const general =
    state && !state.ok && issues.length === 0 ? (props.messages[state.code] ?? props.messages.failed) : undefined;
  return (
    <form action={formAction} onSubmit={submit} data-action-form="register-service" aria-busy={pending}>
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.children}
      {general && (
        <p className="alert" role="alert">
          {general}
        </p>
      )}
      {issues.length > 0 && (
        <div className="alert" role="alert" data-description-errors>
          <p>{props.errorsTitle}</p>
          <ul>
            {issues.map((issue, index) => (
              <li key={index} data-field={issue.field}>
                <code>{issue.field}</code> — {issue.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
