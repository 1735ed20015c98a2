import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCasesT } from './i18n.js';

/**
 * A small inline form asking for a text before an action (a reason, an
 * outcome): required or not, with the field error beside the field.
 */
export function ReasonForm({
  label,
  hint,
  required,
  submitLabel,
  busy,
  serverError,
  onSubmit,
  onCancel,
  danger,
}: {
  label: string;
  hint?: string | undefined;
  required: boolean;
  submitLabel: string;
  busy: boolean;
  serverError?: string | undefined;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const error = missing ? tm('errors.required') : serverError;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (required && !text.trim()) {
      setMissing(true);
      return;
    }
    onSubmit(text.trim());
  }

  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>
          {label}
          {required ? null : <span className="muted"> {tm('common.optional')}</span>}
        </label>
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          value={text}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
        />
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy}>
          {busy ? t('common.sending') : submitLabel}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {tm('common.cancel')}
        </button>
      </div>
    </form>
  );
}
