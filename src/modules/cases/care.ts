/**
 * Home care: a visit plan per person (caregiver, how often), visit logs
 * with vital signs and needs found, and missed visits (plans past due).
 */
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, inScope, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canSeeSensitive } from '../registry/policy.js';
import { actingOrgs, canActFor, orgsOf } from './policy.js';

async function personInScope(sql: Sql, p: Principal, personId: string): Promise<void> {
  const [r] = await sql<{ areaCode: string }[]>`select area_code from persons where id = ${personId} and merged_into is null`;
  if (!r || !inScope(areaPrefixes(p), r.areaCode)) throw notFound({ en: 'person', th: 'บุคคล' }, personId);
}

export async function createPlan(sql: Sql, p: Principal, input: { personId: string; orgId?: string | undefined; caregiverId?: string | undefined; caregiverName?: string | undefined; everyDays: number; firstDue?: string | undefined; notes?: string | undefined }) {
  const org = input.orgId ?? actingOrgs(p)[0];
  if (!org || !canActFor(p, org)) throw problem('forbidden', { detail: 'Plan visits for an organisation you work for', detailTh: 'วางแผนเยี่ยมบ้านได้ในนามองค์กรที่คุณปฏิบัติงานอยู่' });
  if (!input.caregiverId && !input.caregiverName) {
    throw problem('validation_failed', { detail: 'Name the caregiver', detailTh: 'กรุณาระบุผู้ดูแล', errors: [{ field: 'caregiverId', message: 'a user or a name is required', messageTh: 'ต้องระบุผู้ใช้หรือชื่อผู้ดูแล' }] });
  }
  await personInScope(sql, p, input.personId);
  return sql.begin(async (tx) => {
    const [plan] = await tx<{ id: string; nextDue: string }[]>`
      insert into care_plans (person_id, org_id, caregiver_id, caregiver_name, every_days, next_due, notes, created_by)
      values (${input.personId}, ${org}, ${input.caregiverId ?? null}, ${input.caregiverName ?? null}, ${input.everyDays},
              coalesce(${input.firstDue ?? null}::date, current_date + ${input.everyDays}::int), ${input.notes ?? null}, ${p.userId})
      returning id, next_due::text as next_due`;
    await audit.record(tx, actorOf(p), { action: 'care.plan', entity: 'person', entityId: input.personId, changes: { planId: plan!.id, ...input, orgId: org } });
    return { id: plan!.id, nextDue: plan!.nextDue, orgId: org, ...input };
  });
}

/** Records a visit; the plan's next due date moves to the visit day plus its interval. */
export async function logVisit(sql: Sql, p: Principal, planId: string, input: { visitedAt: string; vitals?: Record<string, number> | undefined; notes?: string | undefined; needs?: string[] | undefined }) {
  return sql.begin(async (tx) => {
    const [plan] = await tx<{ personId: string; orgId: string; caregiverId: string | null; everyDays: number }[]>`
      select person_id, org_id, caregiver_id, every_days from care_plans where id = ${planId} for update`;
    if (!plan || (!isSystemAdmin(p) && !orgsOf(p).includes(plan.orgId))) throw notFound({ en: 'care plan', th: 'แผนการเยี่ยมบ้าน' }, planId);
    if (!canActFor(p, plan.orgId) && plan.caregiverId !== p.userId) throw problem('forbidden', { detail: 'Only the caregiver or the organisation’s staff log visits', detailTh: 'เฉพาะผู้ดูแลหรือเจ้าหน้าที่ขององค์กรเท่านั้นที่บันทึกการเยี่ยมได้' });
    const [v] = await tx<{ id: string }[]>`
      insert into care_visits (plan_id, person_id, visited_at, by_user, vitals, notes, needs)
      values (${planId}, ${plan.personId}, ${input.visitedAt}, ${p.userId}, ${tx.json((input.vitals ?? {}))}, ${input.notes ?? null}, ${input.needs ?? []})
      returning id`;
    await tx`update care_plans set next_due = greatest(next_due, ((${input.visitedAt}::timestamptz at time zone 'Asia/Bangkok')::date + every_days)) where id = ${planId}`;
    await audit.record(tx, actorOf(p), { action: 'care.visit', entity: 'person', entityId: plan.personId, changes: { planId, visitId: v!.id, needs: input.needs ?? [] } });
    return { id: v!.id, planId };
  });
}

/** Plans of the caller's organisations; `missed` = active plans past their due date. */
export async function plans(sql: Sql, p: Principal, f: { missed: boolean; personId?: string | undefined }) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  const sensitive = await canSeeSensitive(sql, p);
  const rows = await sql<{ id: string; personId: string; firstName: string; lastName: string | null; orgId: string; caregiverId: string | null; caregiverName: string | null; everyDays: number; nextDue: string; active: boolean; lastVisit: Date | null }[]>`
    select c.id, c.person_id, p.first_name, p.last_name, c.org_id, c.caregiver_id, coalesce(u.display_name, c.caregiver_name) as caregiver_name,
           c.every_days, c.next_due::text as next_due, c.active,
           (select max(visited_at) from care_visits v where v.plan_id = c.id) as last_visit
    from care_plans c join persons p on p.id = c.person_id left join users u on u.id = c.caregiver_id
    where true ${orgs ? sql`and c.org_id = any(${orgs}::uuid[])` : sql``}
      ${f.missed ? sql`and c.active and c.next_due < current_date` : sql``}
      ${f.personId ? sql`and c.person_id = ${f.personId}` : sql``}
    order by c.next_due limit 500`;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return rows.map((r) => ({ ...r, lastVisit: r.lastVisit?.toISOString() ?? null, missed: r.active && r.nextDue < today, sensitiveHidden: !sensitive }));
}

export async function visits(sql: Sql, p: Principal, personId: string) {
  await personInScope(sql, p, personId);
  // Vital signs are health data (PDPA s.26).
  if (!(await canSeeSensitive(sql, p))) throw problem('forbidden', { detail: 'Visit logs hold health data; your organisation has no legal basis to see them', detailTh: 'บันทึกการเยี่ยมมีข้อมูลสุขภาพ องค์กรของคุณไม่มีฐานทางกฎหมายในการเข้าถึง' });
  const rows = await sql<{ id: string; planId: string; visitedAt: Date; byName: string | null; vitals: unknown; notes: string | null; needs: string[] }[]>`
    select v.id, v.plan_id, v.visited_at, u.display_name as by_name, v.vitals, v.notes, v.needs
    from care_visits v left join users u on u.id = v.by_user where v.person_id = ${personId} order by v.visited_at desc limit 200`;
  await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'care.view_sensitive', entity: 'person', entityId: personId }));
  return rows.map((r) => ({ ...r, visitedAt: r.visitedAt.toISOString() }));
}
