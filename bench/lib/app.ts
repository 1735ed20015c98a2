/**
 * The real app in a process of its own, as deployed: `node --import tsx
 * src/cli/main.ts serve` with DATA_DIR and PORT (embedded PostgreSQL in
 * DATA_DIR/pg), plus what load benchmarks need around it: HTTP calls with
 * Basic auth, the app's own database URL, and the memory and CPU of the
 * app and of its PostgreSQL read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProbeLine } from './appProbe.js';
import { stopLeftover } from './db.js';
import { freePort } from '../../src/lib/freePort.js';

export const BENCH_ADMIN = { email: 'bench-admin@ruamjai.local', password: 'bench-admin-password-1' };

const READY_TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Files the app needs that other work may still be writing: without them the load benchmarks are skipped. */
export function missingServerParts(root: string): string[] {
  return ['src/lib/xlsform/index.ts', 'src/cli/main.ts', 'src/modules/openrosa/routes.ts', 'src/modules/submissions/writer.ts', 'src/modules/submissions/exports.ts'].filter(
    (f) => !existsSync(path.join(root, f)),
  );
}


export interface AppProcess {
  pid: number;
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** The last 16 kB the app printed. */
  output(): string;
  /** SIGTERM, then the exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no drain, no clean shutdown (the embedded PostgreSQL keeps running). */
  kill(): Promise<void>;
}

/**
 * Children started here (apps, load clients): when the benchmark itself is
 * interrupted (SIGINT, SIGTERM), apps get SIGTERM (they stop their
 * database), the others SIGKILL, so nothing is left running.
 */
const children = new Set<ChildProcess>();
const apps = new Set<ChildProcess>();
let interruptHandled = false;

export function trackChild(child: ChildProcess, isApp = false): void {
  children.add(child);
  if (isApp) apps.add(child);
  child.once('exit', () => {
    children.delete(child);
    apps.delete(child);
  });
  if (interruptHandled) return;
  interruptHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const c of children) c.kill(apps.has(c) ? 'SIGTERM' : 'SIGKILL');
      const deadline = Date.now() + 12_000;
      const wait = setInterval(() => {
        if (apps.size === 0 || Date.now() > deadline) {
          clearInterval(wait);
          process.exit(130);
        }
      }, 100);
    });
  }
}

/** Wipes `dataDir` (stopping a PostgreSQL left running in it first). */
export async function freshDataDir(dataDir: string): Promise<void> {
  await stopLeftover(path.join(dataDir, 'pg'));
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  // When run as root the embedded server runs as `postgres`, which must reach DATA_DIR/pg.
  await fs.chmod(dataDir, 0o755);
}

/** Starts the app on `dataDir` and waits for GET /healthz = 200. */
export async function startApp(opts: {
  root: string;
  dataDir: string;
  env?: Record<string, string>;
  /** Node options before tsx (--cpu-prof …). */
  nodeArgs?: string[];
  /** Modules to preload after tsx (TypeScript allowed), e.g. bench/lib/appProbe.ts. */
  preload?: string[];
}): Promise<AppProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: opts.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUAMJAI_ADMIN_EMAIL: BENCH_ADMIN.email,
    RUAMJAI_ADMIN_PASSWORD: BENCH_ADMIN.password,
    RUAMJAI_DEMO: '0',
    RUAMJAI_DISABLE_RATE_LIMITS: '1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...(opts.preload ?? []).flatMap((m) => ['--import', pathToFileURL(path.resolve(opts.root, m)).href]), 'src/cli/main.ts', 'serve'], { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child, true);
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-16_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((e) => (exit = e));
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (;;) {
    if (exit) throw new Error(`the app exited (code ${exit.code}, signal ${exit.signal}) before /healthz answered:\n${out.trim()}`);
    if (performance.now() - t0 > READY_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`/healthz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s:\n${out.trim()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  const app: AppProcess = {
    pid: child.pid!,
    url,
    dataDir: opts.dataDir,
    child,
    output: () => out,
    async stop(timeoutMs = 30_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const e = await exited;
      clearTimeout(timer);
      return e;
    },
    async kill() {
      if (exit) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  return app;
}

/** URL of the app's own database (`ruamjai` on the embedded server running in DATA_DIR/pg). */
export function appDatabaseUrl(dataDir: string): string {
  const lines = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(lines[3]);
  const password = readFileSync(path.join(dataDir, 'pg-superuser-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/ruamjai`;
}

/** PID of the postmaster running in DATA_DIR/pg, if any. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function basicAuth(user: { email: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`;
}

/** A JSON API call with Basic auth; throws with the problem document on an unexpected status. */
export async function api<T>(app: { url: string }, method: string, pathname: string, opts: { user?: { email: string; password: string }; json?: unknown; body?: BodyInit; expect?: number[] } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.user) headers.authorization = basicAuth(opts.user);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(app.url + pathname, { method, headers, body });
  const text = await res.text();
  if (!(opts.expect ?? [200, 201]).includes(res.status)) throw new Error(`${method} ${pathname} answered ${res.status}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Uploads an XLSForm as the given (coordinator or admin) user. */
export async function uploadXlsForm(app: { url: string }, user: { email: string; password: string }, xlsx: Buffer, filename: string): Promise<{ formId: string; version: string; title: string }> {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(xlsx)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), filename);
  return api(app, 'POST', '/api/v1/forms', { user, body: fd, expect: [200, 201] });
}

/** An organisation and volunteers in it (area Hat Yai city), created through the API by the admin. */
export async function createVolunteers(app: { url: string }, n: number, prefix = 'vol'): Promise<Array<{ email: string; password: string; id: string }>> {
  const org = await api<{ id: string }>(app, 'POST', '/api/v1/organizations', {
    user: BENCH_ADMIN,
    json: { nameTh: 'อสม. ตำบลหาดใหญ่ (ทดสอบประสิทธิภาพ)', nameEn: 'Hat Yai village health volunteers (benchmark)', areaCode: '901101' },
  });
  const users: Array<{ email: string; password: string; id: string }> = [];
  for (let i = 0; i < n; i++) {
    const cred = { email: `${prefix}${i + 1}@bench.ruamjai.local`, password: `volunteer-password-${i + 1}` };
    const u = await api<{ id: string }>(app, 'POST', '/api/v1/users', {
      user: BENCH_ADMIN,
      json: { ...cred, displayName: `อสม. ทดสอบ ${i + 1}`, memberships: [{ organizationId: org.id, role: 'volunteer', areaScope: '901101' }] },
    });
    users.push({ ...cred, id: u.id });
  }
  return users;
}

// ------------------------------------------------------------ /proc

/** VmRSS and VmHWM (peak) of a process, bytes; undefined once it is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * Resets the peak RSS (VmHWM) of a process to its current RSS, so that the
 * next peak read is that of what runs from now on. False when the kernel
 * does not allow it (needs the process's owner or root).
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15 (1-based).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** A process and every descendant of it. */
export function processTree(rootPid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone
    }
  }
  const out = [rootPid];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/**
 * CPU seconds of a process tree, including children that exited since
 * (cutime/cstime of the root: PostgreSQL backends come and go).
 */
export function treeCpuSeconds(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) total += cpuSecondsOf(pid);
  try {
    const stat = readFileSync(`/proc/${rootPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // gone
  }
  return total;
}

/** Resident memory of a process tree (sum of VmRSS; shared pages counted once per process). */
export function treeRss(rootPid: number): number {
  return processTree(rootPid).reduce((a, pid) => a + (memoryOf(pid)?.rss ?? 0), 0);
}

/** CPU seconds the whole machine has spent busy (all cores, every process), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - (v[3] ?? 0) - (v[4] ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

/** Probe lines (see appProbe.ts) written between two Date.now() times: event loop utilisation and delay of the app. */
export function probeSummary(file: string, from: number, to: number): { seconds: number; elu: number; delayP50: number; delayP99: number; delayMax: number } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeLine)
    .filter((l) => l.at > from + 1000 && l.at <= to + 500);
  if (!lines.length) return undefined;
  const mean = (f: (l: ProbeLine) => number) => lines.reduce((a, l) => a + f(l), 0) / lines.length;
  const sorted = lines.map((l) => l.delayP99).sort((a, b) => a - b);
  return {
    seconds: lines.length,
    elu: mean((l) => l.elu),
    delayP50: mean((l) => l.delayP50),
    delayP99: sorted[Math.floor(sorted.length / 2)]!,
    delayMax: Math.max(...lines.map((l) => l.delayMax)),
  };
}
