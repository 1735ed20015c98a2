/**
 * Exports of a large form: 100,000 household surveys (four members each)
 * loaded with COPY into the app's own database (rows made by the server's
 * own parsing code, see lib/loadSubmissions.ts), then downloaded whole
 * from the real app (`serve` in another process) as
 *
 * - zipped CSVs: GET /api/v1/forms/{formId}/submissions?format=zip
 * - XLSX:        GET /api/v1/forms/{formId}/submissions?format=xlsx
 *
 * each on a freshly started app, timed from request to last byte (and to
 * the first byte), with the app's peak RSS (VmHWM, and VmRSS sampled every
 * 100 ms) and the CPU of the app and of PostgreSQL. The files are then
 * checked: the zip holds the main CSV (UTF-8 BOM, one row per submission)
 * and the members CSV (PARENT_KEY/KEY pointing at main rows); the XLSX
 * opens with exceljs (streaming reader) with a sheet per table and the
 * right row counts; sampled submissions match their data cell by cell.
 *
 *   BENCH_EXPORT_SUBMISSIONS=100000   BENCH_KEEP=1 (keep bench/.data/exports)
 *   BENCH_PROFILE=1 (CPU profile of the app during each export, printed)
 *
 * Targets: CSV >= 6,400 submissions/s; XLSX 100,000 in < 60 s with peak
 * RSS < 500 MB.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { connect, type Sql } from '../src/db/index.js';
import type { DataObject } from '../src/lib/forms/data.js';
import type { FormDefinition } from '../src/lib/forms/model.js';
import { ROW_COLUMNS, where, type SubmissionFilter, type SubmissionRow } from '../src/modules/submissions/queries.js';
import { buildXlsForm } from '../src/testing/xlsform.js';
import {
  appDatabaseUrl,
  basicAuth,
  BENCH_ADMIN,
  cpuSecondsOf,
  createVolunteers,
  freshDataDir,
  machineBusySeconds,
  memoryOf,
  missingServerParts,
  postmasterPid,
  resetPeakRss,
  startApp,
  treeCpuSeconds,
  uploadXlsForm,
  type AppProcess,
} from './lib/app.js';
import type { BenchContext } from './lib/context.js';
import { formatSummary, mainThreadProfile, summarizeProfile } from './lib/cpuprofile.js';
import { BENCH_DATA_DIR, stopLeftover } from './lib/db.js';
import { flagEnv, intEnv } from './lib/env.js';
import { checkGenerator, HOUSEHOLD_FORM_ID, householdSurvey } from './lib/householdForm.js';
import { loadSubmissions, type LoadResult } from './lib/loadSubmissions.js';
import { fmtBytes, fmtInt, fmtSeconds, table } from './lib/stats.js';
import { entryStream, zipEntries } from './lib/zip.js';

export const needsDatabase = false;

const TARGET_CSV_PER_SECOND = 6400;
const TARGET_XLSX_SECONDS = 60;
const TARGET_XLSX_RSS = 500 * 1024 * 1024;

interface Download {
  format: string;
  file: string;
  status: number;
  bytes: number;
  ttfbMs: number;
  seconds: number;
  /** VmHWM of the app after start-up, before it was reset to the current RSS (when `peakReset`). */
  startupPeak: number;
  peakReset: boolean;
  /** VmHWM of the app just before the export and after it. */
  hwmBefore: number;
  hwmAfter: number;
  /** Largest VmRSS seen by sampling every 100 ms. */
  rssPeakSampled: number;
  rssBefore: number;
  cpuApp: number;
  cpuPg: number;
  /** CPU of every other process on the machine meanwhile (the bench's own download included). */
  cpuOther: number;
  profile: string[];
}

/** GET an export as the admin and write it to `file`, watching the app's memory and CPU. */
async function download(app: AppProcess, formId: string, format: string, file: string): Promise<Omit<Download, 'profile'>> {
  const startupPeak = memoryOf(app.pid)?.hwm ?? 0;
  const reset = resetPeakRss(app.pid);
  const before = memoryOf(app.pid);
  if (!before) throw new Error('the app is not running');
  const pgPid = postmasterPid(app.dataDir);
  const cpu0 = { app: cpuSecondsOf(app.pid), pg: pgPid ? treeCpuSeconds(pgPid) : 0, machine: machineBusySeconds() };
  let rssPeak = before.rss;
  const sampler = setInterval(() => {
    const m = memoryOf(app.pid);
    if (m) rssPeak = Math.max(rssPeak, m.rss);
  }, 100);
  const t0 = performance.now();
  try {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(`${app.url}/api/v1/forms/${encodeURIComponent(formId)}/submissions?format=${format}`, { headers: { authorization: basicAuth(BENCH_ADMIN) } }, resolve);
      req.on('error', reject);
    });
    const ttfbMs = performance.now() - t0;
    let bytes = 0;
    res.on('data', (c: Buffer) => (bytes += c.length));
    await pipeline(res, createWriteStream(file));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const after = memoryOf(app.pid) ?? before;
    rssPeak = Math.max(rssPeak, after.rss);
    if (res.statusCode !== 200) throw new Error(`GET ?format=${format} answered ${res.statusCode}: ${(await fs.readFile(file, 'utf8')).slice(0, 2000)}`);
    if (!res.complete) throw new Error(`GET ?format=${format}: the response ended before it was complete (${fmtBytes(bytes)} received)`);
    const cpuApp = cpuSecondsOf(app.pid) - cpu0.app;
    const cpuPg = (pgPid ? treeCpuSeconds(pgPid) : 0) - cpu0.pg;
    return {
      format,
      file,
      status: res.statusCode,
      bytes,
      ttfbMs,
      seconds,
      startupPeak,
      peakReset: reset,
      hwmBefore: before.hwm,
      hwmAfter: after.hwm,
      rssPeakSampled: rssPeak,
      rssBefore: before.rss,
      cpuApp,
      cpuPg,
      cpuOther: Math.max(0, machineBusySeconds() - cpu0.machine - cpuApp - cpuPg),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Cells of a sampled submission as the export should have them (path columns only). */
function expectedCell(data: DataObject, header: string): string | undefined {
  let cur: unknown = data;
  for (const part of header.split('/')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : cur === undefined ? '' : undefined;
}

/** Sampled submissions compared cell by cell with their exported rows. */
let compared = 0;

/** Compares a main-table row with the submission's data: differences, as text. */
function compareRow(header: string[], row: string[], samples: Map<string, DataObject>, keyCol: number): string[] {
  const data = samples.get(row[keyCol] ?? '');
  if (!data) return [];
  compared++;
  const diffs: string[] = [];
  header.forEach((h, i) => {
    if (!h.includes('/') && !(h in data)) return; // SubmissionDate, KEY, SubmitterID… are not data
    const want = expectedCell(data, h);
    if (want !== undefined && want !== (row[i] ?? '')) diffs.push(`${row[keyCol]} ${h}: "${row[i]}" instead of "${want}"`);
  });
  return diffs;
}

/**
 * The query the exports stream from (as src/modules/submissions/exports.ts
 * writes it, for a system admin without filters): its plan with timings,
 * and the time to read every row through a cursor of 500 with nothing
 * done to the rows, which bounds an export that reads pages one at a time.
 */
async function exportQueryDiagnostics(sql: Sql, formPk: string): Promise<{ plan: string[]; readSeconds: number; rows: number }> {
  const f: SubmissionFilter = { formPk, scopePrefixes: null };
  const planRows = await sql<Record<string, string>[]>`
    explain (analyze, buffers)
    select ${ROW_COLUMNS(sql)}
    from submissions s
    join form_versions v on v.id = s.form_version_id
    left join users u on u.id = s.submitter_id
    where ${where(sql, f)}
    order by s.received_at, s.id`;
  const plan = planRows.map((r) => String(Object.values(r)[0]));
  const t = performance.now();
  let rows = 0;
  const cursor = sql<SubmissionRow[]>`
    select ${ROW_COLUMNS(sql)}
    from submissions s
    join form_versions v on v.id = s.form_version_id
    left join users u on u.id = s.submitter_id
    where ${where(sql, f)}
    order by s.received_at, s.id`.cursor(500);
  for await (const page of cursor) rows += page.length;
  return { plan, readSeconds: (performance.now() - t) / 1000, rows };
}

interface CsvCheck {
  bom: boolean;
  rows: number;
  header: string[];
  problems: string[];
}

async function checkZip(file: string, formId: string, expectRows: number, expectMembers: number, samples: Map<string, DataObject>): Promise<{ entries: string[]; main: CsvCheck; members: CsvCheck; seconds: number }> {
  const t0 = performance.now();
  const entries = await zipEntries(file);
  const mainEntry = entries.find((e) => e.name === `${formId}.csv`);
  const membersEntry = entries.find((e) => /members\.csv$/.test(e.name));
  if (!mainEntry || !membersEntry) throw new Error(`the zip holds ${entries.map((e) => e.name).join(', ')}: no ${formId}.csv and members CSV`);
  const keys = new Set<string>();
  const read = async (entry: (typeof entries)[number], onRow: (row: string[], header: string[]) => void): Promise<CsvCheck> => {
    const src = await entryStream(file, entry);
    let first = true;
    let bom = false;
    src.on('data', (c: Buffer) => {
      if (first) bom = c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf;
      first = false;
    });
    const parser = src.pipe(parseCsv({ bom: true, relax_column_count: false }));
    let header: string[] | undefined;
    let rows = 0;
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (!header) header = rec;
      else {
        rows++;
        onRow(rec, header);
      }
    }
    return { bom, rows, header: header ?? [], problems: [] };
  };
  const mainProblems: string[] = [];
  let keyCol = -1;
  const main = await read(mainEntry, (row, header) => {
    if (keyCol < 0) keyCol = header.indexOf('KEY');
    const key = row[keyCol] ?? '';
    if (keys.has(key)) mainProblems.push(`KEY ${key} twice`);
    keys.add(key);
    if (mainProblems.length < 20) mainProblems.push(...compareRow(header, row, samples, keyCol));
  });
  main.problems = mainProblems;
  if (keyCol < 0) main.problems.push('no KEY column');
  if (main.rows !== expectRows) main.problems.push(`${main.rows} rows instead of ${expectRows}`);
  if (!main.bom) main.problems.push('no UTF-8 BOM');
  const memberProblems: string[] = [];
  let pk = -1;
  let k = -1;
  const members = await read(membersEntry, (row, header) => {
    if (pk < 0) {
      pk = header.indexOf('PARENT_KEY');
      k = header.indexOf('KEY');
    }
    const parent = row[pk] ?? '';
    const key = row[k] ?? '';
    if (memberProblems.length < 20) {
      if (!keys.has(parent)) memberProblems.push(`PARENT_KEY ${parent} is no main KEY`);
      if (!/^(.*)\/members\[\d+\]$/.test(key) || !key.startsWith(`${parent}/members[`)) memberProblems.push(`KEY ${key} does not extend its PARENT_KEY ${parent}`);
    }
  });
  members.problems = memberProblems;
  if (pk < 0 || k < 0) members.problems.push('no PARENT_KEY/KEY columns');
  if (members.rows !== expectMembers) members.problems.push(`${members.rows} rows instead of ${expectMembers}`);
  if (!members.bom) members.problems.push('no UTF-8 BOM');
  return { entries: entries.map((e) => `${e.name} (${fmtBytes(e.size)})`), main, members, seconds: (performance.now() - t0) / 1000 };
}

async function checkXlsx(file: string, samples: Map<string, DataObject>): Promise<{ sheets: Array<{ name: string; rows: number; header: string[] }>; problems: string[]; seconds: number }> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  const sheets: Array<{ name: string; rows: number; header: string[] }> = [];
  const problems: string[] = [];
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    let header: string[] | undefined;
    let rows = 0;
    let keyCol = -1;
    for await (const row of ws) {
      const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number)));
      if (!header) {
        header = values;
        keyCol = header.indexOf('KEY');
        continue;
      }
      rows++;
      if (sheets.length === 0 && problems.length < 20) problems.push(...compareRow(header, values, samples, keyCol));
    }
    sheets.push({ name, rows, header: header ?? [] });
  }
  return { sheets, problems, seconds: (performance.now() - t0) / 1000 };
}

export async function run(ctx: BenchContext): Promise<void> {
  const missing = missingServerParts(ctx.root);
  if (missing.length) {
    console.log(`  skipped: the server is not complete yet (missing ${missing.join(', ')})`);
    ctx.report('exports', `skipped: missing ${missing.join(', ')}`);
    return;
  }
  const count = intEnv('BENCH_EXPORT_SUBMISSIONS', 100_000);
  const profile = flagEnv('BENCH_PROFILE');
  const dataDir = path.join(BENCH_DATA_DIR, 'exports');
  await freshDataDir(dataDir);
  let app: AppProcess | undefined;
  try {
    app = await startApp({ root: ctx.root, dataDir });
    const xlsx = await buildXlsForm(householdSurvey());
    const form = await uploadXlsForm(app, BENCH_ADMIN, xlsx, 'bmn_household.xlsx');
    const [volunteer] = await createVolunteers(app, 1, 'export-vol');

    // The load, straight into the app's database.
    const sql = connect(appDatabaseUrl(dataDir), { max: 2, applicationName: 'ruamjai-bench' });
    let load: LoadResult | undefined;
    try {
      const [v] = await sql<{ id: string; formPk: string; definition: FormDefinition }[]>`
        select v.id, v.form_pk, v.definition from form_versions v join forms f on f.id = v.form_pk
        where f.form_id = ${HOUSEHOLD_FORM_ID} and v.version = ${form.version}`;
      if (!v) throw new Error('the uploaded form is not in form_versions');
      const check = checkGenerator(v.definition, ctx.seed);
      if (check.problems.length) throw new Error(`generated instances do not fit the form: ${check.problems.join('; ')}`);
      console.log(`  loading ${fmtInt(count)} submissions of ${form.formId} with COPY (rows made by the server's parseXml/instanceToData/validateInstance) …`);
      load = await loadSubmissions(sql, { count, seed: ctx.seed, formPk: v.formPk, versionId: v.id, definition: v.definition, submitterId: volunteer!.id, log: (l) => console.log(l) });
      const t = performance.now();
      await sql`vacuum analyze submissions`;
      const vacuumSeconds = (performance.now() - t) / 1000;
      const [size] = await sql<{ total: string; heap: string; toast: string }[]>`
        select pg_size_pretty(pg_total_relation_size('submissions')) as total, pg_size_pretty(pg_relation_size('submissions')) as heap,
               pg_size_pretty(coalesce(pg_total_relation_size(nullif(reltoastrelid, 0)), 0)) as toast
        from pg_class where oid = 'submissions'::regclass`;
      console.log(`  loaded ${fmtInt(load.rows)} submissions (${fmtInt(load.members)} members, ${fmtBytes(load.xmlBytes)} of XML, ${load.flagged} flagged) in ${fmtSeconds(load.seconds)} s ` +
        `(${fmtInt(load.rows / load.seconds)}/s; ${fmtSeconds(load.buildSeconds)} s making rows); VACUUM ANALYZE ${fmtSeconds(vacuumSeconds)} s; table ${size?.total} (heap ${size?.heap}, TOAST ${size?.toast})`);
      ctx.report(`load ${fmtInt(count)} submissions with COPY (s)`, fmtSeconds(load.seconds));
      const diag = await exportQueryDiagnostics(sql, v.formPk);
      console.log(`  the exports' query read alone through a cursor of 500 (postgres.js, no processing): ${fmtInt(diag.rows)} rows in ${fmtSeconds(diag.readSeconds)} s; its plan:`);
      for (const l of diag.plan) console.log(`    ${l}`);
      ctx.report('exports query read alone, cursor of 500 (s per pass)', fmtSeconds(diag.readSeconds));
    } finally {
      await sql.end({ timeout: 5 });
    }
    if (!load) throw new Error('nothing loaded');

    const downloads: Download[] = [];
    for (const format of ['zip', 'xlsx']) {
      // A fresh app for each export: its peak RSS is then the export's.
      await app.stop();
      const profileDir = path.join(dataDir, `profile-${format}`);
      if (profile) await fs.mkdir(profileDir, { recursive: true });
      app = await startApp({ root: ctx.root, dataDir, nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
      // Warm the auth cache and the connection pool so the export starts like any other request.
      await fetch(`${app.url}/api/v1/forms/${HOUSEHOLD_FORM_ID}`, { headers: { authorization: basicAuth(BENCH_ADMIN) } }).then((r) => r.arrayBuffer());
      console.log(`  GET ?format=${format} …`);
      const d = await download(app, form.formId, format, path.join(dataDir, `export.${format}`));
      let profileLines: string[] = [];
      if (profile) {
        await app.stop();
        const file = mainThreadProfile(profileDir);
        if (file) profileLines = formatSummary(summarizeProfile(file, ctx.root), 20);
      }
      downloads.push({ ...d, profile: profileLines });
    }

    console.log();
    console.log(table(['export', 'size', 'first byte (ms)', 'whole (s)', 'submissions/s', 'peak RSS (VmHWM)', 'RSS before', 'CPU s: app / PostgreSQL / other'], downloads.map((d) => [
      d.format, fmtBytes(d.bytes), fmtInt(d.ttfbMs), fmtSeconds(d.seconds), fmtInt(count / d.seconds), fmtBytes(Math.max(d.hwmAfter, d.rssPeakSampled)), fmtBytes(d.rssBefore), `${fmtSeconds(d.cpuApp)} / ${fmtSeconds(d.cpuPg)} / ${fmtSeconds(d.cpuOther)}`,
    ])));
    for (const d of downloads) for (const l of d.profile) console.log(`  [${d.format}]${l}`);
    if (downloads.every((d) => d.peakReset)) console.log(`  (peak RSS: VmHWM reset to the current RSS just before each export; the start-up peaks were ${downloads.map((d) => fmtBytes(d.startupPeak)).join(' and ')})`);
    else console.log('  (VmHWM could not be reset: a peak no higher than before the export may be the start-up peak)');

    // The files.
    console.log();
    const zip = downloads.find((d) => d.format === 'zip')!;
    compared = 0;
    const z = await checkZip(zip.file, form.formId, count, load.members, load.samples);
    const zipCompared = compared;
    if (zipCompared !== load.samples.size) z.main.problems.push(`${zipCompared} of ${load.samples.size} sampled submissions found in the main CSV`);
    console.log(`  zip: ${z.entries.join(', ')}; main CSV ${fmtInt(z.main.rows)} rows × ${z.main.header.length} columns, BOM ${z.main.bom ? 'yes' : 'NO'}; ` +
      `members CSV ${fmtInt(z.members.rows)} rows, BOM ${z.members.bom ? 'yes' : 'NO'}, columns …${z.members.header.slice(-3).join(', ')}; ` +
      `${zipCompared} sampled submissions compared cell by cell (checked in ${fmtSeconds(z.seconds)} s)`);
    for (const p of [...z.main.problems, ...z.members.problems].slice(0, 20)) console.log(`    ! ${p}`);
    const xl = downloads.find((d) => d.format === 'xlsx')!;
    compared = 0;
    const x = await checkXlsx(xl.file, load.samples);
    if (compared !== load.samples.size) x.problems.push(`${compared} of ${load.samples.size} sampled submissions found in the main sheet`);
    console.log(`  xlsx (exceljs streaming reader, ${fmtSeconds(x.seconds)} s): ${x.sheets.map((s) => `"${s.name}" ${fmtInt(s.rows)} rows`).join(', ')}`);
    const xProblems = [...x.problems];
    if (x.sheets.length !== 2) xProblems.push(`${x.sheets.length} sheets instead of 2`);
    if (x.sheets[0]?.rows !== count) xProblems.push(`main sheet: ${x.sheets[0]?.rows} rows instead of ${count}`);
    if (x.sheets[1]?.rows !== load.members) xProblems.push(`members sheet: ${x.sheets[1]?.rows} rows instead of ${load.members}`);
    if (x.sheets[1] && !(x.sheets[1].header.includes('PARENT_KEY') && x.sheets[1].header.includes('KEY'))) xProblems.push('members sheet: no PARENT_KEY/KEY columns');
    for (const p of xProblems.slice(0, 20)) console.log(`    ! ${p}`);

    const ok = (b: boolean) => (b ? 'meets' : 'MISSES');
    const csvRate = count / zip.seconds;
    const xlsxPeak = Math.max(xl.hwmAfter, xl.rssPeakSampled);
    const zipPeak = Math.max(zip.hwmAfter, zip.rssPeakSampled);
    ctx.report(`zipped CSV of ${fmtInt(count)}: s, submissions/s (target >= ${fmtInt(TARGET_CSV_PER_SECOND)}/s)`, `${fmtSeconds(zip.seconds)} s, ${fmtInt(csvRate)}/s (${ok(csvRate >= TARGET_CSV_PER_SECOND)})`);
    ctx.report('zipped CSV: peak RSS of the app', fmtBytes(zipPeak));
    ctx.report(`XLSX of ${fmtInt(count)}: s (target < ${TARGET_XLSX_SECONDS} s)`, `${fmtSeconds(xl.seconds)} s, ${fmtInt(count / xl.seconds)}/s (${ok(xl.seconds < TARGET_XLSX_SECONDS)})`);
    ctx.report(`XLSX: peak RSS of the app (target < ${fmtBytes(TARGET_XLSX_RSS)})`, `${fmtBytes(xlsxPeak)} (${ok(xlsxPeak < TARGET_XLSX_RSS)})`);
    ctx.report('export files checked', z.main.problems.length + z.members.problems.length + xProblems.length === 0 ? 'ok' : 'PROBLEMS');
    const problems = [...z.main.problems, ...z.members.problems, ...xProblems];
    if (problems.length) throw new Error(`export files: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    await app?.kill();
    await stopLeftover(path.join(dataDir, 'pg'));
    if (!flagEnv('BENCH_KEEP')) await fs.rm(dataDir, { recursive: true, force: true });
  }
}
