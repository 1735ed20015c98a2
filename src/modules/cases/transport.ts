/**
 * Patient transport to hospital appointments: requests, a day schedule
 * grouped by time and destination, and trip statuses requested →
 * scheduled → picked up → arrived → returned (or cancelled / no-show).
 */
import type { Sql, Tx } from '../../db/index.js';
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

export async function moveTrip(sql: Sql, p: Principal, id: string, input: { status: string; vehicle?: string | undefined; vehicleId?: string | undefined; driver?: string | undefined; pickupAt?: string | undefined }) {
  return sql.begin(async (tx) => {
    const [t] = await tx<{ orgId: string; status: string; appointmentAt: Date; mobility: string }[]>`
      select org_id, status, appointment_at, mobility from transport_requests where id = ${id} for update`;
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
    if (input.vehicleId || input.driver) await checkAvailable(tx, t.orgId, t.appointmentAt, t.mobility, input.vehicleId, input.driver, id);
    await tx`update transport_requests set status = ${input.status}, vehicle = coalesce(${input.vehicle ?? null}, vehicle),
               vehicle_id = coalesce(${input.vehicleId ?? null}, vehicle_id),
               driver = coalesce(${input.driver ?? null}, driver), pickup_at = coalesce(${input.pickupAt ?? null}::timestamptz, pickup_at)
             where id = ${id}`;
    await audit.record(tx, actorOf(p), { action: 'transport.status', entity: 'transport', entityId: id, changes: { from: t.status, ...input } });
    return { id, status: input.status };
  });
}

/** A vehicle or driver is free around the appointment (±2 h), fits the patient, and is not booked on another trip then. */
async function checkAvailable(tx: Tx, orgId: string, at: Date, mobility: string, vehicleId: string | undefined, driverId: string | undefined, tripId: string): Promise<void> {
  const from = new Date(at.getTime() - 2 * 3600_000);
  const to = new Date(at.getTime() + 2 * 3600_000);
  const busy = (what: { en: string; th: string }) =>
    problem('conflict', { detail: `The ${what.en} is not available then`, detailTh: `${what.th}ไม่ว่างในเวลานั้น` });
  if (vehicleId) {
    const [v] = await tx<{ wheelchair: boolean; stretcher: boolean; active: boolean }[]>`select wheelchair, stretcher, active from vehicles where id = ${vehicleId} and org_id = ${orgId}`;
    if (!v?.active) throw problem('validation_failed', { detail: 'No such vehicle of this organisation', detailTh: 'ไม่พบรถขององค์กรนี้', errors: [{ field: 'vehicleId', message: 'unknown vehicle', messageTh: 'ไม่พบรถ' }] });
    if ((mobility === 'wheelchair' && !v.wheelchair) || (mobility === 'stretcher' && !v.stretcher)) {
      throw problem('validation_failed', { detail: `The vehicle cannot carry a ${mobility}`, detailTh: 'รถคันนี้ไม่รองรับผู้ป่วยประเภทนี้', errors: [{ field: 'vehicleId', message: `no ${mobility} space`, messageTh: 'ไม่รองรับ' }] });
    }
    const [off] = await tx`select 1 as x from unavailability where vehicle_id = ${vehicleId} and starts_at < ${to} and ends_at > ${from}`;
    if (off) throw busy({ en: 'vehicle', th: 'รถ' });
  }
  if (driverId) {
    const [off] = await tx`select 1 as x from unavailability where driver_id = ${driverId} and starts_at < ${to} and ends_at > ${from}`;
    const [other] = await tx`select 1 as x from transport_requests where driver = ${driverId} and id <> ${tripId} and status in ('scheduled', 'picked_up', 'arrived')
                             and appointment_at between ${from} and ${to}`;
    if (off || other) throw busy({ en: 'driver', th: 'พนักงานขับรถ' });
  }
}

export async function addVehicle(sql: Sql, p: Principal, input: { orgId?: string | undefined; name: string; plate?: string | undefined; wheelchair?: boolean | undefined; stretcher?: boolean | undefined; seats?: number | undefined }) {
  const org = input.orgId ?? actingOrgs(p)[0];
  if (!org || !canActFor(p, org)) throw problem('forbidden', { detail: 'Add vehicles to an organisation you work for', detailTh: 'เพิ่มรถได้เฉพาะองค์กรที่คุณปฏิบัติงานอยู่' });
  return sql.begin(async (tx) => {
    const [v] = await tx<{ id: string }[]>`insert into vehicles (org_id, name, plate, wheelchair, stretcher, seats)
      values (${org}, ${input.name}, ${input.plate ?? null}, ${input.wheelchair ?? false}, ${input.stretcher ?? false}, ${input.seats ?? 4}) returning id`;
    await audit.record(tx, actorOf(p), { action: 'transport.vehicle', entity: 'vehicle', entityId: v!.id, changes: { ...input, orgId: org } });
    return { id: v!.id, orgId: org, ...input };
  });
}

export async function markUnavailable(sql: Sql, p: Principal, input: { vehicleId?: string | undefined; driverId?: string | undefined; startsAt: string; endsAt: string; reason?: string | undefined }) {
  if (!input.vehicleId === !input.driverId) throw problem('validation_failed', { detail: 'Name a vehicle or a driver', detailTh: 'กรุณาระบุรถหรือพนักงานขับรถอย่างใดอย่างหนึ่ง' });
  if (!actingOrgs(p).length && !isSystemAdmin(p)) throw problem('forbidden');
  const [u] = await sql<{ id: string }[]>`insert into unavailability (vehicle_id, driver_id, starts_at, ends_at, reason)
    values (${input.vehicleId ?? null}, ${input.driverId ?? null}, ${input.startsAt}, ${input.endsAt}, ${input.reason ?? null}) returning id`;
  return { id: u!.id, ...input };
}

export async function vehicles(sql: Sql, p: Principal, date?: string) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  return sql`
    select v.id, v.org_id, v.name, v.plate, v.wheelchair, v.stretcher, v.seats,
           exists (select 1 from unavailability u where u.vehicle_id = v.id
                   and ${date ?? null}::date is not null and u.starts_at < (${date ?? null}::date + 1) and u.ends_at > ${date ?? null}::date) as unavailable_that_day
    from vehicles v where v.active ${orgs ? sql`and v.org_id = any(${orgs}::uuid[])` : sql``} order by v.name`;
}

/** Trips per month by outcome, for the service's figures. */
export async function monthly(sql: Sql, p: Principal, months: number) {
  const orgs = isSystemAdmin(p) ? null : orgsOf(p);
  return sql`
    select to_char(date_trunc('month', appointment_at at time zone 'Asia/Bangkok'), 'YYYY-MM') as month,
           count(*)::int as requested,
           count(*) filter (where status = 'returned')::int as completed,
           count(*) filter (where status = 'cancelled')::int as cancelled,
           count(*) filter (where status = 'no_show')::int as no_show,
           count(*) filter (where mobility <> 'walking')::int as wheelchair_or_stretcher,
           count(distinct person_id)::int as patients
    from transport_requests
    where appointment_at >= date_trunc('month', now()) - make_interval(months => ${months - 1})
      ${orgs ? sql`and org_id = any(${orgs}::uuid[])` : sql``}
    group by 1 order by 1`;
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
