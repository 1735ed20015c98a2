/** Pieces shared by the targeting pages. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Me } from '../api.js';
import { useRegistryT, useTargetingT, type ScopedT, type TargetingKey } from '../i18n/scoped.js';
import { formatNumber } from '../registry/labels.js';
import type { Lang } from '../lib/dates.js';
import { isDimension, targetingApi, type TargetFilter } from './api.js';

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

/** Export buttons: the whole list as CSV or Excel (the server records every export). */
export function ExportButtons({ filter }: { filter: TargetFilter }) {
  const tt = useTargetingT();
  return (
    <div className="button-row export-row">
      <a className="button button-small" href={targetingApi.exportUrl(filter, 'csv')} download data-testid="export-csv">
        {tt('members.exportCsv')}
      </a>
      <a className="button button-small" href={targetingApi.exportUrl(filter, 'xlsx')} download data-testid="export-xlsx">
        {tt('members.exportXlsx')}
      </a>
      <span className="muted small">{tt('members.exportNote')}</span>
    </div>
  );
}

/**
 * The people or households a targeting page lists: how many are shown so far,
 * then the table (name or house, age and sex for people, area, `fourth`,
 * evidence); the page gives the rows.
 */
export function TargetTable({
  testId,
  count,
  households,
  fourth,
  children,
}: {
  testId: string;
  count: number;
  households: boolean;
  fourth: string;
  children: ReactNode;
}) {
  const tt = useTargetingT();
  const rt = useRegistryT();
  return (
    <>
      <p className="muted small">{tt('members.showing', { count })}</p>
      <div className="table-scroll">
        <table className="table responsive" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{households ? tt('members.house') : rt('name')}</th>
              {households ? null : <th scope="col">{rt('ageSex')}</th>}
              <th scope="col">{rt('area')}</th>
              <th scope="col">{fourth}</th>
              <th scope="col">{tt('members.evidence')}</th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}
