/**
 * Values as an XForm instance stores them, and as the browser's native
 * inputs give them: dates YYYY-MM-DD, times HH:MM:SS.sss+07:00, dateTimes
 * with the device's offset, geopoints "lat lon alt accuracy", selections
 * separated by spaces.
 */

function pad(n: number, width = 2): string {
  return String(Math.trunc(Math.abs(n))).padStart(width, '0');
}

/** "+07:00" for a Date in the device's time zone. */
export function offsetText(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/** An ODK dateTime: 2026-11-23T09:00:00.000+07:00 (device's local time and offset). */
export function isoLocal(d: Date = new Date()): string {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${offsetText(d)}`;
}

/** YYYY-MM-DD of a Date in the device's time zone. */
export function localDate(d: Date = new Date()): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `<input type=time>` value (HH:MM) → XForm time. */
export function timeFromInput(v: string, now: Date = new Date()): string {
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(v)) return '';
  const withSeconds = v.length === 5 ? `${v}:00` : v;
  return `${withSeconds}.000${offsetText(now)}`;
}

/** XForm time → `<input type=time>` value. */
export function timeToInput(v: string): string {
  const m = /^(\d{2}:\d{2})/.exec(v);
  return m?.[1] ?? '';
}

/** `<input type=datetime-local>` value → XForm dateTime with the device's offset at that moment. */
export function dateTimeFromInput(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(v);
  if (!m) return '';
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return isoLocal(d);
}

/** XForm dateTime → `<input type=datetime-local>` value, in the device's time zone. */
export function dateTimeToInput(v: string): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Space-separated selections → list. */
export function splitSelection(v: string): string[] {
  return v.split(/\s+/).filter(Boolean);
}

export function joinSelection(values: readonly string[]): string {
  return values.join(' ');
}

export interface GeoPoint {
  lat: number;
  lon: number;
  alt: number;
  acc: number;
}

export function parsePoint(v: string): GeoPoint | null {
  const parts = v.trim().split(/\s+/).map(Number);
  if (parts.length < 2 || parts.some((n) => Number.isNaN(n))) return null;
  const [lat = 0, lon = 0, alt = 0, acc = 0] = parts;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon, alt, acc };
}

function num(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

export function formatPoint(p: GeoPoint): string {
  return `${num(p.lat, 7)} ${num(p.lon, 7)} ${num(p.alt, 1)} ${num(p.acc, 1)}`;
}

/** "lat lon alt acc;…" → points (bad ones dropped). */
export function parsePoints(v: string): GeoPoint[] {
  return v
    .split(';')
    .map((s) => parsePoint(s))
    .filter((p): p is GeoPoint => p !== null);
}

/** Points → "lat lon alt acc;…"; a shape is closed (its first point repeated last) once it has three points. */
export function formatPoints(points: readonly GeoPoint[], closed: boolean): string {
  const list = [...points];
  const first = list[0];
  const last = list[list.length - 1];
  if (closed && first && last && list.length >= 3 && (first.lat !== last.lat || first.lon !== last.lon)) list.push(first);
  return list.map(formatPoint).join(';');
}

/** A shape's points without the closing repeat of the first one, for editing. */
export function openShape(points: GeoPoint[]): GeoPoint[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length >= 4 && first && last && first.lat === last.lat && first.lon === last.lon) return points.slice(0, -1);
  return points;
}

export const INTEGER_RE = /^[-+]?\d+$/;
export const DECIMAL_RE = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** Whether a typed value fits the bind type (empty always does). */
export function typeProblem(bindType: string, v: string): 'integer' | 'decimal' | 'date' | null {
  if (v === '') return null;
  if (bindType === 'int') return INTEGER_RE.test(v.trim()) ? null : 'integer';
  if (bindType === 'decimal') return DECIMAL_RE.test(v.trim()) ? null : 'decimal';
  if (bindType === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'date';
  return null;
}
