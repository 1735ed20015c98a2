import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withCheckDigit } from '../../lib/thai/nationalId.js';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';

let t: TestApp;
let admin: string;
/** A day `days` from today in Thailand (YYYY-MM-DD): appointments and due dates stay ahead whatever day the tests run. */
function dayAhead(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
/** The day of the transport tests' appointments (both on one day, so in one month of the figures). */
const TRIP_DAY = dayAhead(10);

const org: Record<string, string> = {};
const who: Record<string, string> = {};
let personId: string;

type Case = { id: string; status: string; allowedTransitions: string[]; subject: Record<string, unknown>; access: string; referrals: { id: string; status: string }[] };

async function user(orgKey: string, role: string, email: string, scope = '90') {
  await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email, displayName: email, password: 'password-123', memberships: [{ organizationId: org[orgKey], role, areaScope: scope }] } });
  who[email] = await login(t.app, email, 'password-123');
  return who[email];
}

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  for (const [k, th, en] of [['health', 'กองสาธารณสุข', 'Health'], ['edu', 'กองการศึกษา', 'Education'], ['ngo', 'มูลนิธิ', 'Foundation']]) {
    org[k!] = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: th, nameEn: en } })).body.id;
  }
  await user('health', 'caseworker', 'nurse@test.local');
  await user('edu', 'caseworker', 'teacher@test.local');
  await user('ngo', 'caseworker', 'ngo@test.local');
  await user('health', 'volunteer', 'hvol@test.local');
  const csv = `fname,lname,area,dob,school,cid,phone\nแก้ว,ทดสอบ,901101,${new Date().getUTCFullYear() - 13}-01-01,no,${withCheckDigit('190110000111')},0812345678\nใจ,ทดสอบ,901101,${new Date().getUTCFullYear() - 14}-01-01,no,,`;
  const mp = await multipart([{ name: 'mapping', value: JSON.stringify({ fname: 'firstName', lname: 'lastName', area: 'areaCode', dob: 'birthDate', school: 'inSchool', cid: 'idNumber', phone: 'phone' }) }, { name: 'file', value: Buffer.from(csv), filename: 'kids.csv' }]);
  await call(t.app, 'POST', '/api/v1/imports/people', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } });
  personId = (await t.sql<{ id: string }[]>`select id from persons where first_name = 'แก้ว'`)[0]!.id;
});
after(() => t.close());

describe('cases', () => {
  let caseId: string;

  it('refuses an unknown case type, and accepts one a coordinator adds', async () => {
    const bad = await call(t.app, 'POST', '/api/v1/cases', { cookie: who['teacher@test.local'], body: { subjectType: 'person', subjectId: personId, type: 'scholarship' } });
    assert.equal(bad.status, 400);
    assert.equal((await call(t.app, 'POST', '/api/v1/case-types', { cookie: admin, body: { code: 'scholarship', nameTh: 'ทุนการศึกษา', nameEn: 'Scholarship' } })).status, 201);
    const types = await call<{ code: string }[]>(t.app, 'GET', '/api/v1/case-types', { cookie: admin });
    assert.ok(types.body.some((c) => c.code === 'scholarship'));
  });

  it('opens a case about a person (201) owned by the caller’s organisation', async () => {
    const res = await call<{ id: string; ownerOrg: string; status: string }>(t.app, 'POST', '/api/v1/cases', { cookie: who['teacher@test.local'], body: { subjectType: 'person', subjectId: personId, type: 'education', priority: 'high', due: dayAhead(38) } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.ownerOrg, org.edu);
    assert.equal(res.body.status, 'open');
    caseId = res.body.id;
  });

  it('hides a case from another organisation that is not party to it (404)', async () => {
    assert.equal((await call(t.app, 'GET', `/api/v1/cases/${caseId}`, { cookie: who['ngo@test.local'] })).status, 404);
    const list = await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/cases', { cookie: who['ngo@test.local'] });
    assert.equal(list.body.items.length, 0);
  });

  it('moves through every allowed status, and answers 409 naming the allowed ones otherwise', async () => {
    const cookie = who['teacher@test.local']!;
    const go = (status: string, reason?: string) => call<Case & { allowed?: string[] }>(t.app, 'POST', `/api/v1/cases/${caseId}/events`, { cookie, body: { kind: 'status', status, reason } });
    assert.equal((await go('in_progress')).status, 201);
    assert.equal((await go('open')).status, 201);
    assert.equal((await go('in_progress')).status, 201);
    const noReason = await go('resolved');
    assert.equal(noReason.status, 400, 'resolving needs a reason');
    assert.equal((await go('resolved', 'กลับเข้าเรียนแล้ว')).status, 201);
    assert.equal((await go('in_progress')).status, 201);
    assert.equal((await go('closed', 'ย้ายออกนอกพื้นที่')).status, 201);
    const bad = await go('resolved', 'x');
    assert.equal(bad.status, 409);
    assert.deepEqual(bad.body.allowed, ['open']);
    assert.match(JSON.stringify(bad.body), /open/);
    assert.equal((await go('open')).status, 201, 'a closed case can be reopened');
    const c = await call<Case & { events: { kind: string }[] }>(t.app, 'GET', `/api/v1/cases/${caseId}`, { cookie });
    assert.equal(c.body.status, 'open');
    assert.ok(c.body.events.filter((e) => e.kind === 'status').length >= 7);
  });

  it('adds notes and visits to the timeline; a volunteer of another organisation cannot', async () => {
    const cookie = who['teacher@test.local']!;
    assert.equal((await call(t.app, 'POST', `/api/v1/cases/${caseId}/events`, { cookie, body: { kind: 'note', body: 'โทรคุยกับผู้ปกครองแล้ว' } })).status, 201);
    assert.equal((await call(t.app, 'POST', `/api/v1/cases/${caseId}/events`, { cookie, body: { kind: 'visit', body: 'เยี่ยมบ้าน', data: { needs: ['ทุนการศึกษา'] } } })).status, 201);
    assert.equal((await call(t.app, 'POST', `/api/v1/cases/${caseId}/events`, { cookie: who['hvol@test.local'], body: { kind: 'note', body: 'x' } })).status, 404);
  });

  it('refers a case: the receiving organisation sees only the shared fields and decides; others get 403/404', async () => {
    const ref = await call<{ id: string; status: string }>(t.app, 'POST', `/api/v1/cases/${caseId}/referrals`, { cookie: who['teacher@test.local'], body: { toOrg: org.health, reason: 'ตรวจสุขภาพก่อนกลับเข้าเรียน', sharedFields: ['age', 'sex'] } });
    assert.equal(ref.status, 201);
    assert.equal(ref.body.status, 'pending');
    const seen = await call<Case>(t.app, 'GET', `/api/v1/cases/${caseId}`, { cookie: who['nurse@test.local'] });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.access, 'referral');
    assert.equal(seen.body.subject.firstName, 'แก้ว');
    assert.ok('age' in seen.body.subject);
    assert.equal('phone' in seen.body.subject, false, 'a field not shared stays hidden');
    assert.equal('idNumber' in seen.body.subject, false);
    // A third organisation acting on it: not theirs.
    assert.equal((await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/accept`, { cookie: who['ngo@test.local'], body: {} })).status, 404);
    // The sender cannot accept its own referral.
    assert.equal((await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/accept`, { cookie: who['teacher@test.local'], body: {} })).status, 403);
    // Completing a pending referral is not a transition.
    const early = await call<{ allowed: string[] }>(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/complete`, { cookie: who['nurse@test.local'], body: { outcome: 'x' } });
    assert.equal(early.status, 409);
    assert.deepEqual(early.body.allowed, ['accepted', 'declined', 'cancelled']);
    assert.equal((await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/accept`, { cookie: who['nurse@test.local'], body: {} })).status, 200);
    assert.equal((await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/complete`, { cookie: who['nurse@test.local'], body: {} })).status, 400, 'completing needs the outcome');
    assert.equal((await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/complete`, { cookie: who['nurse@test.local'], body: { outcome: 'ตรวจแล้ว สุขภาพดี' } })).status, 200);
    const incoming = await call<{ id: string; status: string }[]>(t.app, 'GET', '/api/v1/referrals?direction=in', { cookie: who['nurse@test.local'] });
    assert.deepEqual(incoming.body.map((r) => r.status), ['completed']);
    const sent = await call<{ id: string }[]>(t.app, 'GET', '/api/v1/referrals?direction=out', { cookie: who['teacher@test.local'] });
    assert.equal(sent.body.length, 1);
  });

  it('keeps tasks and attached files on the case, for the owner and an accepting organisation only', async () => {
    const cookie = who['teacher@test.local']!;
    const task = await call<{ id: string }>(t.app, 'POST', `/api/v1/cases/${caseId}/tasks`, { cookie, body: { title: 'ติดต่อโรงเรียน', due: dayAhead(22) } });
    assert.equal(task.status, 201);
    const mp = await multipart([{ name: 'file', value: Buffer.from('%PDF-1.4 test'), filename: 'หนังสือส่งตัว.pdf', contentType: 'application/pdf' }]);
    const file = await call<{ id: string; size: number }>(t.app, 'POST', `/api/v1/cases/${caseId}/attachments`, { cookie, body: mp.body, headers: { 'content-type': mp.contentType } });
    assert.equal(file.status, 201);
    assert.equal((await call(t.app, 'POST', `/api/v1/cases/${caseId}/tasks/${task.body.id}/done`, { cookie, body: {} })).status, 200);
    assert.equal((await call(t.app, 'POST', `/api/v1/cases/${caseId}/tasks/${task.body.id}/done`, { cookie, body: {} })).status, 409, 'done once');
    const c = await call<{ tasks: { id: string; doneAt: string | null }[]; attachments: { id: string; name: string }[] }>(t.app, 'GET', `/api/v1/cases/${caseId}`, { cookie });
    assert.ok(c.body.tasks[0]!.doneAt);
    assert.equal(c.body.attachments[0]!.name, 'หนังสือส่งตัว.pdf');
    const dl = await call<string>(t.app, 'GET', `/api/v1/cases/${caseId}/attachments/${file.body.id}`, { cookie });
    assert.equal(dl.status, 200);
    assert.equal((await call(t.app, 'GET', `/api/v1/cases/${caseId}/attachments/${file.body.id}`, { cookie: who['ngo@test.local'] })).status, 404);
  });

  it('lets exactly one of two simultaneous decisions on a referral succeed', async () => {
    const ref = await call<{ id: string }>(t.app, 'POST', `/api/v1/cases/${caseId}/referrals`, { cookie: who['teacher@test.local'], body: { toOrg: org.ngo, reason: 'ทุนการศึกษา', sharedFields: [] } });
    const ngo2 = await user('ngo', 'coordinator', 'ngo2@test.local');
    const [a, b] = await Promise.all([
      call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/accept`, { cookie: who['ngo@test.local'], body: {} }),
      call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/decline`, { cookie: ngo2, body: { reason: 'ไม่มีทุน' } }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const decline = await call(t.app, 'POST', `/api/v1/referrals/${ref.body.id}/decline`, { cookie: who['ngo@test.local'], body: {} });
    assert.equal(decline.status, 409);
  });

  it('opens cases in bulk for flagged people, skipping those who already have one', async () => {
    const res = await call<{ opened: number; skipped: number; flagged: number }>(t.app, 'POST', '/api/v1/cases/bulk', { cookie: who['teacher@test.local'], body: { indicator: 'out_of_school_youth', area: '9011', type: 'education' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.flagged, res.body.opened, res.body.skipped], [2, 1, 1]);
    const summary = await call<{ indicators: { code: string; count: number; reached: number }[] }>(t.app, 'GET', '/api/v1/areas/9011/summary', { cookie: admin });
    const oos = summary.body.indicators.find((i) => i.code === 'out_of_school_youth')!;
    assert.deepEqual([oos.count, oos.reached], [2, 2], 'both flagged children are reached by a case');
    const none = await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/targeting/people?indicators=out_of_school_youth&notReached=true', { cookie: admin });
    assert.equal(none.body.items.length, 0);
    const again = await call<{ opened: number }>(t.app, 'POST', '/api/v1/cases/bulk', { cookie: who['teacher@test.local'], body: { indicator: 'out_of_school_youth', area: '9011', type: 'education' } });
    assert.equal(again.body.opened, 0);
  });
});

describe('patient transport', () => {
  it('takes a request (201), schedules the day by time and destination, and follows the trip statuses', async () => {
    const at = `${TRIP_DAY}T09:30:00+07:00`;
    const res = await call<{ id: string; status: string }>(t.app, 'POST', '/api/v1/transport/requests', {
      cookie: who['nurse@test.local'],
      body: { personId, pickupAddress: '12/3 ชุมชนหลังสถานี', pickupLat: 7.004, pickupLon: 100.468, destination: 'โรงพยาบาลหาดใหญ่', appointmentAt: at, mobility: 'wheelchair', companion: true },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const day = await call<{ trips: number; groups: { hour: string; destination: string; trips: { status: string }[] }[] }>(t.app, 'GET', `/api/v1/transport/schedule?date=${TRIP_DAY}`, { cookie: who['nurse@test.local'] });
    assert.equal(day.body.trips, 1);
    assert.deepEqual(day.body.groups.map((g) => [g.hour, g.destination]), [['09:00', 'โรงพยาบาลหาดใหญ่']]);
    const move = (status: string) => call<{ allowed?: string[] }>(t.app, 'POST', `/api/v1/transport/requests/${res.body.id}/status`, { cookie: who['nurse@test.local'], body: { status, vehicle: 'กข-1234' } });
    const skip = await move('arrived');
    assert.equal(skip.status, 409);
    assert.deepEqual(skip.body.allowed, ['scheduled', 'cancelled']);
    for (const s of ['scheduled', 'picked_up', 'arrived', 'returned']) assert.equal((await move(s)).status, 200, s);
    const other = await call<{ trips: number }>(t.app, 'GET', `/api/v1/transport/schedule?date=${TRIP_DAY}`, { cookie: who['teacher@test.local'] });
    assert.equal(other.body.trips, 0, 'another organisation’s trips are not in its schedule');
  });

  it('schedules a wheelchair trip only on a vehicle that carries one and is available, and counts trips per month', async () => {
    const nurse = who['nurse@test.local']!;
    const van = await call<{ id: string }>(t.app, 'POST', '/api/v1/transport/vehicles', { cookie: nurse, body: { name: 'รถตู้ 1', plate: 'กข-1234', wheelchair: true } });
    const car = await call<{ id: string }>(t.app, 'POST', '/api/v1/transport/vehicles', { cookie: nurse, body: { name: 'รถเก๋ง', seats: 4 } });
    assert.equal(van.status, 201);
    const trip = await call<{ id: string }>(t.app, 'POST', '/api/v1/transport/requests', {
      cookie: nurse,
      body: { personId, pickupAddress: 'บ้าน', destination: 'โรงพยาบาลสงขลา', appointmentAt: `${TRIP_DAY}T10:00:00+07:00`, mobility: 'wheelchair' },
    });
    const onCar = await call(t.app, 'POST', `/api/v1/transport/requests/${trip.body.id}/status`, { cookie: nurse, body: { status: 'scheduled', vehicleId: car.body.id } });
    assert.equal(onCar.status, 400, 'a car without wheelchair space');
    await call(t.app, 'POST', '/api/v1/transport/unavailability', { cookie: nurse, body: { vehicleId: van.body.id, startsAt: `${TRIP_DAY}T08:00:00+07:00`, endsAt: `${TRIP_DAY}T12:00:00+07:00`, reason: 'ซ่อมบำรุง' } });
    const inRepair = await call(t.app, 'POST', `/api/v1/transport/requests/${trip.body.id}/status`, { cookie: nurse, body: { status: 'scheduled', vehicleId: van.body.id } });
    assert.equal(inRepair.status, 409, 'the van is in for maintenance then');
    const list = await call<{ id: string; unavailableThatDay: boolean }[]>(t.app, 'GET', `/api/v1/transport/vehicles?date=${TRIP_DAY}`, { cookie: nurse });
    assert.equal(list.body.find((v) => v.id === van.body.id)!.unavailableThatDay, true);
    const figures = await call<{ month: string; requested: number; completed: number }[]>(t.app, 'GET', '/api/v1/transport/figures?months=3', { cookie: nurse });
    const month = figures.body.find((f) => f.month === TRIP_DAY.slice(0, 7));
    assert.deepEqual([month?.requested, month?.completed], [2, 1]);
  });
});

