/**
 * The driver's view, made for a phone in a vehicle: today's trips in order,
 * one big button for the next step (picked up → arrived → back home), and
 * the pickup point opened in the phone's maps app.
 */
import { useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError } from '../api.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useOnline } from '../forms/hooks.js';
import { personName, thaiTime, todayInThailand } from '../cases/common.js';
import { label, useCasesT } from '../cases/i18n.js';
import { POLL_MS } from '../cases/api.js';
import { servicesApi, type Trip } from './api.js';
import { ServiceTabs } from './ServiceTabs.js';
import { geoUri, TripStatusBadge } from './TransportPage.js';

/** The driver's next steps from each status: the first is the big button. */
const NEXT_ON_ROAD: Record<string, string[]> = {
  scheduled: ['picked_up', 'no_show'],
  picked_up: ['arrived'],
  arrived: ['returned'],
};

function DriverTrip({ trip, onMoved }: { trip: Trip; onMoved: (msg: string | null, err?: unknown) => void }) {
  const t = useCasesT();
  const [busy, setBusy] = useState(false);
  const steps = NEXT_ON_ROAD[trip.status] ?? [];
  const done = ['returned', 'cancelled', 'no_show'].includes(trip.status);

  async function move(status: string) {
    setBusy(true);
    try {
      await servicesApi.moveTrip(trip.id, status === 'picked_up' ? { status, pickupAt: new Date().toISOString() } : { status });
      onMoved(t('transport.moved', { name: personName(trip), status: label(t, 'tripStatuses', status) }));
    } catch (err) {
      onMoved(null, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className={`card driver-trip${done ? ' trip-done' : ''}${trip.status === 'requested' ? ' trip-waiting' : ''}`}
      data-testid="driver-trip"
      data-status={trip.status}
    >
      <div className="trip-head">
        <p className="driver-time">{thaiTime(trip.appointmentAt)}</p>
        <TripStatusBadge status={trip.status} />
      </div>
      <p className="driver-name">{personName(trip)}</p>
      <dl className="driver-place">
        <dt>{t('driver.pickup')}</dt>
        <dd>{trip.pickupAddress}</dd>
        <dt>{t('driver.to')}</dt>
        <dd>{trip.destination}</dd>
      </dl>
      <p className="trip-meta">
        <span>{label(t, 'mobility', trip.mobility)}</span>
        {trip.companion ? <span>{t('transport.companionYes')}</span> : null}
        {trip.vehicle ? <span>{trip.vehicle}</span> : null}
      </p>
      <p>
        <a className="map-link" href={geoUri(trip)} data-testid="map-link">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M12 21s-6-5.3-6-11a6 6 0 0 1 12 0c0 5.7-6 11-6 11z" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <circle cx="12" cy="10" r="2.2" fill="currentColor" />
          </svg>
          {t('transport.openMap')}
        </a>
        {trip.pickupLat === null || trip.pickupLon === null ? <span className="muted small block">{t('driver.noCoords')}</span> : null}
      </p>
      {trip.status === 'requested' ? <p className="muted">{t('driver.waiting')}</p> : null}
      {done ? <p className="muted">{t('driver.done')}</p> : null}
      {steps.length > 0 ? (
        <div className="driver-actions">
          {steps.map((s, i) => (
            <button
              key={s}
              type="button"
              className={`button${i === 0 ? ' button-big button-primary' : ' button-danger'}`}
              disabled={busy}
              onClick={() => void move(s)}
            >
              {label(t, 'tripActions', s)}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

export function DriverPage() {
  const t = useCasesT();
  const lang = useLang();
  const { me } = useAuth();
  const online = useOnline();
  usePageTitle(t('driver.title'));
  const day = todayInThailand();
  const schedule = useAsync((signal) => servicesApi.schedule(day, signal), [day]);
  const [mineOnly, setMineOnly] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updated, setUpdated] = useState<string | null>(null);
  const { reload } = schedule;

  useEffect(() => {
    if (schedule.data) setUpdated(new Date().toISOString());
  }, [schedule.data]);

  // the office may schedule or change trips meanwhile
  useEffect(() => {
    if (!online) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [online, reload]);

  if (!me) return null;
  const trips = (schedule.data?.groups ?? []).flatMap((g) => g.trips).sort((a, b) => a.appointmentAt.localeCompare(b.appointmentAt));
  const anyMine = trips.some((tr) => tr.driver === me.id);
  // only my trips by default when some are mine
  const onlyMine = mineOnly ?? anyMine;
  const shown = onlyMine ? trips.filter((tr) => tr.driver === me.id) : trips;

  function onMoved(msg: string | null, err?: unknown) {
    setMessage(msg);
    setError(msg ? null : err instanceof ApiError && err.status === 409 ? t('transport.conflict') : err);
    reload();
  }

  return (
    <div className="page driver-page">
      <header className="page-header">
        <h1>{t('driver.title')}</h1>
        <p className="muted">{formatDay(`${day}T12:00:00+07:00`, lang)}</p>
      </header>
      <ServiceTabs />
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={onlyMine} onChange={(e) => setMineOnly(e.target.checked)} />
          <span>{t('driver.mineOnly')}</span>
        </label>
        <button type="button" className="button button-small" onClick={reload} disabled={schedule.loading}>
          {t('common.refresh')}
        </button>
        {updated ? <span className="muted small">{t('driver.updated', { time: thaiTime(updated) })}</span> : null}
      </div>
      <div aria-live="polite">
        {message ? <Notice>{message}</Notice> : null}
        {typeof error === 'string' ? <Notice kind="error">{error}</Notice> : <ErrorBox error={error} />}
      </div>
      {schedule.error ? (
        <ErrorBox error={schedule.error} onRetry={reload} />
      ) : !schedule.data ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p className="notice notice-info">{onlyMine ? t('driver.emptyMine') : t('driver.empty')}</p>
      ) : (
        <ol className="driver-trips">
          {shown.map((trip) => (
            <DriverTrip key={trip.id} trip={trip} onMoved={onMoved} />
          ))}
        </ol>
      )}
    </div>
  );
}
