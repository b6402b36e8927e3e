'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '../../lib/ActionResult.ts';
import styles from './research.module.css';

/** One choice of a select, radio group or checkbox group. */
export interface FormChoice {
  readonly value: string;
  readonly label: string;
}

/** Translated texts of the form: `<field>.label`, `<field>.hint`, headings, the button. */
export type StudyFormTexts = Readonly<Record<string, string>>;

/** Props of {@link StudyPublishForm}. */
export interface StudyPublishFormProps {
  /** Answers the path of the new study's page on success. */
  readonly action: (previous: ActionResult<string> | null, form: FormData) => Promise<ActionResult<string>>;
  readonly locale: string;
  readonly texts: StudyFormTexts;
  /** Sentences by error code (field errors and action codes). */
  readonly messages: Readonly<Record<string, string>>;
  readonly territories: readonly FormChoice[];
  readonly purposes: readonly FormChoice[];
  readonly legalBases: readonly FormChoice[];
  readonly categories: readonly FormChoice[];
  readonly defaults: Readonly<Record<string, string>>;
  /** Field names in the page's order (the first one with an error gets the focus). */
  readonly fields: readonly string[];
}

/**
 * The "publish a study" form: every field with its label, a hint and its error, tied with
 * `aria-describedby` (and `aria-invalid`); a summary of the problems linking to the fields; the focus
 * goes to the first field at fault. Submitted through `onSubmit` so that React keeps what was typed after
 * a refusal; without JavaScript the form still posts to the action.
 */
export function StudyPublishForm(props: StudyPublishFormProps) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const t = (key: string): string => props.texts[key] ?? key;
  const say = (code: string): string => (code.startsWith('detail:') ? code.slice(7) : (props.messages[code] ?? code));
  const errorOf = (field: string): string | undefined => {
    const list = errors[field];
    return list && list.length > 0 ? list.map(say).join(' ') : undefined;
  };
  const general =
    state && !state.ok
      ? [...(errors._ ?? []).map(say), ...(Object.keys(errors).length === 0 ? [say(state.code)] : [])]
      : [];
  const faulty = props.fields.filter((field) => errorOf(field) !== undefined);

  useEffect(() => {
    // A full page load (not a soft navigation): the workbench's editor needs the document's CSP nonce.
    if (state?.ok) window.location.assign(state.value);
    const first = faulty[0];
    if (!first) return;
    const element = formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`);
    element?.focus();
  }, [state]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };

  const describedBy = (field: string): string =>
    [`${field}-hint`, ...(errorOf(field) ? [`${field}-error`] : [])].join(' ');
  const aria = (field: string) => ({
    id: field,
    name: field,
    'data-field': field,
    'aria-describedby': describedBy(field),
    'aria-invalid': errorOf(field) ? true : undefined,
  });
  const help = (field: string): ReactNode => (
    <>
      <p id={`${field}-hint`} className="muted">
        {t(`${field}.hint`)}
      </p>
      {errorOf(field) && (
        <p id={`${field}-error`} className={styles.fieldError} data-error-for={field}>
          {errorOf(field)}
        </p>
      )}
    </>
  );
  const textField = (
    field: string,
    options: { type?: string; multiline?: boolean; step?: string; min?: string } = {},
  ) => (
    <div className={styles.field}>
      <label htmlFor={field}>{t(`${field}.label`)}</label>
      {help(field)}
      {options.multiline ? (
        <textarea {...aria(field)} rows={5} defaultValue={props.defaults[field]} />
      ) : (
        <input
          {...aria(field)}
          type={options.type ?? 'text'}
          defaultValue={props.defaults[field]}
          {...(options.step ? { step: options.step } : {})}
          {...(options.min ? { min: options.min } : {})}
          {...(options.type === 'number' ? { inputMode: 'decimal' as const } : {})}
        />
      )}
    </div>
  );
  const radioGroup = (field: string, choices: readonly FormChoice[]) => (
    <fieldset className={styles.field} aria-describedby={describedBy(field)} data-group={field}>
      <legend>{t(`${field}.label`)}</legend>
      {help(field)}
      {choices.map((choice, index) => (
        <label key={choice.value} className={styles.choice}>
          <input
            type="radio"
            name={field}
            value={choice.value}
            defaultChecked={props.defaults[field] === choice.value}
            {...(index === 0 ? { 'data-field': field } : {})}
          />{' '}
          {choice.label}
        </label>
      ))}
    </fieldset>
  );

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={submit}
      noValidate
      data-action-form="publish-study"
      aria-busy={pending}
    >
      <input type="hidden" name="locale" value={props.locale} />
      {(general.length > 0 || faulty.length > 0) && (
        <div className="alert" role="alert" data-publish-errors>
          {general.map((sentence, index) => (
            <p key={index}>{sentence}</p>
          ))}
          {faulty.length > 0 && (
            <>
              <p>{t('errorsTitle')}</p>
              <ul>
                {faulty.map((field) => (
                  <li key={field}>
                    <a href={`#${field}`}>{t(`${field}.label`)}</a> — {errorOf(field)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <fieldset className={styles.group}>
        <legend>{t('where')}</legend>
        <div className={styles.field}>
          <label htmlFor="territory">{t('territory.label')}</label>
          {help('territory')}
          <select {...aria('territory')} defaultValue={props.defaults.territory}>
            {props.territories.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        {textField('slug')}
      </fieldset>

      <fieldset className={styles.group}>
        <legend>{t('who')}</legend>
        {textField('titleFr')}
        {textField('titleEn')}
        {textField('team')}
        {textField('institution')}
        {textField('descriptionFr', { multiline: true })}
        {textField('descriptionEn', { multiline: true })}
      </fieldset>

      <fieldset className={styles.group}>
        <legend>{t('why')}</legend>
        {radioGroup('purpose', props.purposes)}
        <div className={styles.field}>
          <label htmlFor="legalBasis">{t('legalBasis.label')}</label>
          {help('legalBasis')}
          <select {...aria('legalBasis')} defaultValue={props.defaults.legalBasis}>
            {props.legalBases.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className={styles.field} aria-describedby={describedBy('categories')} data-group="categories">
          <legend>{t('categories.label')}</legend>
          {help('categories')}
          {props.categories.map((choice, index) => (
            <label key={choice.value} className={styles.choice}>
              <input
                type="checkbox"
                name="categories"
                value={choice.value}
                {...(index === 0 ? { 'data-field': 'categories' } : {})}
              />{' '}
              {choice.label}
            </label>
          ))}
        </fieldset>
        {textField('endDate', { type: 'date' })}
      </fieldset>

      <fieldset className={styles.group}>
        <legend>{t('privacy')}</legend>
        {textField('minimumGroupSize', { type: 'number', step: '1', min: '5' })}
        {radioGroup('noise', [
          { value: 'exact', label: t('noise.exact') },
          { value: 'noisy', label: t('noise.noisy') },
        ])}
        <div className={styles.noiseSettings} data-noise-settings>
          {textField('privacyBudget', { type: 'number', step: 'any', min: '0' })}
          {textField('queryEpsilon', { type: 'number', step: 'any', min: '0' })}
          {textField('clipLower', { type: 'number', step: 'any' })}
          {textField('clipUpper', { type: 'number', step: 'any' })}
          {textField('clipMaxCount', { type: 'number', step: '1', min: '1' })}
        </div>
      </fieldset>

      {state?.ok && (
        <p className="notice" role="status" data-published>
          <a href={state.value}>{t('openStudy')}</a>
        </p>
      )}
      <p>
        <button type="submit" className="button" data-publish disabled={pending}>
          {pending ? t('publishing') : t('publish')}
        </button>
      </p>
    </form>
  );
}
