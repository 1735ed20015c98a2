import { Link, useParams } from 'react-router';
import { ApiError } from '../api.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { useRegistryT } from '../i18n/scoped.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { registryApi } from './api.js';
import { useAreas } from './areaNames.js';
import { isMissing, personName, propLabel, valueText } from './labels.js';
import { RegistryCrumbs } from './PersonPage.js';
import { Timeline } from './Timeline.js';
import './registry.css';

/** /registry/households/:id: the household's details, its members and its history. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const rt = useRegistryT();
  const lang = useLang();
  const data = useAsync((signal) => registryApi.household(id, signal), [id]);
  const hh = data.data?.id === id ? data.data : undefined;
  const title = hh?.houseNo ? rt('household.titleHouse', { houseNo: hh.houseNo }) : rt('household.title');
  usePageTitle(title);
  const areas = useAreas(hh ? [hh.areaCode] : []);

  if (data.error) {
    const notFound = data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 400);
    return (
      <div className="page">
        <RegistryCrumbs current={rt('household.title')} />
        <h1>{rt('household.title')}</h1>
        {notFound ? <Notice kind="error">{rt('householdNotFound')}</Notice> : <ErrorBox error={data.error} />}
      </div>
    );
  }
  if (!hh) return <Loading />;
  const area = areas.get(hh.areaCode);
  const details: [string, string][] = (['address', 'moo', 'community', 'tenure', 'monthlyIncome'] as const)
    .filter((k) => !isMissing(hh[k]))
    .map((k) => [propLabel(k, rt), valueText(k, hh[k], rt, lang)]);

  return (
    <div className="page">
      <RegistryCrumbs current={title} />
      <header className="page-header">
        <h1>{title}</h1>
        <p className="muted subtitle">
          {area ? `${localName(area, lang)} · ` : ''}
          <code>{hh.areaCode}</code>
        </p>
      </header>

      <section className="card" aria-labelledby="hh-details-title">
        <h2 id="hh-details-title" className="sr-only">
          {rt('household.details')}
        </h2>
        <dl className="pairs pairs-wide household-pairs">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {hh.lat !== null && hh.lon !== null ? (
            <div>
              <dt>{rt('household.location')}</dt>
              <dd>
                <a href={`https://www.openstreetmap.org/?mlat=${hh.lat}&mlon=${hh.lon}#map=18/${hh.lat}/${hh.lon}`} target="_blank" rel="noopener noreferrer">
                  {hh.lat.toFixed(5)}, {hh.lon.toFixed(5)}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{hh.members.length ? rt('household.members', { count: hh.members.length }) : rt('household.noMembers')}</h2>
        {hh.members.length ? (
          <div className="table-scroll">
            <table className="table responsive" data-testid="members">
              <thead>
                <tr>
                  <th scope="col">{rt('name')}</th>
                  <th scope="col">{rt('household.relation')}</th>
                  <th scope="col">{propLabel('age', rt)}</th>
                  <th scope="col">{propLabel('sex', rt)}</th>
                </tr>
              </thead>
              <tbody>
                {hh.members.map((m) => (
                  <tr key={m.id}>
                    <td className="cell-title">
                      <Link to={`/registry/people/${encodeURIComponent(m.id)}`}>{personName(m, rt)}</Link>
                    </td>
                    <td data-label={rt('household.relation')}>{valueText('relationToHead', m.relationToHead, rt, lang) || '—'}</td>
                    <td data-label={propLabel('age', rt)}>{m.age !== null ? rt('years', { count: m.age }) : '—'}</td>
                    <td data-label={propLabel('sex', rt)}>{valueText('sex', m.sex, rt, lang) || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <Timeline entries={hh.timeline} title={rt('household.timeline')} />
    </div>
  );
}
