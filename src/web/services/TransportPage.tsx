/**
 * Patient transport: a request form, and a day's schedule grouped by hour
 * and destination with the status buttons of each trip.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError, type Me, type User } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { fieldErrors } from '../lib/problem.js';
import { useAsync } from '../lib/useAsync.js';
import { actingOrgIds, type PersonHit } from '../cases/api.js';
import { ActingOrgSelect, addDays, FormActions, PersonPicker, personName, thaiInstant, thaiTime, todayInThailand, UserOptions, useFormSend, userLabel } from '../cases/common.js';
import { label, useCasesT } from '../cases/i18n.js';
import { useOrgMembers } from '../cases/lookups.js';
import { canCarry, DRIVER_STEPS, MOBILITY, servicesApi, TRIP_NEXT, type Mobility, type Trip, type TripMonth, type TripMove, type Vehicle } from './api.js';
import { usePrefill } from './prefill.js';
import { ServiceTabs } from './ServiceTabs.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A geo: URI for the pickup point (coordinates when known, else the address), opened by the phone's maps app. */
export function geoUri(trip: Pick<Trip, 'pickupLat' | 'pickupLon' | 'pickupAddress' | 'firstName' | 'lastName'>): string {
  if (trip.pickupLat !== null && trip.pickupLon !== null) {
    const at = `${trip.pickupLat},${trip.pickupLon}`;
    return `geo:${at}?q=${at}(${encodeURIComponent(personName(trip) || trip.pickupAddress)})`;
  }
  return `geo:0,0?q=${encodeURIComponent(trip.pickupAddress)}`;
}

export function TripStatusBadge({ status }: { status: string }) {
  const t = useCasesT();
  const cls =
    status === 'requested'
      ? 'badge-warn'
      : status === 'scheduled'
        ? 'badge-info'
        : status === 'picked_up' || status === 'arrived'
          ? ''
          : status === 'returned'
            ? 'badge-ok'
            : 'badge-off';
  return <span className={`badge ${cls}`}>{label(t, 'tripStatuses', status)}</span>;
}

function vehicleText(v: Vehicle): string {
  return v.plate ? `${v.name} (${v.plate})` : v.name;
}

function ScheduleForm({
  trip,
  me,
  members,
  vehicles,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  trip: Trip;
  me: Me;
  members: User[];
  vehicles: Vehicle[];
  busy: boolean;
  error: unknown;
  onSubmit: (m: TripMove) => void;
  onCancel: () => void;
}) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const [vehicleId, setVehicleId] = useState('');
  const [vehicle, setVehicle] = useState(trip.vehicle ?? '');
  const [driver, setDriver] = useState(trip.driver ?? '');
  const fe = fieldErrors(error, lang);

  function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = vehicles.find((v) => v.id === vehicleId);
    const text = chosen ? vehicleText(chosen) : vehicle.trim();
    onSubmit({ status: 'scheduled', ...(chosen ? { vehicleId: chosen.id } : {}), ...(text ? { vehicle: text } : {}), ...(driver ? { driver } : {}) });
  }

  const note = (v: Vehicle) =>
    [
      v.wheelchair ? t('transport.vehicleWheelchair') : null,
      v.stretcher ? t('transport.vehicleStretcher') : null,
      !canCarry(v, trip.mobility) ? t('transport.vehicleUnfit') : null,
      v.unavailableThatDay ? t('transport.vehicleUnavailable') : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <form className="reason-form" onSubmit={submit} noValidate aria-label={t('transport.scheduleTitle', { name: personName(trip) })}>
      <ErrorBox error={error} fieldShown={(f) => f === 'vehicleId' || f === 'vehicle' || f === 'driver'} />
      {vehicles.length > 0 ? (
        <Field label={t('transport.vehicle')} optional error={fe.vehicleId}>
          {(p) => (
            <select {...p} name="vehicleId" value={vehicleId} onChange={(e) => setVehicleId(e.target.value)}>
              <option value="">{t('transport.chooseVehicle')}</option>
              {vehicles.map((v) => (
                <option key={v.id} value={v.id} disabled={!canCarry(v, trip.mobility)}>
                  {vehicleText(v)}
                  {note(v) ? ` · ${note(v)}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label={t('transport.vehicle')} optional hint={t('transport.noVehicles')} error={fe.vehicle}>
          {(p) => <input {...p} name="vehicle" maxLength={100} placeholder={t('transport.vehiclePlaceholder')} value={vehicle} onChange={(e) => setVehicle(e.target.value)} />}
        </Field>
      )}
      <Field label={t('transport.driverLabel')} optional error={fe.driver}>
        {(p) => (
          <select {...p} name="driver" value={driver} onChange={(e) => setDriver(e.target.value)}>
            <UserOptions me={me} members={members} current={trip.driver} />
          </select>
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('transport.scheduleSubmit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {tm('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A 409 that names the allowed statuses: the trip moved on meanwhile (not a busy vehicle or driver). */
function isStatusConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && Array.isArray((err.problem as { allowed?: unknown } | null)?.allowed);
}

function TripCard({
  trip,
  me,
  staff,
  members,
  vehicles,
  onMoved,
}: {
  trip: Trip;
  me: Me;
  staff: boolean;
  members: User[];
  vehicles: Vehicle[];
  onMoved: (msg: string | null, err?: unknown) => void;
}) {
  const t = useCasesT();
  const [scheduling, setScheduling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = (TRIP_NEXT[trip.status] ?? []).filter((s) => staff || DRIVER_STEPS.includes(s));

  async function move(m: TripMove) {
    setBusy(true);
    setError(null);
    try {
      await servicesApi.moveTrip(trip.id, m.status === 'picked_up' ? { ...m, pickupAt: new Date().toISOString() } : m);
      setScheduling(false);
      onMoved(t('transport.moved', { name: personName(trip), status: label(t, 'tripStatuses', m.status) }));
    } catch (err) {
      if (isStatusConflict(err)) {
        setScheduling(false);
        onMoved(null, err);
      } else {
        // a vehicle or driver not free then, a vehicle that cannot carry the patient …: said here, the form stays
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  const done = ['returned', 'cancelled', 'no_show'].includes(trip.status);
  return (
    <li className={`card trip${done ? ' trip-done' : ''}`} data-testid="trip" data-status={trip.status}>
      <div className="trip-head">
        <span className="trip-name">{personName(trip)}</span>
        <TripStatusBadge status={trip.status} />
      </div>
      <p className="trip-meta">
        <span>{t('transport.appointment', { time: thaiTime(trip.appointmentAt) })}</span>
        <span>{label(t, 'mobility', trip.mobility)}</span>
        {trip.companion ? <span>{t('transport.companionYes')}</span> : null}
        {trip.pickupAt ? <span>{t('transport.pickupAt', { time: thaiTime(trip.pickupAt) })}</span> : null}
      </p>
      <p>{trip.pickupAddress}</p>
      <p className="trip-meta">
        {trip.vehicle ? (
          <span>
            {t('transport.vehicle')}: {trip.vehicle}
          </span>
        ) : null}
        {trip.driver ? (
          <span>
            {t('transport.driverLabel')}: {userLabel(trip.driver, me, members, t)}
          </span>
        ) : null}
      </p>
      <p>
        <a className="map-link" href={geoUri(trip)}>
          {t('transport.openMap')}
        </a>
      </p>
      {scheduling ? (
        <ScheduleForm
          trip={trip}
          me={me}
          members={members}
          vehicles={vehicles}
          busy={busy}
          error={error}
          onSubmit={(m) => void move(m)}
          onCancel={() => {
            setScheduling(false);
            setError(null);
          }}
        />
      ) : next.length > 0 ? (
        <div className="button-row">
          {next.map((s, i) => (
            <button
              key={s}
              type="button"
              className={`button button-small${i === 0 ? ' button-primary' : s === 'cancelled' || s === 'no_show' ? ' button-danger' : ''}`}
              disabled={busy}
              onClick={() => (s === 'scheduled' ? setScheduling(true) : void move({ status: s }))}
            >
              {label(t, 'tripActions', s)}
            </button>
          ))}
        </div>
      ) : null}
      {error && !scheduling ? <ErrorBox error={error} /> : null}
    </li>
  );
}

const REQUEST_FIELDS = ['personId', 'pickupAddress', 'pickupLat', 'pickupLon', 'destination', 'appointmentAt', 'mobility', 'companion', 'notes', 'orgId'];

function RequestForm({ me, initialPerson, caseId, destinations, onDone, onCancel }: { me: Me; initialPerson: PersonHit | null; caseId: string | null; destinations: string[]; onDone: (name: string, day: string) => void; onCancel: () => void }) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const acting = actingOrgIds(me);
  const [person, setPerson] = useState<PersonHit | null>(initialPerson);
  const [orgId, setOrgId] = useState(acting[0] ?? '');
  const [pickupAddress, setPickupAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [destination, setDestination] = useState('');
  const [date, setDate] = useState(addDays(todayInThailand(), 1));
  const [time, setTime] = useState('09:00');
  const [mobility, setMobility] = useState<Mobility>('walking');
  const [companion, setCompanion] = useState(false);
  const [notes, setNotes] = useState('');
  const { busy, error, fe, need, check, send } = useFormSend();

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLat(pos.coords.latitude.toFixed(6));
        setLon(pos.coords.longitude.toFixed(6));
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check({ personId: !person, pickupAddress: !pickupAddress.trim(), destination: !destination.trim(), appointmentAt: !DAY.test(date) || !time }) || !person) return;
    await send(async () => {
      const latN = lat.trim() ? Number(lat) : undefined;
      const lonN = lon.trim() ? Number(lon) : undefined;
      await servicesApi.requestTrip({
        personId: person.id,
        ...(caseId ? { caseId } : {}),
        ...(orgId ? { orgId } : {}),
        pickupAddress: pickupAddress.trim(),
        ...(latN !== undefined && lonN !== undefined ? { pickupLat: latN, pickupLon: lonN } : {}),
        destination: destination.trim(),
        appointmentAt: thaiInstant(date, time),
        mobility,
        companion,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onDone(personName(person), date);
    });
  }

  return (
    <section className="card form-card" aria-labelledby="trip-form-title">
      <h2 id="trip-form-title">{t('transport.requestTitle')}</h2>
      {caseId ? <p className="muted small">{t('transport.fromCase')}</p> : null}
      <ErrorBox error={error} fieldShown={(f) => REQUEST_FIELDS.includes(f)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonPicker value={person} onChange={setPerson} error={need('personId', t('picker.required'))} />
        <div className="form-grid">
          <ActingOrgSelect ids={acting} value={orgId} onChange={setOrgId} error={fe.orgId} />
          <Field label={t('transport.pickupAddress')} hint={t('transport.pickupAddressHint')} error={need('pickupAddress')}>
            {(p) => <textarea {...p} name="pickupAddress" rows={2} maxLength={500} value={pickupAddress} onChange={(e) => setPickupAddress(e.target.value)} />}
          </Field>
          <fieldset className="field">
            <legend className="field-label">
              {t('transport.coords')} <span className="muted">{tm('common.optional')}</span>
            </legend>
            <div className="trip-coords">
              <Field label={t('transport.lat')} error={fe.pickupLat}>
                {(p) => <input {...p} name="pickupLat" type="number" inputMode="decimal" step="any" min={-90} max={90} value={lat} onChange={(e) => setLat(e.target.value)} />}
              </Field>
              <Field label={t('transport.lon')} error={fe.pickupLon}>
                {(p) => <input {...p} name="pickupLon" type="number" inputMode="decimal" step="any" min={-180} max={180} value={lon} onChange={(e) => setLon(e.target.value)} />}
              </Field>
            </div>
            <button type="button" className="button button-small" onClick={locate} disabled={locating === 'busy'}>
              {locating === 'busy' ? t('transport.locating') : t('transport.useLocation')}
            </button>
            {locating === 'failed' ? <p className="field-error">{t('transport.locationFailed')}</p> : null}
          </fieldset>
          <Field label={t('transport.destination')} error={need('destination')}>
            {(p) => (
              <>
                <input {...p} name="destination" list="trip-destinations" maxLength={300} placeholder={t('transport.destinationPlaceholder')} value={destination} onChange={(e) => setDestination(e.target.value)} />
                <datalist id="trip-destinations">
                  {destinations.map((d) => (
                    <option key={d} value={d} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label={t('transport.appointmentDate')} error={need('appointmentAt')} hint={DAY.test(date) ? formatDay(`${date}T12:00:00+07:00`, lang) : undefined}>
            {(p) => <input {...p} name="appointmentDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field label={t('transport.appointmentTime')} hint={t('transport.appointmentHint')}>
            {(p) => <input {...p} name="appointmentTime" type="time" value={time} onChange={(e) => setTime(e.target.value)} />}
          </Field>
          <fieldset className="field">
            <legend className="field-label">{t('transport.mobility')}</legend>
            <div className="trip-radios">
              {MOBILITY.map((m) => (
                <label key={m} className="check">
                  <input type="radio" name="mobility" value={m} checked={mobility === m} onChange={() => setMobility(m)} />
                  <span>{t(`mobility.${m}`)}</span>
                </label>
              ))}
            </div>
            <label className="check">
              <input type="checkbox" name="companion" checked={companion} onChange={(e) => setCompanion(e.target.checked)} />
              <span>{t('transport.companion')}</span>
            </label>
          </fieldset>
          <Field label={t('transport.notes')} optional error={fe.notes}>
            {(p) => <textarea {...p} name="notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
        </div>
        <FormActions busy={busy} submit={t('transport.submit')} onCancel={onCancel} />
      </form>
    </section>
  );
}

/** Previous / today / next day and a date field, kept in ?date=. */
export function DayPicker({ day, onChange }: { day: string; onChange: (d: string) => void }) {
  const t = useCasesT();
  const today = todayInThailand();
  return (
    <div className="day-picker">
      <Field label={t('transport.date')}>
        {(p) => <input {...p} type="date" name="date" value={day} onChange={(e) => DAY.test(e.target.value) && onChange(e.target.value)} />}
      </Field>
      <div className="day-nav">
        <button type="button" className="button" onClick={() => onChange(addDays(day, -1))} aria-label={t('transport.prevDay')}>
          ‹
        </button>
        <button type="button" className="button" onClick={() => onChange(today)} disabled={day === today}>
          {t('transport.today')}
        </button>
        <button type="button" className="button" onClick={() => onChange(addDays(day, 1))} aria-label={t('transport.nextDay')}>
          ›
        </button>
      </div>
    </div>
  );
}

export function TransportPage() {
  const t = useCasesT();
  const lang = useLang();
  const { me } = useAuth();
  const prefill = usePrefill();
  usePageTitle(t('transport.title'));
  const [params, setParams] = useSearchParams();
  const dateParam = params.get('date') ?? '';
  const day = DAY.test(dateParam) ? dateParam : todayInThailand();
  const schedule = useAsync((signal) => servicesApi.schedule(day, signal), [day]);
  // the organisation's vehicles and whether each is free that day (none registered: the vehicle is typed)
  const vehicles = useAsync((signal) => servicesApi.vehicles(day, signal).catch((): Vehicle[] => []), [day]);
  const [requesting, setRequesting] = useState(params.get('new') === '1');
  const [message, setMessage] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);
  const staff = me ? actingOrgIds(me).length > 0 : false;
  const members = useOrgMembers(me ? actingOrgIds(me)[0] : null, Boolean(me?.permissions.manageUsers));

  if (!me) return null;

  function setDay(d: string) {
    const p = new URLSearchParams(params);
    p.set('date', d);
    p.delete('new');
    setParams(p, { replace: true });
  }

  function onMoved(msg: string | null, err?: unknown) {
    if (msg) {
      setMessage(msg);
      setMoveError(null);
    } else {
      setMessage(null);
      setMoveError(isStatusConflict(err) ? t('transport.conflict') : err);
    }
    schedule.reload();
  }

  const destinations = [...new Set((schedule.data?.groups ?? []).map((g) => g.destination))];
  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('transport.title')}</h1>
          <p className="muted">{t('transport.intro')}</p>
        </div>
        {staff && !requesting ? (
          <button type="button" className="button button-primary" onClick={() => setRequesting(true)}>
            {t('transport.newRequest')}
          </button>
        ) : null}
      </header>
      <ServiceTabs />
      {requesting ? (
        <RequestForm
          me={me}
          initialPerson={prefill.person}
          caseId={prefill.caseId}
          destinations={destinations}
          onCancel={() => setRequesting(false)}
          onDone={(name, d) => {
            setRequesting(false);
            setMessage(t('transport.requested', { name }));
            if (d !== day) setDay(d);
            else schedule.reload();
          }}
        />
      ) : null}
      <DayPicker day={day} onChange={setDay} />
      <div aria-live="polite">
        {message ? <Notice>{message}</Notice> : null}
        {typeof moveError === 'string' ? <Notice kind="error">{moveError}</Notice> : <ErrorBox error={moveError} />}
      </div>
      <h2 className="day-title">
        {t('transport.tripsOf', { date: formatDay(`${day}T12:00:00+07:00`, lang) })}
        {schedule.data ? <span className="muted small"> · {t('transport.trips', { count: schedule.data.trips })}</span> : null}
      </h2>
      {schedule.error ? (
        <ErrorBox error={schedule.error} onRetry={schedule.reload} />
      ) : !schedule.data ? (
        <Loading />
      ) : schedule.data.groups.length === 0 ? (
        <p className="notice notice-info">{t('transport.empty')}</p>
      ) : (
        <div className="trip-groups" data-testid="schedule">
          {schedule.data.groups.map((g) => (
            <section key={`${g.hour}|${g.destination}`} className="trip-group" aria-label={t('transport.groupTitle', { hour: g.hour, destination: g.destination })}>
              <h2>{t('transport.groupTitle', { hour: g.hour, destination: g.destination })}</h2>
              <ul className="trip-list">
                {g.trips.map((trip) => (
                  <TripCard key={trip.id} trip={trip} me={me} staff={staff} members={members} vehicles={vehicles.data ?? []} onMoved={onMoved} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      <p>
        <Link to="/transport/driver">{t('transport.driverView')} →</Link>
      </p>
      <MonthlyFigures />
    </div>
  );
}

/** Trips per month: the service's figures for reports to the network. */
function MonthlyFigures() {
  const t = useCasesT();
  const figures = useAsync((signal) => servicesApi.figures(signal).catch((): TripMonth[] => []), []);
  if (!figures.data?.length) return null;
  return (
    <section aria-label={t('transport.figuresTitle')} data-testid="transport-figures">
      <h2>{t('transport.figuresTitle')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('transport.figMonth')}</th>
            <th scope="col">{t('transport.figRequested')}</th>
            <th scope="col">{t('transport.figCompleted')}</th>
            <th scope="col">{t('transport.figCancelled')}</th>
            <th scope="col">{t('transport.figPatients')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.data.map((m) => (
            <tr key={m.month}>
              <td data-label={t('transport.figMonth')}>{m.month}</td>
              <td data-label={t('transport.figRequested')} className="num">{m.requested}</td>
              <td data-label={t('transport.figCompleted')} className="num">{m.completed}</td>
              <td data-label={t('transport.figCancelled')} className="num">{m.cancelled + m.noShow}</td>
              <td data-label={t('transport.figPatients')} className="num">{m.patients}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
