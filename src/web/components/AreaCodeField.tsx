import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AreaDetail } from '../api.js';
import { localName, useLang } from '../lib/lang.js';
import { Field } from './ui.js';

type Lookup =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'found'; area: AreaDetail }
  | { state: 'missing' }
  | { state: 'error' };

/** Looks an area code up (debounced) and says what it is. */
export function useAreaLookup(code: string): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const trimmed = code.trim();
  useEffect(() => {
    if (!trimmed) {
      setLookup({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setLookup({ state: 'searching' });
    const timer = setTimeout(() => {
      api
        .area(trimmed, controller.signal)
        .then((area) => setLookup({ state: 'found', area }))
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setLookup(err instanceof ApiError && (err.status === 404 || err.status === 400) ? { state: 'missing' } : { state: 'error' });
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed]);
  return lookup;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  optional?: boolean;
  required?: boolean;
  name?: string;
}

/** A text field for an area code with a live lookup of the area's name. */
export function AreaCodeField({ label, value, onChange, error, optional, required, name }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const lookup = useAreaLookup(value);
  let text = '';
  let cls = 'lookup';
  switch (lookup.state) {
    case 'searching':
      text = t('areas.lookupSearching');
      break;
    case 'found':
      text = `${localName(lookup.area, lang)} (${t(`levels.${lookup.area.level}`)})`;
      if (lookup.area.ancestors.length > 1) {
        text += ` · ${lookup.area.ancestors
          .slice(1)
          .map((a) => localName(a, lang))
          .join(' › ')}`;
      }
      cls += ' lookup-found';
      break;
    case 'missing':
      text = t('areas.lookupNotFound');
      cls += ' lookup-missing';
      break;
    case 'error':
      text = t('errors.network');
      cls += ' lookup-missing';
      break;
    default:
      break;
  }
  return (
    <Field
      label={label}
      error={error}
      optional={optional ?? false}
      className="field-area"
      after={
        <p className={cls} aria-live="polite" data-testid="area-lookup">
          {text}
        </p>
      }
    >
      {(p) => (
        <input
          {...p}
          name={name}
          type="text"
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('areas.codePlaceholder')}
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
