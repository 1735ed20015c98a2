/**
 * Registers the service worker (/sw.js, built with the app) so the app and
 * the forms opened before work offline. Not in the Vite dev server, where
 * files change all the time.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Asks the service worker to forget cached account data (on logout). */
export function clearServiceWorkerData(): void {
  try {
    navigator.serviceWorker?.controller?.postMessage({ type: 'clear-data' });
  } catch {
    // no worker
  }
}
