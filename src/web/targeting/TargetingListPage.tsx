import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { Field, ListStatus, LoadMore, usePageTitle } from '../components/ui.js';
import { useRegistryT, useTargetingT } from '../i18n/scoped.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { useAreas } from '../registry/areaNames.js';
import { ageSex, evidenceText, formErrors, shownBeside } from '../registry/labels.js';
import { DIMENSIONS, targetingApi, type TargetFilter } from './api.js';
import { dimensionName, ExportButtons, TargetingCrumbs, TargetTable } from './common.js';
import '../registry/registry.css';

const PAGE_SIZE = 50;

function filterFrom(params: URLSearchParams): TargetFilter {
  const n = Number(params.get('n') ?? '1');
  return {
    target: params.get('t') === 'households' ? 'households' : 'people',
    indicators: (params.get('i') ?? '').split(',').filter(Boolean),
    dimension: params.get('d') ?? undefined,
    minDimensions: Number.isInteger(n) && n >= 1 && n <= 5 ? n : 1,
    area: params.get('area') ?? undefined,
  };
}

function paramsFrom(f: TargetFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.target === 'households') p.set('t', 'households');
  if (f.indicators?.length) p.set('i', f.indicators.join(','));
  if (f.dimension) p.set('d', f.dimension);
  if (f.minDimensions && f.minDimensions > 1) p.set('n', String(f.minDimensions));
  if (f.area) p.set('area', f.area);
  return p;
}

/** /targeting/list: people or households by indicators, a dimension or at least N dimensions; export. */
export function TargetingListPage() {
  const tt = useTargetingT();
  const rt = useRegistryT();
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(tt('list.title'));
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const key = params.toString();
  const [draft, setDraft] = useState<TargetFilter>(filter);
  useEffect(() => setDraft(filterFrom(new URLSearchParams(key))), [key]);
  const indicators = useAsync((signal) => targetingApi.indicators(signal), []);
  const { first, items, more } = useCursorPages(
    (cursor, signal) => targetingApi.targets(filterFrom(new URLSearchParams(key)), { limit: PAGE_SIZE, cursor }, signal),
    [key],
  );
  const areas = useAreas(items.map((r) => r.areaCode));
  const byCode = new Map((indicators.data ?? []).map((i) => [i.code, i]));
  const draftTarget = draft.target === 'households' ? 'household' : 'person';
  const choosable = (indicators.data ?? []).filter((i) => i.active && i.target === draftTarget);

  function apply(e: FormEvent) {
    e.preventDefault();
    setParams(paramsFrom({ ...draft, area: draft.area?.trim() || undefined }));
  }

  const toggle = (code: string) =>
    setDraft((d) => {
      const now = d.indicators ?? [];
      return { ...d, indicators: now.includes(code) ? now.filter((c) => c !== code) : [...now, code] };
    });
  const fields = formErrors(first.error, lang);
  const households = filter.target === 'households';

  return (
    <div className="page">
      <TargetingCrumbs current={tt('list.title')} />
      <header className="page-header">
        <h1>{tt('list.title')}</h1>
        <p className="muted">{tt('list.intro')}</p>
      </header>

      <form className="filters rj-filters targeting-filters" onSubmit={apply}>
        <Field label={tt('list.target')}>
          {(p) => (
            <select
              {...p}
              name="target"
              value={draft.target}
              onChange={(e) => setDraft((d) => ({ ...d, target: e.target.value === 'households' ? 'households' : 'people', indicators: [] }))}
            >
              <option value="people">{tt('list.people')}</option>
              <option value="households">{tt('list.households')}</option>
            </select>
          )}
        </Field>
        <Field label={tt('list.dimension')}>
          {(p) => (
            <select {...p} name="dimension" value={draft.dimension ?? ''} onChange={(e) => setDraft((d) => ({ ...d, dimension: e.target.value || undefined }))}>
              <option value="">{tt('list.anyDimension')}</option>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {dimensionName(d, tt)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={tt('list.minDimensions')} hint={tt('list.minDimensionsHint')}>
          {(p) => (
            <select {...p} name="minDimensions" value={draft.minDimensions ?? 1} onChange={(e) => setDraft((d) => ({ ...d, minDimensions: Number(e.target.value) }))}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {tt('list.minDimensionsValue', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AreaCodeField label={rt('areaFilter')} optional name="area" value={draft.area ?? ''} onChange={(v) => setDraft((d) => ({ ...d, area: v }))} error={fields.area} />
        <fieldset className="indicator-picks">
          <legend>
            {tt('list.indicators')} <span className="muted small">({tt('list.anyIndicator')})</span>
          </legend>
          <div className="pick-grid">
            {choosable.map((i) => (
              <label key={i.code} className="check pick">
                <input type="checkbox" checked={draft.indicators?.includes(i.code) ?? false} onChange={() => toggle(i.code)} />
                <span>
                  {localName(i, lang)} <span className="muted small">· {dimensionName(i.dimension, tt)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t('common.apply')}
          </button>
        </div>
      </form>
      <ExportButtons filter={filter} />

      <ListStatus first={first} count={items.length} empty={tt('list.empty')} fieldShown={shownBeside('area')} />
      {items.length ? (
        <TargetTable testId="targets" count={items.length} households={households} fourth={tt('list.dimensionsCount')}>
          {items.map((r) => {
            const a = areas.get(r.areaCode);
            return (
              <tr key={r.id}>
                <td className="cell-title">
                  {households ? (
                    <Link to={`/registry/households/${encodeURIComponent(r.id)}`}>{r.houseNo ?? r.id.slice(0, 8)}</Link>
                  ) : (
                    <Link to={`/registry/people/${encodeURIComponent(r.id)}`}>{[r.firstName, r.lastName].filter(Boolean).join(' ') || r.id.slice(0, 8)}</Link>
                  )}
                </td>
                {households ? null : <td data-label={rt('ageSex')}>{ageSex(r, rt, lang)}</td>}
                <td data-label={rt('area')}>{a ? localName(a, lang) : r.areaCode}</td>
                <td data-label={tt('list.dimensionsCount')}>{r.dimensions}</td>
                <td data-label={tt('members.evidence')}>
                  <ul className="plain evidence-list">
                    {r.indicators.map((c) => {
                      const ind = byCode.get(c);
                      return (
                        <li key={c}>
                          <span className="evidence-indicator">{ind ? localName(ind, lang) : c}</span>
                          <span className="muted"> — {evidenceText(r.evidence[c], rt, lang, tt('evidence.missing'))}</span>
                        </li>
                      );
                    })}
                  </ul>
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
