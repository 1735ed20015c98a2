import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { deliverPending, remindOverdue } from './service.js';

let t: TestApp;
let admin: string;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { to: string; body: string }[] = [];
let line: ReturnType<typeof createServer>;
let linePort: number;
const pushes: { auth: string | undefined; body: { to: string; messages: { text: string }[] } }[] = [];
const users: Record<string, string> = {};
const orgs: Record<string, string> = {};

before(async () => {
  // A real SMTP server and a LINE-like HTTP endpoint on loopback.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (d: Buffer) => (body += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  line = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      pushes.push({ auth: req.headers.authorization, body: JSON.parse(body) as (typeof pushes)[number]['body'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => line.listen(0, '127.0.0.1', r));
  linePort = (line.address() as AddressInfo).port;

  t = await startTestApp({
    listen: false,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LINE_CHANNEL_TOKEN: 'test-channel-token', LINE_API_URL: `http://127.0.0.1:${linePort}`, PUBLIC_URL: 'https://ruamjai.example' },
  });
  admin = await login(t.app, t.admin.email, t.admin.password);
  for (const k of ['school', 'clinic']) orgs[k] = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: k, nameEn: k } })).body.id;
  for (const [email, org] of [['teacher@n.test', 'school'], ['nurse@n.test', 'clinic']] as const) {
    const u = await call<{ id: string }>(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email, displayName: email, password: 'password-123', memberships: [{ organizationId: orgs[org], role: 'caseworker', areaScope: '90' }] } });
    users[email] = u.body.id;
  }
  await t.sql`update users set line_user_id = 'U1234567890' where email = 'nurse@n.test'`;
  await t.sql`insert into persons (area_code, first_name) values ('901101', 'ทดสอบ')`;
});
after(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => line.close(() => r()));
});

describe('notifications', () => {
  it('tells the receiving organisation of a referral in the app, by email and by LINE', async () => {
    const teacher = await login(t.app, 'teacher@n.test', 'password-123');
    const [p] = await t.sql<{ id: string }[]>`select id from persons limit 1`;
    const c = await call<{ id: string }>(t.app, 'POST', '/api/v1/cases', { cookie: teacher, body: { subjectType: 'person', subjectId: p!.id, type: 'help_request' } });
    await call(t.app, 'POST', `/api/v1/cases/${c.body.id}/referrals`, { cookie: teacher, body: { toOrg: orgs.clinic, reason: 'ตรวจสุขภาพ', sharedFields: [] } });
    const nurse = await login(t.app, 'nurse@n.test', 'password-123');
    const inbox = await call<{ unread: number; items: { kind: string; titleTh: string; link: string }[] }>(t.app, 'GET', '/api/v1/notifications', { cookie: nurse });
    assert.equal(inbox.body.unread, 1);
    assert.equal(inbox.body.items[0]!.kind, 'referral.received');
    assert.equal(inbox.body.items[0]!.link, `/cases/${c.body.id}`);

    const res = await deliverPending(t.sql, t.config);
    assert.deepEqual(res, { sent: 2, failed: 0 });
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to, 'nurse@n.test');
    // quoted-printable wraps long lines with soft breaks
    assert.match(mails[0]!.body.replace(/=\r\n/g, ''), /https:\/\/ruamjai\.example\/cases\//);
    assert.equal(pushes.length, 1);
    assert.equal(pushes[0]!.auth, 'Bearer test-channel-token');
    assert.equal(pushes[0]!.body.to, 'U1234567890');
    assert.match(pushes[0]!.body.messages[0]!.text, /ส่งต่อ/);
    assert.deepEqual(await deliverPending(t.sql, t.config), { sent: 0, failed: 0 }, 'each notice is sent once');

    await call(t.app, 'POST', '/api/v1/notifications/read-all', { cookie: nurse, body: {} });
    assert.equal((await call<{ unread: number }>(t.app, 'GET', '/api/v1/notifications', { cookie: nurse })).body.unread, 0);
  });

  it('keeps a delivery pending with the error when the mail server is down, and retries later', async () => {
    const down = { ...t.config, smtpUrl: 'smtp://127.0.0.1:1' };
    await t.sql`insert into notifications (user_id, kind, title_th, title_en) values (${users['teacher@n.test']!}, 'test', 'ทดสอบ', 'Test')`;
    await t.sql`insert into notification_deliveries (notification_id, channel, address)
                select id, 'email', 'teacher@n.test' from notifications where kind = 'test'`;
    const res = await deliverPending(t.sql, down);
    assert.equal(res.sent, 0);
    const [d] = await t.sql<{ status: string; attempts: number; lastError: string }[]>`
      select d.status, d.attempts, d.last_error from notification_deliveries d join notifications n on n.id = d.notification_id where n.kind = 'test'`;
    assert.equal(d!.status, 'pending');
    assert.equal(d!.attempts, 1);
    assert.ok(d!.lastError);
  });

  it('reminds of overdue work once a day', async () => {
    await t.sql`update referrals set due_at = now() - interval '1 day'`;
    const first = await remindOverdue(t.sql);
    assert.ok(first >= 1);
    assert.equal(await remindOverdue(t.sql), 0, 'not twice the same day');
  });
});
