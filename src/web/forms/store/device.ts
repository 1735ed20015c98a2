/** This device's id for the deviceid metadata question and the X-Device-Id header: made once, kept in localStorage. */
const KEY = 'ruamjai.deviceId';

export function newUuid(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; getRandomValues does not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function deviceId(): string {
  try {
    let id = localStorage.getItem(KEY);
    if (!id) {
      id = `ruamjai:${newUuid().replace(/-/g, '').slice(0, 16)}`;
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return 'ruamjai:unknown';
  }
}
