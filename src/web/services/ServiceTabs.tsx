import { Link, NavLink } from 'react-router';
import { usePageTitle } from '../components/ui.js';
import { useCasesT } from '../cases/i18n.js';
import '../cases/cases.css';

export const SERVICES = [
  { to: '/transport', key: 'transport', text: 'transportText' },
  { to: '/transport/driver', key: 'driver', text: 'driverText' },
  { to: '/homecare', key: 'homecare', text: 'homecareText' },
  { to: '/supplies', key: 'supplies', text: 'suppliesText' },
] as const;

/** The care services side by side: a row of tabs on each service page. */
export function ServiceTabs() {
  const t = useCasesT();
  return (
    <nav className="queue-tabs service-tabs" aria-label={t('services.title')}>
      <ul>
        {SERVICES.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end className="queue-tab">
              {t(`services.${s.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** /services: what the care services are, one card each. */
export function ServicesPage() {
  const t = useCasesT();
  usePageTitle(t('services.title'));
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('services.title')}</h1>
        <p className="muted">{t('services.intro')}</p>
      </header>
      <ul className="section-grid">
        {SERVICES.map((s) => (
          <li key={s.to}>
            <Link className="card section-link" to={s.to}>
              <span className="section-link-title">{t(`services.${s.key}`)}</span>
              <span className="muted">{t(`services.${s.text}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
