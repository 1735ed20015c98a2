import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AreaDetail, type AreaSummary } from '../api.js';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { fieldErrors } from '../lib/problem.js';
import { localName, otherName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { AreaTable } from './AreaTable.js';

/** /areas: the user's scopes and the top areas they can see. */
export function AreasIndexPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(t('areas.title'));
  const top = useAsync(() => api.areas(), []);
  const scopes = new Map<string, AreaSummary>();
  for (const m of me?.memberships ?? []) {
    if (!scopes.has(m.areaScope)) scopes.set(m.areaScope, m.area ?? { code: m.areaScope, nameTh: m.areaScope, nameEn: m.areaScope, level: 'country' });
  }
  return (
    <div className="page">
      <h1>{t('areas.title')}</h1>
      {scopes.size > 0 ? (
        <section aria-labelledby="scopes-title">
          <h2 id="scopes-title">{t('areas.yourScopes')}</h2>
          <ul className="chip-list">
            {[...scopes.values()].map((a) => (
              <li key={a.code}>
                <Link className="chip" to={`/areas/${encodeURIComponent(a.code)}`}>
                  {localName(a, lang)} <span className="muted">({t(`levels.${a.level}`)})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {top.loading ? <Loading /> : null}
      <ErrorBox error={top.error} />
      {top.data ? <AreaTable areas={top.data} title={t('areas.topAreas')} /> : null}
    </div>
  );
}

function Breadcrumbs({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <nav aria-label={t('areas.breadcrumbs')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/areas">{t('areas.allAreas')}</Link>
        </li>
        {area.ancestors.map((a) => (
          <li key={a.code}>
            <Link to={`/areas/${encodeURIComponent(a.code)}`}>{localName(a, lang)}</Link>
          </li>
        ))}
        <li aria-current="page">{localName(area, lang)}</li>
      </ol>
    </nav>
  );
}

function formatCoord(n: number): string {
  return String(Number(n.toFixed(5)));
}

const COMMUNITY_FIELDS = new Set(['localCode', 'code', 'nameTh', 'nameEn', 'lat', 'lon']);

function AddCommunityForm({ subdistrict, onAdded }: { subdistrict: AreaDetail; onAdded: (area: AreaDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [localCode, setLocalCode] = useState('');
  const [nameTh, setNameTh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const created = await api.addCommunity(subdistrict.code, {
        localCode: localCode.trim(),
        nameTh: nameTh.trim(),
        nameEn: nameEn.trim(),
        ...(lat.trim() ? { lat: Number(lat) } : {}),
        ...(lon.trim() ? { lon: Number(lon) } : {}),
      });
      setDone(t('areas.communityAdded', { name: localName(created, lang), code: created.code }));
      setLocalCode('');
      setNameTh('');
      setNameEn('');
      setLat('');
      setLon('');
      onAdded(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const fields = fieldErrors(error, lang);
  // a duplicate community is reported on the whole code
  if (fields.code && !fields.localCode) fields.localCode = fields.code;
  return (
    <section className="card form-card" aria-labelledby="add-community-title">
      <h2 id="add-community-title">{t('areas.addCommunity')}</h2>
      <p className="muted">{t('areas.addCommunityIntro', { code: subdistrict.code })}</p>
      <Notice>{done}</Notice>
      <ErrorBox error={error} fieldShown={(f) => COMMUNITY_FIELDS.has(f)} />
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <Field label={t('areas.localCode')} hint={t('areas.localCodeHint')} error={fields.localCode}>
          {(p) => (
            <input
              {...p}
              name="localCode"
              required
              pattern="[A-Za-z0-9]{1,12}"
              maxLength={12}
              autoComplete="off"
              value={localCode}
              onChange={(e) => setLocalCode(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('common.nameTh')} error={fields.nameTh}>
          {(p) => <input {...p} name="nameTh" lang="th" required value={nameTh} onChange={(e) => setNameTh(e.target.value)} />}
        </Field>
        <Field label={t('common.nameEn')} error={fields.nameEn}>
          {(p) => <input {...p} name="nameEn" lang="en" required value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field label={t('areas.lat')} optional error={fields.lat}>
          {(p) => (
            <input {...p} name="lat" type="number" step="any" min={-90} max={90} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
          )}
        </Field>
        <Field label={t('areas.lon')} optional error={fields.lon}>
          {(p) => (
            <input {...p} name="lon" type="number" step="any" min={-180} max={180} inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** /areas/:code: one area, its path, its details and its children. */
export function AreaPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const data = useAsync(
    async (signal) => {
      const [area, children] = await Promise.all([api.area(code, signal), api.areas(code)]);
      return { area, children };
    },
    [code],
  );
  const area = data.data?.area.code === code ? data.data.area : undefined;
  usePageTitle(area ? localName(area, lang) : t('areas.title'));

  if (data.error) {
    const notFound = data.error instanceof ApiError && data.error.status === 404;
    return (
      <div className="page">
        <nav aria-label={t('areas.breadcrumbs')} className="breadcrumbs">
          <ol>
            <li>
              <Link to="/areas">{t('areas.allAreas')}</Link>
            </li>
          </ol>
        </nav>
        <h1>{t('areas.title')}</h1>
        {notFound ? <Notice kind="error">{t('areas.notFound', { code })}</Notice> : <ErrorBox error={data.error} />}
      </div>
    );
  }
  if (!area || !data.data) return <Loading />;
  const children = data.data.children;

  return (
    <div className="page">
      <Breadcrumbs area={area} />
      <header className="page-header">
        <h1>
          {localName(area, lang)} <span className="badge">{t(`levels.${area.level}`)}</span>
        </h1>
        <p className="muted subtitle" lang={lang === 'en' ? 'th' : 'en'}>
          {otherName(area, lang)}
        </p>
      </header>
      <section className="card" aria-labelledby="area-details-title">
        <h2 id="area-details-title" className="sr-only">
          {t('areas.details')}
        </h2>
        <dl className="pairs pairs-wide">
          <div>
            <dt>{t('areas.level')}</dt>
            <dd>{t(`levels.${area.level}`)}</dd>
          </div>
          <div>
            <dt>{t('areas.code')}</dt>
            <dd>
              <code>{area.code}</code>
            </dd>
          </div>
          {area.postcode ? (
            <div>
              <dt>{t('areas.postcode')}</dt>
              <dd>{area.postcode}</dd>
            </div>
          ) : null}
          {area.lat !== null && area.lon !== null && area.lat !== undefined && area.lon !== undefined ? (
            <div>
              <dt>{t('areas.location')}</dt>
              <dd>
                <a
                  href={`https://www.openstreetmap.org/?mlat=${area.lat}&mlon=${area.lon}#map=14/${area.lat}/${area.lon}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={t('areas.openMap')}
                >
                  {formatCoord(area.lat)}, {formatCoord(area.lon)}
                </a>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('areas.childCountLabel')}</dt>
            <dd>{area.childCount ?? children.length}</dd>
          </div>
        </dl>
      </section>
      <AreaTable key={area.code} areas={children} title={t('areas.childrenCount', { count: children.length })} />
      {area.level === 'subdistrict' && me?.permissions.manageAreas ? (
        <AddCommunityForm
          subdistrict={area}
          onAdded={(created) =>
            data.setData((old) =>
              old
                ? {
                    area: { ...old.area, childCount: (old.area.childCount ?? 0) + 1 },
                    children: [...old.children, { code: created.code, nameTh: created.nameTh, nameEn: created.nameEn, level: created.level }],
                  }
                : old,
            )
          }
        />
      ) : null}
    </div>
  );
}
