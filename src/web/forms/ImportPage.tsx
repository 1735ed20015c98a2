/**
 * Importing historic data (.xlsx or .csv with the export's column names):
 * a dry run first lists every rejected row and why; the import itself is
 * all or nothing.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorBox, Notice, usePageTitle } from '../components/ui.js';
import { useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { formsApi, type ImportResult } from './api.js';

type Step = { kind: 'choose' } | { kind: 'checked'; result: ImportResult } | { kind: 'imported'; result: ImportResult };

function Rejected({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = result.rejected.flatMap((r) =>
    (r.errors.length ? r.errors : [{ column: null, message: '', messageTh: '' }]).map((e) => ({ sheet: r.sheet ?? '', row: r.row, ...e })),
  );
  const sheets = new Set(rows.map((r) => r.sheet)).size > 1;
  return (
    <div className="table-scroll">
      <table className="table responsive" data-testid="import-rejected">
        <caption className="sr-only">{t('imports.rejectedCaption')}</caption>
        <thead>
          <tr>
            {sheets ? <th scope="col">{t('forms.sheet')}</th> : null}
            <th scope="col">{t('forms.row')}</th>
            <th scope="col">{t('forms.column')}</th>
            <th scope="col">{t('forms.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {sheets ? <td data-label={t('forms.sheet')}>{r.sheet}</td> : null}
              <td data-label={t('forms.row')}>{r.row}</td>
              <td data-label={t('forms.column')}>{r.column ? <code>{r.column}</code> : '—'}</td>
              <td data-label={t('forms.problem')}>{lang === 'th' ? r.messageTh || r.message : r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const form = useAsync(() => formsApi.get(formId), [formId]);
  usePageTitle(t('imports.title'));
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await formsApi.importData(formId, file, dryRun);
      setStep(dryRun || result.rejected.length > 0 ? { kind: 'checked', result } : { kind: 'imported', result });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function check(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  return (
    <div className="page page-narrow">
      <p>
        <Link to="/forms">← {t('forms.title')}</Link>
      </p>
      <h1>{t('imports.title')}</h1>
      <p className="muted subtitle">{form.data?.title ?? formId}</p>
      <p>{t('imports.intro')}</p>
      <form className="card form-card" onSubmit={check}>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep({ kind: 'choose' });
              setError(null);
            }}
          />
          <p className="hint">{t('imports.fileHint')}</p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!file || busy}>
            {busy && step.kind === 'choose' ? t('imports.checking') : t('imports.check')}
          </button>
          <a className="button button-quiet" href={`/api/v1/forms/${encodeURIComponent(formId)}/submissions?format=xlsx`} download>
            {t('imports.template')}
          </a>
        </div>
      </form>
      <ErrorBox error={error} />
      {step.kind === 'checked' ? (
        step.result.rejected.length > 0 ? (
          <section aria-labelledby="rejected-title">
            <h2 id="rejected-title">{t('imports.rejectedTitle', { count: step.result.rejected.length })}</h2>
            <Notice kind="error">{t('imports.nothingStored')}</Notice>
            <Rejected result={step.result} />
          </section>
        ) : (
          <section className="card">
            <p>{step.result.inserted > 0 ? t('imports.ready', { count: step.result.inserted }) : t('imports.readyNoCount')}</p>
            {step.result.unchanged ? <p className="muted">{t('imports.unchanged', { count: step.result.unchanged })}</p> : null}
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(false)}>
              {busy ? t('imports.importing') : step.result.inserted > 0 ? t('imports.import', { count: step.result.inserted }) : t('imports.importNow')}
            </button>
          </section>
        )
      ) : null}
      {step.kind === 'imported' ? (
        <Notice>
          {t('imports.done', { count: step.result.inserted })}
          {step.result.unchanged ? ` ${t('imports.unchanged', { count: step.result.unchanged })}` : ''}{' '}
          <Link to={`/forms/${encodeURIComponent(formId)}/submissions`}>{t('forms.submissions')}</Link>
        </Notice>
      ) : null}
    </div>
  );
}
