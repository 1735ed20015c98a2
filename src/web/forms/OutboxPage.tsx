/**
 * What is on this device: the outbox (finished forms waiting to be sent,
 * or refused by the server with its reason) and the drafts to continue.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { Loading, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useDeviceData, useOnline, useSyncStatus } from './hooks.js';
import { deleteDraft, reopenOutboxItem, type Draft, type OutboxError, type OutboxItem } from './store/db.js';
import { retryAll, retryItem } from './store/sync.js';

function errorText(e: OutboxError, lang: 'th' | 'en', t: ReturnType<typeof useTranslation>['t']): string {
  if (e.status === 0) return t('errors.network');
  const title = lang === 'th' ? (e.titleTh ?? e.title) : e.title;
  const detail = lang === 'th' ? (e.detailTh ?? e.detail) : e.detail;
  return detail && detail !== title ? `${title}: ${detail}` : title;
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const refused = item.state === 'refused';
  return (
    <li className={`card outbox-item${refused ? ' outbox-refused' : ''}`} data-instance-id={item.instanceId}>
      <div className="form-item-head">
        <h3 className="form-item-title">
          {item.title}
          {item.instanceName ? <span className="muted"> · {item.instanceName}</span> : null}
        </h3>
        <span className={`badge ${refused ? 'badge-error' : 'badge-warn'}`}>{refused ? t('outbox.refused') : t('outbox.waiting')}</span>
      </div>
      <p className="muted small">
        {t('outbox.finishedAt', { time: formatDate(item.createdAt, lang) })}
        {item.deprecatedId ? ` · ${t('filler.editing')}` : ''}
        {item.files.length ? ` · ${t('outbox.files', { count: item.files.length })}` : ''}
        {item.attempts ? ` · ${t('outbox.attempts', { count: item.attempts })}` : ''}
      </p>
      {item.error ? (
        <p className={refused ? 'field-error' : 'muted small'} role={refused ? 'alert' : undefined}>
          {refused ? `${t('outbox.refusedBecause')} ` : `${t('outbox.lastError')} `}
          {errorText(item.error, lang, t)}
        </p>
      ) : null}
      {refused ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void retryItem(item).finally(() => setBusy(false));
            }}
          >
            {t('outbox.tryAgain')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              void reopenOutboxItem(item).then((d) => navigate(`/forms/${encodeURIComponent(d.formId)}/fill?draft=${encodeURIComponent(d.id)}`));
            }}
          >
            {t('outbox.openToFix')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function DraftRow({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="card outbox-item" data-draft-id={draft.id}>
      <div className="form-item-head">
        <h3 className="form-item-title">
          {draft.title}
          {draft.instanceName ? <span className="muted"> · {draft.instanceName}</span> : null}
        </h3>
        {draft.deprecatedId ? <span className="badge badge-warn">{t('filler.editing')}</span> : null}
      </div>
      <p className="muted small">{t('outbox.updatedAt', { time: formatDate(draft.updatedAt, lang) })}</p>
      {confirming ? (
        <div className="notice notice-error" role="alertdialog" aria-label={t('filler.deleteConfirm')}>
          <p>{t('filler.deleteConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button button-small button-danger" onClick={() => void deleteDraft(draft.id)}>
              {t('filler.deleteYes')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Link className="button button-primary button-small" to={`/forms/${encodeURIComponent(draft.formId)}/fill?draft=${encodeURIComponent(draft.id)}`}>
            {t('outbox.continue')}
          </Link>
          <button type="button" className="button button-small button-quiet button-danger" onClick={() => setConfirming(true)}>
            {t('filler.deleteDraft')}
          </button>
        </div>
      )}
    </li>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const online = useOnline();
  const sync = useSyncStatus();
  usePageTitle(t('outbox.title'));
  const data = useDeviceData(me?.id);
  if (!data.loaded) return <Loading />;
  const pending = data.outbox.filter((i) => i.state === 'pending').length;
  const phase =
    !online || sync.phase === 'offline'
      ? t('outbox.phaseOffline')
      : sync.phase === 'sending'
        ? t('outbox.phaseSending')
        : sync.phase === 'signedOut'
          ? t('outbox.phaseSignedOut')
          : sync.phase === 'waiting' && sync.nextAttemptAt
            ? t('outbox.phaseWaiting', { time: formatDate(sync.nextAttemptAt, lang).split(/,? /).pop() ?? '' })
            : null;
  return (
    <div className="page page-narrow">
      <h1>{t('outbox.title')}</h1>
      <p className="muted">{t('outbox.intro')}</p>

      <section aria-labelledby="outbox-title">
        <div className="section-head">
          <h2 id="outbox-title">
            {t('outbox.outbox')} <span className="badge" data-testid="outbox-page-count">{data.outbox.length}</span>
          </h2>
          {pending > 0 ? (
            <button type="button" className="button button-small" disabled={!online || sync.phase === 'sending'} onClick={() => void retryAll()}>
              {t('outbox.sendNow')}
            </button>
          ) : null}
        </div>
        {phase && data.outbox.length > 0 ? <p className="muted small" role="status">{phase}</p> : null}
        {data.outbox.length === 0 ? (
          <p className="muted">{t('outbox.emptyOutbox')}</p>
        ) : (
          <ul className="plain outbox-list">
            {data.outbox.map((i) => (
              <OutboxRow key={i.id} item={i} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="drafts-title">
        <h2 id="drafts-title">
          {t('outbox.drafts')} <span className="badge">{data.drafts.length}</span>
        </h2>
        {data.drafts.length === 0 ? (
          <p className="muted">{t('outbox.noDrafts')}</p>
        ) : (
          <ul className="plain outbox-list" data-testid="draft-list">
            {data.drafts.map((d) => (
              <DraftRow key={d.id} draft={d} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
