/**
 * The service worker: the app works with no network.
 *
 * - Every built file (the shell, the code of each page, fonts, icons) is
 *   cached at install; the list is written into this file at build time
 *   (vite.config.ts), so a new build is a new worker with a new cache.
 * - Pages: network first (fresh after a deploy), the cached shell when the
 *   network fails or takes more than a few seconds.
 * - Built files: cache first (their names change with their content).
 * - Form definitions (GET /api/v1/forms/{id}/definition): network first,
 *   the last copy when offline. Other API calls are never cached: drafts,
 *   the outbox and everything else the app keeps live in IndexedDB.
 *
 * No imports: this file is built on its own into /sw.js.
 */

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
}

interface SwGlobal {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: SwFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: SwMessageEvent) => void): void;
}

declare const self: unknown;
const sw = self as SwGlobal;

/** Replaced at build time by the list of built files and a hash of it. */
const PRECACHE: string[] = JSON.parse('__RUAMJAI_PRECACHE__') as string[];
const VERSION = '__RUAMJAI_VERSION__';

const SHELL_PREFIX = 'ruamjai-shell-';
const SHELL = `${SHELL_PREFIX}${VERSION}`;
const DATA = 'ruamjai-data-v1';
const NAVIGATION_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(SHELL_PREFIX) && key !== SHELL) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  // Logging out: forget the cached definitions of that account.
  if (data?.type === 'clear-data') event.waitUntil(caches.delete(DATA));
});

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

async function shell(): Promise<Response> {
  const cached = await caches.match('/index.html', { cacheName: SHELL });
  return cached ?? new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function navigation(request: Request): Promise<Response> {
  try {
    const res = await Promise.race([fetch(request), timeout(NAVIGATION_TIMEOUT_MS)]);
    // The server answers every app route with the shell; an error page is not better than the cached shell.
    if (res.status >= 500) return shell();
    return res;
  } catch {
    return shell();
  }
}

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const cache = await caches.open(SHELL);
    await cache.put(request, res.clone());
  }
  return res;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (/^\/api\/v1\/forms\/[^/]+\/definition$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, DATA));
    return;
  }
  if (/^\/(api|openrosa|healthz)(\/|$)/.test(url.pathname) || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});
