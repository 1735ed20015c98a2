/**
 * Work queues: my cases, the organisation's, the overdue ones, and the
 * referrals into and out of the organisation. Tab and filters live in the
 * address, so a queue can be bookmarked and the back button works.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import type { Me } from '../api.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { ErrorBox, Field, LoadMore, Loading, usePageTitle } from '../components/ui.js';
import { formatDate, formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import {
  actingOrgIds,
  CASE_STATUSES,
  casesApi,
  REFERRAL_STATUSES,
  type CaseSummary,
  type ReferralSummary,
} from './api.js';
import { AreaName, CaseStatusBadge, orgLabel, OverdueBadge, PriorityBadge, ReferralStatusBadge } from './common.js';
import { useCasesT } from './i18n.js';
import { useCaseTypes, useOrganizations, useTypeLabel } from './lookups.js';
import { OpenCaseForm } from './OpenCaseForm.js';
import { SERVICES } from '../services/ServiceTabs.js';
import './cases.css';

const TABS = ['mine', 'org', 'overdue', 'in', 'out'] as const;
type Tab = (typeof TABS)[number];
const PAGE = 50;

function isTab(v: string | null): v is Tab {
  return (TABS as readonly string[]).includes(v ?? '');
}

/** A case's due date as a Thai day (due dates are days, not instants). */
export function dueDay(due: string | null, lang: 'th' | 'en'): string {
  return due ? formatDay(`${due}T12:00:00+07:00`, lang) : '';
}

function CaseTable({ items, me, emptyText }: { items: CaseSummary[]; me: Me; emptyText: string }) {
  const t = useCasesT();
  const typeLabel = useTypeLabel();
  const lang = useLang();
  if (items.length === 0) return <p className="notice notice-info">{emptyText}</p>;
  return (
    <div className="table-scroll">
      <table className="table responsive" data-testid="case-list">
        <thead>
          <tr>
            <th scope="col">{t('queues.case')}</th>
            <th scope="col">{t('case.area')}</th>
            <th scope="col">{t('queues.status')}</th>
            <th scope="col">{t('queues.priority')}</th>
            <th scope="col">{t('queues.due')}</th>
            <th scope="col">{t('queues.assignee')}</th>
            <th scope="col">{t('queues.opened')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className={c.overdue ? 'row-overdue' : undefined}>
              <td className="cell-title">
                <Link to={`/cases/${c.id}`}>{c.title || typeLabel(c.type)}</Link>
                {c.title ? <span className="muted small block">{typeLabel(c.type)}</span> : null}
              </td>
              <td data-label={t('case.area')}>
                <AreaName code={c.areaCode} />
              </td>
              <td data-label={t('queues.status')}>
                <CaseStatusBadge status={c.status} />
              </td>
              <td data-label={t('queues.priority')}>
                <PriorityBadge priority={c.priority} />
              </td>
              <td data-label={t('queues.due')}>
                {c.due ? (
                  <span className="due-date">
                    {dueDay(c.due, lang)} {c.overdue ? <OverdueBadge /> : null}
                  </span>
                ) : (
                  <span className="muted">{t('common.noDue')}</span>
                )}
              </td>
              <td data-label={t('queues.assignee')}>
                {!c.assignee ? (
                  <span className="muted">{t('common.unassigned')}</span>
                ) : c.assignee === me.id ? (
                  t('queues.assignedToMe')
                ) : (
                  t('queues.assignedToOther')
                )}
              </td>
              <td data-label={t('queues.opened')} className="nowrap">
                {formatDay(c.createdAt, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReferralTable({ items, direction, emptyText }: { items: ReferralSummary[]; direction: 'in' | 'out'; emptyText: string }) {
  const t = useCasesT();
  const lang = useLang();
  const orgs = useOrganizations();
  if (items.length === 0) return <p className="notice notice-info">{emptyText}</p>;
  const other = (r: ReferralSummary) => orgLabel(orgs.byId, direction === 'in' ? r.fromOrg : r.toOrg, lang, t('common.unknownOrg'));
  return (
    <div className="table-scroll">
      <table className="table responsive" data-testid={`referrals-${direction}`}>
        <thead>
          <tr>
            <th scope="col">{direction === 'in' ? t('queues.from') : t('queues.to')}</th>
            <th scope="col">{t('queues.reason')}</th>
            <th scope="col">{t('queues.status')}</th>
            <th scope="col">{t('queues.respondBy')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.overdue ? 'row-overdue' : undefined}>
              <td className="cell-title">
                <Link to={`/cases/${r.caseId}`}>{other(r)}</Link>
              </td>
              <td data-label={t('queues.reason')}>
                <span className="clamp-2">{r.reason}</span>
              </td>
              <td data-label={t('queues.status')}>
                <ReferralStatusBadge status={r.status} />
              </td>
              <td data-label={t('queues.respondBy')}>
                {r.status === 'pending' ? (
                  <span className="due-date">
                    {formatDate(r.dueAt, lang)} {r.overdue ? <OverdueBadge /> : null}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaseQueue({ tab, me, status, type, area }: { tab: 'mine' | 'org' | 'overdue'; me: Me; status: string; type: string; area: string }) {
  const t = useCasesT();
  const filters = {
    ...(tab === 'mine' ? { assignee: 'me' } : {}),
    ...(tab === 'overdue' ? { overdue: true } : {}),
    status: status || undefined,
    type: type || undefined,
    area: area || undefined,
  };
  const key = JSON.stringify(filters);
  const { first, items, more } = useCursorPages((cursor, signal) => casesApi.list({ ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) }, signal), [key]);

  if (first.error) {
    return (
      <ErrorBox error={first.error} onRetry={first.reload} />
    );
  }
  if (first.loading && !first.data) return <Loading />;
  const overdue = items.filter((c) => c.overdue).length;
  const empty = tab === 'mine' ? t('queues.emptyMine') : tab === 'overdue' ? t('queues.emptyOverdue') : t('queues.emptyOrg');
  return (
    <>
      {items.length > 0 ? (
        <p className="muted small queue-count">
          {t('queues.shown', { count: items.length })}
          {overdue > 0 && tab !== 'overdue' ? <span className="overdue-text"> · {t('queues.overdueCount', { count: overdue })}</span> : null}
        </p>
      ) : null}
      <CaseTable items={items} me={me} emptyText={empty} />
      <LoadMore more={more} />
    </>
  );
}

function ReferralQueue({ direction, status }: { direction: 'in' | 'out'; status: string }) {
  const t = useCasesT();
  const list = useAsync((signal) => casesApi.referrals(direction, status || undefined, signal), [direction, status]);
  if (list.error) {
    return (
      <ErrorBox error={list.error} onRetry={list.reload} />
    );
  }
  if (!list.data) return <Loading />;
  const overdue = list.data.filter((r) => r.overdue).length;
  return (
    <>
      {list.data.length > 0 ? (
        <p className="muted small queue-count">
          {t('queues.shown', { count: list.data.length })}
          {overdue > 0 ? <span className="overdue-text"> · {t('queues.overdueCount', { count: overdue })}</span> : null}
        </p>
      ) : null}
      <ReferralTable items={list.data} direction={direction} emptyText={direction === 'in' ? t('queues.emptyIn') : t('queues.emptyOut')} />
    </>
  );
}

export function QueuesPage() {
  const t = useCasesT();
  const caseTypes = useCaseTypes();
  const typeLabel = useTypeLabel();
  const { t: tm } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('queues.title'));
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'mine';
  const status = params.get('status') ?? '';
  const type = params.get('type') ?? '';
  const area = params.get('area') ?? '';
  const [areaInput, setAreaInput] = useState(area);
  const [opening, setOpening] = useState(params.get('new') === '1');
  useEffect(() => setAreaInput(area), [area]);
  const activeFilters = [status, type, area].filter(Boolean).length;
  // on a phone the filters fold away unless some are on
  const [filtersOpen, setFiltersOpen] = useState(() => activeFilters > 0 || window.matchMedia('(min-width: 601px)').matches);

  if (!me) return null;
  const canOpen = actingOrgIds(me).length > 0;
  const referralTab = tab === 'in' || tab === 'out';

  function update(next: Record<string, string>) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    p.delete('new');
    setParams(p, { replace: true });
  }

  /** The address of a tab: the filters stay, but a referral's statuses are not a case's. */
  function tabSearch(next: Tab): string {
    const p = new URLSearchParams(params);
    if (next === 'mine') p.delete('tab');
    else p.set('tab', next);
    if ((next === 'in' || next === 'out') !== referralTab) p.delete('status');
    p.delete('new');
    const qs = p.toString();
    return qs ? `?${qs}` : '';
  }

  function applyArea(e: FormEvent) {
    e.preventDefault();
    update({ area: areaInput.trim() });
  }

  return (
    <div className="page cases-page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('queues.title')}</h1>
          <p className="muted">{t('queues.intro')}</p>
        </div>
        {canOpen && !opening ? (
          <button type="button" className="button button-primary" onClick={() => setOpening(true)}>
            {t('queues.openCase')}
          </button>
        ) : null}
      </header>

      <nav className="service-links" aria-label={t('services.title')}>
        <span className="muted">{t('services.title')}:</span>
        <ul>
          {SERVICES.map((s) => (
            <li key={s.to}>
              <Link to={s.to}>{t(`services.${s.key}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>

      {opening ? (
        <OpenCaseForm me={me} onCreated={(c) => void navigate(`/cases/${c.id}`)} onCancel={() => setOpening(false)} />
      ) : null}

      <nav className="queue-tabs" aria-label={t('queues.tabsLabel')}>
        <ul>
          {TABS.map((k) => (
            <li key={k}>
              <Link className="queue-tab" to={{ search: tabSearch(k) }} aria-current={tab === k ? 'page' : undefined}>
                {t(`queues.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {referralTab ? (
        <div className="filters filters-narrow">
          <Field label={t('queues.status')}>
            {(p) => (
              <select {...p} name="status" value={status} onChange={(e) => update({ status: e.target.value })}>
                <option value="">{t('queues.anyStatus')}</option>
                {REFERRAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`referralStatuses.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : (
        <details className="filter-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>
            {t('queues.filters')}
            {activeFilters > 0 ? <span className="badge badge-info">{activeFilters}</span> : null}
          </summary>
          <form className="filters" onSubmit={applyArea}>
            <Field label={t('queues.type')}>
              {(p) => (
                <select {...p} name="type" value={type} onChange={(e) => update({ type: e.target.value })}>
                  <option value="">{t('queues.anyType')}</option>
                  {caseTypes.map((d) => (
                    <option key={d.code} value={d.code}>
                      {typeLabel(d.code)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('queues.status')}>
              {(p) => (
                <select {...p} name="status" value={status} onChange={(e) => update({ status: e.target.value })}>
                  <option value="">{t('queues.anyStatus')}</option>
                  {CASE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`statuses.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <AreaCodeField label={t('queues.area')} name="area" value={areaInput} onChange={setAreaInput} />
            <div className="filter-actions">
              <button type="submit" className="button">
                {tm('common.apply')}
              </button>
              {status || type || area ? (
                <button type="button" className="button button-quiet" onClick={() => update({ status: '', type: '', area: '' })}>
                  {t('queues.clear')}
                </button>
              ) : null}
            </div>
          </form>
        </details>
      )}

      <section aria-live="polite">
        {referralTab ? (
          <ReferralQueue direction={tab} status={status} />
        ) : (
          <CaseQueue tab={tab} me={me} status={status} type={type} area={area} />
        )}
      </section>
    </div>
  );
}
