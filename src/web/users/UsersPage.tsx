import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { api, type Locale, type Organization, type User, type UserCreate, type UserPatch } from '../api.js';
import { ErrorBox, Field, ListStatus, LoadMore, Notice, StatusBadge, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { fieldErrors } from '../lib/problem.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { MembershipsEditor, newRow, type MembershipRow } from './MembershipsEditor.js';

const PAGE_SIZE = 50;

/** Fields the user form shows errors beside. */
function userFieldShown(field: string): boolean {
  return ['email', 'displayName', 'password', 'locale', 'memberships'].includes(field) || /^memberships\.\d+\.(organizationId|role|areaScope)$/.test(field);
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

function UserForm({
  editing,
  organizations,
  onSaved,
  onCancel,
}: {
  editing: Exclude<Editing, null>;
  organizations: Organization[];
  onSaved: (user: User, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const original = editing.mode === 'edit' ? editing.user : null;
  const [email, setEmail] = useState(original?.email ?? '');
  const [displayName, setDisplayName] = useState(original?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<Locale>(original?.locale ?? 'th');
  const [rows, setRows] = useState<MembershipRow[]>(() =>
    original && original.memberships.length > 0
      ? original.memberships.map((m) => newRow({ organizationId: m.organizationId, role: m.role, areaScope: m.areaScope }))
      : [newRow()],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setLocalError(null);
    const memberships = rows
      .filter((r) => r.organizationId || r.areaScope.trim())
      .map((r) => ({ organizationId: r.organizationId, role: r.role, areaScope: r.areaScope.trim() }));
    if (!original && memberships.length === 0) {
      setLocalError(t('users.needMembership'));
      return;
    }
    setBusy(true);
    try {
      if (original) {
        const patch: UserPatch = {};
        if (displayName.trim() !== original.displayName) patch.displayName = displayName.trim();
        if (locale !== original.locale) patch.locale = locale;
        if (password) patch.password = password;
        const before = JSON.stringify(original.memberships.map((m) => [m.organizationId, m.role, m.areaScope]));
        const after = JSON.stringify(memberships.map((m) => [m.organizationId, m.role, m.areaScope]));
        if (before !== after) patch.memberships = memberships;
        const saved = Object.keys(patch).length ? await api.updateUser(original.id, patch) : original;
        onSaved(saved, false);
      } else {
        const input: UserCreate = { email: email.trim(), displayName: displayName.trim(), password, locale, memberships };
        onSaved(await api.createUser(input), true);
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error, lang);
  const title = original ? t('users.editTitle', { name: original.displayName }) : t('users.createTitle');
  return (
    <section className="card form-card" aria-labelledby="user-form-title">
      <h2 id="user-form-title">{title}</h2>
      <ErrorBox error={error} fieldShown={userFieldShown} />
      {localError ? <Notice kind="error">{localError}</Notice> : null}
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <Field label={t('users.email')} error={fields.email}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="off"
                inputMode="email"
                required
                readOnly={Boolean(original)}
                autoFocus={!original}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('users.displayName')} error={fields.displayName}>
            {(p) => (
              <input
                {...p}
                name="displayName"
                required
                autoComplete="off"
                autoFocus={Boolean(original)}
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={original ? t('users.newPassword') : t('users.password')}
            hint={original ? t('users.newPasswordHint') : t('users.passwordHint')}
            error={fields.password}
          >
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="new-password"
                required={!original}
                minLength={10}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('users.locale')} error={fields.locale}>
            {(p) => (
              <select {...p} name="locale" value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'th')}>
                <option value="th" lang="th">
                  {t('lang.th')}
                </option>
                <option value="en" lang="en">
                  {t('lang.en')}
                </option>
              </select>
            )}
          </Field>
        </div>
        <MembershipsEditor rows={rows} onChange={setRows} organizations={organizations} errors={fields} />
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

interface Filters {
  q: string;
  organizationId: string;
  includeInactive: boolean;
}

export function UsersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('users.title'));
  const { me } = useAuth();
  const orgs = useAsync(() => api.organizations(true), []);
  const organizations = orgs.data ?? [];
  const orgById = new Map(organizations.map((o) => [o.id, o]));

  const [qInput, setQInput] = useState('');
  const [filters, setFilters] = useState<Filters>({ q: '', organizationId: '', includeInactive: false });
  const { first, items, setItems, more } = useCursorPages((cursor) => api.users({ ...filters, limit: PAGE_SIZE, cursor }), [filters]);

  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const formAnchor = useRef<HTMLDivElement>(null);

  function startEdit(next: Editing) {
    setMessage(null);
    setActionError(null);
    setEditing(next);
    requestAnimationFrame(() => formAnchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  async function toggleActive(user: User) {
    setMessage(null);
    setActionError(null);
    if (user.active && !window.confirm(t('common.confirmDeactivate', { name: user.displayName }))) return;
    try {
      const saved = await api.setUserActive(user.id, !user.active);
      setItems((old) => old.map((u) => (u.id === saved.id ? saved : u)).filter((u) => filters.includeInactive || u.active));
      setMessage(saved.active ? t('users.activated', { name: saved.displayName }) : t('users.deactivated', { name: saved.displayName }));
    } catch (err) {
      setActionError(err);
    }
  }

  function search(e: FormEvent) {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: qInput.trim() }));
  }

  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('users.title')}</h1>
          <p className="muted">{t('users.intro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => startEdit({ mode: 'create' })}>
          {t('users.create')}
        </button>
      </header>
      <div ref={formAnchor} />
      {editing ? (
        <UserForm
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          editing={editing}
          organizations={organizations}
          onCancel={() => setEditing(null)}
          onSaved={(user, created) => {
            setEditing(null);
            setMessage(created ? t('users.created', { name: user.displayName }) : t('users.updated', { name: user.displayName }));
            setItems((old) => (created ? [user, ...old.filter((u) => u.id !== user.id)] : old.map((u) => (u.id === user.id ? user : u))));
          }}
        />
      ) : null}
      <Notice>{message}</Notice>
      <ErrorBox error={actionError} />
      <ErrorBox error={orgs.error} />

      <form className="filters" role="search" onSubmit={search}>
        <Field label={t('users.search')} className="filter-grow">
          {(p) => (
            <input {...p} type="search" name="q" placeholder={t('users.searchPlaceholder')} value={qInput} onChange={(e) => setQInput(e.target.value)} />
          )}
        </Field>
        <Field label={t('users.organization')}>
          {(p) => (
            <select {...p} name="organizationId" value={filters.organizationId} onChange={(e) => setFilters((f) => ({ ...f, organizationId: e.target.value }))}>
              <option value="">{t('users.allOrganizations')}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
        <label className="check filter-check">
          <input
            type="checkbox"
            checked={filters.includeInactive}
            onChange={(e) => setFilters((f) => ({ ...f, includeInactive: e.target.checked }))}
          />
          {t('users.includeInactive')}
        </label>
      </form>

      <ListStatus first={first} count={items.length} empty={t('users.empty')} />
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table responsive" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.memberships')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                  <td data-label={t('users.displayName')} className="cell-title">
                    <span>{u.displayName}</span>
                    <span className="muted block small">{u.email}</span>
                  </td>
                  <td data-label={t('users.memberships')}>
                    <ul className="plain">
                      {u.memberships.map((m) => (
                        <li key={m.id}>
                          {localName(orgById.get(m.organizationId), lang) || m.organizationId}
                          {' · '}
                          {t(`roles.${m.role}`)}
                          {' · '}
                          <code>{m.areaScope}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={t('users.lastLogin')}>{u.lastLoginAt ? formatDate(u.lastLoginAt, lang) : t('users.never')}</td>
                  <td data-label={t('common.status')}>
                    <StatusBadge active={u.active} />
                  </td>
                  <td className="cell-actions">
                    <button type="button" className="button button-small" onClick={() => startEdit({ mode: 'edit', user: u })}>
                      {t('common.edit')}
                      <span className="sr-only"> {u.displayName}</span>
                    </button>
                    {u.id !== me?.id ? (
                      <button type="button" className="button button-small" onClick={() => void toggleActive(u)}>
                        {u.active ? t('common.deactivate') : t('common.activate')}
                        <span className="sr-only"> {u.displayName}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore more={more} />
    </div>
  );
}
