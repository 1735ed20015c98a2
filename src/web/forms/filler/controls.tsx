/**
 * The controls of the form filler, one per kind of question. Every control
 * is large enough to tap on a small phone (44 px), opens the right
 * keyboard (numbers for integers and decimals), and uses the phone's own
 * date and time pickers.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Choice, QuestionNode } from '../../../lib/forms/model.js';
import { formatDay } from '../../lib/dates.js';
import { useLang } from '../../lib/lang.js';
import { dateTimeFromInput, dateTimeToInput, joinSelection, splitSelection, timeFromInput, timeToInput } from '../engine/values.js';
import { useFiller } from './context.js';

export interface ControlProps {
  id: string;
  model: QuestionNode;
  value: string;
  /** `typing`: a keystroke in a text box (the rest of the form updates at a lower priority). */
  onChange: (value: string, typing?: boolean) => void;
  readonly: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  choices: Choice[];
}

export function hasAppearance(model: { appearance?: string | undefined }, name: string): boolean {
  return (model.appearance ?? '').split(/\s+/).includes(name);
}

function appearanceStarts(model: { appearance?: string | undefined }, prefix: string): boolean {
  return (model.appearance ?? '').split(/\s+/).some((a) => a.startsWith(prefix));
}

function aria(p: ControlProps) {
  return {
    id: p.id,
    ...(p.describedBy ? { 'aria-describedby': p.describedBy } : {}),
    ...(p.invalid ? { 'aria-invalid': true as const } : {}),
  };
}

// ---------------------------------------------------------------- text and numbers

/**
 * What a text box shows: its own copy, updated at each keystroke, so typing
 * never waits for the rest of the form; it follows the answer when that
 * changes from elsewhere (a calculation, a draft loaded).
 */
function useTyped(value: string, onChange: ControlProps['onChange']) {
  const [text, setText] = useState(value);
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);
  const change = (v: string) => {
    last.current = v;
    setText(v);
    onChange(v, true);
  };
  return [text, change] as const;
}

export function TextControl(p: ControlProps) {
  const { model } = p;
  const numeric = model.bindType === 'int' || hasAppearance(model, 'numbers');
  const decimal = model.bindType === 'decimal';
  const [text, change] = useTyped(p.value, p.onChange);
  if (hasAppearance(model, 'multiline') && !numeric && !decimal) {
    return <textarea {...aria(p)} name={model.name} rows={4} value={text} readOnly={p.readonly} onChange={(e) => change(e.target.value)} />;
  }
  return (
    <input
      {...aria(p)}
      name={model.name}
      type="text"
      inputMode={decimal ? 'decimal' : numeric ? 'numeric' : undefined}
      autoComplete="off"
      enterKeyHint="next"
      className={numeric || decimal ? 'input-number' : undefined}
      value={text}
      readOnly={p.readonly}
      onChange={(e) => change(decimal || numeric ? e.target.value.replace(/[,\s]/g, '') : e.target.value)}
    />
  );
}

// ---------------------------------------------------------------- dates and times

/** The date in the reader's calendar (Buddhist Era in Thai), under the native picker. */
function DateEcho({ value }: { value: string }) {
  const lang = useLang();
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  return <p className="date-echo muted small">{formatDay(`${value.slice(0, 10)}T12:00:00+07:00`, lang)}</p>;
}

/** A year, typed in the Buddhist Era (2569) or the Common Era (2026): stored as YYYY-01-01. */
function YearInput(p: ControlProps) {
  const lang = useLang();
  const year = /^(\d{4})/.exec(p.value)?.[1] ?? '';
  const [typed, setTyped] = useState(year);
  return (
    <div className="inline-inputs">
      <input
        {...aria(p)}
        name={p.model.name}
        type="text"
        inputMode="numeric"
        maxLength={4}
        className="input-year"
        placeholder={lang === 'th' ? 'พ.ศ. หรือ ค.ศ.' : 'YYYY'}
        value={typed}
        readOnly={p.readonly}
        onChange={(e) => {
          const v = e.target.value.replace(/\D/g, '').slice(0, 4);
          setTyped(v);
          if (v === '') p.onChange('');
          else if (v.length === 4) {
            // Years after 2400 are Buddhist Era years (2569 BE = 2026 CE).
            const ce = Number(v) > 2400 ? Number(v) - 543 : Number(v);
            p.onChange(`${String(ce).padStart(4, '0')}-01-01`);
          }
        }}
      />
      {year ? (
        <span className="muted small">
          {lang === 'th' ? `พ.ศ. ${Number(year) + 543} / ค.ศ. ${year}` : `${year} (${Number(year) + 543} BE)`}
        </span>
      ) : null}
    </div>
  );
}

export function DateControl(p: ControlProps) {
  const { model } = p;
  const lang = useLang();
  if (hasAppearance(model, 'year')) return <YearInput {...p} />;
  if (hasAppearance(model, 'month-year')) {
    return (
      <>
        <input
          {...aria(p)}
          name={model.name}
          type="month"
          value={p.value.slice(0, 7)}
          readOnly={p.readonly}
          onChange={(e) => p.onChange(e.target.value ? `${e.target.value}-01` : '')}
        />
        {p.value ? <p className="date-echo muted small">{formatDay(`${p.value.slice(0, 10)}T12:00:00+07:00`, lang).replace(/^\d+\s/, '')}</p> : null}
      </>
    );
  }
  return (
    <>
      <input {...aria(p)} name={model.name} type="date" value={p.value.slice(0, 10)} readOnly={p.readonly} onChange={(e) => p.onChange(e.target.value)} />
      <DateEcho value={p.value} />
    </>
  );
}

export function TimeControl(p: ControlProps) {
  return (
    <input
      {...aria(p)}
      name={p.model.name}
      type="time"
      value={timeToInput(p.value)}
      readOnly={p.readonly}
      onChange={(e) => p.onChange(timeFromInput(e.target.value))}
    />
  );
}

export function DateTimeControl(p: ControlProps) {
  const v = dateTimeToInput(p.value);
  return (
    <>
      <input
        {...aria(p)}
        name={p.model.name}
        type="datetime-local"
        value={v}
        readOnly={p.readonly}
        onChange={(e) => p.onChange(dateTimeFromInput(e.target.value))}
      />
      <DateEcho value={v} />
    </>
  );
}

// ---------------------------------------------------------------- selects

function useChoiceText() {
  const { session } = useFiller();
  return (c: Choice) => session.text(c.label) || c.name;
}

/** Filter box of `autocomplete` / `search` selects. */
function useSearch(choices: Choice[], enabled: boolean, label: (c: Choice) => string) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!enabled || !needle) return choices;
    return choices.filter((c) => label(c).toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle));
  }, [choices, enabled, q, label]);
  return { q, setQ, shown };
}

export function SelectOneControl(p: ControlProps) {
  const { t } = useTranslation();
  const label = useChoiceText();
  const { model, choices, value } = p;
  const searchable = hasAppearance(model, 'autocomplete') || appearanceStarts(model, 'search');
  const { q, setQ, shown } = useSearch(choices, searchable, label);

  if (choices.length === 0) {
    return <p className="muted small">{t('filler.noChoices')}</p>;
  }
  if (hasAppearance(model, 'minimal')) {
    return (
      <select {...aria(p)} name={model.name} value={value} disabled={p.readonly} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">{t('filler.choose')}</option>
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {label(c)}
          </option>
        ))}
      </select>
    );
  }
  if (hasAppearance(model, 'label')) {
    // table-list header row: the choice labels only
    return (
      <div className="choice-header" style={{ gridTemplateColumns: `repeat(${choices.length}, minmax(0, 1fr))` }} aria-hidden="true">
        {choices.map((c) => (
          <span key={c.name}>{label(c)}</span>
        ))}
      </div>
    );
  }
  const noLabel = hasAppearance(model, 'list-nolabel');
  const likert = hasAppearance(model, 'likert');
  const horizontal = noLabel || likert || appearanceStarts(model, 'horizontal') || appearanceStarts(model, 'columns');
  const cls = `choices${likert ? ' choices-likert' : horizontal ? ' choices-horizontal' : ''}${noLabel ? ' choices-nolabel' : ''}`;
  return (
    <div role="radiogroup" aria-labelledby={`${p.id}-label`} {...(p.describedBy ? { 'aria-describedby': p.describedBy } : {})} id={p.id}>
      {searchable ? (
        <input
          type="search"
          className="choice-search"
          placeholder={t('filler.searchChoices')}
          aria-label={t('filler.searchChoices')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      ) : null}
      <div className={cls} style={noLabel ? { gridTemplateColumns: `repeat(${choices.length}, minmax(0, 1fr))` } : undefined}>
        {shown.map((c) => (
          <label key={c.name} className={`choice${value === c.name ? ' choice-on' : ''}`}>
            <input
              type="radio"
              name={p.id}
              value={c.name}
              checked={value === c.name}
              disabled={p.readonly}
              aria-label={noLabel ? label(c) : undefined}
              onChange={() => p.onChange(c.name)}
            />
            {noLabel ? null : <span>{label(c)}</span>}
          </label>
        ))}
      </div>
      {value && !p.readonly && !noLabel ? (
        <button type="button" className="link-button small clear-answer" onClick={() => p.onChange('')}>
          {t('filler.clearAnswer')}
        </button>
      ) : null}
    </div>
  );
}

export function SelectMultipleControl(p: ControlProps) {
  const { t } = useTranslation();
  const label = useChoiceText();
  const { model, choices } = p;
  const selected = splitSelection(p.value);
  const searchable = hasAppearance(model, 'autocomplete') || appearanceStarts(model, 'search');
  const { q, setQ, shown } = useSearch(choices, searchable, label);
  if (choices.length === 0) return <p className="muted small">{t('filler.noChoices')}</p>;

  const toggle = (name: string, on: boolean) => {
    const next = on ? [...selected.filter((s) => s !== name), name] : selected.filter((s) => s !== name);
    // Keep the order of the choice list, as Collect does.
    const order = new Map(choices.map((c, i) => [c.name, i]));
    next.sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999));
    p.onChange(joinSelection(next));
  };
  const noLabel = hasAppearance(model, 'list-nolabel');
  const horizontal = noLabel || appearanceStarts(model, 'horizontal') || appearanceStarts(model, 'columns');
  const boxes = (
    <div className={`choices${horizontal ? ' choices-horizontal' : ''}${noLabel ? ' choices-nolabel' : ''}`} style={noLabel ? { gridTemplateColumns: `repeat(${choices.length}, minmax(0, 1fr))` } : undefined}>
      {shown.map((c) => {
        const on = selected.includes(c.name);
        return (
          <label key={c.name} className={`choice${on ? ' choice-on' : ''}`}>
            <input type="checkbox" name={p.id} value={c.name} checked={on} disabled={p.readonly} aria-label={noLabel ? label(c) : undefined} onChange={(e) => toggle(c.name, e.target.checked)} />
            {noLabel ? null : <span>{label(c)}</span>}
          </label>
        );
      })}
    </div>
  );
  if (hasAppearance(model, 'label')) {
    return (
      <div className="choice-header" style={{ gridTemplateColumns: `repeat(${choices.length}, minmax(0, 1fr))` }} aria-hidden="true">
        {choices.map((c) => (
          <span key={c.name}>{label(c)}</span>
        ))}
      </div>
    );
  }
  const search = searchable ? (
    <input type="search" className="choice-search" placeholder={t('filler.searchChoices')} aria-label={t('filler.searchChoices')} value={q} onChange={(e) => setQ(e.target.value)} />
  ) : null;
  if (hasAppearance(model, 'minimal')) {
    const summary = selected.map((s) => choices.find((c) => c.name === s)).filter((c): c is Choice => Boolean(c)).map(label).join(', ');
    return (
      <details className="dropdown" id={p.id} {...(p.describedBy ? { 'aria-describedby': p.describedBy } : {})}>
        <summary>{summary || t('filler.choose')}</summary>
        {search}
        {boxes}
      </details>
    );
  }
  return (
    <div role="group" aria-labelledby={`${p.id}-label`} id={p.id} {...(p.describedBy ? { 'aria-describedby': p.describedBy } : {})}>
      {search}
      {boxes}
    </div>
  );
}

export function RankControl(p: ControlProps) {
  const { t } = useTranslation();
  const label = useChoiceText();
  const { choices } = p;
  const ranked = splitSelection(p.value).filter((n) => choices.some((c) => c.name === n));
  const order = ranked.length ? [...ranked, ...choices.map((c) => c.name).filter((n) => !ranked.includes(n))] : choices.map((c) => c.name);
  const move = (i: number, d: -1 | 1) => {
    const next = [...order];
    const j = i + d;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j] ?? '', next[i] ?? ''];
    p.onChange(joinSelection(next));
  };
  return (
    <div id={p.id} role="group" aria-labelledby={`${p.id}-label`}>
      <ol className="rank-list">
        {order.map((name, i) => {
          const c = choices.find((x) => x.name === name);
          const text = c ? label(c) : name;
          return (
            <li key={name} className={ranked.length ? '' : 'rank-unset'}>
              <span className="rank-pos">{i + 1}</span>
              <span className="rank-label">{text}</span>
              <button type="button" className="button button-small" disabled={p.readonly || i === 0} aria-label={t('filler.moveUp', { item: text })} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="button button-small" disabled={p.readonly || i === order.length - 1} aria-label={t('filler.moveDown', { item: text })} onClick={() => move(i, 1)}>
                ↓
              </button>
            </li>
          );
        })}
      </ol>
      {ranked.length === 0 && !p.readonly ? (
        <button type="button" className="button button-small" onClick={() => p.onChange(joinSelection(order))}>
          {t('filler.acceptOrder')}
        </button>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- range, note, acknowledge

export function RangeControl(p: ControlProps) {
  const { t } = useTranslation();
  const params = p.model.parameters ?? {};
  const start = Number(params.start ?? 1);
  const end = Number(params.end ?? 10);
  const step = Math.abs(Number(params.step ?? 1)) || 1;
  const lo = Math.min(start, end);
  const hi = Math.max(start, end);
  const steps = Math.floor((hi - lo) / step) + 1;
  const decimals = (String(step).split('.')[1] ?? '').length;
  const values = steps <= 11 ? Array.from({ length: steps }, (_, i) => (start <= end ? lo + i * step : hi - i * step).toFixed(decimals)) : [];
  if (values.length > 0) {
    const rating = hasAppearance(p.model, 'rating');
    return (
      <div role="radiogroup" id={p.id} aria-labelledby={`${p.id}-label`} className={`range-buttons${rating ? ' range-rating' : ''}`}>
        {values.map((v) => {
          const on = rating ? p.value !== '' && Number(v) <= Number(p.value) : p.value !== '' && Number(v) === Number(p.value);
          return (
            <label key={v} className={`range-step${on ? ' choice-on' : ''}`}>
              <input type="radio" name={p.id} value={v} checked={p.value !== '' && Number(v) === Number(p.value)} disabled={p.readonly} onChange={() => p.onChange(String(Number(v)))} />
              <span>{rating ? '★' : v}</span>
              {rating ? <span className="sr-only">{v}</span> : null}
            </label>
          );
        })}
      </div>
    );
  }
  return (
    <div className="range-slider">
      <input
        {...aria(p)}
        type="range"
        min={lo}
        max={hi}
        step={step}
        value={p.value === '' ? lo : p.value}
        disabled={p.readonly}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <output htmlFor={p.id}>{p.value === '' ? t('filler.notSet') : p.value}</output>
    </div>
  );
}

export function AcknowledgeControl(p: ControlProps) {
  const { t } = useTranslation();
  return (
    <label className="check choice-ack">
      <input {...aria(p)} type="checkbox" checked={p.value === 'OK'} disabled={p.readonly} onChange={(e) => p.onChange(e.target.checked ? 'OK' : '')} />
      <span>{t('filler.acknowledge')}</span>
    </label>
  );
}

/** A read-only answer (read_only questions, notes with a calculation). */
export function ReadonlyValue({ id, model, value, choices }: { id: string; model: QuestionNode; value: string; choices: Choice[] }) {
  const label = useChoiceText();
  const { t } = useTranslation();
  let text = value;
  if (model.listName && value) {
    text = splitSelection(value)
      .map((v) => {
        const c = choices.find((x) => x.name === v);
        return c ? label(c) : v;
      })
      .join(', ');
  }
  if (model.bindType === 'date' && value) text = `${value}`;
  return (
    <p className="readonly-value" id={id}>
      {text || <span className="muted">{t('filler.noAnswer')}</span>}
    </p>
  );
}
