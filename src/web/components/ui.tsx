import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../lib/problem.js';
import { useLang } from '../lib/lang.js';
import type { MoreState } from '../lib/useCursorPages.js';

/** Sets the document title: "Page · ร่วมใจ". */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}

/**
 * An error from an API call (or any error), in the current language. Field
 * errors are listed too, except those the form shows beside its own fields
 * (`fieldShown`). `onRetry` adds a button to try the load again.
 */
export function ErrorBox({
  error,
  children,
  fieldShown,
  onRetry,
}: {
  error: unknown;
  children?: ReactNode;
  fieldShown?: (field: string) => boolean;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (error === null || error === undefined) return null;
  const others = Object.entries(fieldErrors(error, lang)).filter(([field]) => !fieldShown?.(field));
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(error, lang, t)}</p>
      {others.length > 0 ? (
        <ul className="plain">
          {others.map(([field, message]) => (
            <li key={field}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A short success or information message. */
export function Notice({ kind = 'ok', children }: { kind?: 'ok' | 'info' | 'error'; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  className?: string;
  /** Renders the control; give it the id and aria attributes. */
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
  after?: ReactNode;
}

/** A labelled form control with its hint and field error. */
export function Field({ label, error, hint, optional, className, children, after }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="muted"> {t('common.optional')}</span> : null}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {after}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <span className={`badge ${active ? 'badge-ok' : 'badge-off'}`}>{active ? t('common.active') : t('common.inactive')}</span>;
}

/**
 * Under a paged list: the error of the last "load more" and, while there is a
 * next page, the button that loads it.
 */
export function LoadMore({ more }: { more: MoreState }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorBox error={more.error} />
      {more.hasMore ? (
        <div className="load-more">
          <button type="button" className="button" disabled={more.busy} onClick={() => void more.load()}>
            {more.busy ? t('app.loading') : t('common.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Above a list: loading, the error of its first page, or the text shown when it is empty. */
export function ListStatus({
  first,
  count,
  empty,
  fieldShown,
}: {
  first: { loading: boolean; error: unknown };
  count: number;
  empty: string;
  fieldShown?: (field: string) => boolean;
}) {
  return (
    <>
      {first.loading ? <Loading /> : null}
      <ErrorBox error={first.error} fieldShown={fieldShown} />
      {!first.loading && !first.error && count === 0 ? <p className="muted">{empty}</p> : null}
    </>
  );
}
