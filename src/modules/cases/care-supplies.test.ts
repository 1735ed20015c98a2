import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';

let t: TestApp;
let admin: string;
let nurse: string;
let clerk: string;
let personId: string;
let healthOrg: string;

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  healthOrg = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'สาธารณสุข', nameEn: 'Health', sensitiveBasis: 'public_task' } })).body.id;
  const eduOrg = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'การศึกษา', nameEn: 'Education' } })).body.id;
  for (const [email, org] of [['nurse@care.test', healthOrg], ['clerk@care.test', eduOrg]] as const) {
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email, displayName: email, password: 'password-123', memberships: [{ organizationId: org, role: 'caseworker', areaScope: '90' }] } });
  }
  nurse = await login(t.app, 'nurse@care.test', 'password-123');
  clerk = await login(t.app, 'clerk@care.test', 'password-123');
  const [row] = await t.sql<{ id: string }[]>`insert into persons (area_code, first_name, last_name, bedridden) values ('901101', 'ยาย', 'ติดเตียง', 'yes') returning id`;
  personId = row!.id;
});
after(() => t.close());

describe('home care', () => {
  it('plans visits, flags a missed one, and moves the due date when a visit is logged', async () => {
    const plan = await call<{ id: string; nextDue: string }>(t.app, 'POST', '/api/v1/homecare/plans', { cookie: nurse, body: { personId, caregiverName: 'อสม. สมใจ', everyDays: 7, firstDue: '2026-01-05' } });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const missed = await call<{ id: string; missed: boolean }[]>(t.app, 'GET', '/api/v1/homecare/plans?missed=true', { cookie: nurse });
    assert.deepEqual(missed.body.map((p) => [p.id, p.missed]), [[plan.body.id, true]]);
    const visit = await call(t.app, 'POST', `/api/v1/homecare/plans/${plan.body.id}/visits`, {
      cookie: nurse,
      body: { visitedAt: new Date().toISOString(), vitals: { bpSystolic: 150, bpDiastolic: 95, pulse: 88 }, notes: 'แผลกดทับดีขึ้น', needs: ['แผ่นรองซับ'] },
    });
    assert.equal(visit.status, 201);
    assert.equal((await call<unknown[]>(t.app, 'GET', '/api/v1/homecare/plans?missed=true', { cookie: nurse })).body.length, 0);
    const [p] = await t.sql<{ nextDue: string }[]>`select next_due::text as next_due from care_plans where id = ${plan.body.id}`;
    assert.ok(p!.nextDue > new Date().toISOString().slice(0, 10));
  });

  it('refuses implausible vital signs naming the field', async () => {
    const [plan] = await t.sql<{ id: string }[]>`select id from care_plans limit 1`;
    const res = await call<{ errors: { field: string }[] }>(t.app, 'POST', `/api/v1/homecare/plans/${plan!.id}/visits`, { cookie: nurse, body: { visitedAt: new Date().toISOString(), vitals: { pulse: 900 } } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.some((e) => e.field === 'vitals.pulse'));
  });

  it('shows visit logs (health data) only with a legal basis, and hides another organisation’s plans', async () => {
    const logs = await call<{ vitals: { bpSystolic: number } }[]>(t.app, 'GET', `/api/v1/people/${personId}/visits`, { cookie: nurse });
    assert.equal(logs.status, 200);
    assert.equal(logs.body[0]!.vitals.bpSystolic, 150);
    assert.equal((await call(t.app, 'GET', `/api/v1/people/${personId}/visits`, { cookie: clerk })).status, 403);
    assert.equal((await call<unknown[]>(t.app, 'GET', '/api/v1/homecare/plans', { cookie: clerk })).body.length, 0);
  });
});

describe('supplies', () => {
  it('hands over a requested item against the person, lowering stock, and refuses more than is in stock', async () => {
    assert.equal((await call(t.app, 'POST', '/api/v1/supplies/receipts', { cookie: nurse, body: { itemCode: 'adult_diaper', quantity: 100 } })).status, 201);
    const req = await call<{ id: string }>(t.app, 'POST', '/api/v1/supplies/requests', { cookie: nurse, body: { personId, itemCode: 'adult_diaper', quantity: 60, reason: 'ติดเตียง' } });
    assert.equal(req.status, 201);
    const hand = await call<{ stockLeft: number }>(t.app, 'POST', `/api/v1/supplies/requests/${req.body.id}/handover`, { cookie: nurse, body: {} });
    assert.equal(hand.status, 200);
    assert.equal(hand.body.stockLeft, 40);
    assert.equal((await call(t.app, 'POST', `/api/v1/supplies/requests/${req.body.id}/handover`, { cookie: nurse, body: {} })).status, 409, 'a handover happens once');
    const big = await call<{ id: string }>(t.app, 'POST', '/api/v1/supplies/requests', { cookie: nurse, body: { personId, itemCode: 'adult_diaper', quantity: 41 } });
    const short = await call(t.app, 'POST', `/api/v1/supplies/requests/${big.body.id}/handover`, { cookie: nurse, body: {} });
    assert.equal(short.status, 409);
    const [s] = await t.sql<{ quantity: number }[]>`select quantity from supply_stock where item_code = 'adult_diaper' and org_id = ${healthOrg}`;
    assert.equal(s!.quantity, 40, 'a refused handover leaves stock as it was');
    const history = await call<{ handovers: { item_code: string; quantity: number }[] }>(t.app, 'GET', `/api/v1/people/${personId}/supplies`, { cookie: nurse });
    assert.equal(history.body.handovers.length, 1);
  });
});
