/** Pieces shared by the targeting pages. */
import { Link } from 'react-router';
import type { Me } from '../api.js';
import { useTargetingT, type ScopedT, type TargetingKey } from '../i18n/scoped.js';
import { formatNumber } from '../registry/labels.js';
import type { Lang } from '../lib/dates.js';
import { isDimension } from './api.js';

/** The widest area the user sees: the country for admins, else their first (widest) scope. */
export function homeArea(me: Me | null): string {
  if (!me) return 'TH';
  if (me.memberships.some((m) => m.role === 'system_admin' || m.areaScope === 'TH')) return 'TH';
  const scopes = me.memberships.map((m) => m.areaScope).sort((a, b) => a.length - b.length || a.localeCompare(b));
  return scopes[0] ?? 'TH';
}

/** Indicators are defined by coordinators and admins (as the server decides). */
export function canManageIndicators(me: Me | null): boolean {
  return Boolean(me?.memberships.some((m) => m.role === 'system_admin' || m.role === 'org_admin' || m.role === 'coordinator'));
}

export function dimensionName(d: string, tt: ScopedT<TargetingKey>): string {
  return isDimension(d) ? tt(`dimensions.${d}`) : d;
}

/** A count, or "น้อยกว่า 5" / "< 5" when public figures withhold it. */
export function countText(n: number | null, tt: ScopedT<TargetingKey>, lang: Lang): string {
  return n === null ? tt('dashboard.suppressed') : formatNumber(n, lang);
}

/** A rate as a percentage (0.0123 → 1.2%); a dash when there is none (no one to count, or a withheld count). */
export function rateText(rate: number | null, lang: Lang): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { style: 'percent', maximumFractionDigits: rate < 0.1 ? 1 : 0 }).format(rate);
}

export function TargetingCrumbs({ current, middle }: { current: string; middle?: { to: string; label: string } }) {
  const tt = useTargetingT();
  return (
    <nav aria-label={tt('indicators.title')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/targeting">{tt('indicators.title')}</Link>
        </li>
        {middle ? (
          <li>
            <Link to={middle.to}>{middle.label}</Link>
          </li>
        ) : null}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
