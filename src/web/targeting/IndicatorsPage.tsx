import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Loading, usePageTitle } from '../components/ui.js';
import { useRegistryT, useTargetingT } from '../i18n/scoped.js';
import { localName, otherName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useAreas } from '../registry/areaNames.js';
import { DIMENSIONS, targetingApi, type Indicator } from './api.js';
import { canManageIndicators, countText, dimensionName, homeArea } from './common.js';
import '../registry/registry.css';

function IndicatorCard({ indicator, count, areaName, manage }: { indicator: Indicator; count: number | null | undefined; areaName: string; manage: boolean }) {
  const tt = useTargetingT();
  const rt = useRegistryT();
  const lang = useLang();
  const description = lang === 'en' ? indicator.descriptionEn || indicator.descriptionTh : indicator.descriptionTh || indicator.descriptionEn;
  return (
    <li className={`card indicator-card${indicator.active ? '' : ' indicator-inactive'}`} data-testid="indicator" data-code={indicator.code}>
      <h3 className="indicator-name">{localName(indicator, lang)}</h3>
      <p className="muted small indicator-other" lang={lang === 'en' ? 'th' : 'en'}>
        {otherName(indicator, lang)}
      </p>
      <p className="badges">
        <span className="badge">{tt(`targets.${indicator.target}`)}</span>
        {indicator.sensitive ? <span className="badge badge-sensitive">{rt('sensitive')}</span> : null}
        {indicator.builtin ? <span className="badge badge-off">{tt('indicators.builtin')}</span> : null}
        {!indicator.active ? <span className="badge badge-warn">{tt('indicators.inactive')}</span> : null}
        <span className="muted small">{tt('indicators.version', { version: indicator.version })}</span>
      </p>
      {description ? <p className="indicator-description">{description}</p> : null}
      {count !== undefined && indicator.active ? (
        <p className="indicator-count">
          <strong>{tt('indicators.flaggedIn', { count: countText(count, tt, lang), unit: tt(`units.${indicator.target}`), area: areaName })}</strong>
        </p>
      ) : null}
      <details className="rule-details">
        <summary>{tt('indicators.rule')}</summary>
        <code className="rule-code">{indicator.rule}</code>
      </details>
      <div className="button-row">
        <Link className="button button-small" to={`/targeting/indicators/${encodeURIComponent(indicator.code)}`}>
          {tt('indicators.openList')}
        </Link>
        {manage ? (
          <Link className="button button-small" to={`/targeting/indicators/${encodeURIComponent(indicator.code)}/edit`}>
            {tt('indicators.edit')}
            <span className="sr-only"> {localName(indicator, lang)}</span>
          </Link>
        ) : null}
      </div>
    </li>
  );
}

/** /targeting: the indicators, grouped by the five dimensions, with how many each flags in the user's area. */
export function IndicatorsPage() {
  const tt = useTargetingT();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(tt('indicators.title'));
  const home = homeArea(me);
  const list = useAsync((signal) => targetingApi.indicators(signal), []);
  const summary = useAsync((signal) => targetingApi.summary(home, signal).catch(() => null), [home]);
  const areas = useAreas(home === 'TH' ? [] : [home]);
  const areaName = home === 'TH' ? tt('dashboard.allAreas') : areas.get(home) ? localName(areas.get(home), lang) : summary.data ? localName(summary.data, lang) : home;
  const counts = new Map((summary.data?.indicators ?? []).map((i) => [i.code, i.count]));
  const manage = canManageIndicators(me);
  const indicators = list.data ?? [];
  const dims = [...DIMENSIONS, ...new Set(indicators.map((i) => i.dimension).filter((d) => !(DIMENSIONS as readonly string[]).includes(d)))];

  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{tt('indicators.title')}</h1>
          <p className="muted">{tt('indicators.intro')}</p>
        </div>
        <div className="button-row header-buttons">
          <Link className="button" to="/targeting/list">
            {tt('indicators.buildList')}
          </Link>
          {manage ? (
            <Link className="button button-primary" to="/targeting/indicators/new">
              {tt('indicators.newIndicator')}
            </Link>
          ) : null}
        </div>
      </header>
      {list.loading ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data
        ? dims.map((d) => {
            const inDim = indicators.filter((i) => i.dimension === d);
            return (
              <section key={d} aria-labelledby={`dim-${d}`} className="dimension-section">
                <h2 id={`dim-${d}`} className={`dimension-title dim-${d}`}>
                  {dimensionName(d, tt)}
                </h2>
                {inDim.length === 0 ? (
                  <p className="muted">{tt('indicators.empty')}</p>
                ) : (
                  <ul className="plain indicator-grid">
                    {inDim.map((i) => (
                      <IndicatorCard key={i.code} indicator={i} count={summary.data ? (counts.get(i.code) ?? 0) : undefined} areaName={areaName} manage={manage} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })
        : null}
    </div>
  );
}
