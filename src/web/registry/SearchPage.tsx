import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { ErrorBox, Field, Loading, LoadMore, usePageTitle } from '../components/ui.js';
import { useRegistryT } from '../i18n/scoped.js';
import { localName, useLang } from '../lib/lang.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { canManageRegistry, registryApi, type Person } from './api.js';
import { useAreas } from './areaNames.js';
import { ageSex, formErrors, maskId, personLatinName, personName, shownBeside } from './labels.js';
import './registry.css';

const PAGE_SIZE = 30;

/** One person in a list: a link to their page with name, age, sex, area and a masked ID. */
export function PersonItem({ person, areaName }: { person: Person; areaName?: string | undefined }) {
  const rt = useRegistryT();
  const lang = useLang();
  const latin = personLatinName(person);
  return (
    <li>
      <Link className="person-item card" to={`/registry/people/${encodeURIComponent(person.id)}`}>
        <span className="person-item-name">
          {personName(person, rt)}
          {latin ? <span className="muted person-item-latin"> {latin}</span> : null}
          {person.erased ? <span className="badge badge-off">{rt('erasedBadge')}</span> : null}
          {person.mergedInto ? <span className="badge badge-warn">{rt('mergedBadge')}</span> : null}
        </span>
        <span className="person-item-meta muted">
          <span>{ageSex(person, rt, lang)}</span>
          <span>{areaName ?? person.areaCode}</span>
          {person.idNumber ? (
            <span>
              <span className="sr-only">{rt('idNumber')} </span>
              <span className="mono">{maskId(person.idNumber)}</span>
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

/** /registry: one search box (name, ID or house number) and an area filter; results best first. */
export function SearchPage() {
  const rt = useRegistryT();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(rt('title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const area = params.get('area') ?? '';
  const [qInput, setQInput] = useState(q);
  const [areaInput, setAreaInput] = useState(area);
  useEffect(() => {
    setQInput(q);
    setAreaInput(area);
  }, [q, area]);

  // the server's order is the ranking: later pages are appended as they come
  const { first, items, more } = useCursorPages((cursor, signal) => registryApi.people({ q, area, limit: PAGE_SIZE, cursor }, signal), [q, area]);
  const areas = useAreas(items.map((p) => p.areaCode));

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (qInput.trim()) next.set('q', qInput.trim());
    if (areaInput.trim()) next.set('area', areaInput.trim());
    setParams(next);
  }

  const fields = formErrors(first.error, lang);
  const manage = canManageRegistry(me);
  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{rt('title')}</h1>
          <p className="muted">{rt('intro')}</p>
        </div>
        {manage ? (
          <div className="button-row header-buttons">
            <Link className="button" to="/registry/import">
              {rt('importList')}
            </Link>
            <Link className="button" to="/duplicates">
              {rt('reviewDuplicates')}
            </Link>
          </div>
        ) : null}
      </header>

      <form className="filters rj-filters registry-search" role="search" onSubmit={submit}>
        <Field label={rt('searchLabel')} className="filter-grow" error={fields.q}>
          {(p) => (
            <input
              {...p}
              type="search"
              name="q"
              autoComplete="off"
              placeholder={rt('searchPlaceholder')}
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
            />
          )}
        </Field>
        <AreaCodeField label={rt('areaFilter')} optional name="area" value={areaInput} onChange={setAreaInput} error={fields.area} />
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {rt('search')}
          </button>
        </div>
      </form>

      {first.loading ? <Loading /> : null}
      <ErrorBox error={first.error} fieldShown={shownBeside('q', 'area')} />
      {!first.loading && !first.error ? (
        <p className="muted small" aria-live="polite">
          {items.length === 0 ? (q ? rt('noResults') : rt('empty')) : `${q ? rt('resultsIntro') : rt('listIntro')} · ${rt('shown', { count: items.length })}`}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="plain person-list" data-testid="people">
          {items.map((p) => {
            const a = areas.get(p.areaCode);
            return <PersonItem key={p.id} person={p} areaName={a ? localName(a, lang) : undefined} />;
          })}
        </ul>
      ) : null}
      <LoadMore more={more} />
    </div>
  );
}
