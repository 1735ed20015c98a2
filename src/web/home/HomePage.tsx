import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { allowedSections } from '../components/Shell.js';
import { usePageTitle } from '../components/ui.js';
import { localName, useLang } from '../lib/lang.js';

export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(t('nav.home'));
  if (!me) return null;
  const sections = allowedSections(me).filter((s) => s.text);
  return (
    <div className="page">
      <h1>{t('home.greeting', { name: me.displayName })}</h1>

      <section aria-labelledby="memberships-title">
        <h2 id="memberships-title">{t('home.memberships')}</h2>
        {me.memberships.length === 0 ? (
          <p className="notice notice-info">{t('home.noMemberships')}</p>
        ) : (
          <ul className="membership-list">
            {me.memberships.map((m) => (
              <li key={m.id} className="card membership">
                <p className="membership-org">{localName(m.organization, lang)}</p>
                <dl className="pairs">
                  <div>
                    <dt>{t('home.role')}</dt>
                    <dd>{t(`roles.${m.role}`)}</dd>
                  </div>
                  <div>
                    <dt>{t('home.areaScope')}</dt>
                    <dd>
                      <Link to={`/areas/${encodeURIComponent(m.areaScope)}`}>{localName(m.area, lang) || m.areaScope}</Link>
                      {m.area ? <span className="muted"> ({t(`levels.${m.area.level}`)})</span> : null}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sections-title">
        <h2 id="sections-title">{t('home.sections')}</h2>
        <ul className="section-grid">
          {sections.map((s) => (
            <li key={s.to}>
              <Link className="card section-link" to={s.to}>
                <span className="section-link-title">{t(`nav.${s.label}`)}</span>
                {s.text ? <span className="muted">{t(`home.${s.text}`)}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
