/**
 * Targeting at Songkhla scale, through the server's own functions
 * (src/modules/indicators):
 *
 * 1. full recompute of the default indicator set (recomputeAll): seconds,
 *    per indicator, and the flagged counts; then again with nothing
 *    changed (the steady state of a nightly recompute).
 * 2. incremental latency: a 12-year-old recorded as out of school, as a
 *    submission or an import does it (the update and refreshSubjects in
 *    one transaction), until members() of out_of_school_youth in their
 *    subdistrict lists them; 100 times, p50/p95 (and the change undone).
 * 3. area summaries (areaSummary, member and public) of the province, a
 *    district and a subdistrict, and flagged-list pages (members(), first
 *    and next pages): p50/p95 over 300 calls each.
 */
import type { Sql } from '../src/db/index.js';
import { Random } from '../src/lib/synthetic/index.js';
import type { Principal } from '../src/modules/accounts/types.js';
import { refreshSubjects } from '../src/modules/indicators/evaluate.js';
import { recomputeAll } from '../src/modules/indicators/evaluate.js';
import { areaSummary, ensureDefaults, members } from '../src/modules/indicators/service.js';
import type { BenchContext } from './lib/context.js';
import { captureQueries, explainAnalyze, pick } from './lib/explain.js';
import { measure, p50p95, summarise, type Series } from './lib/latency.js';
import { benchAccount, principalOf } from './lib/principal.js';
import { slowestTable, traceSql, type TracedStatement } from './lib/sqlTrace.js';
import { fmtInt, fmtMs, fmtSeconds, table } from './lib/stats.js';

const INCREMENTAL = 100;
const CALLS = 300;
const WARMUP = 20;
const PAGE = 50;

/** Seconds per indicator of one recomputeAll, from its statements (see src/modules/indicators/evaluate.ts). */
function perIndicator(st: readonly TracedStatement[], codes: string[]): { rows: Array<[string, number, number]>; recount: number } {
  const starts = st.map((s, i) => (s.text.startsWith('truncate nf') ? i : -1)).filter((i) => i >= 0);
  const closing = st.findIndex((s) => /^update flags f set until = now\(\) from indicators/.test(s.text));
  const rows: Array<[string, number, number]> = [];
  starts.forEach((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1]! : closing >= 0 ? closing : st.length;
    const seg = st.slice(from, to);
    const evalStmt = seg.find((s) => s.text.startsWith('insert into nf'));
    const evalS = evalStmt ? (evalStmt.end - evalStmt.start) / 1000 : NaN;
    const total = (st[to]?.start ?? seg[seg.length - 1]!.end) - seg[0]!.start;
    rows.push([codes[k] ?? `#${k + 1}`, evalS, total / 1000]);
  });
  const recount = closing >= 0 ? (st[st.length - 1]!.end - st[closing]!.start) / 1000 : NaN;
  return { rows, recount };
}

export async function run(ctx: BenchContext): Promise<void> {
  const { sql } = ctx;
  const added = await ensureDefaults(sql);
  const account = await benchAccount(sql);
  const admin = principalOf(account, 'system_admin', 'TH');
  const [counts] = await sql<{ people: number; households: number }[]>`
    select (select count(*)::int from persons where merged_into is null and erased_at is null) as people,
           (select count(*)::int from households where merged_into is null and erased_at is null) as households`;
  console.log(`  ${added} default indicators added; ${fmtInt(counts!.people)} people, ${fmtInt(counts!.households)} households`);
  await attributeRates(sql);

  await fullRecompute(ctx, counts!);
  await incremental(ctx, admin);
  await pages(ctx, admin, account);
}

/** The rates of the attributes the indicators read, as generated (bench/lib/attributes.ts), ages as the rules take them. */
async function attributeRates(sql: Sql): Promise<void> {
  // (column names without digits: the connection turns snake_case into camelCase)
  const [r] = await sql<Record<string, number>[]>`
    with p as (
      select p.*, coalesce(date_part('year', age((now() at time zone 'Asia/Bangkok')::date, p.birth_date)),
                           date_part('year', (now() at time zone 'Asia/Bangkok')::date) - p.birth_year) as age
      from persons p where p.merged_into is null and p.erased_at is null
    )
    select
      100.0 * count(*) filter (where age between 6 and 14 and in_school = 'no') / nullif(count(*) filter (where age between 6 and 14 and in_school is not null), 0) as out_young,
      100.0 * count(*) filter (where age between 15 and 17 and in_school = 'no') / nullif(count(*) filter (where age between 15 and 17 and in_school is not null), 0) as out_teen,
      100.0 * count(*) filter (where disability = 'yes') / count(*) as disability,
      100.0 * count(*) filter (where bedridden = 'yes') / count(*) as bedridden,
      100.0 * count(*) filter (where bedridden = 'yes' and age >= 70) / nullif(count(*) filter (where bedridden = 'yes'), 0) as bedridden_old,
      100.0 * count(*) filter (where chronic_illness = 'yes' and age >= 60) / nullif(count(*) filter (where age >= 60), 0) as chronic_old,
      100.0 * count(*) filter (where vaccinated = 'no') / count(*) as unvaccinated,
      100.0 * count(*) filter (where age >= 60) / count(*) as aged_old,
      100.0 * count(*) filter (where occupation is not null) / nullif(count(*) filter (where age >= 15), 0) as occupation_adult,
      100.0 * count(*) filter (where name_key is not null) / count(*) as keyed,
      100.0 * count(*) filter (where latin_key is not null) / count(*) as latin
    from p`;
  const f = (k: string) => `${Number(r?.[k] ?? NaN).toFixed(1)} %`;
  console.log(
    `  attributes as generated: out of school ${f('outYoung')} at 6–14, ${f('outTeen')} at 15–17; disability ${f('disability')}; bedridden ${f('bedridden')} (${f('bedriddenOld')} of them 70+); ` +
      `chronic illness ${f('chronicOld')} of the 60+ (${f('agedOld')} of people); not vaccinated ${f('unvaccinated')}; occupation for ${f('occupationAdult')} of the 15+; name keys ${f('keyed')}, Latin key ${f('latin')}`,
  );
}

async function fullRecompute(ctx: BenchContext, counts: { people: number; households: number }): Promise<void> {
  const { sql } = ctx;
  const targets = new Map((await sql<{ code: string; target: string; sensitive: boolean }[]>`select code, target, sensitive from indicators where active`).map((r) => [r.code, r]));
  for (const [label, key] of [
    ['first recompute (every flag new)', 'first'],
    ['recompute again, nothing changed', 'again'],
  ] as const) {
    const trace = traceSql(sql);
    const t = performance.now();
    const r = await recomputeAll(trace.sql);
    const seconds = (performance.now() - t) / 1000;
    const codes = Object.keys(r.flagged);
    const { rows, recount } = perIndicator(trace.statements, codes);
    console.log(`\n  full recompute, ${label}: ${fmtSeconds(seconds)} s for ${codes.length} indicators over ${fmtInt(counts.people)} people (target < 60 s)`);
    console.log(
      table(
        ['indicator', 'target', 'flagged', 'rate', 'rule s', 'total s'],
        rows.map(([code, evalS, total]) => {
          const t = targets.get(code);
          const n = r.flagged[code] ?? 0;
          const denominator = t?.target === 'household' ? counts.households : counts.people;
          return [code + (t?.sensitive ? ' (sensitive)' : ''), t?.target ?? '?', fmtInt(n), `${((100 * n) / Math.max(1, denominator)).toFixed(2)} %`, fmtSeconds(evalS), fmtSeconds(total)];
        }),
      ).replace(/^/gm, '    '),
    );
    console.log(`    closing switched-off flags and recounting every area: ${fmtSeconds(recount)} s`);
    if (key === 'first') console.log(slowestTable(trace.statements, 8).replace(/^/gm, '    '));
    ctx.report(`full recompute, ${label} (s)`, fmtSeconds(seconds));
    if (key === 'first') for (const code of codes) ctx.report(`  flagged ${code}`, fmtInt(r.flagged[code] ?? 0));
  }
}

async function incremental(ctx: BenchContext, admin: Principal): Promise<void> {
  const { sql } = ctx;
  const kids = await sql<{ id: string; areaCode: string }[]>`
    select p.id, p.area_code from persons p
    where p.merged_into is null and p.erased_at is null and p.in_school = 'yes' and p.birth_date is not null
      and date_part('year', age((now() at time zone 'Asia/Bangkok')::date, p.birth_date)) = 12
    order by md5(p.id::text || ${String(ctx.seed)}) limit ${INCREMENTAL}`;
  if (kids.length === 0) {
    console.log('\n  incremental: no 12-year-old in school in the data set; skipped');
    return;
  }
  const trace = traceSql(sql);
  const write: number[] = [];
  const read: number[] = [];
  const total: number[] = [];
  const undo: number[] = [];
  let pagesRead = 0;
  let missing = 0;
  const setInSchool = (id: string, value: 'yes' | 'no') =>
    trace.sql.begin(async (tx) => {
      await tx`update persons set in_school = ${value} where id = ${id}`;
      await refreshSubjects(tx, { persons: [id] });
    });
  for (const kid of kids) {
    const t0 = performance.now();
    await setInSchool(kid.id, 'no');
    const t1 = performance.now();
    let cursor: string | undefined;
    let found: boolean;
    for (;;) {
      const page = await members(sql, admin, 'out_of_school_youth', { area: kid.areaCode, limit: PAGE, cursor });
      pagesRead++;
      found = page.items.some((it) => it.id === kid.id);
      if (found || !page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const t2 = performance.now();
    if (!found) missing++;
    write.push(t1 - t0);
    read.push(t2 - t1);
    total.push(t2 - t0);
    const t3 = performance.now();
    await setInSchool(kid.id, 'yes');
    undo.push(performance.now() - t3);
  }
  const rows: Array<[string, Series]> = [
    ['update + refreshSubjects + COMMIT', summarise(write)],
    ["members() pages until they're listed", summarise(read)],
    ['total: change → listed (target < 1 s)', summarise(total)],
    ['undo (back in school, flag closed)', summarise(undo)],
  ];
  console.log(`\n  incremental: ${kids.length} twelve-year-olds set out of school, one at a time; listed by members() of out_of_school_youth in their subdistrict ${kids.length - missing} / ${kids.length} times (${(pagesRead / kids.length).toFixed(2)} pages read on average)`);
  console.log(table(['step', 'p50 ms', 'p95 ms', 'mean ms', 'max ms'], rows.map(([l, s]) => [l, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.mean), fmtMs(s.max)])).replace(/^/gm, '    '));
  console.log(`    statements of the ${kids.length * 2} write transactions, by total time:`);
  console.log(slowestTable(trace.statements, 8).replace(/^/gm, '    '));
  ctx.report('incremental change → listed p50 / p95 (ms)', p50p95(summarise(total)));
  ctx.report('  of which write transaction p50 / p95 (ms)', p50p95(summarise(write)));
  if (missing) ctx.report('incremental: NOT listed after the change', String(missing));
}

async function pages(ctx: BenchContext, admin: Principal, account: { userId: string; organizationId: string }): Promise<void> {
  const { sql } = ctx;
  const rng = new Random(`${ctx.seed}:targeting-pages`);
  const districts = (await sql<{ code: string }[]>`select code from areas where level = 'district' and code like '90%' and active order by code`).map((r) => r.code);
  const subdistricts = (await sql<{ code: string }[]>`select code from areas where level = 'subdistrict' and code like '90%' and active order by code`).map((r) => r.code);
  const indicators = await sql<{ code: string; sensitive: boolean }[]>`select code, sensitive from indicators where active order by code`;
  const n = WARMUP + CALLS;
  const pickAreas = (level: 'province' | 'district' | 'subdistrict') => Array.from({ length: n }, () => (level === 'province' ? '90' : rng.pick(level === 'district' ? districts : subdistricts)));
  const coordinator = principalOf(account, 'coordinator', '9011');

  const rows: string[][] = [];
  let worst: { label: string; s: Series; call: (s: Sql) => Promise<unknown> } | undefined;
  const record = (label: string, s: Series, call: (s: Sql) => Promise<unknown>) => {
    rows.push([label, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.mean), fmtMs(s.max)]);
    ctx.report(`${label} p50 / p95 (ms)`, p50p95(s));
    if (!worst || s.p95 > worst.s.p95) worst = { label, s, call };
  };

  for (const level of ['province', 'district', 'subdistrict'] as const) {
    const areas = pickAreas(level);
    const member = await measure(CALLS, WARMUP, async (i) => void (await areaSummary(sql, admin, areas[i]!, { public: false })));
    record(`areaSummary ${level}, member`, member, (s) => areaSummary(s, admin, areas[WARMUP + member.slowest]!, { public: false }));
    const pub = await measure(CALLS, WARMUP, async (i) => void (await areaSummary(sql, null, areas[i]!, { public: true })));
    record(`areaSummary ${level}, public`, pub, (s) => areaSummary(s, null, areas[WARMUP + pub.slowest]!, { public: true }));
  }
  const scoped = await measure(CALLS, WARMUP, async () => void (await areaSummary(sql, coordinator, '90', { public: false })));
  record('areaSummary province, Hat Yai coordinator', scoped, (s) => areaSummary(s, coordinator, '90', { public: false }));

  // Flagged lists: a random indicator in a random area of a random level, first page, then the next one.
  const listCases = Array.from({ length: n }, () => {
    const level = rng.pick(['province', 'district', 'subdistrict'] as const);
    return { code: rng.pick(indicators).code, area: level === 'province' ? '90' : rng.pick(level === 'district' ? districts : subdistricts) };
  });
  const cursors: Array<string | null> = [];
  const first = await measure(CALLS, WARMUP, async (i) => {
    const c = listCases[i]!;
    const page = await members(sql, admin, c.code, { area: c.area, limit: PAGE });
    if (i >= WARMUP) cursors.push(page.nextCursor);
  });
  record('members() first page', first, (s) => members(s, admin, listCases[WARMUP + first.slowest]!.code, { area: listCases[WARMUP + first.slowest]!.area, limit: PAGE }));
  const nextCases = cursors.map((cur, i) => ({ ...listCases[WARMUP + i]!, cursor: cur })).filter((c): c is { code: string; area: string; cursor: string } => c.cursor !== null);
  if (nextCases.length) {
    const times: number[] = [];
    for (const c of nextCases) {
      const t = performance.now();
      await members(sql, admin, c.code, { area: c.area, limit: PAGE, cursor: c.cursor });
      times.push(performance.now() - t);
    }
    const next = summarise(times);
    const slow = nextCases[next.slowest]!;
    record(`members() next page (${nextCases.length} of the ${CALLS} had one)`, next, (s) => members(s, admin, slow.code, { area: slow.area, limit: PAGE, cursor: slow.cursor }));
  }
  const sensitiveCodes = new Set(indicators.filter((i) => i.sensitive).map((i) => i.code));
  const firstSensitive = first.times.filter((_, i) => sensitiveCodes.has(listCases[WARMUP + i]!.code));
  const firstPlain = first.times.filter((_, i) => !sensitiveCodes.has(listCases[WARMUP + i]!.code));

  console.log(`\n  area summaries and flagged lists: ${CALLS} calls each (after ${WARMUP} to warm up), target p95 < 100 ms`);
  console.log(table(['call', 'p50 ms', 'p95 ms', 'mean ms', 'max ms'], rows).replace(/^/gm, '    '));
  if (firstSensitive.length && firstPlain.length) {
    console.log(`    members() first page: sensitive indicators (the view is audited) p50/p95 ${p50p95(summarise(firstSensitive))} ms over ${firstSensitive.length}, others ${p50p95(summarise(firstPlain))} ms over ${firstPlain.length}`);
  }
  if (worst) {
    const w = worst;
    console.log(`\n    slowest series: ${w.label} (p95 ${fmtMs(w.s.p95)} ms); statements of its slowest call, EXPLAIN ANALYZE of the longest:`);
    const captured = await captureQueries(ctx.url, w.call);
    const timed: Array<{ q: (typeof captured)[number]; ms: number }> = [];
    for (const q of captured) {
      // the statements of the call itself, not the driver's type look-ups
      if (!/^\s*select/i.test(q.text) || /pg_catalog\./.test(q.text)) continue;
      const t = performance.now();
      await sql.unsafe(q.text, q.params as never[]);
      timed.push({ q, ms: performance.now() - t });
    }
    timed.sort((a, b) => b.ms - a.ms);
    for (const x of timed.slice(0, 4)) console.log(`      ${fmtMs(x.ms)} ms  ${x.q.text.replace(/\s+/g, ' ').trim().slice(0, 150)}`);
    const longest = timed[0]?.q ?? pick(captured, /from/);
    if (longest) for (const line of await explainAnalyze(sql, longest)) console.log(`      ${line}`);
  }
}
