/**
 * One case: who it is about (only the shared fields for an organisation it
 * was referred to), its status with the allowed changes, assignment,
 * progress notes and visits, referrals to other organisations and their
 * answers, and the history.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError, type Me, type Organization, type User } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate, type Lang } from '../lib/dates.js';
import { localName, useLang } from '../lib/lang.js';
import { errorMessage, fieldErrors } from '../lib/problem.js';
import { useAsync } from '../lib/useAsync.js';
import {
  canActFor,
  casesApi,
  LEGAL_BASES,
  NEEDS_REASON,
  type CaseDetail,
  type CaseEvent,
  type CaseReferral,
  type LegalBasis,
  type PersonHit,
} from './api.js';
import {
  AreaName,
  CaseStatusBadge,
  orgLabel,
  OverdueBadge,
  personName,
  PriorityBadge,
  ReferralStatusBadge,
  UserOptions,
  userLabel,
} from './common.js';
import { label, useCasesT, type CasesT } from './i18n.js';
import { useRegistryT, type RegistryKey, type ScopedT } from '../i18n/scoped.js';
import { propLabel, valueText } from '../registry/labels.js';
import { useOrgMembers, useOrganizations, useTypeLabel } from './lookups.js';
import { dueDay } from './QueuesPage.js';
import { ReasonForm } from './ReasonForm.js';
import './cases.css';

/** Fields of a subject in the order they are shown and offered for sharing. */
const FIELD_ORDER = [
  'age',
  'sex',
  'birthDate',
  'phone',
  'lineId',
  'idNumber',
  'idType',
  'nationality',
  'registryStatus',
  'relationToHead',
  'inSchool',
  'occupation',
  'firstNameLatin',
  'lastNameLatin',
  'disability',
  'bedridden',
  'chronicIllness',
  'vaccinated',
  'houseNo',
  'moo',
  'community',
  'address',
  'householdRef',
  'tenure',
  'monthlyIncome',
];
/** Identity and bookkeeping: always there (name, area) or never worth sharing. */
const NOT_FIELDS = new Set(['id', 'householdId', 'firstName', 'lastName', 'areaCode', 'mergedInto', 'erased', 'updatedAt', 'legalBasis', 'movedInOn', 'movedOutOn', 'birthYear', 'members', 'timeline', 'lat', 'lon']);
const SENSITIVE = new Set(['disability', 'bedridden', 'chronicIllness', 'vaccinated']);

function subjectFields(subject: Record<string, unknown>, withEmpty: boolean): string[] {
  // the kind of ID says nothing without the number
  const noId = isEmpty(subject.idNumber) || subject.idType === 'none';
  const keys = Object.keys(subject).filter((k) => !NOT_FIELDS.has(k) && !(k === 'idType' && noId) && (withEmpty || !isEmpty(subject[k])));
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(k);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return keys.sort((a, b) => rank(a) - rank(b));
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && v !== null && Object.keys(v).length === 0);
}

type RT = ScopedT<RegistryKey>;

/** A subject's value in words, as the registry shows it (ages in years). */
function formatValue(t: CasesT, rt: RT, key: string, value: unknown, lang: Lang): string {
  if (isEmpty(value)) return '—';
  if (key === 'age' && typeof value === 'number') return t('common.years', { count: value });
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v))).join(', ');
  return valueText(key, value, rt, lang) || '—';
}

function subjectTitle(c: CaseDetail, t: CasesT): string {
  const s = c.subject;
  if (!s) return t('case.subjectMissing');
  if (c.subjectType === 'household') return [t('common.household'), typeof s.houseNo === 'string' ? s.houseNo : ''].filter(Boolean).join(' ');
  return personName(s) || t('common.noName');
}

// ---------- subject

function SubjectCard({ c, referrals }: { c: CaseDetail; referrals: CaseReferral[] }) {
  const t = useCasesT();
  const rt = useRegistryT();
  const lang = useLang();
  const s = c.subject;
  const shared = [...new Set(referrals.flatMap((r) => r.sharedFields))];
  const keys = s ? subjectFields(s, c.access === 'referral') : [];
  return (
    <section className="card case-section" aria-labelledby="subject-title" data-testid="case-subject">
      <h2 id="subject-title" className="section-label">
        {t('case.subject')}
      </h2>
      <p className="subject-name">
        {c.access === 'owner' && s ? (
          <Link to={`/registry/${c.subjectType === 'person' ? 'people' : 'households'}/${c.subjectId}`}>{subjectTitle(c, t)}</Link>
        ) : (
          subjectTitle(c, t)
        )}
      </p>
      <p className="muted small">
        <AreaName code={c.areaCode} />
      </p>
      {c.access === 'referral' ? (
        <div className="notice notice-info shared-note" data-testid="shared-note">
          <p>{t('case.sharedOnly')}</p>
          <p className="small">
            {t('refer.shared')}: {shared.length > 0 ? shared.map((f) => propLabel(f, rt)).join(', ') : t('case.sharedNothing')}
          </p>
        </div>
      ) : null}
      {s && keys.length > 0 ? (
        <dl className="pairs pairs-wide subject-fields">
          {keys.map((k) => (
            <div key={k} data-field={k}>
              <dt>{propLabel(k, rt)}</dt>
              <dd>{formatValue(t, rt, k, s[k], lang)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

// ---------- status and assignment

function StatusPanel({ c, onChanged, onMessage }: { c: CaseDetail; onChanged: (next: CaseDetail) => void; onMessage: (m: string) => void }) {
  const t = useCasesT();
  const lang = useLang();
  const { t: tm } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const actionLabel = (to: string) => (to === 'open' && c.status === 'closed' ? t('case.reopen') : label(t, 'transitions', to));

  async function move(to: string, reason?: string) {
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      const next = await casesApi.addEvent(c.id, { kind: 'status', status: to, ...(reason ? { reason } : {}) });
      setAsking(null);
      onChanged(next);
      onMessage(t('case.statusChanged', { status: label(t, 'statuses', to) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const allowed = (err.problem as { allowed?: unknown } | null)?.allowed;
        const names = Array.isArray(allowed) ? allowed.map((a) => label(t, 'statuses', String(a))).join(', ') : '';
        setConflict(t('case.statusConflict', { allowed: names || t('case.noTransitions') }));
        setAsking(null);
        // show what the case is now
        try {
          onChanged(await casesApi.get(c.id));
        } catch {
          // the message above says enough
        }
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card case-section" aria-labelledby="status-title" data-testid="case-status">
      <h2 id="status-title" className="section-label">
        {t('case.statusHeading')}
      </h2>
      <p className="status-now">
        <CaseStatusBadge status={c.status} />
      </p>
      {c.statusReason ? <p className="small">{t('case.statusReason', { reason: c.statusReason })}</p> : null}
      {conflict ? <Notice kind="error">{conflict}</Notice> : null}
      {error && !asking ? <ErrorBox error={error} /> : null}
      {asking ? (
        <ReasonForm
          label={t('case.reasonFor', { action: actionLabel(asking) })}
          hint={t('case.reasonHint')}
          required
          submitLabel={actionLabel(asking)}
          busy={busy}
          serverError={error ? (fieldErrors(error, lang).reason ?? errorMessage(error, lang, tm)) : undefined}
          onSubmit={(reason) => void move(asking, reason)}
          onCancel={() => {
            setAsking(null);
            setError(null);
          }}
        />
      ) : (
        <div className="button-row">
          {c.allowedTransitions.map((to) => (
            <button
              key={to}
              type="button"
              className={`button button-small${to === 'in_progress' || (to === 'open' && c.status === 'closed') ? ' button-primary' : ''}`}
              disabled={busy}
              onClick={() => (NEEDS_REASON.includes(to) ? setAsking(to) : void move(to))}
            >
              {actionLabel(to)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function AssignPanel({ c, me, members, onChanged, onMessage }: { c: CaseDetail; me: Me; members: User[]; onChanged: (next: CaseDetail) => void; onMessage: (m: string) => void }) {
  const t = useCasesT();
  const lang = useLang();
  const [assignee, setAssignee] = useState(c.assignee ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChanged(await casesApi.addEvent(c.id, { kind: 'assignment', assignee: assignee || null }));
      onMessage(t('case.assigned'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card case-section" aria-labelledby="assign-title">
      <h2 id="assign-title" className="section-label">
        {t('case.assignHeading')}
      </h2>
      <ErrorBox error={error} fieldShown={(f) => f === 'assignee'} />
      <form onSubmit={(e) => void submit(e)} className="inline-form">
        <Field label={t('case.assignee')} error={fieldErrors(error, lang).assignee}>
          {(p) => (
            <select {...p} name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <UserOptions me={me} members={members} current={c.assignee} />
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={busy || assignee === (c.assignee ?? '')}>
          {t('case.assign')}
        </button>
      </form>
    </section>
  );
}

// ---------- progress: notes and visits

function ProgressForm({ c, partner, onChanged, onMessage }: { c: CaseDetail; partner: boolean; onChanged: (next: CaseDetail) => void; onMessage: (m: string) => void }) {
  const t = useCasesT();
  const lang = useLang();
  const [kind, setKind] = useState<'note' | 'visit'>('note');
  const [body, setBody] = useState('');
  const [needs, setNeeds] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const { t: tm } = useTranslation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const text = body.trim();
    const needList = needs
      .split(/[,،、]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (kind === 'note' ? !text : !text && needList.length === 0) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      const next = await casesApi.addEvent(
        c.id,
        kind === 'note' ? { kind: 'note', body: text } : { kind: 'visit', ...(text ? { body: text } : {}), ...(needList.length ? { data: { needs: needList } } : {}) },
      );
      setBody('');
      setNeeds('');
      // A receiving organisation is not shown the timeline: keep what it had.
      if (!partner) onChanged(next);
      onMessage(kind === 'note' ? t('case.noteAdded') : t('case.visitAdded'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = fieldErrors(error, lang);
  const bodyError = fields.body ?? (missing ? tm('errors.required') : undefined);
  return (
    <section className="card case-section" aria-labelledby="progress-title">
      <h2 id="progress-title" className="section-label">
        {t('case.progress')}
      </h2>
      {partner ? <p className="muted small">{t('case.noteFromPartner')}</p> : null}
      <ErrorBox error={error} fieldShown={(f) => f === 'body'} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="entry-kinds">
          <legend className="sr-only">{t('case.entryKind')}</legend>
          {(['note', 'visit'] as const).map((k) => (
            <label key={k} className={`entry-kind${kind === k ? ' entry-kind-on' : ''}`}>
              <input type="radio" name="entry-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === 'note' ? t('case.entryNote') : t('case.entryVisit')}
            </label>
          ))}
        </fieldset>
        <Field label={kind === 'note' ? t('case.noteText') : t('case.visitText')} error={bodyError}>
          {(p) => (
            <textarea
              {...p}
              name="body"
              rows={3}
              maxLength={5000}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
        {kind === 'visit' ? (
          <Field label={t('case.visitNeeds')} optional hint={t('case.visitNeedsHint')}>
            {(p) => <input {...p} name="needs" value={needs} onChange={(e) => setNeeds(e.target.value)} />}
          </Field>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.sending') : t('case.addEntry')}
        </button>
      </form>
    </section>
  );
}

// ---------- referrals

function ReferralItem({ r, me, orgs, onMoved }: { r: CaseReferral; me: Me; orgs: Map<string, Organization>; onMoved: (m: string) => void }) {
  const t = useCasesT();
  const rt = useRegistryT();
  const lang = useLang();
  const { t: tm } = useTranslation();
  const [asking, setAsking] = useState<'decline' | 'complete' | 'cancel' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const receiving = canActFor(me, r.toOrg);
  const referring = canActFor(me, r.fromOrg);
  const org = (id: string) => orgLabel(orgs, id, lang, t('common.unknownOrg'));

  async function move(step: 'accept' | 'decline' | 'complete' | 'cancel', text?: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await casesApi.moveReferral(r.id, step, text);
      setAsking(null);
      onMoved(t(`refer.moved_${res.status as 'accepted' | 'declined' | 'completed' | 'cancelled'}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const serverError = error ? (fieldErrors(error, lang).reason ?? fieldErrors(error, lang).outcome ?? errorMessage(error, lang, tm)) : undefined;
  return (
    <li className={`referral${r.overdue ? ' referral-overdue' : ''}`} data-testid="referral" data-status={r.status}>
      <p className="referral-head">
        <span className="referral-orgs">{t('refer.fromTo', { from: org(r.fromOrg), to: org(r.toOrg) })}</span>
        <ReferralStatusBadge status={r.status} />
        {r.overdue ? <OverdueBadge /> : null}
      </p>
      <p className="referral-reason">{r.reason}</p>
      <dl className="pairs referral-pairs small">
        <div>
          <dt>{t('refer.shared')}</dt>
          <dd data-testid="referral-shared">{r.sharedFields.length > 0 ? r.sharedFields.map((f) => propLabel(f, rt)).join(', ') : t('refer.sharedNone')}</dd>
        </div>
        <div>
          <dt>{t('refer.legal')}</dt>
          <dd>{label(t, 'legalBases', r.legalBasis)}</dd>
        </div>
      </dl>
      {r.status === 'pending' ? <p className="small">{t('refer.respondBy', { date: formatDate(r.dueAt, lang) })}</p> : null}
      {r.decisionReason ? <p className="small">{t('refer.decision', { text: r.decisionReason })}</p> : null}
      {r.outcome ? (
        <p className="small referral-outcome" data-testid="referral-outcome">
          {t('refer.outcome', { text: r.outcome })}
        </p>
      ) : null}
      {receiving && r.status === 'pending' ? <p className="notice notice-info small">{t('refer.waitingForYou')}</p> : null}
      {error && !asking ? <ErrorBox error={error} /> : null}
      {asking ? (
        <ReasonForm
          label={asking === 'decline' ? t('refer.declineReason') : asking === 'complete' ? t('refer.outcomeText') : t('refer.cancelReason')}
          hint={asking === 'complete' ? t('refer.outcomeHint') : undefined}
          required={asking !== 'cancel'}
          submitLabel={t(`refer.${asking}`)}
          busy={busy}
          danger={asking !== 'complete'}
          serverError={serverError}
          onSubmit={(text) => void move(asking, text || undefined)}
          onCancel={() => {
            setAsking(null);
            setError(null);
          }}
        />
      ) : (
        <div className="button-row">
          {receiving && r.status === 'pending' ? (
            <>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void move('accept')}>
                {t('refer.accept')}
              </button>
              <button type="button" className="button button-danger" disabled={busy} onClick={() => setAsking('decline')}>
                {t('refer.decline')}
              </button>
            </>
          ) : null}
          {receiving && r.status === 'accepted' ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => setAsking('complete')}>
              {t('refer.complete')}
            </button>
          ) : null}
          {referring && (r.status === 'pending' || r.status === 'accepted') ? (
            <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => setAsking('cancel')}>
              {t('refer.cancel')}
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}

function ReferForm({ c, orgs, onSent, onCancel }: { c: CaseDetail; orgs: Organization[]; onSent: (orgName: string) => void; onCancel: () => void }) {
  const t = useCasesT();
  const rt = useRegistryT();
  const lang = useLang();
  const { t: tm } = useTranslation();
  const [toOrg, setToOrg] = useState('');
  const [reason, setReason] = useState('');
  const [shared, setShared] = useState<string[]>([]);
  const [legalBasis, setLegalBasis] = useState<LegalBasis>('consent');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ toOrg?: boolean; reason?: boolean }>({});
  const choices = orgs
    .filter((o) => o.active && o.id !== c.ownerOrg)
    .sort((a, b) => localName(a, lang).localeCompare(localName(b, lang), lang));
  const fields = c.subject ? subjectFields(c.subject, false) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const m = { toOrg: !toOrg, reason: !reason.trim() };
    setMissing(m);
    if (m.toOrg || m.reason) return;
    setBusy(true);
    try {
      await casesApi.refer(c.id, { toOrg, reason: reason.trim(), sharedFields: shared, legalBasis });
      onSent(localName(orgs.find((o) => o.id === toOrg), lang));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fe = fieldErrors(error, lang);
  return (
    <form className="refer-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="refer-form-title">
      <h3 id="refer-form-title">{t('refer.formTitle')}</h3>
      <ErrorBox error={error} fieldShown={(f) => ['toOrg', 'reason', 'sharedFields', 'legalBasis'].includes(f)} />
      <Field label={t('refer.to')} error={fe.toOrg ?? (missing.toOrg ? tm('errors.required') : undefined)}>
        {(p) => (
          <select {...p} name="toOrg" value={toOrg} onChange={(e) => setToOrg(e.target.value)}>
            <option value="">{t('common.chooseOrg')}</option>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('refer.reason')} hint={t('refer.reasonHint')} error={fe.reason ?? (missing.reason ? tm('errors.required') : undefined)}>
        {(p) => <textarea {...p} name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <fieldset className="share-fields">
        <legend>{t('refer.share')}</legend>
        <p className="hint">{t('refer.shareHint')}</p>
        {fields.length === 0 ? <p className="muted small">{t('refer.noFields')}</p> : null}
        <ul className="check-list">
          {fields.map((f) => (
            <li key={f}>
              <label className="check">
                <input
                  type="checkbox"
                  name="sharedFields"
                  value={f}
                  checked={shared.includes(f)}
                  onChange={(e) => setShared((old) => (e.target.checked ? [...old, f] : old.filter((x) => x !== f)))}
                />
                <span>
                  {propLabel(f, rt)}
                  <span className="muted"> ({formatValue(t, rt, f, c.subject?.[f], lang)})</span>
                  {SENSITIVE.has(f) ? <span className="badge badge-warn sensitive-badge">{t('refer.sensitive')}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {fe.sharedFields ? <p className="field-error">{fe.sharedFields}</p> : null}
      </fieldset>
      <Field label={t('refer.legalBasis')} error={fe.legalBasis}>
        {(p) => (
          <select {...p} name="legalBasis" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value as LegalBasis)}>
            {LEGAL_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`legalBases.${b}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.sending') : t('refer.submit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {tm('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReferralsSection({ c, me, canRefer, onChanged, onMessage }: { c: CaseDetail; me: Me; canRefer: boolean; onChanged: () => void; onMessage: (m: string) => void }) {
  const t = useCasesT();
  const orgs = useOrganizations();
  const [referring, setReferring] = useState(false);
  return (
    <section className="card case-section" aria-labelledby="referrals-title" data-testid="case-referrals">
      <h2 id="referrals-title" className="section-label">
        {t('refer.heading')}
      </h2>
      {c.referrals.length === 0 ? <p className="muted">{t('refer.none')}</p> : null}
      <ul className="referral-list">
        {[...c.referrals].reverse().map((r) => (
          <ReferralItem
            key={r.id}
            r={r}
            me={me}
            orgs={orgs.byId}
            onMoved={(m) => {
              onMessage(m);
              onChanged();
            }}
          />
        ))}
      </ul>
      {canRefer ? (
        referring ? (
          <ReferForm
            c={c}
            orgs={orgs.list}
            onCancel={() => setReferring(false)}
            onSent={(name) => {
              setReferring(false);
              onMessage(t('refer.sent', { org: name }));
              onChanged();
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setReferring(true)}>
            {t('refer.open')}
          </button>
        )
      ) : null}
    </section>
  );
}

// ---------- history

function EventLine({ e, me, members, orgs }: { e: CaseEvent; me: Me; members: User[]; orgs: Map<string, Organization> }) {
  const t = useCasesT();
  const typeLabel = useTypeLabel();
  const rt = useRegistryT();
  const lang = useLang();
  const data = e.data ?? {};
  const str = (k: string): string => {
    const v = data[k];
    return typeof v === 'string' ? v : '';
  };
  let what: ReactNode;
  let extra: ReactNode = null;
  switch (e.kind) {
    case 'opened':
      what = `${t('case.evOpened')} · ${typeLabel(str('type'))}`;
      break;
    case 'note':
      what = t('case.evNote');
      break;
    case 'visit':
      what = t('case.evVisit');
      if (Array.isArray(data.needs) && data.needs.length > 0) extra = <p className="small">{t('case.evNeeds', { needs: data.needs.map(String).join(', ') })}</p>;
      break;
    case 'status':
      what = t('case.evStatus', { from: label(t, 'statuses', str('from')), to: label(t, 'statuses', str('to')) });
      break;
    case 'assignment':
      what = str('to') ? t('case.evAssigned', { name: userLabel(str('to'), me, members, t) }) : t('case.evUnassigned');
      break;
    case 'referral':
      if (str('toOrg')) {
        what = t('case.evReferred', { org: orgLabel(orgs, str('toOrg'), lang, t('common.unknownOrg')) });
        const fields = Array.isArray(data.sharedFields) ? data.sharedFields.map((f) => propLabel(String(f), rt)) : [];
        extra = <p className="small muted">{t('case.evShared', { fields: fields.length ? fields.join(', ') : t('refer.sharedNone') })}</p>;
      } else {
        what = t('case.evReferral', { from: label(t, 'referralStatuses', str('from')), to: label(t, 'referralStatuses', str('to')) });
      }
      break;
    case 'task':
      what = t('case.evTask');
      break;
    default:
      what = e.kind;
  }
  return (
    <li className={`case-event case-event-${e.kind}`}>
      <p className="case-event-head">
        <span className="case-event-what">{what}</span>
        <span className="muted small">
          <time dateTime={e.at}>{formatDate(e.at, lang)}</time>
          {e.byName ? ` · ${t('case.evBy', { name: e.byName })}` : ''}
        </span>
      </p>
      {e.body ? <p className="case-event-body">{e.body}</p> : null}
      {extra}
    </li>
  );
}

function Timeline({ c, me, members }: { c: CaseDetail; me: Me; members: User[] }) {
  const t = useCasesT();
  const orgs = useOrganizations();
  return (
    <section className="card case-section" aria-labelledby="timeline-title" data-testid="case-timeline">
      <h2 id="timeline-title" className="section-label">
        {t('case.timeline')}
      </h2>
      {c.access === 'referral' ? (
        <p className="muted">{t('case.timelineOwnerOnly')}</p>
      ) : c.events.length === 0 ? (
        <p className="muted">{t('case.timelineEmpty')}</p>
      ) : (
        <ol className="case-timeline">
          {[...c.events].reverse().map((e) => (
            <EventLine key={e.id} e={e} me={me} members={members} orgs={orgs.byId} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ServiceLinks({ c }: { c: CaseDetail }) {
  const t = useCasesT();
  if (c.subjectType !== 'person' || !c.subject) return null;
  const s = c.subject;
  const person: PersonHit = {
    id: c.subjectId,
    firstName: typeof s.firstName === 'string' ? s.firstName : '',
    lastName: typeof s.lastName === 'string' ? s.lastName : null,
    age: typeof s.age === 'number' ? s.age : null,
    sex: typeof s.sex === 'string' ? s.sex : null,
    areaCode: c.areaCode,
  };
  const state = { person, caseId: c.id };
  return (
    <section className="card case-section" aria-labelledby="services-title">
      <h2 id="services-title" className="section-label">
        {t('case.services')}
      </h2>
      <div className="button-row">
        <Link className="button button-small" to="/transport?new=1" state={state}>
          {t('case.requestTransport')}
        </Link>
        <Link className="button button-small" to="/homecare?new=1" state={state}>
          {t('case.planVisits')}
        </Link>
        <Link className="button button-small" to="/supplies" state={state}>
          {t('case.requestSupplies')}
        </Link>
      </div>
    </section>
  );
}

// ---------- the page

export function CasePage() {
  const { id = '' } = useParams();
  const t = useCasesT();
  const typeLabel = useTypeLabel();
  const lang = useLang();
  const { me } = useAuth();
  const c = useAsync((signal) => casesApi.get(id, signal), [id]);
  const orgs = useOrganizations();
  const [message, setMessage] = useState<string | null>(null);
  const data = c.data;
  const members = useOrgMembers(data?.ownerOrg, Boolean(me?.permissions.manageUsers));
  const heading = data ? data.title || typeLabel(data.type) : t('queues.case');
  usePageTitle(data ? `${heading} · ${subjectTitle(data, t)}` : heading);

  if (!me) return null;
  if (c.error) {
    const missing = c.error instanceof ApiError && (c.error.status === 404 || c.error.status === 400);
    return (
      <div className="page">
        <p>
          <Link to="/cases">← {t('case.back')}</Link>
        </p>
        {missing ? (
          <Notice kind="error">{t('case.notFound')}</Notice>
        ) : (
          <ErrorBox error={c.error} onRetry={c.reload} />
        )}
      </div>
    );
  }
  if (!data) return <Loading />;

  const owner = data.access === 'owner';
  const canManage = owner && canActFor(me, data.ownerOrg);
  const partner = !owner && data.referrals.some((r) => r.status === 'accepted' && canActFor(me, r.toOrg));
  const replace = (next: CaseDetail) => c.setData(() => next);
  const say = (m: string) => setMessage(m);

  return (
    <div className="page case-page">
      <p className="back-link">
        <Link to="/cases">← {t('case.back')}</Link>
      </p>
      <header className="page-header case-header">
        <h1>{heading}</h1>
        <p className="case-badges">
          <CaseStatusBadge status={data.status} />
          {data.priority !== 'normal' ? <PriorityBadge priority={data.priority} /> : null}
          {data.overdue ? <OverdueBadge /> : null}
        </p>
        <dl className="pairs pairs-wide case-facts">
          <div>
            <dt>{t('case.type')}</dt>
            <dd>{typeLabel(data.type)}</dd>
          </div>
          <div>
            <dt>{t('case.owner')}</dt>
            <dd>{orgLabel(orgs.byId, data.ownerOrg, lang, t('common.unknownOrg'))}</dd>
          </div>
          <div>
            <dt>{t('case.due')}</dt>
            <dd>{data.due ? dueDay(data.due, lang) : t('common.noDue')}</dd>
          </div>
          {owner ? (
            <div>
              <dt>{t('case.assignee')}</dt>
              <dd>{userLabel(data.assignee, me, members, t)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('case.opened')}</dt>
            <dd>{formatDate(data.createdAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('case.source')}</dt>
            <dd>{label(t, 'sources', data.source)}</dd>
          </div>
        </dl>
      </header>
      <div aria-live="polite">{message ? <Notice>{message}</Notice> : null}</div>

      <div className="case-layout">
        <div className="case-main">
          <div className="order-subject">
            <SubjectCard c={data} referrals={data.referrals} />
          </div>
          {canManage || partner ? (
            <div className="order-progress">
              <ProgressForm c={data} partner={partner} onChanged={replace} onMessage={say} />
            </div>
          ) : null}
          <div className="order-timeline">
            <Timeline c={data} me={me} members={members} />
          </div>
        </div>
        <div className="case-side">
          {canManage ? (
            <div className="order-status">
              <StatusPanel c={data} onChanged={replace} onMessage={say} />
              <AssignPanel key={data.assignee ?? ''} c={data} me={me} members={members} onChanged={replace} onMessage={say} />
            </div>
          ) : owner ? (
            <p className="notice notice-info order-status">{t('case.readOnly')}</p>
          ) : null}
          <div className="order-referrals">
            <ReferralsSection c={data} me={me} canRefer={canManage} onChanged={c.reload} onMessage={say} />
          </div>
          {canManage ? (
            <div className="order-services">
              <ServiceLinks c={data} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
