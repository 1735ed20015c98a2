/**
 * The load of the Songkhla data set (done once by run.ts before every
 * benchmark): households/s and people/s through COPY, total time, and the
 * size the tables and their indexes take.
 */
import type { BenchContext } from './lib/context.js';
import { fmtBytes, fmtInt, fmtSeconds, table } from './lib/stats.js';

export async function run(ctx: BenchContext): Promise<void> {
  const g = ctx.generation;
  const rows = g.households + g.people;
  console.log(
    table(
      ['phase', 'rows', 'seconds', 'rows/s'],
      [
        ['households (COPY)', fmtInt(g.households), fmtSeconds(g.householdSeconds), fmtInt(g.householdsPerSecond)],
        ['persons (COPY)', fmtInt(g.people), fmtSeconds(g.personSeconds), fmtInt(g.peoplePerSecond)],
        ['total', fmtInt(rows), fmtSeconds(g.seconds), fmtInt(rows / g.seconds)],
      ],
    ),
  );
  console.log(
    `  of which end-of-COPY foreign-key checks and commit (after the last row was sent): households ${fmtSeconds(g.householdTailSeconds)} s, persons ${fmtSeconds(g.personTailSeconds)} s`,
  );
  console.log(`  mean household size ${(g.people / g.households).toFixed(2)}; ANALYZE ${fmtSeconds(ctx.analyzeSeconds)} s${ctx.vacuumSeconds === undefined ? '' : `, VACUUM ${fmtSeconds(ctx.vacuumSeconds)} s`}`);

  const sizes = await ctx.sql<{ name: string; table: string; indexes: string; rows: string }[]>`
    select c.relname as name,
           pg_table_size(c.oid)::text as table,
           pg_indexes_size(c.oid)::text as indexes,
           c.reltuples::bigint::text as rows
    from pg_class c where c.relname in ('households', 'persons') order by c.relname`;
  for (const s of sizes) console.log(`  ${s.name}: table ${fmtBytes(Number(s.table))}, indexes ${fmtBytes(Number(s.indexes))}`);

  ctx.report('households loaded', fmtInt(g.households));
  ctx.report('people loaded', fmtInt(g.people));
  ctx.report('households/s', fmtInt(g.householdsPerSecond));
  ctx.report('people/s', fmtInt(g.peoplePerSecond));
  ctx.report('load total (s)', fmtSeconds(g.seconds));
  ctx.report('  of which end-of-COPY FK checks (s)', fmtSeconds(g.householdTailSeconds + g.personTailSeconds));
  ctx.report('ANALYZE (s)', fmtSeconds(ctx.analyzeSeconds));
  if (ctx.vacuumSeconds !== undefined) ctx.report('VACUUM (s)', fmtSeconds(ctx.vacuumSeconds));
  for (const s of sizes) ctx.report(`${s.name} size (table + indexes)`, fmtBytes(Number(s.table) + Number(s.indexes)));
}
