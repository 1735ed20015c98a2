import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AreaSummary } from '../api.js';
import { localName, otherName, useLang } from '../lib/lang.js';

function normalise(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** A filterable list of areas, each a link to its own page. */
export function AreaTable({ areas, title }: { areas: AreaSummary[]; title: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const shown = useMemo(() => {
    const q = normalise(filter);
    if (!q) return areas;
    return areas.filter(
      (a) => normalise(a.nameTh).includes(q) || normalise(a.nameEn).includes(q) || a.code.toLowerCase().startsWith(q),
    );
  }, [areas, filter]);
  const headingId = `${filterId}-heading`;

  return (
    <section className="area-children" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {areas.length === 0 ? (
        <p className="muted">{t('areas.noChildren')}</p>
      ) : (
        <>
          <div className="filter-row">
            <label htmlFor={filterId}>{t('areas.filter')}</label>
            <input
              id={filterId}
              type="search"
              value={filter}
              placeholder={t('areas.filterPlaceholder')}
              autoComplete="off"
              onChange={(e) => setFilter(e.target.value)}
            />
            <p className="muted small" aria-live="polite">
              {filter ? t('areas.filtered', { shown: shown.length, total: areas.length }) : t('common.showing', { count: areas.length })}
            </p>
          </div>
          {shown.length === 0 ? (
            <p className="muted">{t('common.noResults')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table responsive compact" data-testid="area-children">
                <thead>
                  <tr>
                    <th scope="col">{t('areas.name')}</th>
                    <th scope="col">{lang === 'en' ? t('common.nameTh') : t('common.nameEn')}</th>
                    <th scope="col">{t('areas.level')}</th>
                    <th scope="col">{t('areas.code')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.code}>
                      <td data-label={t('areas.name')} className="cell-title">
                        <Link to={`/areas/${encodeURIComponent(a.code)}`}>{localName(a, lang)}</Link>
                      </td>
                      <td data-label={lang === 'en' ? t('common.nameTh') : t('common.nameEn')}>{otherName(a, lang)}</td>
                      <td data-label={t('areas.level')}>{t(`levels.${a.level}`)}</td>
                      <td data-label={t('areas.code')}>
                        <code>{a.code}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
