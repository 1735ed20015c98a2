/**
 * `npm run bench`: every bench/*.bench.ts in name order, against one fresh
 * embedded PostgreSQL in bench/.data/ (wiped at start) holding the
 * migrations, the reference areas and a Songkhla-sized synthetic registry
 * (generated once, then ANALYZEd), and a summary table at the end.
 *
 *   BENCH_PEOPLE=100000   a smaller data set (default 1,450,000)
 *   BENCH_ONLY=queries    only that benchmark (comma-separated names allowed)
 *   BENCH_SEED=7          another data set (default 2568)
 *   BENCH_VACUUM=0        skip the VACUUM after the load (see below)
 *
 * Benchmarks that declare `needsDatabase = false` (openrosa, exports: they
 * start the app on a database of its own) run last, after the bench
 * database has been stopped so nothing else competes for the two cores;
 * run alone (BENCH_ONLY=openrosa,exports) they skip the data set entirely.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PEOPLE, DEFAULT_SEED, generateSongkhla, type GenerateResult } from './generate.js';
import type { BenchContext, BenchModule } from './lib/context.js';
import { BENCH_DATA_DIR, BENCH_ROOT, BENCH_SETTINGS, freshBenchDatabase, REPO_ROOT, type BenchDatabase } from './lib/db.js';
import { fmtInt, fmtSeconds, table } from './lib/stats.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

const people = intEnv('BENCH_PEOPLE', DEFAULT_PEOPLE);
const seed = intEnv('BENCH_SEED', DEFAULT_SEED);
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/**
 * Run order: these in this order, any other by name after them; then (below)
 * those that need no bench database are moved, in that order, to the end.
 */
const ORDER = ['generate', 'queries', 'startup', 'openrosa', 'exports'];
const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
const names = readdirSync(BENCH_ROOT)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const unknown = only.filter((n) => !names.includes(n));
if (unknown.length) throw new Error(`BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')} (have: ${names.join(', ')})`);
const selected = only.length ? names.filter((n) => only.includes(n)) : names;

const modules: Array<[string, BenchModule]> = [];
for (const name of selected) {
  modules.push([name, (await import(pathToFileURL(path.join(BENCH_ROOT, `${name}.bench.ts`)).href)) as BenchModule]);
}
// Those with their own database last, so the bench database can be stopped before them.
modules.sort(([, a], [, b]) => Number(a.needsDatabase === false) - Number(b.needsDatabase === false));

const summary: string[][] = [];
const started = performance.now();
console.log(`Ruamjai benchmarks: ${selected.join(', ')}`);
console.log(`  node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim() ?? '?'}), ${fmtInt(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()} ${os.release()}`);

let db: BenchDatabase | undefined;
let generation: GenerateResult = { households: 0, people: 0, householdSeconds: 0, personSeconds: 0, householdTailSeconds: 0, personTailSeconds: 0, seconds: 0, householdsPerSecond: 0, peoplePerSecond: 0 };
let analyzeSeconds = 0;
let vacuumSeconds: number | undefined;
let failed = false;

try {
  if (modules.some(([, m]) => m.needsDatabase !== false)) {
    console.log(`\n== setup: fresh embedded PostgreSQL in ${path.relative(REPO_ROOT, BENCH_DATA_DIR)}/ (${Object.entries(BENCH_SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')})`);
    db = await freshBenchDatabase(BENCH_DATA_DIR);
    const [v] = await db.sql<{ serverVersion: string }[]>`show server_version`;
    console.log(`  PostgreSQL ${v?.serverVersion ?? '?'}: initdb, start, migrations and reference areas in ${fmtSeconds(db.setupSeconds)} s`);

    console.log(`\n== generating the Songkhla data set: ${fmtInt(people)} people, seed ${seed}`);
    generation = await generateSongkhla(db.sql, { people, seed });

    let t = performance.now();
    await db.sql`analyze`;
    analyzeSeconds = (performance.now() - t) / 1000;
    console.log(`  ANALYZE: ${fmtSeconds(analyzeSeconds)} s`);
    // A live database has been vacuumed by autovacuum long before anyone
    // queries it; a freshly COPYed table has not (no visibility map, no
    // hint bits), and autovacuum would start on it in the middle of the
    // query benchmark. VACUUM now so the reads measure the settled state.
    if (process.env.BENCH_VACUUM !== '0') {
      t = performance.now();
      await db.sql`vacuum households, persons`;
      vacuumSeconds = (performance.now() - t) / 1000;
      console.log(`  VACUUM households, persons: ${fmtSeconds(vacuumSeconds)} s`);
    }
  }

  const noDatabase = new Proxy({} as BenchContext['sql'], {
    get() {
      throw new Error('this benchmark declared needsDatabase = false');
    },
  });
  for (const [i, [name, mod]] of modules.entries()) {
    if (db && modules.slice(i).every(([, m]) => m.needsDatabase === false)) {
      // The rest start their own app and database: free the memory and the CPU (autovacuum) of this one.
      await db.close();
      db = undefined;
    }
    console.log(`\n== ${name}`);
    const ctx: BenchContext = {
      sql: db?.sql ?? noDatabase,
      url: db?.url ?? '',
      generation,
      analyzeSeconds,
      vacuumSeconds,
      seed,
      root: REPO_ROOT,
      report: (label, value) => summary.push([name, label, value]),
    };
    const t = performance.now();
    try {
      await mod.run(ctx);
      console.log(`  (${name} took ${fmtSeconds((performance.now() - t) / 1000)} s)`);
    } catch (err) {
      failed = true;
      const msg = err instanceof Error ? err.message : String(err);
      console.error(`  ${name} FAILED: ${err instanceof Error ? (err.stack ?? msg) : msg}`);
      summary.push([name, 'FAILED', msg.split('\n')[0] ?? msg]);
    }
  }
} finally {
  await db?.close();
}

console.log(`\n== summary (${fmtInt(generation.people)} people, ${fmtInt(generation.households)} households; whole run ${fmtSeconds((performance.now() - started) / 1000)} s)\n`);
console.log(table(['benchmark', 'figure', 'value'], summary));
if (failed) process.exitCode = 1;
