/**
 * The submissions of a form: filters (received between, submitter, review
 * state, one answer's value), a page at a time, columns from the form's
 * top-level questions, and export buttons (CSV, ZIP, XLSX) that keep the
 * filters.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataObject } from '../../lib/forms/data.js';
import type { FormDefinition, FormNode, QuestionNode } from '../../lib/forms/model.js';
import { ErrorBox, LoadMore, Loading, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { REVIEW_STATES, formsApi, submissionsUrl, type ReviewState, type SubmissionQuery, type SubmissionRow } from './api.js';
import { localized, pickFormLanguage } from './engine/language.js';
import { hasControl } from './engine/session.js';
import { splitSelection } from './engine/values.js';
import { currentDefinition } from './store/definitions.js';

const PAGE_SIZE = 50;
const MAX_COLUMNS = 5;

export function ReviewBadge({ state }: { state: ReviewState }) {
  const { t } = useTranslation();
  const cls = state === 'approved' ? 'badge-ok' : state === 'rejected' ? 'badge-error' : state === 'has_issues' ? 'badge-warn' : '';
  return <span className={`badge ${cls}`}>{t(`reviewStates.${state}`)}</span>;
}

/** Questions outside repeats, with their path below the root ("hh/income"). */
export function flatQuestions(def: FormDefinition): { path: string; q: QuestionNode }[] {
  const out: { path: string; q: QuestionNode }[] = [];
  const visit = (nodes: FormNode[], prefix: string) => {
    for (const n of nodes) {
      if (n.kind === 'question') {
        if (hasControl(n) && n.type !== 'note' && n.bindType !== 'binary') out.push({ path: prefix + n.name, q: n });
      } else if (n.kind === 'group' && n.name !== 'meta') visit(n.children, `${prefix}${n.name}/`);
    }
  };
  visit(def.root.children, '');
  return out;
}

/** An answer as text: choice labels for selects. */
export function answerText(def: FormDefinition, q: QuestionNode, value: string, lang: string): string {
  if (!value) return '';
  if (q.listName && def.choices[q.listName]) {
    const list = def.choices[q.listName] ?? [];
    const labels = (q.type === 'select_one' ? [value] : splitSelection(value)).map((v) => {
      const c = list.find((x) => x.name === v);
      return c ? localized(c.label, lang, def.defaultLanguage) || v : v;
    });
    return labels.join(', ');
  }
  return value;
}

function valueAtPath(data: DataObject, path: string): string {
  let cur: unknown = data;
  for (const p of path.split('/')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  return typeof cur === 'string' ? cur : '';
}

function addDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

interface Filters {
  from: string;
  to: string;
  submitter: string;
  reviewState: ReviewState | '';
  fieldPath: string;
  fieldValue: string;
}

const NO_FILTERS: Filters = { from: '', to: '', submitter: '', reviewState: '', fieldPath: '', fieldValue: '' };

function toQuery(f: Filters): SubmissionQuery {
  return {
    from: f.from,
    // "until" includes that day; the server's `to` is exclusive.
    to: f.to ? addDay(f.to) : '',
    submitter: f.submitter,
    reviewState: f.reviewState,
    fields: f.fieldPath ? [[f.fieldPath, f.fieldValue]] : [],
  };
}

export function SubmissionsPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [defError, setDefError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  // Open on wide screens; on a phone the filters would fill the whole screen.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 700px)').matches);
  const [submitters, setSubmitters] = useState<Map<string, string>>(new Map());
  usePageTitle(def ? `${t('submissions.title')}: ${def.title}` : t('submissions.title'));

  useEffect(() => {
    currentDefinition(formId)
      .then((d) => setDef(d.definition))
      .catch(setDefError);
  }, [formId]);

  const query = useMemo(() => toQuery(applied), [applied]);

  // Submissions are told apart by their instanceID.
  const { first, items: rows, more } = useCursorPages(
    (cursor, signal) => formsApi.submissions(formId, { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal),
    [formId, query],
    (r: SubmissionRow) => r.instanceId,
  );
  const loading = first.loading;

  useEffect(() => {
    setSubmitters((old) => {
      const next = new Map(old);
      for (const r of rows) if (r.submitterId) next.set(r.submitterId, r.submitterName ?? r.submitterId);
      return next.size === old.size ? old : next;
    });
  }, [rows]);


  const formLang = def ? pickFormLanguage(def, lang) : lang;
  const questions = useMemo(() => (def ? flatQuestions(def) : []), [def]);
  // The first questions of the form (outside repeats), top-level ones first.
  const columns = [...questions.filter((x) => !x.path.includes('/')), ...questions.filter((x) => x.path.includes('/'))].slice(0, MAX_COLUMNS);
  const fieldQuestion = questions.find((x) => x.path === draft.fieldPath)?.q;
  const fieldChoices = fieldQuestion?.listName ? (def?.choices[fieldQuestion.listName] ?? []) : [];
  const label = (q: QuestionNode) => localized(q.label, formLang, def?.defaultLanguage) || q.name;

  const activeFilters = [applied.from, applied.to, applied.submitter, applied.reviewState, applied.fieldPath].filter(Boolean).length;

  function apply(e: FormEvent) {
    e.preventDefault();
    setApplied(draft);
  }

  return (
    <div className="page">
      <p>
        <Link to="/forms">← {t('forms.title')}</Link>
      </p>
      <div className="page-header page-header-actions">
        <div>
          <h1>{def?.title ?? formId}</h1>
          <p className="muted subtitle">{t('submissions.title')}</p>
        </div>
        <div className="button-row export-buttons" aria-label={t('submissions.export')}>
          {(['csv', 'zip', 'xlsx'] as const).map((f) => (
            <a key={f} className="button button-small" href={submissionsUrl(formId, query, f)} download>
              {t(`submissions.export_${f}`)}
            </a>
          ))}
        </div>
      </div>
      {defError ? <ErrorBox error={defError} /> : null}

      <details className="filters-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>
          {t('common.filter')}
          {activeFilters ? <span className="badge">{activeFilters}</span> : null}
        </summary>
        <form className="filters" onSubmit={apply} aria-label={t('common.filter')}>
          <div className="field">
            <label htmlFor="f-from">{t('submissions.from')}</label>
            <input id="f-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t('submissions.to')}</label>
            <input id="f-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="f-submitter">{t('submissions.submitter')}</label>
            <select id="f-submitter" value={draft.submitter} onChange={(e) => setDraft({ ...draft, submitter: e.target.value })}>
              <option value="">{t('submissions.anyone')}</option>
              {[...submitters].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-review">{t('submissions.reviewState')}</label>
            <select id="f-review" value={draft.reviewState} onChange={(e) => setDraft({ ...draft, reviewState: e.target.value as ReviewState | '' })}>
              <option value="">{t('submissions.anyState')}</option>
              {REVIEW_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`reviewStates.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field filter-grow">
            <label htmlFor="f-field">{t('submissions.fieldFilter')}</label>
            <select id="f-field" value={draft.fieldPath} onChange={(e) => setDraft({ ...draft, fieldPath: e.target.value, fieldValue: '' })}>
              <option value="">{t('submissions.noFieldFilter')}</option>
              {questions.map((x) => (
                <option key={x.path} value={x.path}>
                  {label(x.q)}
                </option>
              ))}
            </select>
          </div>
          {draft.fieldPath ? (
            <div className="field">
              <label htmlFor="f-value">{t('submissions.fieldValue')}</label>
              {fieldChoices.length && fieldQuestion?.type === 'select_one' ? (
                <select id="f-value" value={draft.fieldValue} onChange={(e) => setDraft({ ...draft, fieldValue: e.target.value })}>
                  <option value="">—</option>
                  {fieldChoices.map((c) => (
                    <option key={c.name} value={c.name}>
                      {localized(c.label, formLang, def?.defaultLanguage) || c.name}
                    </option>
                  ))}
                </select>
              ) : (
                <input id="f-value" type="text" value={draft.fieldValue} onChange={(e) => setDraft({ ...draft, fieldValue: e.target.value })} />
              )}
            </div>
          ) : null}
          <div className="filter-actions">
            <button type="submit" className="button button-primary">
              {t('common.apply')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied(NO_FILTERS);
              }}
            >
              {t('common.clear')}
            </button>
          </div>
        </form>
      </details>

      {first.error ? <ErrorBox error={first.error} onRetry={first.reload} /> : null}
      <p className="muted small" role="status">
        {t('common.showing', { count: rows.length })}
      </p>
      {rows.length === 0 && !loading ? <p className="muted">{t('submissions.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table responsive" data-testid="submissions-table">
            <thead>
              <tr>
                <th scope="col">{t('submissions.record')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.path}>
                    {label(c.q)}
                  </th>
                ))}
                <th scope="col">{t('submissions.submitter')}</th>
                <th scope="col">{t('submissions.received')}</th>
                <th scope="col">{t('submissions.reviewState')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.instanceId} data-instance-id={r.instanceId}>
                  <td className="cell-title">
                    <Link to={`/forms/${encodeURIComponent(formId)}/submissions/${encodeURIComponent(r.instanceId)}`}>{r.instanceName || r.instanceId.replace(/^uuid:/, '').slice(0, 8)}</Link>
                    {r.issues.length ? <span className="badge badge-warn issue-count">{t('submissions.issues', { count: r.issues.length })}</span> : null}
                    {r.edits ? <span className="muted small"> · {t('submissions.edits', { count: r.edits })}</span> : null}
                  </td>
                  {columns.map((c) => (
                    <td key={c.path} data-label={label(c.q)}>
                      {def ? answerText(def, c.q, valueAtPath(r.data, c.path), formLang) : valueAtPath(r.data, c.path)}
                    </td>
                  ))}
                  <td data-label={t('submissions.submitter')}>{r.submitterName ?? '—'}</td>
                  <td data-label={t('submissions.received')} className="nowrap">
                    {formatDate(r.receivedAt, lang)}
                  </td>
                  <td data-label={t('submissions.reviewState')}>
                    <ReviewBadge state={r.reviewState} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {loading ? <Loading /> : null}
      {!loading ? <LoadMore more={more} /> : null}
    </div>
  );
}
