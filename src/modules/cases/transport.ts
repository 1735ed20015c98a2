/**
 * Patient transport to hospital appointments: requests, a day schedule
 * grouped by time and destination, and trip statuses requested →
 * scheduled → picked up → arrived → returned (or cancelled / no-show).
 */
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, inScope, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { actingOrgs, canActFor, orgsOf } from './policy.js';

export const TRIP_TRANSITIONS: Record<string, string[]> = {
  requested: ['scheduled', 'cancelled'],
  scheduled: ['picked_up', 'cancelled', 'no_show', 'requested'],
  picked_up: ['arrived'],
  arrived: ['returned'],
  returned: [],
  cancelled: [],
  no_show: [],
};

export interface TransportInput {
  personId: string;
  caseId?: string | undefined;
  orgId?: string | undefined;
  pickupAddress: string;
  pickupLat?: number | undefined;
  pickupLon?: number | undefined;
  destination: string;
  appointmentAt: string;
  mobility?: 'walking' | 'wheelchair' | 'stretcher' | undefined;
  companion?: boolean | undefined;
  notes?: string | undefined;
}

export async function requestTrip(sql: Sql, p: Principal, input: TransportInput) {
  const org = input.orgId ?? actingOrgs(p)[0];
  if (!org || !canActFor(p, org)) throw problem('forbidden', { detail: 'Request transport for an organisation you work for', detailTh: 'ขอรถรับส่งได้ในนามองค์กรที่คุณปฏิบัติงานอยู่' });
  const [person] = await sql<{ areaCode: string }[]>`select area_code from persons where id = ${input.personId} and merged_into is null`;
  if (!person || !inScope(areaPrefixes(p), person.areaCode)) throw notFound({ en: 'person', th: 'บุคคล' }, input.personId);
  if (Date.parse(input.appointmentAt) < Date.now() - 3600_000) {
    throw problem('validation_failed', { detail: 'The appointment is in the past', detailTh: 'เวลานัดหมายผ่านไปแล้ว', errors: [{ field: 'appointmentAt', message: 'in the past', messageTh: 'เป็นเวลาที่ผ่านมาแล้ว' }] });
  }
  return sql.begin(async (tx) => {
    const [t] = await tx<{ id: string; status: string }[]>`
      insert into transport_requests (case_id, person_id, org_id, pickup_address, pickup_lat, pickup_lon, destination, appointment_at, mobility, companion, notes, created_by)
      values (${input.caseId ?? null}, ${input.personId}, ${org}, ${input.pickupAddress}, ${input.pickupLat ?? null}, ${input.pickupLon ?? null},
              ${input.destination}, ${input.appointmentAt}, ${input.mobility ?? 'walking'}, ${input.companion ?? false}, ${input.notes ?? null}, ${p.userId})
      returning id, status`;
    await audit.record(tx, actorOf(p), { action: 'transport.request', entity: 'transport', entityId: t!.id, changes: { ...input, orgId: org } });
    return { id: t!.id, status: t!.status, orgId: org, ...input };
  });
}

export async function moveTrip(sql: Sql, p: Principal, id: string, input: { status: string; vehicle?: string | undefined; driver?: string | undefined; pickupAt?: string | undefined }) {
  return sql.begin(async (tx) => {
    const [t] = await tx<{ orgId: string; status: string }[]>`select org_id, status from transport_requests where id = ${id} for update`;
    if (!t || (!isSystemAdmin(p) && !orgsOf(p).includes(t.orgId))) throw notFound({ en: 'transport request', th: 'คำขอรถรับส่ง' }, id);
    const allowed = TRIP_TRANSITIONS[t.status] ?? [];
    if (!allowed.includes(input.status)) {
      throw problem('conflict', {
        detail: `A ${t.status} trip cannot become ${input.status}; allowed: ${allowed.join(', ') || 'none'}`,
        detailTh: `เที่ยวรถสถานะ ${t.status} เปลี่ยนเป็น ${input.status} ไม่ได้ เปลี่ยนได้เป็น: ${allowed.join(', ') || 'ไม่มี'}`,
        extra: { allowed },
      });
    }
    // Drivers move their own trips along; scheduling is the organisation's staff.
    const isDriverStep = ['picked_up', 'arrived', 'returned', 'no_show'].includes(input.status);
    if (!canActFor(p, t.orgId) && !isDriverStep) throw problem('forbidden', { detail: 'Only the organisation’s staff schedule trips', detailTh: 'เฉพาะเจ้าหน้าที่ขององค์กรเท่านั้นที่จัดตารางรถได้' });
    await tx`update transport_requests set status = ${input.status}, vehicle = coalesce(${input.vehicle ?? null}, vehicle),
               driver = coalesce(${input.driver ?? null}, driver), pickup_at = coalesce(${input.pickupAt ?? null}::timestamptz, pickup_at)
             where id = ${id}`;
    await audit.record(tx, actorOf(p), { action: 'transport.status', entity: 'transport', entityId: id, changes: { from: t.status, ...input } });
    return { id, status: input.status };
  });
}

/** The trips of a day (Thailand time) for the caller's organisations, grouped by hour and destination. */
export async function schedule(sql: Sql, p: Principal, date: string) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  const rows = await sql<{ id: string; personId: string; firstName: string; lastName: string | null; pickupAddress: string; pickupLat: number | null; pickupLon: number | null; destination: string; appointmentAt: Date; mobility: string; companion: boolean; status: string; vehicle: string | null; driver: string | null; pickupAt: Date | null }[]>`
    select t.id, t.person_id, p.first_name, p.last_name, t.pickup_address, t.pickup_lat, t.pickup_lon, t.destination, t.appointment_at, t.mobility,
           t.companion, t.status, t.vehicle, t.driver, t.pickup_at
    from transport_requests t join persons p on p.id = t.person_id
    where (t.appointment_at at time zone 'Asia/Bangkok')::date = ${date}::date
      ${orgs ? sql`and t.org_id = any(${orgs}::uuid[])` : sql``}
    order by t.appointment_at, t.destination`;
  const groups = new Map<string, { hour: string; destination: string; trips: unknown[] }>();
  for (const r of rows) {
    const hour = new Date(r.appointmentAt.getTime() + 7 * 3600_000).toISOString().slice(11, 13) + ':00';
    const key = `${hour}|${r.destination}`;
    if (!groups.has(key)) groups.set(key, { hour, destination: r.destination, trips: [] });
    groups.get(key)!.trips.push({ ...r, appointmentAt: r.appointmentAt.toISOString(), pickupAt: r.pickupAt?.toISOString() ?? null });
  }
  return { date, trips: rows.length, groups: [...groups.values()] };
}
