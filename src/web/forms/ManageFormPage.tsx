/**
 * Managing a form: its state (draft, open, closing, closed), who may fill
 * it and who may see its submissions (organisations and roles; an empty
 * list is the whole network), its versions and the XLSForm of each.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ROLES, type Organization, type Role } from '../api.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { FORM_STATES, formsApi, type AccessEntry, type FormState, type FormSummary } from './api.js';
import { FormStateBadge } from './FormsPage.js';

interface Row {
  key: number;
  organizationId: string;
  role: Role | '';
}

let nextKey = 1;
const toRows = (list: AccessEntry[]): Row[] => list.map((e) => ({ key: nextKey++, organizationId: e.organizationId ?? '', role: e.role ?? '' }));
const toEntries = (rows: Row[]): AccessEntry[] =>
  rows
    .filter((r) => r.organizationId || r.role)
    .map((r) => ({ ...(r.organizationId ? { organizationId: r.organizationId } : {}), ...(r.role ? { role: r.role } : {}) }));

function AccessEditor({ legend, hint, rows, setRows, organizations }: { legend: string; hint: string; rows: Row[]; setRows: (r: Row[]) => void; organizations: Organization[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <fieldset className="access">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      {rows.length === 0 ? <p className="access-everyone">{t('manage.everyone')}</p> : null}
      {rows.map((r, i) => (
        <div className="access-row" key={r.key}>
          <label>
            <span className="small">{t('manage.organization')}</span>
            <select value={r.organizationId} onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, organizationId: e.target.value } : x)))}>
              <option value="">{t('manage.anyOrganization')}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="small">{t('manage.role')}</span>
            <select value={r.role} onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, role: e.target.value as Role | '' } : x)))}>
              <option value="">{t('manage.anyRole')}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-small button-quiet button-danger" aria-label={t('manage.removeEntry', { n: i + 1 })} onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => setRows([...rows, { key: nextKey++, organizationId: '', role: '' }])}>
        + {t('manage.addEntry')}
      </button>
    </fieldset>
  );
}

function ManageForm({ form, organizations, onSaved }: { form: FormSummary; organizations: Organization[]; onSaved: (f: FormSummary) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<FormState>(form.state);
  const [fill, setFill] = useState<Row[]>(() => toRows(form.fillAccess));
  const [view, setView] = useState<Row[]>(() => toRows(form.viewAccess));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const patch: Parameters<typeof formsApi.update>[1] = {};
      if (state !== form.state) patch.state = state;
      const f = toEntries(fill);
      const v = toEntries(view);
      if (JSON.stringify(f) !== JSON.stringify(form.fillAccess)) patch.fillAccess = f;
      if (JSON.stringify(v) !== JSON.stringify(form.viewAccess)) patch.viewAccess = v;
      const after = Object.keys(patch).length ? await formsApi.update(form.formId, patch) : form;
      onSaved(after);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)}>
      <ErrorBox error={error} />
      {saved ? <Notice>{t('common.saved')}</Notice> : null}
      <fieldset className="state-picker">
        <legend>{t('manage.state')}</legend>
        {FORM_STATES.map((s) => (
          <label key={s} className={`choice${state === s ? ' choice-on' : ''}`}>
            <input type="radio" name="state" value={s} checked={state === s} onChange={() => setState(s)} />
            <span>
              <strong>{t(`formStates.${s}`)}</strong>
              <span className="block small muted">{t(`manage.stateHelp.${s}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <AccessEditor legend={t('manage.fillAccess')} hint={t('manage.fillAccessHint')} rows={fill} setRows={setFill} organizations={organizations} />
      <AccessEditor legend={t('manage.viewAccess')} hint={t('manage.viewAccessHint')} rows={view} setRows={setView} organizations={organizations} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

export function ManageFormPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const form = useAsync(() => formsApi.get(formId), [formId]);
  const orgs = useAsync(() => api.organizations(), []);
  const [current, setCurrent] = useState<FormSummary | null>(null);
  useEffect(() => setCurrent(form.data ?? null), [form.data]);
  usePageTitle(current ? `${t('forms.manage')}: ${current.title}` : t('forms.manage'));
  if (form.loading || orgs.loading) return <Loading />;
  if (form.error || !current) return <div className="page"><ErrorBox error={form.error} /></div>;
  return (
    <div className="page page-narrow">
      <p>
        <Link to="/forms">← {t('forms.title')}</Link>
      </p>
      <div className="page-header">
        <h1>
          {current.title} <FormStateBadge state={current.state} />
        </h1>
        <p className="muted subtitle">
          <code>{current.formId}</code>
        </p>
      </div>
      {orgs.error ? <ErrorBox error={orgs.error} /> : null}
      <ManageForm key={current.formId} form={current} organizations={orgs.data ?? []} onSaved={setCurrent} />
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('manage.versions')}</h2>
        <ul className="plain version-list">
          {current.versions.map((v) => (
            <li key={v.version}>
              <strong>{v.version}</strong>{' '}
              <span className="muted small">
                {v.publishedAt ? t('manage.publishedAt', { time: formatDate(v.publishedAt, lang) }) : t('manage.notPublished', { time: formatDate(v.createdAt, lang) })}
              </span>{' '}
              <a href={`/api/v1/forms/${encodeURIComponent(current.formId)}/xlsform?version=${encodeURIComponent(v.version)}`} download>
                {t('manage.downloadXlsForm')}
              </a>
            </li>
          ))}
        </ul>
        <p className="muted small">{t('manage.newVersionHint')}</p>
      </section>
    </div>
  );
}
