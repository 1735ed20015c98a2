import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';

let t: TestApp;
let adminCookie: string;
let orgId: string;

before(async () => {
  t = await startTestApp({ listen: false });
  adminCookie = await login(t.app, t.admin.email, t.admin.password);
  const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', {
    cookie: adminCookie,
    body: { nameTh: 'เทศบาลทดสอบ', nameEn: 'Test Municipality' },
  });
  orgId = org.body.id;
});
after(() => t.close());

async function makeUser(email: string, role = 'volunteer', areaScope = '9011', password = 'password-123') {
  const res = await call<{ id: string }>(t.app, 'POST', '/api/v1/users', {
    cookie: adminCookie,
    body: { email, displayName: `User ${email}`, password, memberships: [{ organizationId: orgId, role, areaScope }] },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

describe('login and sessions', () => {
  it('logs in with email and password and sets an HTTP-only SameSite=Lax session cookie', async () => {
    const res = await call<{ user: { email: string } }>(t.app, 'POST', '/api/v1/auth/login', { body: { email: t.admin.email, password: t.admin.password } });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.email, t.admin.email);
    const cookie = res.raw.cookies.find((c) => c.name === 'ruamjai_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    // 256 random bits, base64url
    assert.ok(cookie.value.length >= 43);
  });

  it('answers 401 problem+json in Thai and English for a wrong password and for an unknown email', async () => {
    for (const body of [{ email: t.admin.email, password: 'wrong-password' }, { email: 'nobody@example.org', password: 'whatever-123' }]) {
      const res = await call<{ title: string; titleTh: string; status: number }>(t.app, 'POST', '/api/v1/auth/login', { body });
      assert.equal(res.status, 401);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.body.status, 401);
      assert.match(res.body.titleTh, /[\u0E00-\u0E7F]/);
      assert.match(res.body.title, /password/i);
    }
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await login(t.app, t.admin.email, t.admin.password);
    const token = cookie.split('=')[1]!;
    const rows = await t.sql`select 1 from sessions where encode(token_hash, 'escape') like ${'%' + token + '%'}`;
    assert.equal(rows.length, 0);
    const [n] = await t.sql<{ n: string }[]>`select count(*) as n from sessions where token_hash = sha256(${token}::bytea)`;
    assert.equal(Number(n!.n), 1);
  });

  it('returns the user and memberships from /me, and 401 after logout', async () => {
    const cookie = await login(t.app, t.admin.email, t.admin.password);
    const me = await call<{ email: string; memberships: { role: string; areaScope: string }[] }>(t.app, 'GET', '/api/v1/me', { cookie });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, t.admin.email);
    assert.deepEqual(me.body.memberships.map((m) => [m.role, m.areaScope]), [['system_admin', 'TH']]);
    const out = await call(t.app, 'POST', '/api/v1/auth/logout', { cookie });
    assert.equal(out.status, 204);
    const again = await call(t.app, 'GET', '/api/v1/me', { cookie });
    assert.equal(again.status, 401);
  });

  it('rotates the session at login: the cookie sent with the login stops working', async () => {
    const first = await login(t.app, t.admin.email, t.admin.password);
    const res = await call(t.app, 'POST', '/api/v1/auth/login', { cookie: first, body: { email: t.admin.email, password: t.admin.password } });
    assert.equal(res.status, 200);
    const second = res.raw.cookies.find((c) => c.name === 'ruamjai_session')!.value;
    assert.notEqual(`ruamjai_session=${second}`, first);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { cookie: first })).status, 401);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { cookie: `ruamjai_session=${second}` })).status, 200);
  });

  it('ends a session that has been idle longer than the idle timeout', async () => {
    const cookie = await login(t.app, t.admin.email, t.admin.password);
    const token = cookie.split('=')[1]!;
    await t.sql`update sessions set last_seen_at = now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})
                where token_hash = sha256(${token}::bytea)`;
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { cookie })).status, 401);
    const [s] = await t.sql<{ endReason: string }[]>`select end_reason from sessions where token_hash = sha256(${token}::bytea)`;
    assert.equal(s!.endReason, 'idle');
  });

  it('ends a session past its absolute lifetime even when busy', async () => {
    const cookie = await login(t.app, t.admin.email, t.admin.password);
    const token = cookie.split('=')[1]!;
    await t.sql`update sessions set expires_at = now() - interval '1 second' where token_hash = sha256(${token}::bytea)`;
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { cookie })).status, 401);
  });

  it('accepts the same credentials as HTTP Basic, and refuses wrong ones with a Basic challenge', async () => {
    const ok = await call<{ email: string }>(t.app, 'GET', '/api/v1/me', { basic: t.admin });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.email, t.admin.email);
    const bad = await call(t.app, 'GET', '/api/v1/me', { basic: { email: t.admin.email, password: 'nope-nope-nope' } });
    assert.equal(bad.status, 401);
    const none = await call(t.app, 'GET', '/api/v1/me');
    assert.equal(none.status, 401);
    assert.match(String(none.headers['www-authenticate']), /^Basic realm="Ruamjai"/);
  });

  it('stops accepting a cached Basic credential as soon as the password changes', async () => {
    const email = 'basic-cache@test.local';
    const id = await makeUser(email, 'volunteer', '9011', 'first-password');
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { basic: { email, password: 'first-password' } })).status, 200);
    const patch = await call(t.app, 'PATCH', `/api/v1/users/${id}`, { cookie: adminCookie, body: { password: 'second-password' } });
    assert.equal(patch.status, 200);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { basic: { email, password: 'first-password' } })).status, 401);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { basic: { email, password: 'second-password' } })).status, 200);
  });
});

describe('users administration', () => {
  it('creates a user with memberships (201 with id) who can then log in', async () => {
    const res = await call<{ id: string; memberships: { organizationId: string; role: string; areaScope: string }[] }>(t.app, 'POST', '/api/v1/users', {
      cookie: adminCookie,
      body: { email: 'New.Volunteer@Test.local', displayName: 'อาสา ใหม่', password: 'volunteer-pass', memberships: [{ organizationId: orgId, role: 'volunteer', areaScope: '901101' }] },
    });
    assert.equal(res.status, 201);
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(res.body.memberships.map((m) => m.areaScope), ['901101']);
    const cookie = await login(t.app, 'new.volunteer@test.local', 'volunteer-pass');
    const me = await call<{ displayName: string }>(t.app, 'GET', '/api/v1/me', { cookie });
    assert.equal(me.body.displayName, 'อาสา ใหม่');
  });

  it('never returns a password hash', async () => {
    const list = await call(t.app, 'GET', '/api/v1/users?limit=500', { cookie: adminCookie });
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.raw.body, /scrypt|passwordHash|password_hash/);
  });

  it('rejects a duplicate email with 409 naming the field', async () => {
    await makeUser('dup@test.local');
    const res = await call<{ errors: { field: string }[] }>(t.app, 'POST', '/api/v1/users', {
      cookie: adminCookie,
      body: { email: 'DUP@test.local', displayName: 'x', password: 'password-123', memberships: [] },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.errors[0]!.field, 'email');
  });

  it('rejects invalid fields with 400 listing each field in Thai and English', async () => {
    const res = await call<{ errors: { field: string; message: string; messageTh: string }[] }>(t.app, 'POST', '/api/v1/users', {
      cookie: adminCookie,
      body: { email: 'not-an-email', displayName: '', password: 'short', memberships: [{ organizationId: orgId, role: 'chief', areaScope: 'XX' }] },
    });
    assert.equal(res.status, 400);
    const fields = res.body.errors.map((e) => e.field).sort();
    for (const f of ['email', 'displayName', 'password', 'memberships.0.role', 'memberships.0.areaScope']) assert.ok(fields.includes(f), `missing ${f} in ${fields.join(',')}`);
    assert.ok(res.body.errors.every((e) => /[\u0E00-\u0E7F]/.test(e.messageTh)));
  });

  it('rejects a membership in an unknown area or organisation, naming the membership', async () => {
    const res = await call<{ errors: { field: string }[] }>(t.app, 'POST', '/api/v1/users', {
      cookie: adminCookie,
      body: { email: 'badscope@test.local', displayName: 'x', password: 'password-123', memberships: [{ organizationId: '01900000-0000-7000-8000-000000000000', role: 'viewer', areaScope: '99' }] },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e) => e.field).sort(), ['memberships.0.areaScope', 'memberships.0.organizationId']);
    const [u] = await t.sql`select 1 from users where email = 'badscope@test.local'`;
    assert.equal(u, undefined, 'nothing half-written');
  });

  it('deactivating a user ends their sessions at once and blocks Basic access', async () => {
    const id = await makeUser('leaver@test.local', 'caseworker', '90', 'leaver-pass-1');
    const cookie = await login(t.app, 'leaver@test.local', 'leaver-pass-1');
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { basic: { email: 'leaver@test.local', password: 'leaver-pass-1' } })).status, 200);
    const res = await call<{ active: boolean }>(t.app, 'POST', `/api/v1/users/${id}/deactivate`, { cookie: adminCookie });
    assert.equal(res.status, 200);
    assert.equal(res.body.active, false);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { cookie })).status, 401);
    assert.equal((await call(t.app, 'GET', '/api/v1/me', { basic: { email: 'leaver@test.local', password: 'leaver-pass-1' } })).status, 401);
    const [s] = await t.sql<{ n: string }[]>`select count(*) as n from sessions where user_id = ${id} and ended_at is null`;
    assert.equal(Number(s!.n), 0);
    const back = await call<{ active: boolean }>(t.app, 'POST', `/api/v1/users/${id}/activate`, { cookie: adminCookie });
    assert.equal(back.body.active, true);
  });

  it('lets only admins manage users: a volunteer gets 403', async () => {
    await makeUser('plain@test.local', 'volunteer', '9011', 'plain-pass-12');
    const cookie = await login(t.app, 'plain@test.local', 'plain-pass-12');
    assert.equal((await call(t.app, 'GET', '/api/v1/users', { cookie })).status, 403);
    const res = await call(t.app, 'POST', '/api/v1/users', { cookie, body: { email: 'x@test.local', displayName: 'x', password: 'password-123', memberships: [] } });
    assert.equal(res.status, 403);
  });

  it('lets an org admin manage their own organisation only, and never grant system_admin', async () => {
    const other = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: adminCookie, body: { nameTh: 'องค์กรอื่น', nameEn: 'Other Org' } });
    await makeUser('orgadmin@test.local', 'org_admin', '9011', 'orgadmin-pass');
    const cookie = await login(t.app, 'orgadmin@test.local', 'orgadmin-pass');
    const mine = await call(t.app, 'POST', '/api/v1/users', { cookie, body: { email: 'staff@test.local', displayName: 'Staff', password: 'password-123', memberships: [{ organizationId: orgId, role: 'caseworker', areaScope: '901101' }] } });
    assert.equal(mine.status, 201);
    const wider = await call(t.app, 'POST', '/api/v1/users', { cookie, body: { email: 'wide@test.local', displayName: 'W', password: 'password-123', memberships: [{ organizationId: orgId, role: 'caseworker', areaScope: '90' }] } });
    assert.equal(wider.status, 403, 'outside the org admin’s own area scope');
    const foreign = await call(t.app, 'POST', '/api/v1/users', { cookie, body: { email: 'f@test.local', displayName: 'F', password: 'password-123', memberships: [{ organizationId: other.body.id, role: 'viewer', areaScope: '9011' }] } });
    assert.equal(foreign.status, 403);
    const sysadmin = await call(t.app, 'POST', '/api/v1/users', { cookie, body: { email: 's@test.local', displayName: 'S', password: 'password-123', memberships: [{ organizationId: orgId, role: 'system_admin', areaScope: '9011' }] } });
    assert.equal(sysadmin.status, 403);
    const list = await call<{ items: { email: string }[] }>(t.app, 'GET', '/api/v1/users?limit=500', { cookie });
    assert.ok(list.body.items.every((u) => u.email !== t.admin.email), 'the system admin is not in an org admin’s list');
  });

  it('pages the user list with nextCursor without repeating or skipping anyone', async () => {
    for (let i = 0; i < 5; i++) await makeUser(`page${i}@test.local`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { email: string }[]; nextCursor: string | null } } = await call(t.app, 'GET', `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { cookie: adminCookie });
      seen.push(...res.body.items.map((u) => u.email));
      cursor = res.body.nextCursor;
    } while (cursor);
    const [n] = await t.sql<{ n: string }[]>`select count(*) as n from users where active`;
    assert.equal(seen.length, Number(n!.n));
    assert.equal(new Set(seen).size, seen.length);
  });
});

describe('login rate limits', () => {
  it('locks an account after 5 failed logins (429 with Retry-After) while other accounts still log in', async () => {
    const limited = await startTestApp({ listen: false, env: { RUAMJAI_DISABLE_RATE_LIMITS: '0' } });
    try {
      const email = limited.admin.email;
      const adminCookie2 = await login(limited.app, email, limited.admin.password);
      const org = await call<{ id: string }>(limited.app, 'POST', '/api/v1/organizations', { cookie: adminCookie2, body: { nameTh: 'จำกัด', nameEn: 'Limited' } });
      await call(limited.app, 'POST', '/api/v1/users', {
        cookie: adminCookie2,
        body: { email: 'other@test.local', displayName: 'Other', password: 'other-pass-12', memberships: [{ organizationId: org.body.id, role: 'viewer', areaScope: '90' }] },
      });
      for (let i = 0; i < 5; i++) {
        const r = await call(limited.app, 'POST', '/api/v1/auth/login', { body: { email, password: `wrong-${i}-xxxxx` } });
        assert.equal(r.status, 401);
      }
      const blocked = await call<{ titleTh: string }>(limited.app, 'POST', '/api/v1/auth/login', { body: { email, password: limited.admin.password } });
      assert.equal(blocked.status, 429, 'even the right password waits');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.match(blocked.body.titleTh, /[\u0E00-\u0E7F]/);
      const other = await call(limited.app, 'POST', '/api/v1/auth/login', { body: { email: 'other@test.local', password: 'other-pass-12' } });
      assert.equal(other.status, 200, 'another account is not locked');
    } finally {
      await limited.close();
    }
  });

  it('limits failures per client address across accounts', async () => {
    const limited = await startTestApp({ listen: false, env: { RUAMJAI_DISABLE_RATE_LIMITS: '0' } });
    try {
      for (let i = 0; i < 30; i++) {
        await call(limited.app, 'POST', '/api/v1/auth/login', { body: { email: `guess${i}@test.local`, password: 'password-123' } });
      }
      const res = await call(limited.app, 'POST', '/api/v1/auth/login', { body: { email: limited.admin.email, password: limited.admin.password } });
      assert.equal(res.status, 429);
    } finally {
      await limited.close();
    }
  });
});
