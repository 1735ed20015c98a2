/**
 * The outbox sender. Finished forms wait in IndexedDB and are posted when
 * the phone is online: at app start, on the browser's `online` event,
 * right after a form is finished, and again with exponential backoff after
 * a network failure or a server error. Sending is idempotent by
 * meta/instanceID: 201 (stored) and 200 (already stored, same content)
 * both take the item out of the outbox. A refusal (4xx: 409 a different
 * submission with that instanceID, 403, 404 …) keeps the item, marked with
 * the server's problem in both languages, until the user acts on it —
 * nothing is ever dropped silently.
 */
import { notifyUnauthorized } from '../../api.js';
import { getFile, listOutbox, onStoreChange, removeSent, updateOutbox, type OutboxError, type OutboxItem } from './db.js';
import { deviceId } from './device.js';

export type SyncPhase = 'idle' | 'sending' | 'offline' | 'waiting' | 'signedOut';

export interface SyncStatus {
  phase: SyncPhase;
  /** When the next automatic attempt is due (ms epoch), if one is waiting. */
  nextAttemptAt: number | null;
}

type Outcome = { kind: 'sent' } | { kind: 'refused'; error: OutboxError } | { kind: 'retry'; error: OutboxError } | { kind: 'unauthorized' };

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

let userId: string | null = null;
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let status: SyncStatus = { phase: 'idle', nextAttemptAt: null };
const listeners = new Set<() => void>();

function setStatus(s: SyncStatus): void {
  status = s;
  listeners.forEach((l) => l());
}

export function syncStatus(): SyncStatus {
  return status;
}

export function onSyncStatus(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Delay before attempt n+1 after n failures: 2 s, 4 s, 8 s … at most 5 min, with a little jitter. */
export function backoff(attempts: number): number {
  const d = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(d * (0.85 + Math.random() * 0.3));
}

async function problemOf(res: Response): Promise<OutboxError> {
  let body: Record<string, unknown>;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    status: res.status,
    title: str(body.title) ?? `HTTP ${res.status}`,
    titleTh: str(body.titleTh),
    detail: str(body.detail),
    detailTh: str(body.detailTh),
  };
}

const NETWORK: OutboxError = { status: 0, title: 'Network error', titleTh: 'เชื่อมต่อเครือข่ายไม่ได้', detail: null, detailTh: null };

/**
 * Posts one item: the XML alone, or multipart (xml_submission_file plus
 * the files, each part named by its file name) when it has attachments.
 */
export async function send(item: OutboxItem): Promise<Outcome> {
  const url = `/api/v1/forms/${encodeURIComponent(item.formId)}/submissions`;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Device-Id': deviceId() };
  let body: BodyInit;
  if (item.files.length > 0) {
    const fd = new FormData();
    fd.append('xml_submission_file', new Blob([item.xml], { type: 'text/xml' }), 'submission.xml');
    for (const name of item.files) {
      const f = await getFile(item.id, name);
      if (f) fd.append(name, f.blob, name);
    }
    body = fd;
  } else {
    headers['Content-Type'] = 'application/xml';
    body = item.xml;
  }
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, body });
  } catch {
    return { kind: 'retry', error: NETWORK };
  }
  if (res.status === 200 || res.status === 201) return { kind: 'sent' };
  if (res.status === 401) return { kind: 'unauthorized' };
  const error = await problemOf(res);
  if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'retry', error };
  return { kind: 'refused', error };
}

async function runOnce(): Promise<void> {
  const uid = userId;
  if (!uid) return;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    setStatus({ phase: 'offline', nextAttemptAt: null });
    return;
  }
  const now = Date.now();
  const due = (await listOutbox(uid)).filter((i) => i.state === 'pending' && i.nextAttemptAt <= now);
  if (due.length) setStatus({ phase: 'sending', nextAttemptAt: null });
  for (const item of due) {
    if (userId !== uid) return;
    const out = await send(item);
    if (out.kind === 'sent') {
      await removeSent(item.id);
    } else if (out.kind === 'unauthorized') {
      setStatus({ phase: 'signedOut', nextAttemptAt: null });
      notifyUnauthorized();
      return;
    } else if (out.kind === 'refused') {
      await updateOutbox({ ...item, state: 'refused', error: out.error, attempts: item.attempts + 1 });
    } else {
      const attempts = item.attempts + 1;
      await updateOutbox({ ...item, attempts, error: out.error, nextAttemptAt: Date.now() + backoff(attempts) });
      // The network or the server is down: the rest would fail the same way.
      if (out.error.status === 0) break;
    }
  }
  const pending = (await listOutbox(uid)).filter((i) => i.state === 'pending');
  if (pending.length === 0) {
    setStatus({ phase: 'idle', nextAttemptAt: null });
    return;
  }
  const next = Math.min(...pending.map((i) => i.nextAttemptAt));
  setStatus({ phase: navigator.onLine === false ? 'offline' : 'waiting', nextAttemptAt: next });
  schedule(Math.max(0, next - Date.now()));
}

function schedule(ms: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void syncNow();
  }, ms);
}

/** Sends what is due now (one run at a time; a call during a run makes it run again after). */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = runOnce()
    .catch((err: unknown) => {
      console.warn('outbox sync failed', err);
      schedule(BASE_DELAY_MS * 5);
    })
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void syncNow();
      }
    });
  return running;
}

/** Sends everything waiting now, ignoring the backoff (the user pressed "send now"). */
export async function retryAll(): Promise<void> {
  const uid = userId;
  if (!uid) return;
  for (const i of await listOutbox(uid)) {
    if (i.state === 'pending' && i.nextAttemptAt > Date.now()) await updateOutbox({ ...i, nextAttemptAt: 0 });
  }
  await syncNow();
}

/** Sends a refused item again (after the server was fixed, or the form reopened). */
export async function retryItem(item: OutboxItem): Promise<void> {
  await updateOutbox({ ...item, state: 'pending', nextAttemptAt: 0 });
  await syncNow();
}

const onOnline = () => {
  void retryAll();
};
const onOffline = () => setStatus({ phase: 'offline', nextAttemptAt: status.nextAttemptAt });
let unsubscribeStore: (() => void) | null = null;

/** Starts sending the outbox of this user (the app calls it once signed in). */
export function startSync(uid: string): () => void {
  userId = uid;
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  unsubscribeStore?.();
  let last = 0;
  unsubscribeStore = onStoreChange(() => {
    // A new item in the outbox (this tab or another): try soon, at most once a second.
    if (Date.now() - last < 1000) return;
    last = Date.now();
    schedule(300);
  });
  void syncNow();
  return () => {
    if (userId === uid) userId = null;
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    unsubscribeStore?.();
    unsubscribeStore = null;
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
