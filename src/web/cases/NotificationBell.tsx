/**
 * The top bar's bell: how many notifications are unread, a list of the
 * latest linking to what they are about, and "mark all as read". Asks the
 * server every 60 s while the device is online (and the page is visible),
 * and at once when the list is opened or the device comes back online.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useOnline } from '../forms/hooks.js';
import { casesApi, POLL_MS, type Notification, type NotificationList } from './api.js';
import { useCasesT } from './i18n.js';
import './bell.css';

/**
 * Only links into the app are followed (a notice's link is a path such as
 * /cases/…). The server links people as /people/{id}; the app shows them at
 * /registry/people/{id}.
 */
function inAppPath(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  return link.startsWith('/people/') ? `/registry${link}` : link;
}

export function NotificationBell() {
  const t = useCasesT();
  const lang = useLang();
  const online = useOnline();
  const [data, setData] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    casesApi
      .notifications()
      .then(setData)
      .catch(() => {
        // keep what was shown; the next poll tries again
      });
  }, []);

  useEffect(() => {
    if (!online) return;
    load();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') load();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [online, load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onPointer = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  function toggle() {
    if (!open && online) load();
    setOpen((o) => !o);
  }

  function markRead(n: Notification) {
    setOpen(false);
    if (n.readAt) return;
    setData((d) =>
      d ? { unread: Math.max(0, d.unread - 1), items: d.items.map((i) => (i.id === n.id ? { ...i, readAt: new Date().toISOString() } : i)) } : d,
    );
    casesApi.readNotification(n.id).catch(() => load());
  }

  async function markAll() {
    setBusy(true);
    try {
      await casesApi.readAllNotifications();
      const now = new Date().toISOString();
      setData((d) => (d ? { unread: 0, items: d.items.map((i) => ({ ...i, readAt: i.readAt ?? now })) } : d));
    } catch {
      load();
    } finally {
      setBusy(false);
    }
  }

  const unread = data?.unread ?? 0;
  const labelText = t('bell.label', { count: unread });
  return (
    <div className="bell" ref={ref}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={labelText}
        title={labelText}
        data-testid="bell"
        data-count={unread}
        onClick={toggle}
      >
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <path
            d="M6 17V11a6 6 0 0 1 12 0v6l1.5 2h-15zM10 21h4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 ? <span className="bell-badge">{unread > 99 ? '99+' : unread}</span> : null}
      </button>
      {open ? (
        <div className="bell-panel" id="bell-panel" role="region" aria-label={t('bell.title')}>
          <div className="bell-panel-head">
            <h2>{t('bell.title')}</h2>
            {unread > 0 ? (
              <button type="button" className="link-button bell-mark-all" disabled={busy} onClick={() => void markAll()}>
                {t('bell.markAll')}
              </button>
            ) : null}
          </div>
          {!online ? <p className="muted small bell-note">{t('bell.offline')}</p> : null}
          {data && data.items.length === 0 ? <p className="muted bell-note">{t('bell.empty')}</p> : null}
          {data && data.items.length > 0 ? (
            <ul className="bell-list">
              {data.items.map((n) => {
                const path = inAppPath(n.link);
                const text = lang === 'en' ? n.titleEn || n.titleTh : n.titleTh || n.titleEn;
                const inner = (
                  <>
                    {n.readAt ? null : <span className="bell-dot" aria-label={t('bell.unread')} role="img" />}
                    <span className="bell-text">
                      <span className="bell-title">{text}</span>
                      <span className="muted small">{formatDate(n.createdAt, lang)}</span>
                    </span>
                  </>
                );
                return (
                  <li key={n.id} className={n.readAt ? 'bell-read' : 'bell-unread'}>
                    {path ? (
                      <Link to={path} className="bell-item" onClick={() => markRead(n)}>
                        {inner}
                      </Link>
                    ) : (
                      <button type="button" className="bell-item" onClick={() => markRead(n)}>
                        {inner}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
