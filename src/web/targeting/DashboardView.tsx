/**
 * An area's figures: population and households, each indicator's count and
 * rate, totals per dimension, a trend of a chosen indicator, the areas
 * within (each linked to its own dashboard, with the chosen indicator's
 * figures) and, for members, a map of them. Members and the public see the
 * same page from different endpoints; public counts under 5 are withheld
 * and shown as "น้อยกว่า 5" / "< 5".
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { useTargetingT } from '../i18n/scoped.js';
import { localName, otherName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useTranslation } from 'react-i18next';
import { DIMENSIONS, targetingApi, type AreaFigures, type SummaryIndicator } from './api.js';
import { centroid, limiter, type LatLon } from './coords.js';
import { countText, dimensionName, rateText } from './common.js';
import { MAP_COLOURS, type MapPoint } from './mapStyle.js';
import { TrendChart } from './TrendChart.js';
import '../registry/registry.css';
import { ancestorCodes } from './util.js';

const AreaMap = lazy(() => import('./AreaMap.js'));

export type DashboardMode = 'member' | 'public';

const childLimit = limiter(4);

function summaryOf(mode: DashboardMode, code: string, signal?: AbortSignal): Promise<AreaFigures> {
  return mode === 'public' ? targetingApi.publicSummary(code, signal) : targetingApi.summary(code, signal);
}

export function dashboardHref(mode: DashboardMode, code: string): string {
  return `${mode === 'public' ? '/public' : '/dashboard'}/${encodeURIComponent(code)}`;
}


interface Crumb {
  code: string;
  nameTh: string;
  nameEn: string;
}

function useCrumbs(mode: DashboardMode, code: string): Crumb[] {
  const data = useAsync(async (signal) => {
    if (mode === 'member') {
      const area = await api.area(code, signal).catch(() => null);
      if (area) return area.ancestors;
    }
    const codes = ancestorCodes(code);
    const found = await Promise.all(codes.map((c) => summaryOf(mode, c, signal).catch(() => null)));
    return found.filter((f): f is AreaFigures => f !== null).map((f) => ({ code: f.code, nameTh: f.nameTh, nameEn: f.nameEn }));
  }, [mode, code]);
  return data.data ?? [];
}

/** The figures of the areas within, fetched a few at a time (only those with people in them). */
function useChildFigures(mode: DashboardMode, figures: AreaFigures | undefined): Map<string, AreaFigures> {
  const [found, setFound] = useState<Map<string, AreaFigures>>(() => new Map());
  const codes = (figures?.children ?? []).filter((c) => (c.population ?? 0) > 0).map((c) => c.code);
  const key = codes.join(',');
  useEffect(() => {
    setFound(new Map());
    if (!key) return;
    const controller = new AbortController();
    for (const code of key.split(',')) {
      void childLimit(() => (controller.signal.aborted ? Promise.resolve(null) : summaryOf(mode, code, controller.signal)))
        .then((f) => {
          if (f && !controller.signal.aborted) setFound((old) => new Map(old).set(code, f));
        })
        .catch(() => undefined);
    }
    return () => controller.abort();
  }, [mode, key]);
  return found;
}

function useCentroids(codes: string[], enabled: boolean): { points: Map<string, LatLon>; pending: boolean } {
  const [points, setPoints] = useState<Map<string, LatLon>>(() => new Map());
  const [pending, setPending] = useState(false);
  const key = codes.join(',');
  useEffect(() => {
    if (!enabled || !key) {
      setPending(false);
      return;
    }
    let live = true;
    setPending(true);
    void Promise.all(key.split(',').map(async (c) => [c, await centroid(c)] as const)).then((all) => {
      if (!live) return;
      setPoints(new Map(all.filter((e): e is readonly [string, LatLon] => e[1] !== null)));
      setPending(false);
    });
    return () => {
      live = false;
    };
  }, [key, enabled]);
  return { points, pending };
}

function Bar({ value, max }: { value: number | null; max: number }) {
  const pct = value === null || max <= 0 ? 0 : Math.max(value > 0 ? 2 : 0, Math.min(100, (value / max) * 100));
  return (
    <span className="bar" aria-hidden="true">
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}

function IndicatorTable({ figures, mode, chosen }: { figures: AreaFigures; mode: DashboardMode; chosen: string }) {
  const tt = useTargetingT();
  const lang = useLang();
  const maxRate = Math.max(0, ...figures.indicators.map((i) => i.rate ?? 0));
  const dims = [...DIMENSIONS, ...new Set(figures.indicators.map((i) => i.dimension).filter((d) => !(DIMENSIONS as readonly string[]).includes(d)))];
  return (
    <div className="table-scroll">
      <table className="table responsive compact-figures indicator-table" data-testid="dashboard-indicators">
        <thead>
          <tr>
            <th scope="col">{tt('dashboard.indicators')}</th>
            <th scope="col">{tt('dashboard.count')}</th>
            <th scope="col">{tt('dashboard.rate')}</th>
          </tr>
        </thead>
        {dims.map((d) => {
          const rows = figures.indicators.filter((i) => i.dimension === d);
          if (!rows.length) return null;
          return (
            <tbody key={d}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={3} className={`dim-${d}`}>
                  {dimensionName(d, tt)}
                </th>
              </tr>
              {rows.map((i) => (
                <tr key={i.code} className={i.code === chosen ? 'row-chosen' : undefined} data-code={i.code}>
                  <td className="cell-title">
                    {mode === 'member' ? (
                      <Link to={`/targeting/indicators/${encodeURIComponent(i.code)}`}>{localName(i, lang)}</Link>
                    ) : (
                      <span>{localName(i, lang)}</span>
                    )}
                  </td>
                  <td data-label={tt('dashboard.count')} className="num" data-testid="indicator-count">
                    {countText(i.count, tt, lang)}
                    {mode === 'member' && typeof i.reached === 'number' && (
                      <div className="reached" data-testid="indicator-reached">
                        {tt('dashboard.reached', { n: i.reached.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB') })}
                      </div>
                    )}
                  </td>
                  <td data-label={tt('dashboard.rate')} className="rate-cell">
                    <span className="num">{rateText(i.rate, lang)}</span>
                    <Bar value={i.rate} max={maxRate} />
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function ChildrenTable({
  figures,
  children,
  chosen,
  mode,
}: {
  figures: AreaFigures;
  children: Map<string, AreaFigures>;
  chosen: SummaryIndicator | undefined;
  mode: DashboardMode;
}) {
  const tt = useTargetingT();
  const { t } = useTranslation();
  const lang = useLang();
  const figure = (code: string) => children.get(code)?.indicators.find((i) => i.code === chosen?.code);
  const maxRate = Math.max(0, ...figures.children.map((c) => figure(c.code)?.rate ?? 0));
  const chosenName = chosen ? localName(chosen, lang) : '';
  return (
    <div className="table-scroll">
      <table className="table responsive compact-figures" data-testid="dashboard-children">
        <thead>
          <tr>
            <th scope="col">{tt('dashboard.children')}</th>
            <th scope="col">{tt('dashboard.population')}</th>
            <th scope="col">{tt('dashboard.households')}</th>
            {chosen ? (
              <>
                <th scope="col">
                  {tt('dashboard.count')} <span className="sr-only">{chosenName}</span>
                </th>
                <th scope="col">
                  {tt('dashboard.rate')} <span className="sr-only">{chosenName}</span>
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {figures.children.map((c) => {
            const f = figure(c.code);
            const known = (c.population ?? 0) > 0;
            return (
              <tr key={c.code}>
                <td className="cell-title">
                  <Link to={dashboardHref(mode, c.code)}>{localName(c, lang)}</Link>
                  <span className="muted small block">
                    {t(`levels.${c.level as 'district'}`)} · {otherName(c, lang)}
                  </span>
                </td>
                <td data-label={tt('dashboard.population')} className="num">
                  {countText(c.population, tt, lang)}
                </td>
                <td data-label={tt('dashboard.households')} className="num">
                  {countText(c.households, tt, lang)}
                </td>
                {chosen ? (
                  <>
                    <td data-label={`${tt('dashboard.count')} · ${chosenName}`} className="num">
                      {f ? countText(f.count, tt, lang) : known ? '…' : '—'}
                    </td>
                    <td data-label={`${tt('dashboard.rate')} · ${chosenName}`} className="rate-cell">
                      {f ? (
                        <>
                          <span className="num">{rateText(f.rate, lang)}</span>
                          <Bar value={f.rate} max={maxRate} />
                        </>
                      ) : known ? (
                        '…'
                      ) : (
                        '—'
                      )}
                    </td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MapSection({ figures, children, chosen, mode }: { figures: AreaFigures; children: Map<string, AreaFigures>; chosen: SummaryIndicator; mode: DashboardMode }) {
  const tt = useTargetingT();
  const lang = useLang();
  const withData = figures.children.filter((c) => children.has(c.code));
  const codes = withData.map((c) => c.code);
  const { points: coords, pending } = useCentroids(codes, true);
  const points: MapPoint[] = useMemo(() => {
    const rateOf = (code: string) => children.get(code)?.indicators.find((i) => i.code === chosen.code) ?? null;
    const rates = codes.map((c) => rateOf(c)?.rate).filter((r): r is number => typeof r === 'number');
    const max = Math.max(0, ...rates);
    const min = Math.min(max, ...rates);
    return withData.flatMap((c) => {
      const at = coords.get(c.code);
      if (!at) return [];
      const f = rateOf(c.code);
      const rate = f?.rate ?? null;
      return [
        {
          code: c.code,
          name: localName(c, lang),
          lat: at.lat,
          lon: at.lon,
          // spread over the areas shown: the lowest rate light and small, the highest dark and big
          weight: rate === null ? null : max > min ? (rate - min) / (max - min) : 0.5,
          label: `${localName(c, lang)}: ${rateText(rate, lang)} (${countText(f?.count ?? null, tt, lang)})`,
          href: dashboardHref(mode, c.code),
        },
      ];
    });
    // codes and withData follow figures and children
  }, [coords, children, chosen.code, lang, figures, mode, tt]);

  return (
    <section aria-labelledby="map-title" className="dashboard-section">
      <h2 id="map-title">{tt('dashboard.map')}</h2>
      <p className="muted small">
        {localName(chosen, lang)} · {tt('dashboard.mapHint')}
      </p>
      {pending && points.length === 0 ? <p className="muted">{tt('dashboard.mapLoading')}</p> : null}
      {!pending && points.length === 0 ? <p className="muted">{tt('dashboard.mapNone')}</p> : null}
      {points.length > 0 ? (
        <Suspense fallback={<p className="muted">{tt('dashboard.mapLoading')}</p>}>
          <AreaMap points={points} label={`${tt('dashboard.map')}: ${localName(chosen, lang)}`} openLabel={tt('dashboard.title')} />
          <p className="map-legend" aria-hidden="true">
            <span>{tt('dashboard.mapLegendLow')}</span>
            {MAP_COLOURS.map((c) => (
              <span key={c} className="legend-swatch" style={{ background: c }} />
            ))}
            <span>{tt('dashboard.mapLegendHigh')}</span>
          </p>
        </Suspense>
      ) : null}
    </section>
  );
}

export function DashboardView({ code, mode }: { code: string; mode: DashboardMode }) {
  const tt = useTargetingT();
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const data = useAsync((signal) => summaryOf(mode, code, signal), [mode, code]);
  const figures = data.data?.code === code ? data.data : undefined;
  const crumbs = useCrumbs(mode, code);
  const children = useChildFigures(mode, figures);
  const base = mode === 'public' ? tt('public.title') : tt('dashboard.title');
  usePageTitle(figures ? `${localName(figures, lang)} · ${base}` : base);

  const indicators = figures?.indicators ?? [];
  const byRate = [...indicators].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  const asked = params.get('i');
  const chosen = indicators.find((i) => i.code === asked) ?? byRate[0];
  const trend = useAsync(
    (signal) =>
      chosen ? (mode === 'public' ? targetingApi.publicTrend(code, chosen.code, 12, signal) : targetingApi.trend(code, chosen.code, 12, signal)) : Promise.resolve(null),
    [mode, code, chosen?.code],
  );

  if (data.error) {
    const notFound = data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 400);
    return (
      <div className="page">
        <h1>{base}</h1>
        {notFound ? <Notice kind="error">{tt('dashboard.notFound', { code })}</Notice> : <ErrorBox error={data.error} />}
      </div>
    );
  }
  if (!figures) return <Loading />;

  const dimCount = new Map(figures.dimensions.map((d) => [d.dimension, d.count]));
  const hasSuppressed =
    mode === 'public' &&
    (figures.population === null ||
      figures.indicators.some((i) => i.count === null) ||
      figures.children.some((c) => c.population === null) ||
      figures.dimensions.some((d) => d.count === null));

  return (
    <div className="page dashboard">
      <nav aria-label={base} className="breadcrumbs">
        <ol>
          {crumbs.map((a) => (
            <li key={a.code}>
              <Link to={dashboardHref(mode, a.code)}>{localName(a, lang)}</Link>
            </li>
          ))}
          <li aria-current="page">{localName(figures, lang)}</li>
        </ol>
      </nav>
      <header className="page-header page-header-actions">
        <div>
          <h1>
            {localName(figures, lang)} <span className="badge">{t(`levels.${figures.level as 'district'}`)}</span>
          </h1>
          <p className="muted subtitle">{mode === 'public' ? tt('public.intro') : tt('dashboard.intro')}</p>
        </div>
        {mode === 'member' ? (
          <Link className="button" to={dashboardHref('public', code)}>
            {tt('dashboard.publicVersion')}
          </Link>
        ) : null}
      </header>
      {hasSuppressed ? <Notice kind="info">{tt('dashboard.suppressedNote')}</Notice> : null}

      <dl className="stat-tiles" data-testid="dashboard-totals">
        <div className="stat-tile">
          <dt>{tt('dashboard.population')}</dt>
          <dd>{countText(figures.population, tt, lang)}</dd>
        </div>
        <div className="stat-tile">
          <dt>{tt('dashboard.households')}</dt>
          <dd>{countText(figures.households, tt, lang)}</dd>
        </div>
      </dl>

      <section aria-labelledby="dims-title" className="dashboard-section">
        <h2 id="dims-title">{tt('dashboard.perDimension')}</h2>
        <p className="muted small">{tt('dashboard.perDimensionHint')}</p>
        <dl className="stat-tiles dim-tiles" data-testid="dashboard-dimensions">
          {DIMENSIONS.map((d) => (
            <div key={d} className={`stat-tile dim-tile dim-${d}`}>
              <dt>{dimensionName(d, tt)}</dt>
              <dd>{dimCount.has(d) ? countText(dimCount.get(d) ?? null, tt, lang) : '0'}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="ind-title" className="dashboard-section">
        <h2 id="ind-title">{tt('dashboard.indicators')}</h2>
        <IndicatorTable figures={figures} mode={mode} chosen={chosen?.code ?? ''} />
      </section>

      {chosen ? (
        <section aria-labelledby="trend-title" className="dashboard-section">
          <h2 id="trend-title">{tt('dashboard.trend')}</h2>
          <Field label={tt('dashboard.indicator')} className="indicator-choice">
            {(p) => (
              <select
                {...p}
                name="indicator"
                value={chosen.code}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  next.set('i', e.target.value);
                  setParams(next, { replace: true });
                }}
              >
                {DIMENSIONS.map((d) => {
                  const inDim = indicators.filter((i) => i.dimension === d);
                  return inDim.length ? (
                    <optgroup key={d} label={dimensionName(d, tt)}>
                      {inDim.map((i) => (
                        <option key={i.code} value={i.code}>
                          {localName(i, lang)}
                        </option>
                      ))}
                    </optgroup>
                  ) : null;
                })}
              </select>
            )}
          </Field>
          <p className="muted small">{tt('dashboard.trendHint')}</p>
          {trend.loading ? <Loading /> : null}
          <ErrorBox error={trend.error} />
          {trend.data ? <TrendChart trend={trend.data} title={`${tt('dashboard.chart')}: ${localName(chosen, lang)}`} /> : null}
        </section>
      ) : null}

      {mode === 'member' && chosen && figures.children.some((c) => (c.population ?? 0) > 0) ? (
        <MapSection figures={figures} children={children} chosen={chosen} mode={mode} />
      ) : null}

      <section aria-labelledby="children-title" className="dashboard-section">
        <h2 id="children-title">{tt('dashboard.children')}</h2>
        {figures.children.length === 0 ? (
          <p className="muted">{tt('dashboard.noChildren')}</p>
        ) : (
          <>
            {chosen ? <p className="muted small">{localName(chosen, lang)}</p> : null}
            <ChildrenTable figures={figures} children={children} chosen={chosen} mode={mode} />
          </>
        )}
      </section>
    </div>
  );
}
