import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { ancestorCodes } from './service.js';

let t: TestApp;
let admin: string;
let orgId: string;

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  orgId = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'องค์กรพื้นที่', nameEn: 'Area Org' } })).body.id;
});
after(() => t.close());

async function userScoped(email: string, role: string, areaScope: string): Promise<string> {
  const res = await call(t.app, 'POST', '/api/v1/users', {
    cookie: admin,
    body: { email, displayName: email, password: 'password-123', memberships: [{ organizationId: orgId, role, areaScope }] },
  });
  assert.equal(res.status, 201);
  return login(t.app, email, 'password-123');
}

type Area = { code: string; nameTh: string; nameEn: string; level: string };

describe('areas', () => {
  it('has all 77 provinces under the country', async () => {
    const res = await call<Area[]>(t.app, 'GET', '/api/v1/areas?parent=TH', { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 77);
    assert.ok(res.body.some((a) => a.code === '90' && a.nameTh === 'สงขลา' && a.nameEn === 'Songkhla'));
    const top = await call<Area[]>(t.app, 'GET', '/api/v1/areas', { cookie: admin });
    assert.equal(top.body.length, 77);
  });

  it('gives Songkhla’s 16 districts for parent=90, each with code, Thai and English names and level', async () => {
    const res = await call<Area[]>(t.app, 'GET', '/api/v1/areas?parent=90', { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 16);
    assert.ok(res.body.every((a) => /^90[0-9]{2}$/.test(a.code) && a.level === 'district' && a.nameTh && a.nameEn));
    assert.deepEqual(Object.keys(res.body[0]!).sort(), ['code', 'level', 'nameEn', 'nameTh']);
    const hatYai = res.body.find((a) => a.code === '9011');
    assert.equal(hatYai?.nameTh, 'หาดใหญ่');
    assert.ok(!res.body.some((a) => a.code === '9077'), 'the local-government row is not a district');
  });

  it('has Songkhla’s 127 subdistricts, with coordinates', async () => {
    const [n] = await t.sql<{ n: string; withCoords: string }[]>`
      select count(*) as n, count(lat) as with_coords from areas where level = 'subdistrict' and code like '90%'`;
    assert.equal(Number(n!.n), 127);
    assert.ok(Number(n!.withCoords) > 100);
  });

  it('returns one area with its ancestors top down', async () => {
    const res = await call<{ code: string; level: string; ancestors: Area[]; childCount: number }>(t.app, 'GET', '/api/v1/areas/901101', { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.level, 'subdistrict');
    assert.deepEqual(res.body.ancestors.map((a) => a.code), ['TH', '90', '9011']);
    assert.deepEqual(ancestorCodes('901101-R01'), ['TH', '90', '9011', '901101']);
    assert.deepEqual(ancestorCodes('90110105'), ['TH', '90', '9011', '901101']);
  });

  it('answers 404 for an unknown area and 400 for a malformed code', async () => {
    assert.equal((await call(t.app, 'GET', '/api/v1/areas/99', { cookie: admin })).status, 404);
    assert.equal((await call(t.app, 'GET', '/api/v1/areas/abc', { cookie: admin })).status, 400);
    assert.equal((await call(t.app, 'GET', '/api/v1/areas?parent=9999', { cookie: admin })).status, 404);
  });

  it('requires a login', async () => {
    assert.equal((await call(t.app, 'GET', '/api/v1/areas?parent=90')).status, 401);
  });

  it('limits a user scoped to Hat Yai to Hat Yai and the path down to it', async () => {
    const cookie = await userScoped('hatyai-viewer@test.local', 'viewer', '9011');
    const provinces = await call<Area[]>(t.app, 'GET', '/api/v1/areas', { cookie });
    assert.deepEqual(provinces.body.map((a) => a.code), ['90']);
    const districts = await call<Area[]>(t.app, 'GET', '/api/v1/areas?parent=90', { cookie });
    assert.deepEqual(districts.body.map((a) => a.code), ['9011']);
    const inside = await call<Area[]>(t.app, 'GET', '/api/v1/areas?parent=9011', { cookie });
    assert.ok(inside.body.length >= 10);
    assert.equal((await call(t.app, 'GET', '/api/v1/areas/9001', { cookie })).status, 404, 'Mueang Songkhla is outside the scope');
    assert.equal((await call(t.app, 'GET', '/api/v1/areas?parent=9001', { cookie })).status, 404);
    assert.equal((await call(t.app, 'GET', '/api/v1/areas?parent=10', { cookie })).status, 404, 'Bangkok is outside the scope');
  });

  it('lets a coordinator add a community under a subdistrict in scope, and refuses one elsewhere', async () => {
    const cookie = await userScoped('coord@test.local', 'coordinator', '9011');
    const res = await call<{ code: string; level: string; ancestors: Area[] }>(t.app, 'POST', '/api/v1/areas/901101/communities', {
      cookie,
      body: { localCode: 'C07', nameTh: 'ชุมชนทดสอบริมราง', nameEn: 'Test Rim Rang', lat: 7.0, lon: 100.47 },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.code, '901101-C07');
    assert.equal(res.body.level, 'community');
    const kids = await call<Area[]>(t.app, 'GET', '/api/v1/areas?parent=901101', { cookie });
    assert.ok(kids.body.some((a) => a.code === '901101-C07'));
    const dup = await call(t.app, 'POST', '/api/v1/areas/901101/communities', { cookie, body: { localCode: 'C07', nameTh: 'ซ้ำ', nameEn: 'Dup' } });
    assert.equal(dup.status, 409);
    const elsewhere = await call(t.app, 'POST', '/api/v1/areas/900101/communities', { cookie, body: { localCode: 'C01', nameTh: 'นอกพื้นที่', nameEn: 'Outside' } });
    assert.equal(elsewhere.status, 403);
    const notSub = await call(t.app, 'POST', '/api/v1/areas/9011/communities', { cookie: admin, body: { localCode: 'C01', nameTh: 'ผิดระดับ', nameEn: 'Wrong level' } });
    assert.equal(notSub.status, 400);
  });
});
