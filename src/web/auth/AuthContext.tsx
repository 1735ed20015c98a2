import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, type Me } from '../api.js';
import { i18n, storedLang, storeLang } from '../i18n/index.js';
import type { Lang } from '../lib/dates.js';
import { clearServiceWorkerData } from '../lib/serviceWorker.js';

type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'anonymous'; sessionEnded: boolean }
  | { status: 'signedIn'; me: Me };

interface AuthApi {
  state: AuthState;
  me: Me | null;
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  setLanguage: (lang: Lang) => Promise<void>;
  reload: () => void;
}

const AuthContext = createContext<AuthApi | null>(null);

/**
 * The signed-in user is remembered on the device so the app opens with no
 * network (a volunteer in the field); the server still decides on every
 * call, and the copy is dropped on logout or when the session has ended.
 */
const ME_KEY = 'ruamjai.me';

function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // storage unavailable: no offline start
  }
}

function rememberedMe(): Me | null {
  try {
    const raw = localStorage.getItem(ME_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

/** A device that never chose a language takes the account's. */
async function adoptAccountLocale(me: Me): Promise<void> {
  if (storedLang() === null && (me.locale === 'th' || me.locale === 'en')) {
    storeLang(me.locale);
    await i18n.changeLanguage(me.locale);
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then(async (me) => {
        await adoptAccountLocale(me);
        rememberMe(me);
        setState({ status: 'signedIn', me });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        const remembered = rememberedMe();
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          rememberMe(null);
          setState({ status: 'anonymous', sessionEnded: false });
        } else if (err instanceof ApiError && err.status === 0 && remembered) {
          // No network: open with the user remembered on this device.
          setState({ status: 'signedIn', me: remembered });
        } else {
          setState({ status: 'error', error: err });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    onUnauthorized(() => {
      rememberMe(null);
      setState((s) => (s.status === 'signedIn' ? { status: 'anonymous', sessionEnded: true } : s));
    });
    return () => onUnauthorized(null);
  }, []);

  // Back online after an offline start: check the session is still valid.
  useEffect(() => {
    const onOnline = () => {
      api
        .me()
        .then((me) => {
          rememberMe(me);
          setState((s) => (s.status === 'signedIn' ? { status: 'signedIn', me } : s));
        })
        .catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 401) {
            rememberMe(null);
            setState((s) => (s.status === 'signedIn' ? { status: 'anonymous', sessionEnded: true } : s));
          }
        });
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    await api.login(email, password);
    const me = await api.me();
    await adoptAccountLocale(me);
    rememberMe(me);
    setState({ status: 'signedIn', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      rememberMe(null);
      clearServiceWorkerData();
      setState({ status: 'anonymous', sessionEnded: false });
    }
  }, []);

  const me = state.status === 'signedIn' ? state.me : null;

  const setLanguage = useCallback(
    async (lang: Lang) => {
      storeLang(lang);
      await i18n.changeLanguage(lang);
      if (me && me.locale !== lang) {
        try {
          const updated = await api.updateMe({ locale: lang });
          rememberMe(updated);
          setState((s) => (s.status === 'signedIn' ? { status: 'signedIn', me: updated } : s));
        } catch {
          // the device keeps the choice; the account keeps its old one
        }
      }
    },
    [me],
  );

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AuthApi>(
    () => ({ state, me, login, logout, setLanguage, reload }),
    [state, me, login, logout, setLanguage, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
