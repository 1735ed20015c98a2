/**
 * Supplies for patients and disabled people: items, stock per
 * organisation, requests, and handovers recorded against the person. A
 * handover takes from stock in the same transaction; stock never goes
 * below zero (409 instead).
 */
import type { Sql, Tx } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, inScope, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { actingOrgs, canActFor, orgsOf } from './policy.js';

export async function items(sql: Sql) {
  return sql<{ code: string; nameTh: string; nameEn: string; unitTh: string; unitEn: string }[]>`
    select code, name_th, name_en, unit_th, unit_en from supply_items where active order by name_th`;
}

export async function stock(sql: Sql, p: Principal) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  return sql<{ orgId: string; itemCode: string; quantity: number }[]>`
    select org_id, item_code, quantity from supply_stock ${orgs ? sql`where org_id = any(${orgs}::uuid[])` : sql``} order by org_id, item_code`;
}

function orgFor(p: Principal, orgId: string | undefined): string {
  const org = orgId ?? actingOrgs(p)[0];
  if (!org || !canActFor(p, org)) throw problem('forbidden', { detail: 'Act for an organisation you work for', detailTh: 'ดำเนินการได้ในนามองค์กรที่คุณปฏิบัติงานอยู่' });
  return org;
}

async function move(tx: Tx, o: { org: string; item: string; quantity: number; kind: 'receipt' | 'handover' | 'adjustment'; personId?: string | null; requestId?: string | null; note?: string | null; by: string }): Promise<number> {
  await tx`insert into supply_stock (org_id, item_code, quantity) values (${o.org}, ${o.item}, 0) on conflict do nothing`;
  let left: number;
  try {
    // A savepoint, so that running out of stock leaves the transaction usable for the 409.
    const rows = await tx.savepoint((sp) => sp<{ quantity: number }[]>`
      update supply_stock set quantity = quantity + ${o.quantity} where org_id = ${o.org} and item_code = ${o.item} returning quantity`);
    left = rows[0]!.quantity;
  } catch (err) {
    if ((err as { code?: string }).code === '23514') {
      throw problem('conflict', { detail: `Not enough ${o.item} in stock`, detailTh: `${o.item} ในคลังไม่พอ` });
    }
    throw err;
  }
  await tx`insert into supply_movements (org_id, item_code, quantity, kind, person_id, request_id, note, by_user)
           values (${o.org}, ${o.item}, ${o.quantity}, ${o.kind}, ${o.personId ?? null}, ${o.requestId ?? null}, ${o.note ?? null}, ${o.by})`;
  return left;
}

export async function receive(sql: Sql, p: Principal, input: { orgId?: string | undefined; itemCode: string; quantity: number; note?: string | undefined }) {
  const org = orgFor(p, input.orgId);
  return sql.begin(async (tx) => {
    const quantity = await move(tx, { org, item: input.itemCode, quantity: input.quantity, kind: 'receipt', note: input.note ?? null, by: p.userId });
    await audit.record(tx, actorOf(p), { action: 'supplies.receive', entity: 'supplies', entityId: `${org}:${input.itemCode}`, changes: { ...input, stock: quantity } });
    return { orgId: org, itemCode: input.itemCode, stock: quantity };
  });
}

export async function request(sql: Sql, p: Principal, input: { personId: string; orgId?: string | undefined; itemCode: string; quantity: number; reason?: string | undefined; caseId?: string | undefined }) {
  const org = input.orgId ?? orgsOf(p)[0];
  if (!org) throw problem('forbidden');
  const [person] = await sql<{ areaCode: string }[]>`select area_code from persons where id = ${input.personId} and merged_into is null`;
  if (!person || !inScope(areaPrefixes(p), person.areaCode)) throw notFound({ en: 'person', th: 'บุคคล' }, input.personId);
  return sql.begin(async (tx) => {
    const [r] = await tx<{ id: string; status: string }[]>`
      insert into supply_requests (person_id, org_id, item_code, quantity, reason, case_id, created_by)
      values (${input.personId}, ${org}, ${input.itemCode}, ${input.quantity}, ${input.reason ?? null}, ${input.caseId ?? null}, ${p.userId})
      returning id, status`;
    await audit.record(tx, actorOf(p), { action: 'supplies.request', entity: 'person', entityId: input.personId, changes: { requestId: r!.id, ...input } });
    return { id: r!.id, status: r!.status, orgId: org, ...input };
  });
}

/** Hands a requested item to the person: stock goes down, the handover is on their record. */
export async function handOver(sql: Sql, p: Principal, requestId: string, note?: string) {
  return sql.begin(async (tx) => {
    const [r] = await tx<{ orgId: string; personId: string; itemCode: string; quantity: number; status: string }[]>`
      select org_id, person_id, item_code, quantity, status from supply_requests where id = ${requestId} for update`;
    if (!r || (!isSystemAdmin(p) && !orgsOf(p).includes(r.orgId))) throw notFound({ en: 'supply request', th: 'คำขออุปกรณ์' }, requestId);
    if (!canActFor(p, r.orgId)) throw problem('forbidden', { detail: 'Only the organisation’s staff hand over supplies', detailTh: 'เฉพาะเจ้าหน้าที่ขององค์กรเท่านั้นที่ส่งมอบอุปกรณ์ได้' });
    if (r.status !== 'requested') {
      throw problem('conflict', { detail: `The request is ${r.status}; only a requested item is handed over`, detailTh: `คำขออยู่ในสถานะ ${r.status} ส่งมอบได้เฉพาะคำขอที่รอดำเนินการ`, extra: { allowed: [] } });
    }
    const left = await move(tx, { org: r.orgId, item: r.itemCode, quantity: -r.quantity, kind: 'handover', personId: r.personId, requestId, note: note ?? null, by: p.userId });
    await tx`update supply_requests set status = 'handed_over', decided_by = ${p.userId}, decided_at = now() where id = ${requestId}`;
    await audit.record(tx, actorOf(p), { action: 'supplies.handover', entity: 'person', entityId: r.personId, changes: { requestId, item: r.itemCode, quantity: r.quantity, stockLeft: left } });
    return { id: requestId, status: 'handed_over', stockLeft: left };
  });
}

export async function ofPerson(sql: Sql, p: Principal, personId: string) {
  const [person] = await sql<{ areaCode: string }[]>`select area_code from persons where id = ${personId}`;
  if (!person || !inScope(areaPrefixes(p), person.areaCode)) throw notFound({ en: 'person', th: 'บุคคล' }, personId);
  const requests = await sql`select id, org_id, item_code, quantity, status, reason, created_at from supply_requests where person_id = ${personId} order by created_at desc`;
  const handovers = await sql`select item_code, -quantity as quantity, org_id, at, note from supply_movements where person_id = ${personId} and kind = 'handover' order by at desc`;
  return { requests, handovers };
}
