import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AuditEntry, type AuditVerifyResult } from '../api.js';
import { ErrorBox, Field, LoadMore, Loading, usePageTitle } from '../components/ui.js';
import { changeLines } from '../lib/changes.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useCursorPages } from '../lib/useCursorPages.js';

const PAGE_SIZE = 50;
const KNOWN_ENTITIES = ['user', 'organization', 'membership', 'area', 'session', 'household', 'person'];

interface Filters {
  entity: string;
  entityId: string;
  action: string;
}

function VerifyPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.verifyAudit());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify">
      <button type="button" className="button" disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <ErrorBox error={error} />
      {result ? (
        <div className={`notice ${result.ok ? 'notice-ok' : 'notice-error'}`} role="status" data-testid="verify-result">
          <p>
            <strong>{result.ok ? t('audit.verifyOk') : t('audit.verifyBroken')}</strong>
          </p>
          <p>{lang === 'th' ? result.messageTh || result.message : result.message}</p>
          <p className="small">
            {t('audit.checked', { count: result.checked })}
            {result.brokenAt !== null ? ` · ${t('audit.brokenAt', { seq: result.brokenAt })}` : ''}
          </p>
        </div>
      ) : null}
    </div>
  );
}

function Changes({ changes }: { changes: unknown }) {
  const lines = changeLines(changes);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain changes" title={JSON.stringify(changes, null, 1)}>
      {lines.map((l, i) => (
        <li key={i}>
          <code>{l}</code>
        </li>
      ))}
    </ul>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('audit.title'));
  const [form, setForm] = useState<Filters>({ entity: '', entityId: '', action: '' });
  const [filters, setFilters] = useState<Filters>(form);
  const { first, items, more } = useCursorPages(
    (cursor) => api.audit({ ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [filters],
    (e: AuditEntry) => String(e.seq),
  );

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters({ entity: form.entity.trim(), entityId: form.entityId.trim(), action: form.action.trim() });
  }

  function clear() {
    const empty = { entity: '', entityId: '', action: '' };
    setForm(empty);
    setFilters(empty);
  }

  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="muted">{t('audit.intro')}</p>
        </div>
      </header>
      <VerifyPanel />

      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <Field label={t('audit.entity')}>
          {(p) => (
            <>
              <input
                {...p}
                name="entity"
                list="audit-entities"
                autoComplete="off"
                value={form.entity}
                onChange={(e) => setForm((f) => ({ ...f, entity: e.target.value }))}
              />
              <datalist id="audit-entities">
                {KNOWN_ENTITIES.map((e) => (
                  <option key={e} value={e} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('audit.entityId')} className="filter-grow">
          {(p) => (
            <input {...p} name="entityId" autoComplete="off" spellCheck={false} value={form.entityId} onChange={(e) => setForm((f) => ({ ...f, entityId: e.target.value }))} />
          )}
        </Field>
        <Field label={t('audit.action')}>
          {(p) => (
            <input {...p} name="action" autoComplete="off" spellCheck={false} value={form.action} onChange={(e) => setForm((f) => ({ ...f, action: e.target.value }))} />
          )}
        </Field>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('common.apply')}
          </button>
          <button type="button" className="button button-quiet" onClick={clear}>
            {t('common.clear')}
          </button>
        </div>
      </form>

      {first.loading ? <Loading /> : null}
      <ErrorBox error={first.error} />
      {!first.loading && !first.error && items.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table responsive table-audit" data-testid="audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.entityId')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={String(e.seq)}>
                  <td data-label={t('audit.time')} className="nowrap">
                    <span title={`#${String(e.seq)}`}>{formatDate(e.at, lang)}</span>
                  </td>
                  <td data-label={t('audit.actor')}>
                    <div>
                      {e.actorLabel ?? (e.actorId ? <code>{e.actorId}</code> : <span className="muted">{t('audit.system')}</span>)}
                      {e.ip ? <span className="muted block small">{e.ip}</span> : null}
                    </div>
                  </td>
                  <td data-label={t('audit.action')}>
                    <code>{e.action}</code>
                  </td>
                  <td data-label={t('audit.entity')}>{e.entity}</td>
                  <td data-label={t('audit.entityId')}>
                    {e.entityId ? (
                      <button
                        type="button"
                        className="link-button nowrap"
                        title={e.entityId}
                        onClick={() => {
                          const next = { entity: e.entity, entityId: e.entityId ?? '', action: '' };
                          setForm(next);
                          setFilters(next);
                        }}
                      >
                        <code>{e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…${e.entityId.slice(-4)}` : e.entityId}</code>
                      </button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td data-label={t('audit.changes')}>
                    <Changes changes={e.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore more={more} />
    </div>
  );
}
