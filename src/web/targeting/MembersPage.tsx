import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { ListStatus, LoadMore, Notice, usePageTitle } from '../components/ui.js';
import { useRegistryT, useTargetingT } from '../i18n/scoped.js';
import { formatDay } from '../lib/dates.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { useAreas } from '../registry/areaNames.js';
import { ageSex, evidenceText, formErrors, personName, shownBeside } from '../registry/labels.js';
import { targetingApi } from './api.js';
import { canManageIndicators, dimensionName, ExportButtons, TargetingCrumbs, TargetTable } from './common.js';
import '../registry/registry.css';

const PAGE_SIZE = 50;

/** /targeting/indicators/:code: who an indicator flags in an area, with the evidence in words. */
export function MembersPage() {
  const { code = '' } = useParams();
  const tt = useTargetingT();
  const rt = useRegistryT();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const location = useLocation();
  const flash = (location.state as { message?: string } | null)?.message ?? null;
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? '';
  const [areaInput, setAreaInput] = useState(area);
  useEffect(() => setAreaInput(area), [area]);
  const list = useAsync((signal) => targetingApi.indicators(signal), []);
  const indicator = list.data?.find((i) => i.code === code);
  const { first, items, more } = useCursorPages(
    (cursor, signal) => targetingApi.members(code, { area: area || undefined, limit: PAGE_SIZE, cursor }, signal),
    [code, area],
  );
  const name = indicator ? localName(indicator, lang) : first.data ? localName(first.data.indicator, lang) : code;
  usePageTitle(tt('members.title', { name }));
  const target = indicator?.target ?? first.data?.indicator.target ?? 'person';
  const areas = useAreas(items.map((m) => m.person?.areaCode ?? m.household?.areaCode ?? '').filter(Boolean));

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (areaInput.trim()) next.set('area', areaInput.trim());
    setParams(next);
  }

  const description = indicator ? (lang === 'en' ? indicator.descriptionEn || indicator.descriptionTh : indicator.descriptionTh || indicator.descriptionEn) : null;
  const fields = formErrors(first.error, lang);
  const areaText = (c: string) => {
    const a = areas.get(c);
    return a ? localName(a, lang) : c;
  };
  return (
    <div className="page">
      <TargetingCrumbs current={name} />
      <header className="page-header page-header-actions">
        <div>
          <h1>{tt('members.title', { name })}</h1>
          {indicator ? (
            <p className="badges">
              <span className="badge">{dimensionName(indicator.dimension, tt)}</span>
              <span className="badge">{tt(`targets.${indicator.target}`)}</span>
              {indicator.sensitive ? <span className="badge badge-sensitive">{rt('sensitive')}</span> : null}
            </p>
          ) : null}
          {description ? <p className="muted">{description}</p> : null}
          {indicator ? <code className="rule-code">{indicator.rule}</code> : null}
        </div>
        {canManageIndicators(me) && indicator ? (
          <Link className="button" to={`/targeting/indicators/${encodeURIComponent(code)}/edit`}>
            {tt('indicators.edit')}
          </Link>
        ) : null}
      </header>
      <Notice>{flash}</Notice>

      <form className="filters rj-filters" onSubmit={apply}>
        <AreaCodeField label={rt('areaFilter')} optional name="area" value={areaInput} onChange={setAreaInput} error={fields.area} />
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('common.apply')}
          </button>
        </div>
      </form>
      <ExportButtons filter={{ target: target === 'household' ? 'households' : 'people', indicators: [code], area: area || undefined }} />

      <ListStatus first={first} count={items.length} empty={tt('members.empty')} fieldShown={shownBeside('area')} />
      {items.length ? (
        <TargetTable testId="flagged" count={items.length} households={target === 'household'} fourth={tt('members.since')}>
          {items.map((m) => {
            const areaCode = m.person?.areaCode ?? m.household?.areaCode ?? '';
            return (
              <tr key={m.id}>
                <td className="cell-title">
                  {m.person ? (
                    <Link to={`/registry/people/${encodeURIComponent(m.id)}`}>{personName(m.person, rt)}</Link>
                  ) : (
                    <Link to={`/registry/households/${encodeURIComponent(m.id)}`}>{m.household?.houseNo ?? m.household?.address ?? m.id.slice(0, 8)}</Link>
                  )}
                </td>
                {target === 'person' ? (
                  <td data-label={rt('ageSex')} className="nowrap">
                    {m.person ? ageSex(m.person, rt, lang) : '—'}
                  </td>
                ) : null}
                <td data-label={rt('area')}>{areaText(areaCode)}</td>
                <td data-label={tt('members.since')} className="nowrap">
                  {formatDay(m.since, lang)}
                </td>
                <td data-label={tt('members.evidence')} className="evidence">
                  {evidenceText(m.evidence, rt, lang, tt('evidence.missing'))}
                </td>
              </tr>
            );
          })}
        </TargetTable>
      ) : null}
      <LoadMore more={more} />
    </div>
  );
}
