/**
 * OpenRosa submission load: the real app (`serve`, embedded PostgreSQL in
 * bench/.data/openrosa) and, in another process, 50 phones submitting the
 * 60-question household survey (four members each, about 4 KB of XML) as
 * fast as they are answered, the way ODK Collect does it: HEAD
 * /openrosa/submission once, then POST multipart (xml_submission_file)
 * with HTTP Basic credentials of a volunteer, on keep-alive connections.
 * 5 % of requests resend a submission already answered 201 (a phone that
 * did not get the answer): they must be answered 200 and not stored twice.
 *
 * 10 s of warm-up (excluded), then 30 s measured: sustained new
 * submissions per second, p50/p95/p99 latency, errors; CPU of the app, of
 * PostgreSQL and of the client over the measured window. Afterwards the
 * app is killed with SIGKILL (no drain) and SQL checks that every 201 is a
 * row (each answer came after its commit), no retry was stored twice, and
 * each stored submission has its audit entry.
 *
 *   BENCH_SECONDS=30 BENCH_WARMUP_SECONDS=10 BENCH_CLIENTS=50
 *   BENCH_OPENROSA_USERS=10 (volunteers the phones log in as)
 *   BENCH_RETRY_RATE=0.05   BENCH_PROFILE=1 (CPU profile of the app, printed)
 *   BENCH_KEEP=1            (keep bench/.data/openrosa afterwards)
 *
 * Targets: >= 1,500 submissions/s, p99 < 100 ms (2 shared cores: app,
 * PostgreSQL and client on one machine).
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../src/db/embedded.js';
import { connect } from '../src/db/index.js';
import type { FormDefinition } from '../src/lib/forms/model.js';
import { buildXlsForm } from '../src/testing/xlsform.js';
import {
  appDatabaseUrl,
  basicAuth,
  BENCH_ADMIN,
  cpuSecondsOf,
  createVolunteers,
  freshDataDir,
  machineBusySeconds,
  missingServerParts,
  postmasterPid,
  probeSummary,
  startApp,
  trackChild,
  treeCpuSeconds,
  uploadXlsForm,
  type AppProcess,
} from './lib/app.js';
import type { BenchContext } from './lib/context.js';
import { formatSummary, mainThreadProfile, summarizeProfile } from './lib/cpuprofile.js';
import { BENCH_DATA_DIR, stopLeftover } from './lib/db.js';
import { flagEnv, intEnv, shareEnv } from './lib/env.js';
import { checkGenerator, HOUSEHOLD_FORM_ID, HouseholdInstances, householdSurvey } from './lib/householdForm.js';
import type { ClientConfig, ClientResult } from './lib/openrosaClient.js';
import { sampleWaits, type WaitReport, type WaitSampler } from './lib/pgWaits.js';
import { fmtInt, fmtMs, fmtSeconds, quantile, table } from './lib/stats.js';

export const needsDatabase = false;

const TARGET_PER_SECOND = 1500;
const TARGET_P99_MS = 100;

/** One multipart submission from the bench process itself (sanity checks before the load). */
async function submitOnce(app: AppProcess, user: { email: string; password: string }, xml: string): Promise<number> {
  const fd = new FormData();
  fd.append('xml_submission_file', new Blob([xml], { type: 'text/xml' }), 'submission.xml');
  const res = await fetch(`${app.url}/openrosa/submission`, { method: 'POST', headers: { authorization: basicAuth(user), 'x-openrosa-version': '1.0' }, body: fd });
  await res.arrayBuffer();
  return res.status;
}

interface CpuMark {
  at: number;
  /** Date.now() of the mark (probe lines carry wall-clock times). */
  wall: number;
  app: number;
  pg: number;
  client: number;
  machine: number;
}

function countOf(statuses: Record<string, number>, pred: (kind: string, status: string) => boolean): number {
  return Object.entries(statuses).reduce((a, [k, n]) => {
    const [kind = '', status = ''] = k.split(' ');
    return a + (pred(kind, status) ? n : 0);
  }, 0);
}

export async function run(ctx: BenchContext): Promise<void> {
  const missing = missingServerParts(ctx.root);
  if (missing.length) {
    console.log(`  skipped: the server is not complete yet (missing ${missing.join(', ')})`);
    ctx.report('openrosa', `skipped: missing ${missing.join(', ')}`);
    return;
  }
  const seconds = intEnv('BENCH_SECONDS', 30);
  const warmupSeconds = intEnv('BENCH_WARMUP_SECONDS', 10);
  const concurrency = intEnv('BENCH_CLIENTS', 50);
  const userCount = Math.min(concurrency, intEnv('BENCH_OPENROSA_USERS', 10));
  const retryRate = shareEnv('BENCH_RETRY_RATE', 0.05);
  const profile = flagEnv('BENCH_PROFILE');
  const dataDir = path.join(BENCH_DATA_DIR, 'openrosa');
  const profileDir = path.join(dataDir, 'profile');

  await freshDataDir(dataDir);
  let app: AppProcess | undefined;
  try {
    let t = performance.now();
    if (profile) await fs.mkdir(profileDir, { recursive: true });
    const probeFile = path.join(dataDir, 'probe.jsonl');
    app = await startApp({
      root: ctx.root,
      dataDir,
      nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      preload: ['bench/lib/appProbe.ts'],
      env: { BENCH_PROBE_FILE: probeFile },
    });
    console.log(`  app (pid ${app.pid}) ready at ${app.url} in ${fmtSeconds((performance.now() - t) / 1000)} s (fresh embedded PostgreSQL in ${path.relative(ctx.root, dataDir)}/)`);

    t = performance.now();
    const xlsx = await buildXlsForm(householdSurvey());
    const form = await uploadXlsForm(app, BENCH_ADMIN, xlsx, 'bmn_household.xlsx');
    console.log(`  form ${form.formId} version ${form.version} (${fmtInt(xlsx.length)} bytes of XLSForm) uploaded in ${fmtMs(performance.now() - t)} ms`);
    t = performance.now();
    const users = await createVolunteers(app, userCount);
    console.log(`  ${users.length} volunteers created in ${fmtSeconds((performance.now() - t) / 1000)} s`);

    // The generated households must fit the form as the server compiled it.
    const dbUrl = appDatabaseUrl(dataDir);
    let sql = connect(dbUrl, { max: 2, applicationName: 'ruamjai-bench' });
    const [def] = await sql<{ definition: FormDefinition }[]>`
      select v.definition from form_versions v join forms f on f.id = v.form_pk where f.form_id = ${HOUSEHOLD_FORM_ID} and v.version = ${form.version}`;
    await sql.end({ timeout: 5 });
    if (!def) throw new Error('the uploaded form is not in form_versions');
    const check = checkGenerator(def.definition, ctx.seed);
    console.log(`  generated households: ${fmtInt(check.bytes)} bytes of XML on average; ${check.problems.length} problem(s) against the form, ${check.issues} issue(s) flagged by the server's validation in 200`);
    for (const p of check.problems) console.log(`    ! ${p}`);

    // Sanity: new → 201, the same again → 200, other content under that instanceID → 409.
    const sanityGen = new HouseholdInstances(`${ctx.seed}:sanity`, { version: form.version, rootName: def.definition.root.name });
    const sanityId = sanityGen.newInstanceId();
    const sanityXml = sanityGen.next(sanityId);
    const sanity = [await submitOnce(app, users[0]!, sanityXml), await submitOnce(app, users[0]!, sanityXml), await submitOnce(app, users[0]!, sanityGen.next(sanityId))];
    console.log(`  one submission: ${sanity[0]} (new), ${sanity[1]} (same again), ${sanity[2]} (other content, same instanceID)`);
    if (sanity.join() !== '201,200,409') throw new Error(`expected 201, 200, 409 for new, resent and clashing submissions; got ${sanity.join(', ')}`);

    // The load, from another process.
    const config: ClientConfig = {
      url: app.url,
      users: users.map(({ email, password }) => ({ email, password })),
      concurrency,
      warmupSeconds,
      seconds,
      retryRate,
      seed: ctx.seed,
      formId: form.formId,
      version: form.version,
      rootName: def.definition.root.name,
      templates: 1000,
      out: path.join(dataDir, 'client-result.json'),
    };
    const configFile = path.join(dataDir, 'client.json');
    await fs.writeFile(configFile, JSON.stringify(config));
    console.log(`  ${concurrency} phones (${users.length} volunteers, ${Math.round(retryRate * 100)} % retries): ${warmupSeconds} s warm-up, ${seconds} s measured …`);
    const pgPid = postmasterPid(dataDir);
    const client = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'lib', 'openrosaClient.ts'), configFile], { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(client);
    const appPid = app.pid;
    const mark = (): CpuMark => ({ at: performance.now(), wall: Date.now(), app: cpuSecondsOf(appPid), pg: pgPid ? treeCpuSeconds(pgPid) : 0, client: cpuSecondsOf(client.pid!), machine: machineBusySeconds() });
    const marks: CpuMark[] = [];
    // What the database sessions wait on during the measured window.
    const waitSql = connect(dbUrl, { max: 1, applicationName: 'ruamjai-bench-waits' });
    let waits: WaitSampler | undefined;
    let waitReport: Promise<WaitReport> | undefined;
    let clientErr = '';
    client.stderr.on('data', (d: Buffer) => (clientErr = (clientErr + d.toString()).slice(-8000)));
    let pending = '';
    client.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      let i;
      while ((i = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, i).trim();
        pending = pending.slice(i + 1);
        if (line === 'MEASURE_START') {
          marks.push(mark());
          waits = sampleWaits(waitSql);
        } else if (line === 'MEASURE_END') {
          marks.push(mark());
          waitReport = waits?.stop();
        } else if (line) {
          console.log(`  client: ${line}`);
        }
      }
    });
    const code = await new Promise<number | null>((resolve) => client.on('exit', (c) => resolve(c)));
    if (code !== 0) throw new Error(`the load client exited with ${code}:\n${clientErr}\n--- app output ---\n${app.output()}`);
    const r = JSON.parse(await fs.readFile(config.out, 'utf8')) as ClientResult;
    const pgWaits = await (waitReport ?? waits?.stop());
    await waitSql.end({ timeout: 5 });

    // Durability: no drain, no clean shutdown; then count what is there.
    let profileLines: string[] = [];
    if (profile) {
      await app.stop();
      const file = mainThreadProfile(profileDir);
      if (file) profileLines = formatSummary(summarizeProfile(file, ctx.root), 20);
    } else {
      await app.kill();
    }
    // A clean stop (profiling) also stops the database: start it again to look.
    if (!existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) await startEmbedded({ dir: path.join(dataDir, 'pg') });
    sql = connect(appDatabaseUrl(dataDir), { max: 2, applicationName: 'ruamjai-bench' });
    let rows: number;
    let missingRows: number;
    let retriedRows: number;
    let audits: number;
    let flagged: number;
    let transactions: number;
    try {
      [{ n: rows } = { n: -1 }] = await sql<{ n: number }[]>`select count(*)::int as n from submissions`;
      [{ n: missingRows } = { n: -1 }] = await sql<{ n: number }[]>`
        select count(*)::int as n from unnest(${r.created}::text[]) as c(id) where not exists (select 1 from submissions s where s.instance_id = c.id)`;
      [{ n: retriedRows } = { n: -1 }] = await sql<{ n: number }[]>`select count(*)::int as n from submissions where instance_id = any(${r.retried}::text[])`;
      [{ n: audits } = { n: -1 }] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'submission.create'`;
      [{ n: flagged } = { n: -1 }] = await sql<{ n: number }[]>`select count(*)::int as n from submissions where review_state = 'has_issues'`;
      // Rows inserted by one transaction share its xmin: rows / distinct xmin = the group commit's mean batch.
      [{ n: transactions } = { n: -1 }] = await sql<{ n: number }[]>`select count(distinct xmin::text)::int as n from submissions`;
    } finally {
      await sql.end({ timeout: 5 });
    }

    // Figures.
    const m = r.measured;
    const created = countOf(m.statuses, (k, s) => k === 'new' && s === '201');
    const retriesOk = countOf(m.statuses, (k, s) => k === 'retry' && s === '200');
    const retriesAll = countOf(m.statuses, (k) => k === 'retry');
    const allStatuses: Record<string, number> = {};
    for (const ph of [r.warmup, r.measured]) for (const [k, n] of Object.entries(ph.statuses)) allStatuses[k] = (allStatuses[k] ?? 0) + n;
    const errors = countOf(allStatuses, (k, s) => !((k === 'new' && s === '201') || (k === 'retry' && s === '200')));
    const perSecond = created / seconds;
    const lat = m.newLatencies;
    const [p50, p95, p99] = [quantile(lat, 0.5), quantile(lat, 0.95), quantile(lat, 0.99)];
    const max = lat.reduce((a, b) => Math.max(a, b), 0);
    const expectedRows = r.created.length + 1; // + the sanity submission
    const [m0, m1] = marks;
    const cpu = m0 && m1 ? { s: (m1.at - m0.at) / 1000, app: m1.app - m0.app, pg: m1.pg - m0.pg, client: m1.client - m0.client, machine: m1.machine - m0.machine } : undefined;
    const pct = (x: number) => `${fmtInt((100 * x) / (cpu?.s ?? 1))} %`;

    console.log();
    console.log(table(['phase', 'new 201', 'retries 200', 'other answers', 'new p50 ms', 'new p99 ms'], [
      ['warm-up', fmtInt(countOf(r.warmup.statuses, (k, s) => k === 'new' && s === '201')), fmtInt(countOf(r.warmup.statuses, (k, s) => k === 'retry' && s === '200')),
        fmtInt(countOf(r.warmup.statuses, (k, s) => !((k === 'new' && s === '201') || (k === 'retry' && s === '200')))), fmtMs(quantile(r.warmup.newLatencies, 0.5)), fmtMs(quantile(r.warmup.newLatencies, 0.99))],
      ['measured', fmtInt(created), fmtInt(retriesOk), fmtInt(countOf(m.statuses, (k, s) => !((k === 'new' && s === '201') || (k === 'retry' && s === '200')))), fmtMs(p50), fmtMs(p99)],
    ]));
    console.log();
    // Volunteer 0's credentials are cached by the sanity submissions; the other volunteers' phones all start cold at once.
    const coldPhones = concurrency - Math.ceil(concurrency / users.length);
    console.log(`  HEAD /openrosa/submission, all phones at once: ${Object.entries(r.head.statuses).map(([s, n]) => `${n}× ${s}`).join(', ')}; ` +
      `p50 ${fmtMs(quantile(r.head.latencies, 0.5))} ms, max ${fmtMs(Math.max(...r.head.latencies))} ms ` +
      `(${coldPhones} phones of ${users.length - 1} volunteers not yet cached: every one of them checks the password with scrypt)`);
    console.log(`  sustained: ${fmtInt(perSecond)} new submissions/s (${fmtInt((created + retriesAll) / seconds)} requests/s); latency of new ones p50 ${fmtMs(p50)} / p95 ${fmtMs(p95)} / p99 ${fmtMs(p99)} / max ${fmtMs(max)} ms`);
    console.log(`  retries: ${fmtInt(retriesOk)} of ${fmtInt(retriesAll)} answered 200 (p50 ${fmtMs(quantile(m.retryLatencies, 0.5))}, p99 ${fmtMs(quantile(m.retryLatencies, 0.99))} ms); ${fmtInt(r.retried.length)} distinct instanceIDs resent, ${fmtInt(retriedRows)} rows for them`);
    console.log(`  errors (anything but 201 for new, 200 for retries, in warm-up and measured): ${fmtInt(errors)}${errors ? ` (${Object.entries(allStatuses).filter(([k]) => k !== 'new 201' && k !== 'retry 200').map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}`);
    for (const u of r.unexpected) console.log(`    ! ${u}`);
    console.log(`  request body: ${fmtInt(r.bodyBytes.mean)} bytes on average (${fmtInt(r.bodyBytes.min)}–${fmtInt(r.bodyBytes.max)})`);
    if (cpu) {
      console.log(`  CPU over the measured ${fmtSeconds(cpu.s)} s (of ${os.cpus().length} cores = ${os.cpus().length * 100} %): app ${pct(cpu.app)}, PostgreSQL ${pct(cpu.pg)}, client ${pct(cpu.client)}, ` +
        `everything else on the machine ${pct(Math.max(0, cpu.machine - cpu.app - cpu.pg - cpu.client))} (other work shares these cores: figures vary with it); ` +
        `app ${fmtMs((1000 * cpu.app) / Math.max(1, created + retriesAll))} ms and PostgreSQL ${fmtMs((1000 * cpu.pg) / Math.max(1, created + retriesAll))} ms of CPU per request`);
    }
    console.log(`  after ${profile ? 'SIGTERM' : 'SIGKILL'} of the app: ${fmtInt(rows)} rows for ${fmtInt(expectedRows)} answers 201 (${fmtInt(missingRows)} answered 201 but missing); ` +
      `${fmtInt(audits)} submission.create audit entries; ${fmtInt(flagged)} flagged has_issues; group commit: ${fmtInt(transactions)} transactions, ${(rows / Math.max(1, transactions)).toFixed(1)} rows each`);
    const loop = m0 && m1 ? probeSummary(probeFile, m0.wall, m1.wall) : undefined;
    if (loop) {
      console.log(`  the app's event loop over ${loop.seconds} s of the measured window: busy ${fmtInt(loop.elu * 100)} % of the time (event loop utilisation); ` +
        `timers late by ${fmtMs(loop.delayP50)} ms (mean of per-second p50), ${fmtMs(loop.delayP99)} ms (median of per-second p99), ${fmtMs(loop.delayMax)} ms at worst`);
    }
    if (pgWaits) {
      console.log(`  PostgreSQL sessions of the app, mean number in each state over ${pgWaits.samples} samples of pg_stat_activity (idle ones left out)` +
        `${pgWaits.writerXactMs !== undefined ? `; writer transactions open ${fmtMs(pgWaits.writerXactMs)} ms on average when sampled` : ''}:`);
      for (const [state, n] of pgWaits.states.slice(0, 12)) console.log(`    ${n.toFixed(2).padStart(6)}  ${state}`);
    }
    for (const l of profileLines) console.log(l);

    const ok = (b: boolean) => (b ? 'meets' : 'MISSES');
    ctx.report(`new submissions/s, ${concurrency} phones (target >= ${fmtInt(TARGET_PER_SECOND)})`, `${fmtInt(perSecond)} (${ok(perSecond >= TARGET_PER_SECOND)})`);
    ctx.report(`latency p50 / p95 / p99 ms (target p99 < ${TARGET_P99_MS})`, `${fmtMs(p50)} / ${fmtMs(p95)} / ${fmtMs(p99)} (${ok(p99 < TARGET_P99_MS)})`);
    ctx.report('errors', fmtInt(errors));
    ctx.report(`first HEAD, ${coldPhones} phones with uncached credentials: p50 / max (ms)`, `${fmtMs(quantile(r.head.latencies, 0.5))} / ${fmtMs(Math.max(...r.head.latencies))}`);
    ctx.report(`retries (${Math.round(retryRate * 100)} %) answered 200 / sent`, `${fmtInt(retriesOk)} / ${fmtInt(retriesAll)}`);
    ctx.report(`rows after ${profile ? 'SIGTERM' : 'SIGKILL'} = answers 201`, `${fmtInt(rows)} = ${fmtInt(expectedRows)} ${rows === expectedRows && missingRows === 0 && retriedRows === r.retried.length ? '(ok)' : '(MISMATCH)'}`);
    if (cpu) {
      // What the CPU cost per request allows, whatever else ran meanwhile: the app is one thread; app, PostgreSQL and client share the cores.
      const requests = Math.max(1, created + retriesAll);
      const appMs = (1000 * cpu.app) / requests;
      const allMs = (1000 * (cpu.app + cpu.pg + cpu.client)) / requests;
      const ceiling = Math.min(1000 / appMs, (1000 * os.cpus().length) / allMs);
      console.log(`  CPU-bound ceiling from those costs: ${fmtInt(1000 / appMs)} requests/s for the app's one thread, ${fmtInt((1000 * os.cpus().length) / allMs)}/s for ${os.cpus().length} cores shared by app, PostgreSQL and client → about ${fmtInt(ceiling)}/s on a quiet machine`);
      ctx.report('CPU per request, app / PostgreSQL (ms); ceiling on a quiet machine', `${fmtMs(appMs)} / ${fmtMs((1000 * cpu.pg) / requests)}; ${fmtInt(ceiling)}/s`);
    }
    if (cpu) ctx.report('CPU app / PostgreSQL / client / other processes (% of a core)', `${pct(cpu.app)} / ${pct(cpu.pg)} / ${pct(cpu.client)} / ${pct(Math.max(0, cpu.machine - cpu.app - cpu.pg - cpu.client))}`);
    if (loop) ctx.report('app event loop busy (%), delay p99 (ms)', `${fmtInt(loop.elu * 100)} %, ${fmtMs(loop.delayP99)}`);

    const failures: string[] = [];
    if (check.problems.length) failures.push(`generated instances do not fit the form (${check.problems[0]})`);
    if (rows !== expectedRows || missingRows !== 0) failures.push(`${rows} rows for ${expectedRows} answers 201 (${missingRows} missing)`);
    if (retriedRows !== r.retried.length) failures.push(`${retriedRows} rows for ${r.retried.length} resent instanceIDs`);
    if (audits !== rows) failures.push(`${audits} audit entries for ${rows} submissions`);
    if (failures.length) throw new Error(failures.join('; '));
  } finally {
    await app?.kill();
    await stopLeftover(path.join(dataDir, 'pg'));
    if (!flagEnv('BENCH_KEEP')) await fs.rm(dataDir, { recursive: true, force: true });
  }
}
