import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDeviceData, useOnline } from './hooks.js';

/** The top bar's outbox: how many finished forms wait to be sent (red when one was refused), and whether the phone is offline. */
export function OutboxIndicator({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { outbox } = useDeviceData(userId);
  const online = useOnline();
  const count = outbox.length;
  const refused = outbox.some((i) => i.state === 'refused');
  const label = [t('outbox.indicator', { count }), online ? null : t('app.offline')].filter(Boolean).join(' · ');
  return (
    <Link
      to="/outbox"
      className={`outbox-link${refused ? ' outbox-link-error' : ''}${online ? '' : ' outbox-link-offline'}`}
      aria-label={label}
      title={label}
      data-testid="outbox-count"
      data-count={count}
    >
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path d="M4 13h4l1.5 3h5L16 13h4M4 13l2.5-8h11L20 13v6H4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        <path d="M12 6v6M9.5 8.5 12 6l2.5 2.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {count > 0 ? <span className="outbox-badge">{count}</span> : null}
      {online ? null : <span className="offline-dot" aria-hidden="true" />}
    </Link>
  );
}
