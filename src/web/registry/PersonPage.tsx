import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { useRegistryT } from '../i18n/scoped.js';
import { fieldErrors } from '../lib/problem.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { canManageRegistry, isSensitive, PERSON_PROPERTIES, registryApi, type PersonDetail } from './api.js';
import { useAreas } from './areaNames.js';
import { isMissing, personLatinName, personName, propLabel, valueText } from './labels.js';
import { formatDay } from '../lib/dates.js';
import { SourceText, Timeline } from './Timeline.js';
import './registry.css';

/** Fields of the values table, in order: the person's properties with age after the birth date. */
const ROWS: string[] = PERSON_PROPERTIES.flatMap((p) => (p === 'birthYear' ? ['birthYear', 'age'] : [p]));

export function RegistryCrumbs({ current }: { current: string }) {
  const rt = useRegistryT();
  return (
    <nav aria-label={rt('title')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/registry">{rt('title')}</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

function SensitiveBadge() {
  const rt = useRegistryT();
  return (
    <span className="badge badge-sensitive" title={rt('sensitiveHint')}>
      {rt('sensitive')}
    </span>
  );
}

function EraseForm({ person, onErased, onCancel }: { person: PersonDetail; onErased: () => void; onCancel: () => void }) {
  const rt = useRegistryT();
  const { t } = useTranslation();
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = personName(person, rt);
  const matches = confirm.trim() === name.trim();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await registryApi.erase(person.id, reason.trim());
      onErased();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  const fields = fieldErrors(error, lang);
  return (
    <form className="card danger-card" onSubmit={(e) => void submit(e)} aria-labelledby="erase-title">
      <h3 id="erase-title">{rt('person.eraseTitle')}</h3>
      <p className="notice notice-error">{rt('person.eraseWarning')}</p>
      <ErrorBox error={error} fieldShown={(f) => f === 'reason'} />
      <Field label={rt('person.eraseReason')} hint={rt('person.eraseReasonHint')} error={fields.reason}>
        {(p) => <textarea {...p} name="reason" rows={2} required minLength={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={rt('person.eraseConfirm', { name })} error={confirm && !matches ? rt('person.eraseMismatch') : undefined}>
        {(p) => <input {...p} name="confirmName" autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-danger-solid" disabled={busy || !matches || reason.trim().length < 3}>
          {busy ? rt('person.erasing') : rt('person.eraseNow')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** /registry/people/:id: values with where each came from, household, PDPA actions, timeline. */
export function PersonPage() {
  const { id = '' } = useParams();
  const rt = useRegistryT();
  const lang = useLang();
  const { me } = useAuth();
  const data = useAsync((signal) => registryApi.person(id, signal), [id]);
  const person = data.data?.id === id ? data.data : undefined;
  usePageTitle(person ? personName(person, rt) : rt('person.title'));
  const areas = useAreas(person ? [person.areaCode, ...(person.household ? [person.household.areaCode] : [])] : []);
  const [erasing, setErasing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const manage = canManageRegistry(me);

  if (data.error) {
    const notFound = data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 400);
    return (
      <div className="page">
        <RegistryCrumbs current={rt('person.title')} />
        <h1>{rt('person.title')}</h1>
        {notFound ? <Notice kind="error">{rt('notFound')}</Notice> : <ErrorBox error={data.error} />}
      </div>
    );
  }
  if (!person) return <Loading />;

  const record = person as unknown as Record<string, unknown>;
  // the birth year says nothing more when the birth date is known
  const rows = ROWS.filter((k) => k in record && !isMissing(record[k]) && !(k === 'birthYear' && person.birthDate));
  const empty = ROWS.filter((k) => k in record && isMissing(record[k]) && k !== 'age');
  const area = areas.get(person.areaCode);
  const hh = person.household;
  const name = personName(person, rt);
  const latin = personLatinName(person);

  async function unmerge() {
    setBusy(true);
    setActionError(null);
    setMessage(null);
    try {
      await registryApi.unmerge({ personId: person!.id });
      setMessage(rt('person.unmerged'));
      data.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <RegistryCrumbs current={name} />
      <header className="page-header">
        <h1>
          {name}{' '}
          {person.erased ? <span className="badge badge-off">{rt('erasedBadge')}</span> : null}
          {person.mergedInto ? <span className="badge badge-warn">{rt('mergedBadge')}</span> : null}
        </h1>
        {latin ? (
          <p className="muted subtitle" lang="en">
            {latin}
          </p>
        ) : null}
      </header>
      <Notice>{message}</Notice>
      <ErrorBox error={actionError} />
      {person.erased ? <Notice kind="info">{rt('person.erased')}</Notice> : null}
      {person.mergedInto ? (
        <div className="notice notice-info">
          <p>{rt('person.mergedInto')}</p>
          <div className="button-row">
            <Link className="button button-small" to={`/registry/people/${encodeURIComponent(person.mergedInto)}`}>
              {rt('person.openSurvivor')}
            </Link>
            {manage ? (
              <button type="button" className="button button-small" disabled={busy} onClick={() => void unmerge()}>
                {rt('person.unmerge')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      <div className="person-layout">
        <section aria-labelledby="values-title" className="person-values">
          <h2 id="values-title">{rt('person.values')}</h2>
          <div className="table-scroll">
            <table className="table responsive values-table" data-testid="person-values">
              <thead>
                <tr>
                  <th scope="col">{rt('person.property')}</th>
                  <th scope="col">{rt('person.value')}</th>
                  <th scope="col">{rt('person.source')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row" className="values-key">
                    {propLabel('areaCode', rt)}
                  </th>
                  <td data-label={rt('person.value')}>
                    {area ? localName(area, lang) : null} <code className="nowrap">{person.areaCode}</code>
                  </td>
                  <td data-label={rt('person.source')}>{person.sources.areaCode ? <SourceText source={person.sources.areaCode} /> : null}</td>
                </tr>
                {rows.map((k) => {
                  const source = person.sources[k] ?? (k === 'age' ? (person.sources.birthDate ?? person.sources.birthYear) : undefined);
                  return (
                    <tr key={k} className={isSensitive(k) ? 'row-sensitive' : undefined}>
                      <th scope="row" className="values-key">
                        {propLabel(k, rt)}
                      </th>
                      <td data-label={rt('person.value')}>
                        {k === 'age' ? rt('years', { count: person.age ?? 0 }) : valueText(k, record[k], rt, lang)}
                        {isSensitive(k) ? (
                          <>
                            {' '}
                            <SensitiveBadge />
                          </>
                        ) : null}
                      </td>
                      <td data-label={rt('person.source')}>
                        {source ? <SourceText source={source} /> : <span className="muted">{rt('person.noSource')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {empty.length ? (
            <p className="muted small">
              {rt('person.notRecorded')}: {empty.map((k) => propLabel(k, rt)).join(', ')}
            </p>
          ) : null}
          {person.sensitiveShown ? (
            <p className="muted small">
              <SensitiveBadge /> {rt('sensitiveHint')}
            </p>
          ) : (
            <p className="muted small">{rt('sensitiveHidden')}</p>
          )}
          {person.legalBasisRecord ? (
            <p className="muted small" data-testid="legal-basis-record">
              {rt('person.legalBasisRecord', {
                basis: valueText('legalBasis', person.legalBasis, rt, lang),
                by: person.legalBasisRecord.by ?? rt('person.unknownRecorder'),
                at: person.legalBasisRecord.at ? formatDay(person.legalBasisRecord.at, lang) : '',
              })}
              {person.legalBasisRecord.note ? ` (${person.legalBasisRecord.note})` : null}
            </p>
          ) : null}
        </section>

        <aside className="person-side">
          <section className="card" aria-labelledby="household-title">
            <h2 id="household-title">{rt('person.household')}</h2>
            {hh ? (
              <>
                <p className="household-summary">
                  {hh.houseNo ? <strong>{rt('person.houseNo', { houseNo: hh.houseNo })}</strong> : null}
                  {hh.address && hh.address !== hh.houseNo ? <span className="block">{hh.address}</span> : null}
                  <span className="block muted">{areas.get(hh.areaCode) ? localName(areas.get(hh.areaCode), lang) : hh.areaCode}</span>
                </p>
                {person.relationToHead ? (
                  <p className="small">
                    <span className="muted">{rt('household.relation')}:</span> {valueText('relationToHead', person.relationToHead, rt, lang)}
                  </p>
                ) : null}
                <Link className="button button-small" to={`/registry/households/${encodeURIComponent(hh.id)}`}>
                  {rt('person.openHousehold')}
                </Link>
              </>
            ) : (
              <p className="muted">{rt('person.noHousehold')}</p>
            )}
          </section>

          {manage ? (
            <section className="card" aria-labelledby="pdpa-title">
              <h2 id="pdpa-title">{rt('person.pdpa')}</h2>
              <p className="muted small">{rt('person.pdpaIntro')}</p>
              <div className="button-row">
                <a className="button button-small" href={registryApi.exportUrl(person.id, 'json')} download={`person-${person.id}.json`}>
                  {rt('person.exportJson')}
                </a>
                <a className="button button-small" href={registryApi.exportUrl(person.id, 'html')} target="_blank" rel="noopener">
                  {rt('person.exportPrint')}
                </a>
                {!person.erased && !erasing ? (
                  <button type="button" className="button button-small button-danger" onClick={() => setErasing(true)}>
                    {rt('person.erase')}
                  </button>
                ) : null}
              </div>
              {erasing ? (
                <EraseForm
                  person={person}
                  onCancel={() => setErasing(false)}
                  onErased={() => {
                    setErasing(false);
                    setMessage(rt('person.eraseDone'));
                    data.reload();
                  }}
                />
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>

      <Timeline entries={person.timeline} title={rt('person.timeline')} />
    </div>
  );
}
