/**
 * Home care: visit plans (missed visits stand out), a plan form, the visit
 * log with vital signs, and a person's visit history (health data: only
 * for an organisation with a legal basis).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError, type Me } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate, formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { actingOrgIds, type PersonHit } from '../cases/api.js';
import { ActingOrgSelect, FormActions, PersonPicker, personName, thaiInstant, thaiTime, todayInThailand, useFormSend } from '../cases/common.js';
import { label, useCasesT } from '../cases/i18n.js';
import { servicesApi, VITAL_LIMITS, VITALS, type CarePlan, type Vital, type VisitInput } from './api.js';
import { usePrefill } from './prefill.js';
import { ServiceTabs } from './ServiceTabs.js';

const NEEDS = ['diapers', 'equipment', 'transport', 'medicine', 'food', 'physio', 'money'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(d: string, lang: 'th' | 'en'): string {
  return DAY.test(d) ? formatDay(`${d}T12:00:00+07:00`, lang) : d;
}

// ---------- plan form

function PlanForm({ me, initialPerson, onDone, onCancel }: { me: Me; initialPerson: PersonHit | null; onDone: (name: string) => void; onCancel: () => void }) {
  const t = useCasesT();
  const lang = useLang();
  const acting = actingOrgIds(me);
  const [person, setPerson] = useState<PersonHit | null>(initialPerson);
  const [orgId, setOrgId] = useState(acting[0] ?? '');
  const [who, setWho] = useState<'me' | 'named'>('me');
  const [caregiverName, setCaregiverName] = useState('');
  const [everyDays, setEveryDays] = useState('7');
  const [firstDue, setFirstDue] = useState('');
  const [notes, setNotes] = useState('');
  const { busy, error, fe, need, check, send } = useFormSend();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const every = Number(everyDays);
    if (!check({ personId: !person, caregiverName: who === 'named' && !caregiverName.trim(), everyDays: !Number.isInteger(every) || every < 1 || every > 365 }) || !person) return;
    await send(async () => {
      await servicesApi.createPlan({
        personId: person.id,
        ...(orgId ? { orgId } : {}),
        ...(who === 'me' ? { caregiverId: me.id } : { caregiverName: caregiverName.trim() }),
        everyDays: every,
        ...(firstDue ? { firstDue } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onDone(personName(person));
    });
  }

  return (
    <section className="card form-card" aria-labelledby="plan-form-title">
      <h2 id="plan-form-title">{t('homecare.planTitle')}</h2>
      <ErrorBox error={error} fieldShown={(f) => ['personId', 'caregiverId', 'caregiverName', 'everyDays', 'firstDue', 'notes', 'orgId'].includes(f)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonPicker value={person} onChange={setPerson} error={need('personId', t('picker.required'))} />
        <div className="form-grid">
          <ActingOrgSelect ids={acting} value={orgId} onChange={setOrgId} error={fe.orgId} />
          <fieldset className="field">
            <legend className="field-label">{t('homecare.caregiver')}</legend>
            <label className="check">
              <input type="radio" name="caregiver" checked={who === 'me'} onChange={() => setWho('me')} />
              <span>{t('homecare.caregiverMe', { name: me.displayName })}</span>
            </label>
            <label className="check">
              <input type="radio" name="caregiver" checked={who === 'named'} onChange={() => setWho('named')} />
              <span>{t('homecare.caregiverNamed')}</span>
            </label>
            {fe.caregiverId ? <p className="field-error">{fe.caregiverId}</p> : null}
          </fieldset>
          {who === 'named' ? (
            <Field label={t('homecare.caregiverName')} error={need('caregiverName')}>
              {(p) => <input {...p} name="caregiverName" maxLength={200} value={caregiverName} onChange={(e) => setCaregiverName(e.target.value)} />}
            </Field>
          ) : null}
          <Field label={t('homecare.everyDays')} error={need('everyDays', t('homecare.outOfRange', { min: 1, max: 365 }))}>
            {(p) => (
              <input {...p} name="everyDays" type="number" inputMode="numeric" min={1} max={365} step={1} value={everyDays} onChange={(e) => setEveryDays(e.target.value)} />
            )}
          </Field>
          <Field label={t('homecare.firstDue')} optional error={fe.firstDue} hint={firstDue ? day(firstDue, lang) : t('homecare.firstDueHint')}>
            {(p) => <input {...p} name="firstDue" type="date" value={firstDue} onChange={(e) => setFirstDue(e.target.value)} />}
          </Field>
          <Field label={t('homecare.notes')} optional error={fe.notes}>
            {(p) => <textarea {...p} name="notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
        </div>
        <FormActions busy={busy} submit={t('homecare.savePlan')} onCancel={onCancel} />
      </form>
    </section>
  );
}

// ---------- visit form

function VitalInput({ vital, value, onChange, error }: { vital: Vital; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const t = useCasesT();
  const lim = VITAL_LIMITS[vital];
  return (
    <Field label={t(`vitals.${vital}`)} error={error} hint={t('homecare.range', { min: lim.min, max: lim.max })}>
      {(p) => (
        <div className="input-unit">
          <input
            {...p}
            name={vital}
            type="number"
            inputMode="decimal"
            min={lim.min}
            max={lim.max}
            step={lim.step}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <span className="vital-unit">{t(`vitalUnits.${vital}`)}</span>
        </div>
      )}
    </Field>
  );
}

function VisitForm({ plan, onDone, onCancel }: { plan: CarePlan; onDone: (name: string) => void; onCancel: () => void }) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const [date, setDate] = useState(todayInThailand());
  const [time, setTime] = useState(thaiTime(new Date().toISOString()));
  const [vitals, setVitals] = useState<Record<Vital, string>>(() => Object.fromEntries(VITALS.map((v) => [v, ''])) as Record<Vital, string>);
  const [needs, setNeeds] = useState<string[]>([]);
  const [otherNeed, setOtherNeed] = useState('');
  const [notes, setNotes] = useState('');
  const { busy, error, fe: sent, check, send } = useFormSend();
  const [local, setLocal] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    check();
    const bad: Record<string, string> = {};
    const values: Partial<Record<Vital, number>> = {};
    for (const v of VITALS) {
      const raw = vitals[v].trim();
      if (!raw) continue;
      const n = Number(raw);
      const lim = VITAL_LIMITS[v];
      if (!Number.isFinite(n) || n < lim.min || n > lim.max) bad[`vitals.${v}`] = t('homecare.outOfRange', { min: lim.min, max: lim.max });
      else values[v] = n;
    }
    if (!DAY.test(date) || !time) bad.visitedAt = tm('errors.required');
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const allNeeds = [...needs, ...(otherNeed.trim() ? [otherNeed.trim()] : [])];
    const input: VisitInput = {
      visitedAt: thaiInstant(date, time),
      ...(Object.keys(values).length ? { vitals: values } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(allNeeds.length ? { needs: allNeeds } : {}),
    };
    await send(async () => {
      await servicesApi.logVisit(plan.id, input);
      onDone(personName(plan));
    });
  }

  const fe = { ...sent, ...local };
  return (
    <section className="card form-card" aria-labelledby="visit-form-title">
      <h2 id="visit-form-title">{t('homecare.visitTitle', { name: personName(plan) })}</h2>
      <ErrorBox error={error} fieldShown={(f) => f === 'visitedAt' || f.startsWith('vitals.') || f === 'notes' || f.startsWith('needs')} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <Field label={t('homecare.visitedAt')} error={fe.visitedAt} hint={DAY.test(date) ? day(date, lang) : undefined}>
            {(p) => <input {...p} name="visitedDate" type="date" value={date} max={todayInThailand()} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field label={t('homecare.visitedTime')}>
            {(p) => <input {...p} name="visitedTime" type="time" value={time} onChange={(e) => setTime(e.target.value)} />}
          </Field>
        </div>
        <fieldset>
          <legend>{t('homecare.vitals')}</legend>
          <p className="hint">{t('homecare.vitalsHint')}</p>
          <div className="vitals-grid">
            {VITALS.map((v) => (
              <VitalInput key={v} vital={v} value={vitals[v]} error={fe[`vitals.${v}`]} onChange={(val) => setVitals((old) => ({ ...old, [v]: val }))} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('homecare.needs')}</legend>
          <ul className="needs-list">
            {NEEDS.map((n) => (
              <li key={n}>
                <label className="check">
                  <input
                    type="checkbox"
                    name="needs"
                    value={n}
                    checked={needs.includes(n)}
                    onChange={(e) => setNeeds((old) => (e.target.checked ? [...old, n] : old.filter((x) => x !== n)))}
                  />
                  <span>{t(`needs.${n}`)}</span>
                </label>
              </li>
            ))}
          </ul>
          <Field label={t('homecare.otherNeed')} optional>
            {(p) => <input {...p} name="otherNeed" maxLength={100} value={otherNeed} onChange={(e) => setOtherNeed(e.target.value)} />}
          </Field>
        </fieldset>
        <Field label={t('homecare.visitNotes')} optional error={fe.notes}>
          {(p) => <textarea {...p} name="notes" rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </Field>
        <FormActions busy={busy} submit={t('homecare.saveVisit')} onCancel={onCancel} />
      </form>
    </section>
  );
}

// ---------- history

function History({ plan, onClose }: { plan: CarePlan; onClose: () => void }) {
  const t = useCasesT();
  const lang = useLang();
  const visits = useAsync((signal) => servicesApi.visits(plan.personId, signal), [plan.personId]);
  const forbidden = visits.error instanceof ApiError && visits.error.status === 403;
  const needLabel = (n: string) => label(t, 'needs', n);
  return (
    <section className="card form-card" aria-labelledby="history-title" data-testid="visit-history">
      <div className="section-head">
        <h2 id="history-title">{t('homecare.historyTitle', { name: personName(plan) })}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {forbidden ? (
        <Notice kind="info">{t('homecare.historyHidden')}</Notice>
      ) : visits.error ? (
        <ErrorBox error={visits.error} onRetry={visits.reload} />
      ) : !visits.data ? (
        <Loading />
      ) : visits.data.length === 0 ? (
        <p className="muted">{t('homecare.historyEmpty')}</p>
      ) : (
        <>
          <p className="muted small">{t('homecare.sensitiveNote')}</p>
          <ol className="visit-list">
            {visits.data.map((v) => {
              const vit = v.vitals ?? {};
              const parts: string[] = [];
              if (vit.bpSystolic !== undefined || vit.bpDiastolic !== undefined) {
                parts.push(`${t('homecare.bp')} ${vit.bpSystolic ?? '–'}/${vit.bpDiastolic ?? '–'} ${t('vitalUnits.bpSystolic')}`);
              }
              for (const k of ['pulse', 'temperature', 'spo2', 'bloodSugar', 'weight'] as const) {
                if (vit[k] !== undefined) parts.push(`${t(`vitals.${k}`)} ${vit[k]} ${t(`vitalUnits.${k}`)}`);
              }
              return (
                <li key={v.id} className="card">
                  <p>
                    <strong>{formatDate(v.visitedAt, lang)}</strong>
                    {v.byName ? <span className="muted"> · {t('homecare.by', { name: v.byName })}</span> : null}
                  </p>
                  {parts.length ? (
                    <ul className="vital-values small">
                      {parts.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ) : null}
                  {v.needs.length ? (
                    <p className="small">
                      {t('homecare.needs')}: {v.needs.map(needLabel).join(', ')}
                    </p>
                  ) : null}
                  {v.notes ? <p className="case-event-body">{v.notes}</p> : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

// ---------- page

type Panel = { kind: 'plan' } | { kind: 'visit'; plan: CarePlan } | { kind: 'history'; plan: CarePlan } | null;

export function HomecarePage() {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const prefill = usePrefill();
  usePageTitle(t('homecare.title'));
  const [params, setParams] = useSearchParams();
  const missedOnly = params.get('missed') === '1';
  const plans = useAsync((signal) => servicesApi.plans({ missed: missedOnly }, signal), [missedOnly]);
  const [panel, setPanel] = useState<Panel>(params.get('new') === '1' ? { kind: 'plan' } : null);
  const [message, setMessage] = useState<string | null>(null);
  const anchor = useRef<HTMLDivElement>(null);

  if (!me) return null;
  const staff = actingOrgIds(me).length > 0;

  function open(next: Panel) {
    setMessage(null);
    setPanel(next);
    requestAnimationFrame(() => anchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  function done(msg: string) {
    setPanel(null);
    setMessage(msg);
    plans.reload();
  }

  const list = plans.data ?? [];
  const missed = list.filter((p) => p.missed).length;
  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('homecare.title')}</h1>
          <p className="muted">{t('homecare.intro')}</p>
        </div>
        {staff && panel?.kind !== 'plan' ? (
          <button type="button" className="button button-primary" onClick={() => open({ kind: 'plan' })}>
            {t('homecare.newPlan')}
          </button>
        ) : null}
      </header>
      <ServiceTabs />
      <div ref={anchor} />
      {panel?.kind === 'plan' ? (
        <PlanForm me={me} initialPerson={prefill.person} onCancel={() => setPanel(null)} onDone={(name) => done(t('homecare.created', { name }))} />
      ) : null}
      {panel?.kind === 'visit' ? (
        <VisitForm key={panel.plan.id} plan={panel.plan} onCancel={() => setPanel(null)} onDone={(name) => done(t('homecare.visitSaved', { name }))} />
      ) : null}
      {panel?.kind === 'history' ? <History key={panel.plan.id} plan={panel.plan} onClose={() => setPanel(null)} /> : null}
      <div aria-live="polite">{message ? <Notice>{message}</Notice> : null}</div>

      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={missedOnly}
            onChange={(e) => {
              const p = new URLSearchParams(params);
              if (e.target.checked) p.set('missed', '1');
              else p.delete('missed');
              p.delete('new');
              setParams(p, { replace: true });
            }}
          />
          <span>{t('homecare.missedOnly')}</span>
        </label>
        {missed > 0 && !missedOnly ? <span className="overdue-text">{t('homecare.missedCount', { count: missed })}</span> : null}
      </div>

      {plans.error ? (
        <ErrorBox error={plans.error} onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="notice notice-info">{missedOnly ? t('homecare.emptyMissed') : t('homecare.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table responsive" data-testid="care-plans">
            <thead>
              <tr>
                <th scope="col">{t('homecare.patient')}</th>
                <th scope="col">{t('homecare.caregiver')}</th>
                <th scope="col">{t('homecare.frequency')}</th>
                <th scope="col">{t('homecare.nextDue')}</th>
                <th scope="col">{t('homecare.lastVisit')}</th>
                <th scope="col">
                  <span className="sr-only">{tm('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id} className={p.missed ? 'row-overdue' : undefined}>
                  <td className="cell-title">{personName(p)}</td>
                  <td data-label={t('homecare.caregiver')}>{p.caregiverId === me.id ? t('common.me', { name: me.displayName }) : (p.caregiverName ?? '—')}</td>
                  <td data-label={t('homecare.frequency')}>{t('homecare.every', { count: p.everyDays })}</td>
                  <td data-label={t('homecare.nextDue')}>
                    <span className="due-date">
                      {day(p.nextDue, lang)} {p.missed ? <span className="badge badge-error">{t('homecare.missed')}</span> : null}
                    </span>
                  </td>
                  <td data-label={t('homecare.lastVisit')}>{p.lastVisit ? formatDate(p.lastVisit, lang) : <span className="muted">{t('homecare.never')}</span>}</td>
                  <td className="cell-actions">
                    <button type="button" className="button button-small button-primary" onClick={() => open({ kind: 'visit', plan: p })}>
                      {t('homecare.logVisit')}
                    </button>
                    {p.sensitiveHidden ? null : (
                      <button type="button" className="button button-small" onClick={() => open({ kind: 'history', plan: p })}>
                        {t('homecare.history')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
