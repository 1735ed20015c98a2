/**
 * Cases about a person or household, their timeline, and referrals
 * between organisations. Every change is one transaction with its audit
 * entry; status changes lock the row, so two people accepting the same
 * referral at once get one success and one 409.
 */
import type { Db, Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, inScope, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canSeeSensitive } from '../registry/policy.js';
import { presentHousehold, presentPerson, type HouseholdRow, type PersonRow } from '../registry/presenters.js';
import { HOUSEHOLD_COLUMNS, PERSON_COLUMNS } from '../registry/queries.js';
import { actingOrgs, canActFor, CASE_TRANSITIONS, orgsOf, REFERRAL_TRANSITIONS } from './policy.js';
import { notify, staffOf } from '../notifications/service.js';

const CASE = { en: 'case', th: 'กรณี' };
const REFERRAL = { en: 'referral', th: 'การส่งต่อ' };

export interface CaseRow {
  id: string;
  subjectType: 'person' | 'household';
  subjectId: string;
  areaCode: string;
  type: string;
  status: string;
  statusReason: string | null;
  priority: string;
  ownerOrg: string;
  assignee: string | null;
  due: string | null;
  title: string | null;
  source: string;
  subjectName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const CASE_COLS = (db: Db) => db`c.id, c.subject_type, c.subject_id, c.area_code, c.type, c.status, c.status_reason, c.priority, c.owner_org,
  c.assignee, c.due::text as due, c.title, c.source, c.created_at, c.updated_at,
  (select concat_ws(' ', p.first_name, p.last_name) from persons p where p.id = c.subject_id) as subject_name`;

function presentCase(c: CaseRow) {
  return {
    id: c.id,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    areaCode: c.areaCode,
    type: c.type,
    status: c.status,
    statusReason: c.statusReason,
    priority: c.priority,
    ownerOrg: c.ownerOrg,
    assignee: c.assignee,
    due: c.due,
    title: c.title,
    source: c.source,
    subjectName: c.subjectName,
    overdue: c.due !== null && ['open', 'in_progress'].includes(c.status) && c.due < new Date().toISOString().slice(0, 10),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The SQL condition: cases the caller's organisations own or are party to by referral, in their area scope. */
function visible(db: Db, p: Principal) {
  if (isSystemAdmin(p)) return db`true`;
  const orgs = orgsOf(p);
  const prefixes = areaPrefixes(p);
  return db`(c.owner_org = any(${orgs}::uuid[])
             or exists (select 1 from referrals r where r.case_id = c.id and (r.to_org = any(${orgs}::uuid[]) or r.from_org = any(${orgs}::uuid[]))))
            ${prefixes === null ? db`` : db`and c.area_code like any(${prefixes.map((s) => s + '%')}::text[])`}`;
}

async function loadCase(db: Db, p: Principal, id: string, lock = false): Promise<CaseRow> {
  const [c] = await db<CaseRow[]>`select ${CASE_COLS(db)} from cases c where c.id = ${id} and ${visible(db, p)} ${lock ? db`for update of c` : db``}`;
  if (!c) throw notFound(CASE, id);
  return c;
}

async function subjectArea(db: Db, type: 'person' | 'household', id: string): Promise<string | undefined> {
  const [r] = type === 'person'
    ? await db<{ areaCode: string }[]>`select area_code from persons where id = ${id} and merged_into is null`
    : await db<{ areaCode: string }[]>`select area_code from households where id = ${id} and merged_into is null`;
  return r?.areaCode;
}

export interface NewCase {
  subjectType: 'person' | 'household';
  subjectId: string;
  type: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined;
  ownerOrg?: string | undefined;
  assignee?: string | undefined;
  due?: string | undefined;
  title?: string | undefined;
}

function ownerFor(p: Principal, ownerOrg: string | undefined): string {
  const orgs = actingOrgs(p);
  const owner = ownerOrg ?? orgs[0] ?? (isSystemAdmin(p) ? p.memberships[0]?.organizationId : undefined);
  if (!owner || !canActFor(p, owner)) {
    throw problem('forbidden', { detail: 'You can open cases only for an organisation you work for as staff', detailTh: 'เปิดกรณีได้เฉพาะในนามองค์กรที่คุณปฏิบัติงานอยู่' });
  }
  return owner;
}

async function checkAssignee(db: Db, owner: string, assignee: string | undefined): Promise<void> {
  if (!assignee) return;
  const [m] = await db`select 1 as x from memberships m join users u on u.id = m.user_id where m.user_id = ${assignee} and m.organization_id = ${owner} and u.active`;
  if (!m) {
    throw problem('validation_failed', {
      detail: 'The assignee must be an active member of the owning organisation',
      detailTh: 'ผู้รับผิดชอบต้องเป็นสมาชิกขององค์กรเจ้าของกรณี',
      errors: [{ field: 'assignee', message: 'not a member of the owning organisation', messageTh: 'ไม่ใช่สมาชิกขององค์กรเจ้าของกรณี' }],
    });
  }
}

export async function create(sql: Sql, p: Principal, input: NewCase, source: { kind: 'manual' | 'bulk' | 'submission'; id?: string } = { kind: 'manual' }) {
  const owner = ownerFor(p, input.ownerOrg);
  const area = await subjectArea(sql, input.subjectType, input.subjectId);
  if (!area || !inScope(areaPrefixes(p), area)) throw notFound({ en: input.subjectType, th: input.subjectType === 'person' ? 'บุคคล' : 'ครัวเรือน' }, input.subjectId);
  await checkAssignee(sql, owner, input.assignee);
  return sql.begin(async (tx) => {
    const [c] = await tx<CaseRow[]>`
      insert into cases (subject_type, subject_id, area_code, type, priority, owner_org, assignee, due, title, source, source_id, created_by)
      values (${input.subjectType}, ${input.subjectId}, ${area}, ${input.type}, ${input.priority ?? 'normal'}, ${owner}, ${input.assignee ?? null},
              ${input.due ?? null}, ${input.title ?? null}, ${source.kind}, ${source.id ?? null}, ${p.userId})
      returning id, subject_type, subject_id, area_code, type, status, status_reason, priority, owner_org, assignee, due::text as due, title, source, null as subject_name, created_at, updated_at`;
    await tx`insert into case_events (case_id, kind, data, by_user) values (${c!.id}, 'opened', ${tx.json({ type: input.type, priority: input.priority ?? 'normal' })}, ${p.userId})`;
    if (input.assignee && input.assignee !== p.userId) {
      await notify(tx, [input.assignee], { kind: 'case.assigned', titleTh: 'คุณได้รับมอบหมายกรณีใหม่', titleEn: 'A new case was assigned to you', link: `/cases/${c!.id}`, data: { caseId: c!.id } });
    }
    await audit.record(tx, actorOf(p), { action: 'case.create', entity: 'case', entityId: c!.id, changes: { ...input, ownerOrg: owner } });
    return presentCase(c!);
  });
}

/** Opens a case for each subject flagged by an indicator in an area, skipping those with an open case of the type. */
export async function createBulk(sql: Sql, p: Principal, input: { indicator: string; area: string; type: string; priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined; ownerOrg?: string | undefined; assignee?: string | undefined; due?: string | undefined; limit: number }) {
  const owner = ownerFor(p, input.ownerOrg);
  const prefixes = areaPrefixes(p);
  if (prefixes && !prefixes.some((s) => input.area.startsWith(s))) throw notFound({ en: 'area', th: 'พื้นที่' }, input.area);
  await checkAssignee(sql, owner, input.assignee);
  return sql.begin(async (tx) => {
    const opened = await tx<{ id: string }[]>`
      insert into cases (subject_type, subject_id, area_code, type, priority, owner_org, assignee, due, source, source_id, created_by)
      select i.target, f.subject_id, f.area_code, ${input.type}, ${input.priority ?? 'normal'}, ${owner}, ${input.assignee ?? null}, ${input.due ?? null},
             'bulk', ${input.indicator}, ${p.userId}
      from flags f join indicators i on i.id = f.indicator_id
      where i.code = ${input.indicator} and f.until is null and f.area_code like ${input.area + '%'}
      order by f.subject_id
      limit ${input.limit}
      on conflict (subject_id, type) where status in ('open', 'in_progress') do nothing
      returning id`;
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`
      select count(*)::int as n from flags f join indicators i on i.id = f.indicator_id
      where i.code = ${input.indicator} and f.until is null and f.area_code like ${input.area + '%'}`;
    if (opened.length) {
      await tx`insert into case_events (case_id, kind, data, by_user)
               select unnest(${opened.map((o) => o.id)}::uuid[]), 'opened', ${tx.json({ bulk: input.indicator })}, ${p.userId}`;
    }
    await audit.record(tx, actorOf(p), { action: 'case.create_bulk', entity: 'indicator', entityId: input.indicator, changes: { ...input, ownerOrg: owner, opened: opened.length } });
    return { opened: opened.length, skipped: Math.min(n, input.limit) - opened.length, flagged: n };
  });
}

export async function list(sql: Sql, p: Principal, f: { status?: string | undefined; assignee?: string | undefined; area?: string | undefined; type?: string | undefined; overdue?: boolean | undefined; limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? Buffer.from(f.cursor, 'base64url').toString() : null;
  const rows = await sql<CaseRow[]>`
    select ${CASE_COLS(sql)} from cases c
    where ${visible(sql, p)}
      ${f.status ? sql`and c.status = ${f.status}` : sql``}
      ${f.assignee ? sql`and c.assignee = ${f.assignee === 'me' ? p.userId : f.assignee}` : sql``}
      ${f.area ? sql`and c.area_code like ${f.area + '%'}` : sql``}
      ${f.type ? sql`and c.type = ${f.type}` : sql``}
      ${f.overdue ? sql`and c.due < current_date and c.status in ('open', 'in_progress')` : sql``}
      ${after ? sql`and c.id < ${after}` : sql``}
    order by c.id desc limit ${f.limit + 1}`;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map(presentCase), nextCursor: rows.length > f.limit && last ? Buffer.from(last.id).toString('base64url') : null };
}

/** Fields of the subject a receiving organisation sees: those shared with it (names always, to know who it is). */
function onlyShared(subject: Record<string, unknown>, shared: Set<string>): Record<string, unknown> {
  const keep = new Set(['id', 'firstName', 'lastName', 'areaCode', ...shared]);
  return Object.fromEntries(Object.entries(subject).filter(([k]) => keep.has(k)));
}

export async function get(sql: Sql, p: Principal, id: string) {
  const c = await loadCase(sql, p, id);
  const mine = isSystemAdmin(p) || orgsOf(p).includes(c.ownerOrg);
  const sensitive = await canSeeSensitive(sql, p);
  const referrals = await sql<{ id: string; fromOrg: string; toOrg: string; reason: string; sharedFields: string[]; legalBasis: string; status: string; decisionReason: string | null; outcome: string | null; dueAt: Date; createdAt: Date }[]>`
    select id, from_org, to_org, reason, shared_fields, legal_basis, status, decision_reason, outcome, due_at, created_at from referrals where case_id = ${id} order by created_at`;
  const orgs = orgsOf(p);
  const visibleReferrals = mine ? referrals : referrals.filter((r) => orgs.includes(r.toOrg) || orgs.includes(r.fromOrg));
  let subject: Record<string, unknown> | null;
  if (c.subjectType === 'person') {
    const [r] = await sql<PersonRow[]>`select ${PERSON_COLUMNS(sql)} from persons p where p.id = ${c.subjectId}`;
    subject = r ? presentPerson(r, { sensitive }) : null;
  } else {
    const [h] = await sql<HouseholdRow[]>`select ${HOUSEHOLD_COLUMNS(sql)} from households h where h.id = ${c.subjectId}`;
    subject = h ? presentHousehold(h) : null;
  }
  if (subject && !mine) subject = onlyShared(subject, new Set(visibleReferrals.flatMap((r) => r.sharedFields)));
  // The receiving side of an accepted referral follows the timeline it contributes to.
  const party = visibleReferrals.some((r) => r.status !== 'pending' && r.status !== 'declined' && orgs.includes(r.toOrg));
  const events = mine || party
    ? await sql<{ id: string; kind: string; body: string | null; data: unknown; byUser: string | null; byName: string | null; at: Date }[]>`
        select e.id, e.kind, e.body, e.data, e.by_user, u.display_name as by_name, e.at from case_events e left join users u on u.id = e.by_user
        where e.case_id = ${id} order by e.at`
    : [];
  const tasks = mine || party
    ? await sql<{ id: string; title: string; assignee: string | null; due: string | null; doneAt: Date | null }[]>`
        select id, title, assignee, due::text as due, done_at from case_tasks where case_id = ${id} order by done_at nulls first, due nulls last, created_at`
    : [];
  const attachments = mine || party
    ? await sql<{ id: string; name: string; contentType: string; size: number; at: Date }[]>`
        select id, name, content_type, size, at from case_attachments where case_id = ${id} order by at`
    : [];
  return {
    ...presentCase(c),
    subject,
    tasks: tasks.map((t) => ({ ...t, doneAt: t.doneAt?.toISOString() ?? null })),
    attachments: attachments.map((a) => ({ ...a, at: a.at.toISOString() })),
    access: mine ? 'owner' : 'referral',
    referrals: visibleReferrals.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), createdAt: r.createdAt.toISOString(), overdue: r.status === 'pending' && r.dueAt < new Date() })),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    allowedTransitions: CASE_TRANSITIONS[c.status] ?? [],
  };
}

export type CaseEvent =
  | { kind: 'note'; body: string }
  | { kind: 'visit'; body?: string | undefined; data?: Record<string, unknown> | undefined }
  | { kind: 'status'; status: string; reason?: string | undefined }
  | { kind: 'assignment'; assignee: string | null };

export async function addEvent(sql: Sql, p: Principal, id: string, ev: CaseEvent) {
  return sql.begin(async (tx) => {
    const c = await loadCase(tx, p, id, true);
    // Notes and visits: the owner's staff, or a receiving organisation that accepted a referral.
    const [party] = await tx`select 1 as x from referrals where case_id = ${id} and status = 'accepted' and to_org = any(${actingOrgs(p)}::uuid[])`;
    const isOwner = canActFor(p, c.ownerOrg);
    if (!isOwner && !(party && (ev.kind === 'note' || ev.kind === 'visit'))) {
      throw problem('forbidden', { detail: 'Only the owning organisation changes this case', detailTh: 'เฉพาะองค์กรเจ้าของกรณีเท่านั้นที่แก้ไขกรณีนี้ได้' });
    }
    if (ev.kind === 'status') {
      const allowed = CASE_TRANSITIONS[c.status] ?? [];
      if (!allowed.includes(ev.status)) {
        throw problem('conflict', {
          detail: `A case that is ${c.status} cannot become ${ev.status}; allowed: ${allowed.join(', ') || 'none'}`,
          detailTh: `กรณีสถานะ ${c.status} เปลี่ยนเป็น ${ev.status} ไม่ได้ เปลี่ยนได้เป็น: ${allowed.join(', ') || 'ไม่มี'}`,
          extra: { allowed },
        });
      }
      if ((ev.status === 'resolved' || ev.status === 'closed') && !ev.reason?.trim()) {
        throw problem('validation_failed', { detail: 'Say why the case is resolved or closed', detailTh: 'กรุณาระบุเหตุผลที่ปิดหรือแก้ไขกรณีแล้ว', errors: [{ field: 'reason', message: 'required', messageTh: 'จำเป็นต้องระบุ' }] });
      }
      await tx`update cases set status = ${ev.status}, status_reason = ${ev.reason ?? null} where id = ${id}`;
      await tx`insert into case_events (case_id, kind, body, data, by_user) values (${id}, 'status', ${ev.reason ?? null}, ${tx.json({ from: c.status, to: ev.status })}, ${p.userId})`;
    } else if (ev.kind === 'assignment') {
      await checkAssignee(tx, c.ownerOrg, ev.assignee ?? undefined);
      await tx`update cases set assignee = ${ev.assignee} where id = ${id}`;
      await tx`insert into case_events (case_id, kind, data, by_user) values (${id}, 'assignment', ${tx.json({ from: c.assignee, to: ev.assignee })}, ${p.userId})`;
      if (ev.assignee && ev.assignee !== p.userId) {
        await notify(tx, [ev.assignee], { kind: 'case.assigned', titleTh: 'คุณได้รับมอบหมายกรณี', titleEn: 'A case was assigned to you', link: `/cases/${id}`, data: { caseId: id } });
      }
    } else {
      await tx`insert into case_events (case_id, kind, body, data, by_user) values (${id}, ${ev.kind}, ${ev.body ?? null}, ${tx.json(((ev.kind === "visit" ? ev.data : undefined) ?? {}) as never)}, ${p.userId})`;
    }
    await audit.record(tx, actorOf(p), { action: `case.${ev.kind}`, entity: 'case', entityId: id, changes: ev });
    return get(tx as unknown as Sql, p, id);
  });
}

export async function refer(sql: Sql, p: Principal, caseId: string, input: { toOrg: string; reason: string; sharedFields: string[]; legalBasis?: string | undefined }) {
  return sql.begin(async (tx) => {
    const c = await loadCase(tx, p, caseId, true);
    if (!canActFor(p, c.ownerOrg)) throw problem('forbidden', { detail: 'Only the owning organisation refers a case', detailTh: 'เฉพาะองค์กรเจ้าของกรณีเท่านั้นที่ส่งต่อได้' });
    const [to] = await tx<{ active: boolean }[]>`select active from organizations where id = ${input.toOrg}`;
    if (!to?.active) throw problem('validation_failed', { detail: 'No active organisation to refer to', detailTh: 'ไม่พบองค์กรปลายทางที่ยังใช้งาน', errors: [{ field: 'toOrg', message: 'unknown or inactive organisation', messageTh: 'ไม่พบองค์กร' }] });
    if (input.toOrg === c.ownerOrg) throw problem('validation_failed', { detail: 'A case is referred to another organisation', detailTh: 'ต้องส่งต่อไปยังองค์กรอื่น', errors: [{ field: 'toOrg', message: 'the owning organisation itself', messageTh: 'เป็นองค์กรเจ้าของกรณีเอง' }] });
    const [r] = await tx<{ id: string; status: string; dueAt: Date }[]>`
      insert into referrals (case_id, from_org, to_org, reason, shared_fields, legal_basis, created_by)
      values (${caseId}, ${c.ownerOrg}, ${input.toOrg}, ${input.reason}, ${input.sharedFields}, ${input.legalBasis ?? 'consent'}, ${p.userId})
      returning id, status, due_at`;
    await tx`insert into case_events (case_id, kind, body, data, by_user) values (${caseId}, 'referral', ${input.reason}, ${tx.json({ referralId: r!.id, toOrg: input.toOrg, sharedFields: input.sharedFields })}, ${p.userId})`;
    await notify(tx, await staffOf(tx, input.toOrg), { kind: 'referral.received', titleTh: 'มีการส่งต่อกรณีมายังองค์กรของคุณ', titleEn: 'A case was referred to your organisation', link: `/cases/${caseId}`, data: { referralId: r!.id, caseId } });
    await audit.record(tx, actorOf(p), { action: 'referral.create', entity: 'referral', entityId: r!.id, changes: { caseId, ...input } });
    return { id: r!.id, caseId, fromOrg: c.ownerOrg, toOrg: input.toOrg, status: r!.status, sharedFields: input.sharedFields, dueAt: r!.dueAt.toISOString() };
  });
}

export async function moveReferral(sql: Sql, p: Principal, id: string, to: 'accepted' | 'declined' | 'completed' | 'cancelled', note?: string) {
  return sql.begin(async (tx) => {
    const [r] = await tx<{ id: string; caseId: string; fromOrg: string; toOrg: string; status: string }[]>`
      select id, case_id, from_org, to_org, status from referrals where id = ${id} for update`;
    const orgs = orgsOf(p);
    // Not party to it: it does not exist for this caller.
    if (!r || (!isSystemAdmin(p) && !orgs.includes(r.toOrg) && !orgs.includes(r.fromOrg))) throw notFound(REFERRAL, id);
    const steps = REFERRAL_TRANSITIONS[r.status] ?? [];
    const step = steps.find((s) => s.to === to);
    if (!step) {
      throw problem('conflict', {
        detail: `A ${r.status} referral cannot become ${to}; allowed: ${steps.map((s) => s.to).join(', ') || 'none'}`,
        detailTh: `การส่งต่อสถานะ ${r.status} เปลี่ยนเป็น ${to} ไม่ได้ เปลี่ยนได้เป็น: ${steps.map((s) => s.to).join(', ') || 'ไม่มี'}`,
        extra: { allowed: steps.map((s) => s.to) },
      });
    }
    const party = step.by === 'to' ? r.toOrg : r.fromOrg;
    if (!canActFor(p, party)) {
      throw problem('forbidden', {
        detail: step.by === 'to' ? 'Only the receiving organisation accepts, declines or completes a referral' : 'Only the referring organisation cancels a referral',
        detailTh: step.by === 'to' ? 'เฉพาะองค์กรที่รับการส่งต่อเท่านั้นที่ตอบรับ ปฏิเสธ หรือปิดงานได้' : 'เฉพาะองค์กรที่ส่งต่อเท่านั้นที่ยกเลิกได้',
      });
    }
    if ((to === 'declined' || to === 'completed') && !note?.trim()) {
      throw problem('validation_failed', {
        detail: to === 'declined' ? 'Say why the referral is declined' : 'Say what the outcome was',
        detailTh: to === 'declined' ? 'กรุณาระบุเหตุผลที่ปฏิเสธ' : 'กรุณาระบุผลการดำเนินงาน',
        errors: [{ field: to === 'declined' ? 'reason' : 'outcome', message: 'required', messageTh: 'จำเป็นต้องระบุ' }],
      });
    }
    await tx`
      update referrals set status = ${to},
        decision_reason = ${to === 'declined' || to === 'accepted' || to === 'cancelled' ? (note ?? null) : tx`decision_reason`},
        outcome = ${to === 'completed' ? (note ?? null) : tx`outcome`},
        decided_by = ${to === 'completed' ? tx`decided_by` : p.userId}, decided_at = ${to === 'completed' ? tx`decided_at` : tx`now()`},
        completed_at = ${to === 'completed' ? tx`now()` : tx`completed_at`}
      where id = ${id}`;
    await tx`insert into case_events (case_id, kind, body, data, by_user) values (${r.caseId}, 'referral', ${note ?? null}, ${tx.json({ referralId: id, from: r.status, to })}, ${p.userId})`;
    // The referring side hears of every decision on its referral.
    const [owner] = await tx<{ assignee: string | null; createdBy: string | null }[]>`select assignee, created_by from cases where id = ${r.caseId}`;
    await notify(tx, step.by === 'to' ? [owner?.assignee, owner?.createdBy] : await staffOf(tx, r.toOrg), {
      kind: `referral.${to}`,
      titleTh: { accepted: 'การส่งต่อได้รับการตอบรับ', declined: 'การส่งต่อถูกปฏิเสธ', completed: 'การส่งต่อดำเนินการเสร็จแล้ว', cancelled: 'การส่งต่อถูกยกเลิก' }[to],
      titleEn: { accepted: 'Referral accepted', declined: 'Referral declined', completed: 'Referral completed', cancelled: 'Referral cancelled' }[to],
      link: `/cases/${r.caseId}`,
      data: { referralId: id, caseId: r.caseId },
    });
    await audit.record(tx, actorOf(p), { action: `referral.${to}`, entity: 'referral', entityId: id, changes: { from: r.status, to, note: note ?? null } });
    return { id, caseId: r.caseId, status: to };
  });
}

export async function referrals(sql: Sql, p: Principal, f: { direction: 'in' | 'out'; status?: string | undefined }) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  const rows = await sql<{ id: string; caseId: string; fromOrg: string; toOrg: string; reason: string; status: string; dueAt: Date; createdAt: Date }[]>`
    select r.id, r.case_id, r.from_org, r.to_org, r.reason, r.status, r.due_at, r.created_at from referrals r
    where ${orgs ? (f.direction === 'in' ? sql`r.to_org = any(${orgs}::uuid[])` : sql`r.from_org = any(${orgs}::uuid[])`) : sql`true`}
      ${f.status ? sql`and r.status = ${f.status}` : sql``}
    order by r.status = 'pending' desc, r.due_at limit 500`;
  return rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), createdAt: r.createdAt.toISOString(), overdue: r.status === 'pending' && r.dueAt < new Date() }));
}

/** A task on a case: the owning organisation's staff add and complete them. */
export async function addTask(sql: Sql, p: Principal, caseId: string, input: { title: string; assignee?: string | undefined; due?: string | undefined }) {
  return sql.begin(async (tx) => {
    const c = await loadCase(tx, p, caseId, true);
    if (!canActFor(p, c.ownerOrg)) throw problem('forbidden', { detail: 'Only the owning organisation adds tasks', detailTh: 'เฉพาะองค์กรเจ้าของกรณีเท่านั้นที่เพิ่มงานได้' });
    await checkAssignee(tx, c.ownerOrg, input.assignee);
    const [t] = await tx<{ id: string }[]>`insert into case_tasks (case_id, title, assignee, due, created_by)
      values (${caseId}, ${input.title}, ${input.assignee ?? null}, ${input.due ?? null}, ${p.userId}) returning id`;
    await tx`insert into case_events (case_id, kind, body, data, by_user) values (${caseId}, 'task', ${input.title}, ${tx.json({ taskId: t!.id, due: input.due ?? null })}, ${p.userId})`;
    if (input.assignee && input.assignee !== p.userId) {
      await notify(tx, [input.assignee], { kind: 'task.assigned', titleTh: `งานใหม่: ${input.title}`, titleEn: `New task: ${input.title}`, link: `/cases/${caseId}` });
    }
    await audit.record(tx, actorOf(p), { action: 'case.task', entity: 'case', entityId: caseId, changes: { taskId: t!.id, ...input } });
    return { id: t!.id, caseId, ...input, doneAt: null };
  });
}

export async function completeTask(sql: Sql, p: Principal, caseId: string, taskId: string) {
  return sql.begin(async (tx) => {
    const c = await loadCase(tx, p, caseId, true);
    const [t] = await tx<{ assignee: string | null; doneAt: Date | null; title: string }[]>`select assignee, done_at, title from case_tasks where id = ${taskId} and case_id = ${caseId} for update`;
    if (!t) throw notFound({ en: 'task', th: 'งาน' }, taskId);
    if (!canActFor(p, c.ownerOrg) && t.assignee !== p.userId) throw problem('forbidden', { detail: 'Only the owning organisation or the assignee completes a task', detailTh: 'เฉพาะองค์กรเจ้าของกรณีหรือผู้รับผิดชอบเท่านั้นที่ปิดงานได้' });
    if (t.doneAt) throw problem('conflict', { detail: 'The task is already done', detailTh: 'งานนี้เสร็จแล้ว', extra: { allowed: [] } });
    await tx`update case_tasks set done_at = now(), done_by = ${p.userId} where id = ${taskId}`;
    await tx`insert into case_events (case_id, kind, body, data, by_user) values (${caseId}, 'task', ${t.title}, ${tx.json({ taskId, done: true })}, ${p.userId})`;
    await audit.record(tx, actorOf(p), { action: 'case.task_done', entity: 'case', entityId: caseId, changes: { taskId } });
    return { id: taskId, done: true };
  });
}

/** A file (a letter, a photo of a document) on the case's timeline. */
export async function attach(sql: Sql, p: Principal, caseId: string, file: { filename: string; mimeType: string; data: Buffer }) {
  return sql.begin(async (tx) => {
    const c = await loadCase(tx, p, caseId, true);
    const [party] = await tx`select 1 as x from referrals where case_id = ${caseId} and status = 'accepted' and to_org = any(${actingOrgs(p)}::uuid[])`;
    if (!canActFor(p, c.ownerOrg) && !party) throw problem('forbidden', { detail: 'Only the organisations working on the case attach files', detailTh: 'เฉพาะองค์กรที่ดูแลกรณีเท่านั้นที่แนบไฟล์ได้' });
    const [a] = await tx<{ id: string }[]>`insert into case_attachments (case_id, name, content_type, size, data, by_user)
      values (${caseId}, ${file.filename}, ${file.mimeType}, ${file.data.length}, ${file.data}, ${p.userId}) returning id`;
    await tx`insert into case_events (case_id, kind, body, data, by_user) values (${caseId}, 'note', ${file.filename}, ${tx.json({ attachmentId: a!.id })}, ${p.userId})`;
    await audit.record(tx, actorOf(p), { action: 'case.attach', entity: 'case', entityId: caseId, changes: { attachmentId: a!.id, name: file.filename, size: file.data.length } });
    return { id: a!.id, name: file.filename, contentType: file.mimeType, size: file.data.length };
  });
}

export async function attachment(sql: Sql, p: Principal, caseId: string, id: string) {
  const detail = await get(sql, p, caseId);
  if (!detail.attachments.some((a) => a.id === id)) throw notFound({ en: 'attachment', th: 'ไฟล์แนบ' }, id);
  const [a] = await sql<{ name: string; contentType: string; data: Buffer }[]>`select name, content_type, data from case_attachments where id = ${id}`;
  return a!;
}

