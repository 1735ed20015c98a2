/**
 * Locations from the phone's GPS (the browser's geolocation), with the
 * accuracy shown while it improves, and typing the coordinates by hand when
 * there is no fix. Lines and shapes are lists of captured points.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPoint, formatPoints, openShape, parsePoint, parsePoints, type GeoPoint } from '../engine/values.js';
import type { ControlProps } from './controls.js';

/** Accuracy (metres) good enough to stop waiting, as Collect's default. */
const GOOD_ACCURACY = 5;
const MAX_WAIT_MS = 60_000;

function toPoint(pos: GeolocationPosition): GeoPoint {
  return { lat: pos.coords.latitude, lon: pos.coords.longitude, alt: pos.coords.altitude ?? 0, acc: pos.coords.accuracy };
}

type Fix = { state: 'idle' } | { state: 'locating'; best: GeoPoint | null } | { state: 'error'; message: string };

/** Watches the position and keeps the most accurate reading until it is good enough, the user accepts it, or a minute passes. */
function useLocator(onAccept: (p: GeoPoint) => void) {
  const { t } = useTranslation();
  const [fix, setFix] = useState<Fix>({ state: 'idle' });
  const watch = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const best = useRef<GeoPoint | null>(null);
  const accept = useRef(onAccept);
  accept.current = onAccept;

  const stop = () => {
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    if (timer.current) clearTimeout(timer.current);
    watch.current = null;
    timer.current = null;
  };
  useEffect(() => stop, []);

  const finish = (p: GeoPoint | null) => {
    stop();
    setFix({ state: 'idle' });
    if (p) accept.current(p);
  };

  const start = () => {
    if (!('geolocation' in navigator)) {
      setFix({ state: 'error', message: t('filler.geoUnavailable') });
      return;
    }
    stop();
    best.current = null;
    setFix({ state: 'locating', best: null });
    watch.current = navigator.geolocation.watchPosition(
      (pos) => {
        const p = toPoint(pos);
        if (!best.current || p.acc <= best.current.acc) best.current = p;
        if (p.acc <= GOOD_ACCURACY) finish(p);
        else setFix({ state: 'locating', best: best.current });
      },
      (err) => {
        if (best.current) return;
        stop();
        setFix({ state: 'error', message: err.code === err.PERMISSION_DENIED ? t('filler.geoDenied') : t('filler.geoFailed') });
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: MAX_WAIT_MS },
    );
    timer.current = setTimeout(() => finish(best.current), MAX_WAIT_MS);
  };
  return { fix, start, acceptNow: () => finish(best.current), cancel: () => finish(null) };
}

function Accuracy({ acc }: { acc: number }) {
  const { t } = useTranslation();
  const cls = acc <= 10 ? 'acc-good' : acc <= 50 ? 'acc-fair' : 'acc-poor';
  return <span className={`accuracy ${cls}`}>{t('filler.accuracy', { m: Math.round(acc) })}</span>;
}

function ManualPoint({ onAdd, label }: { onAdd: (p: GeoPoint) => void; label: string }) {
  const { t } = useTranslation();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [error, setError] = useState(false);
  return (
    <details className="manual-point">
      <summary>{label}</summary>
      <div className="inline-inputs">
        <label>
          <span className="small">{t('filler.latitude')}</span>
          <input type="text" inputMode="decimal" value={lat} placeholder="7.0086" onChange={(e) => setLat(e.target.value.trim())} />
        </label>
        <label>
          <span className="small">{t('filler.longitude')}</span>
          <input type="text" inputMode="decimal" value={lon} placeholder="100.4747" onChange={(e) => setLon(e.target.value.trim())} />
        </label>
      </div>
      {error ? <p className="field-error">{t('filler.badCoordinates')}</p> : null}
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          const p = parsePoint(`${lat} ${lon}`);
          if (!p || lat === '' || lon === '') {
            setError(true);
            return;
          }
          setError(false);
          onAdd(p);
          setLat('');
          setLon('');
        }}
      >
        {t('filler.useCoordinates')}
      </button>
    </details>
  );
}

export function GeopointControl(p: ControlProps) {
  const { t } = useTranslation();
  const point = parsePoint(p.value);
  const { fix, start, acceptNow, cancel } = useLocator((pt) => p.onChange(formatPoint(pt)));
  return (
    <div className="geo" id={p.id} role="group" aria-labelledby={`${p.id}-label`}>
      {point ? (
        <p className="geo-value">
          <span className="mono">
            {point.lat.toFixed(6)}, {point.lon.toFixed(6)}
          </span>{' '}
          {point.acc > 0 ? <Accuracy acc={point.acc} /> : <span className="muted small">{t('filler.typedByHand')}</span>}
        </p>
      ) : (
        <p className="muted small">{t('filler.noLocation')}</p>
      )}
      {fix.state === 'locating' ? (
        <div className="geo-locating" role="status">
          <p>
            {t('filler.locating')} {fix.best ? <Accuracy acc={fix.best.acc} /> : null}
          </p>
          <div className="button-row">
            <button type="button" className="button button-primary button-small" disabled={!fix.best} onClick={acceptNow}>
              {t('filler.useThisLocation')}
            </button>
            <button type="button" className="button button-small" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : p.readonly ? null : (
        <div className="button-row">
          <button type="button" className="button button-small" onClick={start}>
            {point ? t('filler.locateAgain') : t('filler.locate')}
          </button>
          {point ? (
            <button type="button" className="button button-small button-quiet" onClick={() => p.onChange('')}>
              {t('filler.clearAnswer')}
            </button>
          ) : null}
        </div>
      )}
      {fix.state === 'error' ? <p className="field-error">{fix.message}</p> : null}
      {p.readonly ? null : <ManualPoint label={t('filler.enterByHand')} onAdd={(pt) => p.onChange(formatPoint({ ...pt, acc: 0 }))} />}
    </div>
  );
}

export function GeoListControl(p: ControlProps) {
  const { t } = useTranslation();
  const shape = p.model.type === 'geoshape';
  const points = shape ? openShape(parsePoints(p.value)) : parsePoints(p.value);
  const set = (list: GeoPoint[]) => p.onChange(list.length ? formatPoints(list, shape) : '');
  const { fix, start, acceptNow, cancel } = useLocator((pt) => set([...points, pt]));
  const min = shape ? 3 : 2;
  return (
    <div className="geo" id={p.id} role="group" aria-labelledby={`${p.id}-label`}>
      {points.length ? (
        <ol className="point-list">
          {points.map((pt, i) => (
            <li key={`${i}-${pt.lat}-${pt.lon}`}>
              <span className="mono small">
                {pt.lat.toFixed(6)}, {pt.lon.toFixed(6)}
              </span>
              {pt.acc > 0 ? <Accuracy acc={pt.acc} /> : null}
              {p.readonly ? null : (
                <button type="button" className="button button-small button-quiet" aria-label={t('filler.removePoint', { n: i + 1 })} onClick={() => set(points.filter((_, j) => j !== i))}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="muted small">{t(shape ? 'filler.shapePoints' : 'filler.tracePoints', { count: points.length, min })}</p>
      {fix.state === 'locating' ? (
        <div className="geo-locating" role="status">
          <p>
            {t('filler.locating')} {fix.best ? <Accuracy acc={fix.best.acc} /> : null}
          </p>
          <div className="button-row">
            <button type="button" className="button button-primary button-small" disabled={!fix.best} onClick={acceptNow}>
              {t('filler.addThisPoint')}
            </button>
            <button type="button" className="button button-small" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : p.readonly ? null : (
        <button type="button" className="button button-small" onClick={start}>
          {t('filler.addCurrentPoint')}
        </button>
      )}
      {fix.state === 'error' ? <p className="field-error">{fix.message}</p> : null}
      {p.readonly ? null : <ManualPoint label={t('filler.addPointByHand')} onAdd={(pt) => set([...points, { ...pt, acc: 0 }])} />}
    </div>
  );
}
