import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { useAuth } from './AuthContext.js';
import { ErrorBox, Field, Notice, usePageTitle } from '../components/ui.js';
import { fieldErrors, problemTexts } from '../lib/problem.js';
import { useLang } from '../lib/lang.js';
import { useTargetingT } from '../i18n/scoped.js';

export function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const tt = useTargetingT();
  const { login, state } = useAuth();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(t('login.title'));

  const sessionEnded = state.status === 'anonymous' && state.sessionEnded;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      void navigate('/', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  let message: string | null = null;
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter;
    message =
      wait === null || wait <= 0
        ? t('login.tooManyNoTime')
        : wait >= 120
          ? t('login.tooManyMinutes', { minutes: Math.ceil(wait / 60) })
          : t('login.tooMany', { seconds: wait });
  } else if (error instanceof ApiError && error.status === 401) {
    const texts = error.problem ? problemTexts(error.problem, lang) : null;
    message = texts ? (texts.detail ?? texts.title) : t('login.wrongCredentials');
  }
  const fields = fieldErrors(error, lang);

  return (
    <div className="login-page">
      <section className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {sessionEnded && !error ? <Notice kind="info">{t('login.sessionEnded')}</Notice> : null}
        {message ? (
          <div className="notice notice-error" role="alert">
            <p>{message}</p>
          </div>
        ) : (
          <ErrorBox error={error} />
        )}
        <form onSubmit={(e) => void submit(e)} noValidate={false}>
          <Field label={t('login.email')} error={fields.email}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('login.password')} error={fields.password}>
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
      <p className="login-tagline muted">{t('app.tagline')}</p>
      <p className="login-tagline">
        <Link to="/public">{tt('public.link')}</Link>
      </p>
    </div>
  );
}
