/**
 * Latency of scoped reads that every list, dashboard and linkage step will
 * make, 200 times each with random areas and IDs (seeded): p50/p95 as the
 * client sees them (postgres.js, prepared statements, loopback TCP).
 *
 * - count of people in a district subtree: area_code LIKE '9011%'
 * - first page (50 rows by id) of people in a subdistrict subtree
 * - a person by document number (id_number)
 */
import { Random } from '../src/lib/synthetic/index.js';
import type { BenchContext } from './lib/context.js';
import { fmtMs, mean, quantile, table } from './lib/stats.js';

const ITERATIONS = 200;
const WARMUP = 20;

interface Case {
  name: string;
  /** Runs one query with the i-th random argument; returns rows (or the count) it saw. */
  once(i: number): Promise<number>;
  /** EXPLAIN of one representative call. */
  explain(): Promise<string[]>;
}

export async function run(ctx: BenchContext): Promise<void> {
  const { sql } = ctx;
  const rng = new Random(`${ctx.seed}:queries`);
  const districts = (await sql<{ code: string }[]>`select code from areas where level = 'district' and code like '90%' order by code`).map((r) => r.code);
  const subdistricts = (await sql<{ code: string }[]>`select code from areas where level = 'subdistrict' and code like '90%' order by code`).map((r) => r.code);
  // Document numbers that exist (Thai IDs, pink cards, passports), sampled across the table.
  const idRows = await sql<{ idNumber: string }[]>`
    select id_number from persons tablesample bernoulli (1) repeatable (${ctx.seed}) where id_number is not null limit 20000`;
  if (districts.length === 0 || subdistricts.length === 0 || idRows.length === 0) throw new Error('no data: run after the generation');
  const districtArgs = Array.from({ length: WARMUP + ITERATIONS }, () => rng.pick(districts) + '%');
  const subdistrictArgs = Array.from({ length: WARMUP + ITERATIONS }, () => rng.pick(subdistricts) + '%');
  const idArgs = Array.from({ length: WARMUP + ITERATIONS }, () => rng.pick(idRows).idNumber);

  // EXPLAIN's column is "QUERY PLAN"; keep the plan nodes, without their cost estimates.
  const plan = async (q: Promise<Array<Record<string, unknown>>>) =>
    (await q)
      .map((r) => String(Object.values(r)[0]))
      .filter((l) => l.includes('(cost='))
      .map((l) => l.replace(/\s*\(cost=.*$/, '').replace(/^\s*->\s*/, '').trim());
  const cases: Case[] = [
    {
      name: "count people in a district (LIKE '90xx%')",
      async once(i) {
        const [r] = await sql<{ n: number }[]>`select count(*)::int as n from persons where area_code like ${districtArgs[i]!}`;
        return r?.n ?? 0;
      },
      explain: () => plan(sql`explain select count(*) from persons where area_code like ${districtArgs[0]!}`),
    },
    {
      // The largest subtree: Hat Yai, about 28 % of the province.
      name: "count people in Hat Yai (LIKE '9011%')",
      async once() {
        const [r] = await sql<{ n: number }[]>`select count(*)::int as n from persons where area_code like ${'9011%'}`;
        return r?.n ?? 0;
      },
      explain: () => plan(sql`explain select count(*) from persons where area_code like ${'9011%'}`),
    },
    {
      name: "first page (50 by id) in a subdistrict (LIKE '90xxxx%')",
      async once(i) {
        const rows = await sql`
          select id, household_id, area_code, relation_to_head, first_name, last_name, sex, birth_date,
                 nationality, id_type, id_number, registry_status
          from persons where area_code like ${subdistrictArgs[i]!} order by id limit 50`;
        return rows.length;
      },
      explain: () =>
        plan(sql`explain select id, first_name from persons where area_code like ${subdistrictArgs[0]!} order by id limit 50`),
    },
    {
      name: 'person by id_number',
      async once(i) {
        const rows = await sql`select * from persons where id_number = ${idArgs[i]!}`;
        return rows.length;
      },
      explain: () => plan(sql`explain select * from persons where id_number = ${idArgs[0]!}`),
    },
  ];

  const rows: string[][] = [];
  for (const c of cases) {
    for (let i = 0; i < WARMUP; i++) await c.once(i);
    const times: number[] = [];
    let seen = 0;
    for (let i = WARMUP; i < WARMUP + ITERATIONS; i++) {
      const t = performance.now();
      seen += await c.once(i);
      times.push(performance.now() - t);
    }
    const [p50, p95] = [quantile(times, 0.5), quantile(times, 0.95)];
    rows.push([c.name, fmtMs(p50), fmtMs(p95), fmtMs(mean(times)), fmtMs(Math.max(...times)), (seen / ITERATIONS).toFixed(1)]);
    ctx.report(`${c.name} p50 / p95 (ms)`, `${fmtMs(p50)} / ${fmtMs(p95)}`);
    console.log(`  ${c.name}: plan ${(await c.explain()).join(' → ')}`);
  }
  console.log();
  console.log(table(['query (200 runs)', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'rows/run'], rows));
}
