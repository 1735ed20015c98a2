import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, type Me } from '../api.js';
import { i18n, storedLang, storeLang } from '../i18n/index.js';
import type { Lang } from '../lib/dates.js';

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
        setState({ status: 'signedIn', me });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          setState({ status: 'anonymous', sessionEnded: false });
        } else {
          setState({ status: 'error', error: err });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    onUnauthorized(() => {
      setState((s) => (s.status === 'signedIn' ? { status: 'anonymous', sessionEnded: true } : s));
    });
    return () => onUnauthorized(null);
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    await api.login(email, password);
    const me = await api.me();
    await adoptAccountLocale(me);
    setState({ status: 'signedIn', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
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
