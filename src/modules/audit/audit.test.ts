import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { verify } from './queries.js';

let t: TestApp;
let admin: string;

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
});
after(() => t.close());

type Entry = { seq: number; action: string; entity: string; entityId: string; actorLabel: string; changes: Record<string, unknown> };

describe('audit log', () => {
  it('records who changed what, in the same transaction as the change', async () => {
    const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ตรวจสอบ', nameEn: 'Audited' } });
    const res = await call<{ items: Entry[] }>(t.app, 'GET', `/api/v1/audit?entity=organization&entityId=${org.body.id}`, { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    const e = res.body.items[0]!;
    assert.equal(e.action, 'organization.create');
    assert.equal(e.actorLabel, t.admin.email);
    assert.equal(e.changes.nameEn, 'Audited');
  });

  it('writes no audit row when the change fails', async () => {
    const [{ n: before } = { n: '0' }] = await t.sql<{ n: string }[]>`select count(*) as n from audit_log`;
    const res = await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ตรวจสอบ', nameEn: 'Duplicate' } });
    assert.equal(res.status, 409);
    const [{ n: afterN } = { n: '0' }] = await t.sql<{ n: string }[]>`select count(*) as n from audit_log`;
    assert.equal(afterN, before);
  });

  it('verifies the chain again and again while it grows', async () => {
    for (let i = 0; i < 3; i++) {
      await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: `ซ้ำ${i}`, nameEn: `Again ${i}` } });
      const res = await call<{ ok: boolean }>(t.app, 'POST', '/api/v1/audit/verify', { cookie: admin });
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, true);
      const again = await call<{ ok: boolean }>(t.app, 'POST', '/api/v1/audit/verify', { cookie: admin });
      assert.equal(again.status, 200, 'a second verification without new entries');
      assert.equal(again.body.ok, true);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await assert.rejects(t.sql`update audit_log set action = 'x' where seq = 1`, /append-only/);
    await assert.rejects(t.sql`delete from audit_log where seq = 1`, /append-only/);
    await assert.rejects(t.sql`truncate audit_log`, /append-only/);
  });

  it('verifies an intact chain, then detects an edited row and a deleted row', async () => {
    await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'โซ่1', nameEn: 'Chain 1' } });
    await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'โซ่2', nameEn: 'Chain 2' } });
    const ok = await call<{ ok: boolean; checked: number; messageTh: string }>(t.app, 'POST', '/api/v1/audit/verify', { cookie: admin });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.ok, true);
    assert.ok(ok.body.checked >= 4);

    // Tamper as a superuser would: with the triggers switched off.
    const [victim] = await t.sql<{ seq: string }[]>`select seq from audit_log where action = 'organization.create' order by seq limit 1`;
    await t.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update audit_log set changes = '{"nameEn":"Forged"}' where seq = ${victim!.seq}`;
    });
    const edited = await verify(t.sql);
    assert.equal(edited.ok, false);
    assert.equal(edited.brokenAt, Number(victim!.seq));
    assert.equal(edited.reason, 'hash_mismatch');
  });

  it('detects a row deleted from the middle of the chain', async () => {
    const fresh = await startTestApp({ listen: false });
    try {
      const cookie = await login(fresh.app, fresh.admin.email, fresh.admin.password);
      for (const n of ['ก', 'ข', 'ค']) await call(fresh.app, 'POST', '/api/v1/organizations', { cookie, body: { nameTh: n, nameEn: n } });
      assert.equal((await verify(fresh.sql)).ok, true);
      const [mid] = await fresh.sql<{ seq: string }[]>`select seq from audit_log order by seq offset 2 limit 1`;
      await fresh.sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from audit_log where seq = ${mid!.seq}`;
      });
      const res = await verify(fresh.sql);
      assert.equal(res.ok, false);
      assert.equal(res.brokenAt, Number(mid!.seq) + 1);
    } finally {
      await fresh.close();
    }
  });

  it('detects rows cut off the end after an earlier verification', async () => {
    const fresh = await startTestApp({ listen: false });
    try {
      const cookie = await login(fresh.app, fresh.admin.email, fresh.admin.password);
      await call(fresh.app, 'POST', '/api/v1/organizations', { cookie, body: { nameTh: 'ท้าย', nameEn: 'Tail' } });
      assert.equal((await verify(fresh.sql)).ok, true);
      await fresh.sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from audit_log where seq = (select max(seq) from audit_log)`;
      });
      const res = await verify(fresh.sql);
      assert.equal(res.ok, false);
      assert.equal(res.reason, 'anchor_missing');
    } finally {
      await fresh.close();
    }
  });

  it('is readable by admins only', async () => {
    const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'อ่านบันทึก', nameEn: 'Reader Org' } });
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email: 'reader@test.local', displayName: 'R', password: 'password-123', memberships: [{ organizationId: org.body.id, role: 'caseworker', areaScope: '90' }] } });
    const cookie = await login(t.app, 'reader@test.local', 'password-123');
    assert.equal((await call(t.app, 'GET', '/api/v1/audit', { cookie })).status, 403);
    assert.equal((await call(t.app, 'POST', '/api/v1/audit/verify', { cookie })).status, 403);
  });
});
