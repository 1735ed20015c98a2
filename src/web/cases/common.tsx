/** Small pieces shared by the care-coordination pages. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Organization, User } from '../api.js';
import { Field } from '../components/ui.js';
import { localName, useLang } from '../lib/lang.js';
import { fieldErrors } from '../lib/problem.js';
import { casesApi, type PersonHit } from './api.js';
import { label, useCasesT } from './i18n.js';
import { useOrganizations } from './lookups.js';
import { useRegistryT } from '../i18n/scoped.js';
import { valueText } from '../registry/labels.js';
import { useAreas } from '../registry/areaNames.js';

export function personName(p: { firstName?: unknown; lastName?: unknown } | null | undefined): string {
  if (!p) return '';
  return [p.firstName, p.lastName].filter((s): s is string => typeof s === 'string' && s.length > 0).join(' ');
}

/** Today in Thailand as YYYY-MM-DD (the schedule's days are Thai days). */
export function todayInThailand(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A Thai wall-clock date and time as an ISO instant with its offset. */
export function thaiInstant(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+07:00`;
}

/** HH:MM in Thailand of an instant. */
export function thaiTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
}

export function CaseStatusBadge({ status }: { status: string }) {
  const t = useCasesT();
  const cls = status === 'open' ? 'badge-info' : status === 'in_progress' ? 'badge-warn' : status === 'resolved' ? 'badge-ok' : 'badge-off';
  return <span className={`badge ${cls}`}>{label(t, 'statuses', status)}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const t = useCasesT();
  if (priority === 'normal') return <span className="muted">{label(t, 'priorities', priority)}</span>;
  const cls = priority === 'urgent' ? 'badge-error' : priority === 'high' ? 'badge-warn' : 'badge-off';
  return <span className={`badge ${cls}`}>{label(t, 'priorities', priority)}</span>;
}

export function ReferralStatusBadge({ status }: { status: string }) {
  const t = useCasesT();
  const cls =
    status === 'pending' ? 'badge-warn' : status === 'accepted' ? 'badge-info' : status === 'completed' ? 'badge-ok' : 'badge-off';
  return <span className={`badge ${cls}`}>{label(t, 'referralStatuses', status)}</span>;
}

export function OverdueBadge() {
  const t = useCasesT();
  return <span className="badge badge-error">{t('common.overdue')}</span>;
}

export function orgLabel(orgs: Map<string, Organization>, id: string, lang: 'th' | 'en', fallback: string): string {
  const o = orgs.get(id);
  return o ? localName(o, lang) : fallback;
}

/** The area's name (the code until the lookup answers). */
export function AreaName({ code }: { code: string }) {
  const lang = useLang();
  const areas = useAreas([code]);
  const area = areas.get(code);
  return <span title={code}>{area ? localName(area, lang) : code}</span>;
}

/**
 * Which of the caller's organisations a form acts for, shown only when there
 * is a choice (two or more).
 */
export function ActingOrgSelect({
  ids,
  value,
  onChange,
  error,
  name = 'orgId',
}: {
  ids: string[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  name?: string;
}) {
  const t = useCasesT();
  const lang = useLang();
  const orgs = useOrganizations();
  if (ids.length < 2) return null;
  return (
    <Field label={t('common.actingFor')} error={error}>
      {(p) => (
        <select {...p} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {ids.map((id) => (
            <option key={id} value={id}>
              {localName(orgs.byId.get(id), lang) || id}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A care form's sending state: busy while its request runs, the error it
 * failed with (`fe`: by field), and the fields the check before sending
 * found missing.
 */
export function useFormSend() {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const fe = fieldErrors(error, lang);
  return {
    busy,
    error,
    fe,
    /** A field's error: the server's, else `text` ("required" unless said) when the check found it missing. */
    need: (field: string, text: string = t('errors.required')): string | undefined => fe[field] ?? (missing[field] ? text : undefined),
    /** Before sending: forgets the last error and marks what is missing; false when anything is. */
    check: (m: Record<string, boolean> = {}): boolean => {
      setError(null);
      setMissing(m);
      return !Object.values(m).some(Boolean);
    },
    /**
     * Sends; a failure is kept to be shown. After a success the form stays
     * busy (it is closed then) unless it `staysOpen` for the next one.
     */
    send: async (action: () => Promise<void>, { staysOpen = false }: { staysOpen?: boolean } = {}): Promise<void> => {
      setBusy(true);
      try {
        await action();
        if (staysOpen) setBusy(false);
      } catch (err) {
        setError(err);
        setBusy(false);
      }
    },
  };
}

/** A form's submit button: disabled, and saying so, while the form sends. */
export function SubmitButton({ busy, busyText, children }: { busy: boolean; busyText?: string; children: ReactNode }) {
  const t = useCasesT();
  return (
    <button type="submit" className="button button-primary" disabled={busy}>
      {busy ? (busyText ?? t('common.sending')) : children}
    </button>
  );
}

/** Under a form: its submit button and a cancel button. */
export function FormActions({ busy, busyText, submit, onCancel }: { busy: boolean; busyText?: string; submit: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <SubmitButton busy={busy} busyText={busyText}>
        {submit}
      </SubmitButton>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** Who a user id is, as far as the page knows. */
export function userLabel(id: string | null, me: Me, members: User[], t: ReturnType<typeof useCasesT>): string {
  if (!id) return t('common.unassigned');
  if (id === me.id) return t('common.me', { name: me.displayName });
  return members.find((u) => u.id === id)?.displayName ?? t('common.otherUser');
}

/** Options of an assignee / driver select: nobody, me, then the members the page may list. */
export function UserOptions({ me, members, current }: { me: Me; members: User[]; current?: string | null }) {
  const t = useCasesT();
  const others = members.filter((u) => u.id !== me.id);
  const unknown = current && current !== me.id && !others.some((u) => u.id === current);
  return (
    <>
      <option value="">{t('common.unassigned')}</option>
      <option value={me.id}>{t('common.me', { name: me.displayName })}</option>
      {others.map((u) => (
        <option key={u.id} value={u.id}>
          {u.displayName}
        </option>
      ))}
      {unknown ? <option value={current}>{t('common.otherUser')}</option> : null}
    </>
  );
}

/**
 * Finds a person in the caller's areas by name, ID number or house number
 * and keeps the one chosen (shown with a button to change it).
 */
export function PersonPicker({
  value,
  onChange,
  error,
  label: fieldLabel,
}: {
  value: PersonHit | null;
  onChange: (p: PersonHit | null) => void;
  error?: string | undefined;
  label?: string;
}) {
  const t = useCasesT();
  const rt = useRegistryT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PersonHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const areas = useAreas(hits?.map((h) => h.areaCode) ?? (value ? [value.areaCode] : []));

  useEffect(() => {
    const text = q.trim();
    if (value || text.length < 2) {
      setHits(null);
      setBusy(false);
      return;
    }
    const controller = new AbortController();
    setBusy(true);
    const timer = setTimeout(() => {
      casesApi
        .people(text, controller.signal)
        .then((page) => {
          setHits(page.items);
          setFailed(null);
          setBusy(false);
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setFailed(err);
          setBusy(false);
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, value]);

  const describe = (p: PersonHit) =>
    [
      p.age !== null && p.age !== undefined ? t('common.years', { count: p.age }) : null,
      p.sex ? valueText('sex', p.sex, rt, lang) : null,
      areas.get(p.areaCode) ? localName(areas.get(p.areaCode), lang) : p.areaCode,
    ]
      .filter(Boolean)
      .join(' · ');

  if (value) {
    return (
      <div className={`field person-picker${error ? ' field-invalid' : ''}`}>
        <span className="field-label">{fieldLabel ?? t('picker.label')}</span>
        <div className="person-chosen" data-testid="person-chosen">
          <div>
            <span className="person-chosen-name">{personName(value) || t('common.noName')}</span>
            <span className="muted small block">{describe(value)}</span>
          </div>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              onChange(null);
              setQ('');
            }}
          >
            {t('picker.change')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <Field
      label={fieldLabel ?? t('picker.label')}
      hint={t('picker.hint')}
      error={error}
      className="person-picker"
      after={
        <div aria-live="polite">
          {busy ? <p className="lookup">{t('picker.searching')}</p> : null}
          {!busy && failed ? <p className="lookup lookup-missing">{tm('errors.network')}</p> : null}
          {!busy && hits && hits.length === 0 ? <p className="lookup">{t('picker.none')}</p> : null}
          {!busy && hits && hits.length > 0 ? (
            <ul className="person-hits" aria-label={t('picker.results')}>
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="person-hit" onClick={() => onChange(h)} aria-label={t('picker.choose', { name: personName(h) })}>
                    <span className="person-chosen-name">{personName(h) || t('common.noName')}</span>
                    <span className="muted small">{describe(h)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      }
    >
      {(p) => (
        <input
          {...p}
          type="search"
          name="person"
          autoComplete="off"
          placeholder={t('picker.placeholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      )}
    </Field>
  );
}
