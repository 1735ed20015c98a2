import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ORGANIZATION_KINDS, type Organization, type OrganizationInput, type OrganizationKind } from '../api.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { ErrorBox, Field, Loading, Notice, StatusBadge, usePageTitle } from '../components/ui.js';
import { fieldErrors } from '../lib/problem.js';
import { localName, otherName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';

const ORG_FIELDS = new Set(['nameTh', 'nameEn', 'kind', 'parentId', 'areaCode']);

type Editing = { mode: 'create' } | { mode: 'edit'; org: Organization } | null;

function OrganizationForm({
  editing,
  organizations,
  onSaved,
  onCancel,
}: {
  editing: Exclude<Editing, null>;
  organizations: Organization[];
  onSaved: (org: Organization, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const original = editing.mode === 'edit' ? editing.org : null;
  const [nameTh, setNameTh] = useState(original?.nameTh ?? '');
  const [nameEn, setNameEn] = useState(original?.nameEn ?? '');
  const [kind, setKind] = useState<OrganizationKind>(original?.kind ?? 'other');
  const [parentId, setParentId] = useState(original?.parentId ?? '');
  const [areaCode, setAreaCode] = useState(original?.areaCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (original) {
        const patch: Partial<OrganizationInput> = {};
        if (nameTh.trim() !== original.nameTh) patch.nameTh = nameTh.trim();
        if (nameEn.trim() !== original.nameEn) patch.nameEn = nameEn.trim();
        if (kind !== original.kind) patch.kind = kind;
        if ((parentId || null) !== original.parentId) patch.parentId = parentId || null;
        if ((areaCode.trim() || null) !== original.areaCode) patch.areaCode = areaCode.trim() || null;
        const saved = Object.keys(patch).length ? await api.updateOrganization(original.id, patch) : original;
        onSaved(saved, false);
      } else {
        const input: OrganizationInput = { nameTh: nameTh.trim(), nameEn: nameEn.trim(), kind };
        if (parentId) input.parentId = parentId;
        if (areaCode.trim()) input.areaCode = areaCode.trim();
        onSaved(await api.createOrganization(input), true);
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error, lang);
  const parents = organizations.filter((o) => o.id !== original?.id && (o.active || o.id === parentId));
  const title = original ? t('organizations.editTitle', { name: localName(original, lang) }) : t('organizations.createTitle');
  return (
    <section className="card form-card" aria-labelledby="org-form-title">
      <h2 id="org-form-title">{title}</h2>
      <ErrorBox error={error} fieldShown={(f) => ORG_FIELDS.has(f)} />
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <Field label={t('common.nameTh')} error={fields.nameTh}>
          {(p) => <input {...p} name="nameTh" lang="th" required autoFocus value={nameTh} onChange={(e) => setNameTh(e.target.value)} />}
        </Field>
        <Field label={t('common.nameEn')} error={fields.nameEn}>
          {(p) => <input {...p} name="nameEn" lang="en" required value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field label={t('organizations.kind')} error={fields.kind}>
          {(p) => (
            <select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind)}>
              {ORGANIZATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('organizations.parent')} optional error={fields.parentId}>
          {(p) => (
            <select {...p} name="parentId" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t('organizations.noParent')}</option>
              {parents.map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AreaCodeField label={t('organizations.areaCode')} name="areaCode" optional value={areaCode} onChange={setAreaCode} error={fields.areaCode} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : original ? t('common.save') : t('common.create')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function OrganizationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('organizations.title'));
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useAsync(() => api.organizations(includeInactive), [includeInactive]);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const formAnchor = useRef<HTMLDivElement>(null);
  const orgs = list.data ?? [];
  const byId = new Map(orgs.map((o) => [o.id, o]));

  function startEdit(next: Editing) {
    setMessage(null);
    setActionError(null);
    setEditing(next);
    requestAnimationFrame(() => formAnchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  async function toggleActive(org: Organization) {
    setMessage(null);
    setActionError(null);
    const name = localName(org, lang);
    if (org.active && !window.confirm(t('common.confirmDeactivate', { name }))) return;
    try {
      const saved = await api.setOrganizationActive(org.id, !org.active);
      list.setData((old) => old?.map((o) => (o.id === saved.id ? saved : o)).filter((o) => includeInactive || o.active));
      setMessage(saved.active ? t('organizations.activated', { name }) : t('organizations.deactivated', { name }));
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('organizations.title')}</h1>
          <p className="muted">{t('organizations.intro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => startEdit({ mode: 'create' })}>
          {t('organizations.create')}
        </button>
      </header>
      <div ref={formAnchor} />
      {editing ? (
        <OrganizationForm
          key={editing.mode === 'edit' ? editing.org.id : 'new'}
          editing={editing}
          organizations={orgs}
          onCancel={() => setEditing(null)}
          onSaved={(org, created) => {
            setEditing(null);
            const name = localName(org, lang);
            setMessage(created ? t('organizations.created', { name }) : t('organizations.updated', { name }));
            list.setData((old) => (created ? [...(old ?? []), org] : old?.map((o) => (o.id === org.id ? org : o))));
          }}
        />
      ) : null}
      <Notice>{message}</Notice>
      <ErrorBox error={actionError} />
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          {t('organizations.includeInactive')}
        </label>
      </div>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data && orgs.length === 0 ? <p className="muted">{t('organizations.empty')}</p> : null}
      {orgs.length > 0 ? (
        <div className="table-scroll">
          <table className="table responsive" data-testid="organizations">
            <thead>
              <tr>
                <th scope="col">{t('organizations.name')}</th>
                <th scope="col">{t('organizations.kind')}</th>
                <th scope="col">{t('organizations.parent')}</th>
                <th scope="col">{t('organizations.area')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((o) => {
                const parent = o.parentId ? byId.get(o.parentId) : undefined;
                return (
                  <tr key={o.id} className={o.active ? undefined : 'row-inactive'}>
                    <td data-label={t('organizations.name')} className="cell-title">
                      <span>{localName(o, lang)}</span>
                      <span className="muted block small">{otherName(o, lang)}</span>
                    </td>
                    <td data-label={t('organizations.kind')}>{t(`kinds.${o.kind}`)}</td>
                    <td data-label={t('organizations.parent')}>{parent ? localName(parent, lang) : t('common.none')}</td>
                    <td data-label={t('organizations.area')}>
                      {o.areaCode ? <Link to={`/areas/${encodeURIComponent(o.areaCode)}`}>{o.areaCode}</Link> : t('common.none')}
                    </td>
                    <td data-label={t('common.status')}>
                      <StatusBadge active={o.active} />
                    </td>
                    <td className="cell-actions">
                      <button type="button" className="button button-small" onClick={() => startEdit({ mode: 'edit', org: o })}>
                        {t('common.edit')}
                        <span className="sr-only"> {localName(o, lang)}</span>
                      </button>
                      <button type="button" className="button button-small" onClick={() => void toggleActive(o)}>
                        {o.active ? t('common.deactivate') : t('common.activate')}
                        <span className="sr-only"> {localName(o, lang)}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
