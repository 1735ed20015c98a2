/**
 * The real process: `serve` on an embedded PostgreSQL in a fresh DATA_DIR,
 * stopped by SIGTERM (in-flight requests finish, exit 0 within 10 s) and
 * killed by SIGKILL (the next start recovers, nothing committed is lost).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../lib/freePort.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
after(async () => {
  if (!process.env.KEEP_TEST_DIRS) for (const d of dirs) await rm(d, { recursive: true, force: true });
});


interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function serve(env: Record<string, string>): Proc {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  delete childEnv.RUAMJAI_SCRYPT_LOG_N; // real password cost: a login takes a noticeable moment
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

async function waitHealthy(base: string, proc: Proc, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy in time:\n${proc.output()}`);
}

async function loginCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(res.status, 200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('the app process', { timeout: 180_000 }, () => {
  it('exits 1 naming the bad setting when the configuration is invalid', async () => {
    const p = serve({ PORT: 'not-a-port', DATA_DIR: '/nonexistent-never-created' });
    const { code } = await p.exited;
    assert.equal(code, 1);
    assert.match(p.output(), /PORT/);
  });

  it('starts on an empty DATA_DIR with demo data, finishes a request in flight on SIGTERM and exits 0, stopping its database', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ruamjai-life-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const p = serve({ DATA_DIR: dataDir, PORT: String(port), RUAMJAI_DEMO: '1', RUAMJAI_ADMIN_EMAIL: 'boss@life.test', RUAMJAI_ADMIN_PASSWORD: 'boss-password-1' });
    await waitHealthy(base, p);
    // Demo users exist and can log in.
    await loginCookie(base, 'coordinator@demo.ruamjai.local', 'ruamjai-demo');
    // A login costs a real scrypt: send one, then SIGTERM while it is running.
    const inFlight = fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@life.test', password: 'boss-password-1' }) });
    await new Promise((r) => setTimeout(r, 30));
    const t0 = Date.now();
    p.child.kill('SIGTERM');
    const res = await inFlight;
    assert.equal(res.status, 200, 'the request in flight was answered');
    const { code } = await p.exited;
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 10_000, 'stopped within 10 s');
    assert.equal(existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), false, 'the embedded database was stopped');
  });

  it('recovers after SIGKILL with nothing committed lost, whether the database was left running or killed too', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ruamjai-kill-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, PORT: String(port), RUAMJAI_ADMIN_EMAIL: 'boss@kill.test', RUAMJAI_ADMIN_PASSWORD: 'boss-password-1' };

    const first = serve(env);
    await waitHealthy(base, first);
    let cookie = await loginCookie(base, 'boss@kill.test', 'boss-password-1');
    const created = await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ nameTh: 'ก่อนถูกฆ่า', nameEn: 'Before the kill' }) });
    assert.equal(created.status, 201);
    first.child.kill('SIGKILL');
    await first.exited;

    // 1. The embedded PostgreSQL is still running (orphaned): the next start adopts it.
    const second = serve(env);
    await waitHealthy(base, second);
    cookie = await loginCookie(base, 'boss@kill.test', 'boss-password-1');
    let orgs = (await (await fetch(`${base}/api/v1/organizations`, { headers: { cookie } })).json()) as { nameEn: string }[];
    assert.ok(orgs.some((o) => o.nameEn === 'Before the kill'));
    const created2 = await fetch(`${base}/api/v1/organizations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ nameTh: 'ก่อนถูกฆ่าครั้งที่สอง', nameEn: 'Before the second kill' }) });
    assert.equal(created2.status, 201);

    // 2. Kill the app and its database hard: the next start replays the WAL.
    const { readFile } = await import('node:fs/promises');
    const pgPid = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    second.child.kill('SIGKILL');
    await second.exited;
    process.kill(pgPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));

    const third = serve(env);
    await waitHealthy(base, third);
    cookie = await loginCookie(base, 'boss@kill.test', 'boss-password-1');
    orgs = (await (await fetch(`${base}/api/v1/organizations`, { headers: { cookie } })).json()) as { nameEn: string }[];
    assert.ok(orgs.some((o) => o.nameEn === 'Before the kill'));
    assert.ok(orgs.some((o) => o.nameEn === 'Before the second kill'));
    third.child.kill('SIGTERM');
    assert.equal((await third.exited).code, 0);
  });
});
