import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';

let t: TestApp;
let admin: string;

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
});
after(() => t.close());

type Org = { id: string; nameTh: string; nameEn: string; active: boolean; parentId: string | null };

describe('organisations', () => {
  it('creates an organisation (201 with id) and lists it', async () => {
    const res = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'มูลนิธิทดสอบ', nameEn: 'Test Foundation', kind: 'foundation' } });
    assert.equal(res.status, 201);
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    const list = await call<Org[]>(t.app, 'GET', '/api/v1/organizations', { cookie: admin });
    assert.ok(list.body.some((o) => o.id === res.body.id && o.nameEn === 'Test Foundation'));
  });

  it('updates names and records the change in the audit log', async () => {
    const { body: org } = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'กองเดิม', nameEn: 'Old Division' } });
    const res = await call<Org>(t.app, 'PATCH', `/api/v1/organizations/${org.id}`, { cookie: admin, body: { nameEn: 'New Division' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.nameEn, 'New Division');
    assert.equal(res.body.nameTh, 'กองเดิม');
    const [entry] = await t.sql<{ changes: { nameEn: { from: string; to: string } } }[]>`
      select changes from audit_log where entity = 'organization' and entity_id = ${org.id} and action = 'organization.update'`;
    assert.deepEqual(entry!.changes.nameEn, { from: 'Old Division', to: 'New Division' });
  });

  it('deactivates: hidden from the default list, shown with includeInactive, and no new memberships', async () => {
    const { body: org } = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'องค์กรปิด', nameEn: 'Closing Org' } });
    const res = await call<Org>(t.app, 'POST', `/api/v1/organizations/${org.id}/deactivate`, { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.active, false);
    const list = await call<Org[]>(t.app, 'GET', '/api/v1/organizations', { cookie: admin });
    assert.ok(!list.body.some((o) => o.id === org.id));
    const all = await call<Org[]>(t.app, 'GET', '/api/v1/organizations?includeInactive=true', { cookie: admin });
    assert.ok(all.body.some((o) => o.id === org.id && !o.active));
    const user = await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email: 'late@test.local', displayName: 'Late', password: 'password-123', memberships: [{ organizationId: org.id, role: 'viewer', areaScope: '90' }] } });
    assert.equal(user.status, 400);
  });

  it('rejects a duplicate Thai name with 409, and a missing name with 400 naming the field', async () => {
    await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ชื่อซ้ำ', nameEn: 'Same' } });
    const dup = await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: ' ชื่อซ้ำ ', nameEn: 'Same again' } });
    assert.equal(dup.status, 409);
    const missing = await call<{ errors: { field: string }[] }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameEn: 'No Thai' } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.errors.map((e) => e.field), ['nameTh']);
  });

  it('refuses to put an organisation under its own child', async () => {
    const { body: parent } = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'แม่', nameEn: 'Parent' } });
    const { body: child } = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ลูก', nameEn: 'Child', parentId: parent.id } });
    const res = await call(t.app, 'PATCH', `/api/v1/organizations/${parent.id}`, { cookie: admin, body: { parentId: child.id } });
    assert.equal(res.status, 400);
  });

  it('lets any member list organisations but only a system admin create one', async () => {
    const { body: org } = await call<Org>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'โรงพยาบาลทดสอบ', nameEn: 'Test Hospital', kind: 'hospital' } });
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email: 'nurse@test.local', displayName: 'Nurse', password: 'password-123', memberships: [{ organizationId: org.id, role: 'caseworker', areaScope: '90' }] } });
    const cookie = await login(t.app, 'nurse@test.local', 'password-123');
    assert.equal((await call(t.app, 'GET', '/api/v1/organizations', { cookie })).status, 200);
    assert.equal((await call(t.app, 'POST', '/api/v1/organizations', { cookie, body: { nameTh: 'ใหม่', nameEn: 'New' } })).status, 403);
    assert.equal((await call(t.app, 'PATCH', `/api/v1/organizations/${org.id}`, { cookie, body: { nameEn: 'X' } })).status, 403);
  });
});
