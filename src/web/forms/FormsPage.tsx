/**
 * The forms: what the user may fill, see and manage, with uploading an
 * XLSForm (every problem of the file listed by sheet, row and column).
 * Without a network the list saved on the device is shown, and the forms
 * opened before can still be filled.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me } from '../api.js';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { formsApi, type FormSummary, type XlsFormError } from './api.js';
import { useDeviceData, useOnline } from './hooks.js';
import { loadFormList, saveFormList, storedFormIds } from './store/db.js';

export function canCreateForms(me: Me): boolean {
  return me.memberships.some((m) => m.role === 'system_admin' || m.role === 'org_admin' || m.role === 'coordinator');
}

export function FormStateBadge({ state }: { state: FormSummary['state'] }) {
  const { t } = useTranslation();
  const cls = state === 'open' ? 'badge-ok' : state === 'closing' ? 'badge-warn' : 'badge-off';
  return <span className={`badge ${cls}`}>{t(`formStates.${state}`)}</span>;
}

function xlsErrors(err: unknown): XlsFormError[] {
  if (!(err instanceof ApiError) || !err.problem?.errors) return [];
  return (err.problem.errors as unknown[]).filter((e): e is XlsFormError => typeof e === 'object' && e !== null && 'sheet' in e);
}

function UploadPanel({ onUploaded, onClose }: { onUploaded: (r: { formId: string; version: string; title: string }) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(await formsApi.upload(file, publish));
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const rows = xlsErrors(error);
  return (
    <section className="card form-card" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('forms.uploadTitle')}</h2>
      <p className="muted">{t('forms.uploadIntro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="xlsform-file">{t('forms.file')}</label>
          <input
            ref={input}
            id="xlsform-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          <span>{t('forms.publishNow')}</span>
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!file || busy}>
            {busy ? t('forms.uploading') : t('forms.upload')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {error ? (
        <div className="upload-errors">
          <ErrorBox error={error} fieldShown={() => true} />
          {rows.length > 0 ? (
            <div className="table-scroll">
              <table className="table responsive" data-testid="xlsform-errors">
                <caption className="sr-only">{t('forms.errorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('forms.sheet')}</th>
                    <th scope="col">{t('forms.row')}</th>
                    <th scope="col">{t('forms.column')}</th>
                    <th scope="col">{t('forms.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i}>
                      <td data-label={t('forms.sheet')}>{r.sheet}</td>
                      <td data-label={t('forms.row')}>{r.row ?? '—'}</td>
                      <td data-label={t('forms.column')}>{r.column ? <code>{r.column}</code> : '—'}</td>
                      <td data-label={t('forms.problem')}>{lang === 'th' ? r.messageTh || r.message : r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

interface ListState {
  forms: FormSummary[] | null;
  error: unknown;
  /** When the list shown was saved on the device (no network). */
  savedAt: number | null;
}

export function FormsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const online = useOnline();
  usePageTitle(t('forms.title'));
  const [list, setList] = useState<ListState>({ forms: null, error: null, savedAt: null });
  const [tick, setTick] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [onDevice, setOnDevice] = useState<Set<string>>(new Set());
  const device = useDeviceData(me?.id);
  const userId = me?.id;

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    formsApi
      .list(controller.signal)
      .then((forms) => {
        setList({ forms, error: null, savedAt: null });
        void saveFormList(userId, forms).catch(() => undefined);
      })
      .catch(async (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 0) {
          const saved = await loadFormList(userId).catch(() => undefined);
          if (saved) {
            setList({ forms: saved.forms, error: null, savedAt: saved.savedAt });
            return;
          }
        }
        setList({ forms: null, error, savedAt: null });
      });
    void storedFormIds()
      .then(setOnDevice)
      .catch(() => undefined);
    return () => controller.abort();
  }, [userId, tick, online]);

  if (!me) return null;
  const refused = device.outbox.filter((i) => i.state === 'refused').length;

  return (
    <div className="page">
      <div className="page-header page-header-actions">
        <div>
          <h1>{t('forms.title')}</h1>
          <p className="muted subtitle">{t('forms.intro')}</p>
        </div>
        {canCreateForms(me) && !uploading ? (
          <button type="button" className="button button-primary" onClick={() => setUploading(true)}>
            {t('forms.uploadButton')}
          </button>
        ) : null}
      </div>

      {uploading ? (
        <UploadPanel
          onClose={() => setUploading(false)}
          onUploaded={(r) => {
            setUploaded(t('forms.uploaded', { title: r.title, version: r.version }));
            setUploading(false);
            setTick((n) => n + 1);
          }}
        />
      ) : null}
      <Notice>{uploaded}</Notice>

      {device.drafts.length > 0 || device.outbox.length > 0 ? (
        <Link to="/outbox" className={`card device-summary${refused ? ' device-summary-error' : ''}`}>
          <span className="section-link-title">{t('outbox.onDevice')}</span>
          <span>
            {t('outbox.draftsCount', { count: device.drafts.length })} · {t('outbox.waitingCount', { count: device.outbox.length })}
            {refused ? ` · ${t('outbox.refusedCount', { count: refused })}` : ''}
          </span>
        </Link>
      ) : null}

      {list.savedAt ? <Notice kind="info">{t('forms.offlineList', { time: formatDate(list.savedAt, lang) })}</Notice> : null}
      {list.error ? (
        <ErrorBox error={list.error}>
          <button type="button" className="button" onClick={() => setTick((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </ErrorBox>
      ) : null}
      {list.forms === null && !list.error ? <Loading /> : null}
      {list.forms && list.forms.length === 0 ? <p className="muted">{t('forms.empty')}</p> : null}
      {list.forms && list.forms.length > 0 ? (
        <ul className="form-list" data-testid="form-list">
          {list.forms.map((f) => {
            const drafts = device.drafts.filter((d) => d.formId === f.formId).length;
            const fillable = f.canFill && (online || onDevice.has(f.formId));
            return (
              <li key={f.formId} className="card form-item" data-form-id={f.formId}>
                <div className="form-item-head">
                  <h2 className="form-item-title">{f.title}</h2>
                  <FormStateBadge state={f.state} />
                </div>
                <p className="muted small">
                  <code>{f.formId}</code>
                  {f.version ? ` · ${t('filler.version', { version: f.version })}` : ''}
                  {onDevice.has(f.formId) ? ` · ${t('forms.onDevice')}` : ''}
                  {drafts ? ` · ${t('outbox.draftsCount', { count: drafts })}` : ''}
                </p>
                <div className="button-row">
                  {f.canFill ? (
                    fillable ? (
                      <Link className="button button-primary" to={`/forms/${encodeURIComponent(f.formId)}/fill`}>
                        {t('forms.fill')}
                      </Link>
                    ) : (
                      <span className="muted small">{t('forms.notOnDeviceShort')}</span>
                    )
                  ) : null}
                  <Link className="button" to={`/forms/${encodeURIComponent(f.formId)}/submissions`}>
                    {t('forms.submissions')}
                  </Link>
                  {f.canManage ? (
                    <>
                      <Link className="button" to={`/forms/${encodeURIComponent(f.formId)}/manage`}>
                        {t('forms.manage')}
                      </Link>
                      <Link className="button button-quiet" to={`/forms/${encodeURIComponent(f.formId)}/import`}>
                        {t('forms.import')}
                      </Link>
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
