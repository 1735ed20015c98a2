/**
 * The registry at Songkhla scale, through the server's own functions:
 *
 * 1. search: listPeople (GET /api/v1/people?q=) p50/p95 over 500 queries
 *    each of a full Thai name, a first name, a misspelt name (a tone mark
 *    dropped or ไ/ใ swapped), a national ID, and a house number within a
 *    subdistrict; as a system admin and as a coordinator scoped to the
 *    person's district. EXPLAIN ANALYZE of the slowest kind.
 * 2. linkage: a few thousand realistic duplicates planted (the same person
 *    entered again without an ID, with a tone mark dropped, ไ/ใ swapped, a
 *    typo, or no birth date), then generateCandidates over everyone:
 *    seconds, candidates, recall of the planted pairs and the scores.
 *    The planted records and the candidates are removed afterwards.
 * 3. import: the whole population written to a CSV with Thai headers, as
 *    an official list would be, and imported with importPeople (the path
 *    of POST /api/v1/imports/people) into a fresh, empty registry (a second
 *    database on the same server), split into phases; the same file by a
 *    bare COPY into a table of text columns for comparison; then the same
 *    file imported again (a no-op).
 *
 *   BENCH_REGISTRY=search,linkage,import   the parts to run (default all)
 *   BENCH_EXPLAIN_MS=5000                  log the plans of import statements slower than this
 *   BENCH_IMPORT_SETUP_SQL='create index …' SQL run on the fresh import database after its
 *                                          migrations: to try a fix of the schema without touching src/
 */
import { createWriteStream, promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { v7 as uuidv7 } from 'uuid';
import { connect, ensureDatabase, withDatabase, type Sql } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { Random } from '../src/lib/synthetic/index.js';
import { loadReferenceAreas } from '../src/modules/areas/reference.js';
import type { Principal } from '../src/modules/accounts/types.js';
import { ensureDefaults } from '../src/modules/indicators/service.js';
import { importPeople, type ImportResult } from '../src/modules/registry/importPeople.js';
import { nameKeys } from '../src/modules/registry/keys.js';
import { generateCandidates } from '../src/modules/registry/linkage.js';
import { listPeople } from '../src/modules/registry/service.js';
import type { BenchContext } from './lib/context.js';
import { enableAutoExplain, logPosition, plansSince } from './lib/autoExplain.js';
import { summarizeProfile } from './lib/cpuprofile.js';
import { BENCH_DATA_DIR, REPO_ROOT } from './lib/db.js';
import { captureQueries, explainAnalyze, pick } from './lib/explain.js';
import { measure, p50p95, type Series } from './lib/latency.js';
import { benchAccount, principalOf } from './lib/principal.js';
import { slowestTable, traceSql, type TracedStatement } from './lib/sqlTrace.js';
import { fmtBytes, fmtInt, fmtMs, fmtSeconds, table } from './lib/stats.js';

const SEARCHES = 500;
const WARMUP = 20;
const PAGE = 50;
const IMPORT_DATABASE = 'ruamjai_bench_import';
const IMPORT_SOURCE = 'bench-civil-registry-extract';
/** Statements of the import slower than this have their plan logged (auto_explain) and printed. */
const EXPLAIN_MS = Number(process.env.BENCH_EXPLAIN_MS ?? 5000);

const parts = new Set(
  (process.env.BENCH_REGISTRY ?? 'search,linkage,import')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export async function run(ctx: BenchContext): Promise<void> {
  const g = ctx.generation;
  if (g.nameKeySeconds !== undefined) {
    console.log(
      `  data set: ${fmtInt(g.people)} people; name keys ${g.nameKeys === false ? 'NOT computed (BENCH_NAME_KEYS=0)' : `computed during generation in ${fmtSeconds(g.nameKeySeconds)} s of JS`} ` +
        `(persons COPY ${fmtSeconds(g.personSeconds)} s, ${fmtInt(g.peoplePerSecond)} rows/s)`,
    );
    ctx.report('name keys in generation (s of JS)', g.nameKeys === false ? 'off' : fmtSeconds(g.nameKeySeconds));
  }
  const account = await benchAccount(ctx.sql);
  const admin = principalOf(account, 'system_admin', 'TH');
  if (parts.has('search')) await searchBench(ctx, admin, account);
  if (parts.has('linkage')) await linkageBench(ctx);
  if (parts.has('import')) await importBench(ctx);
}

// ------------------------------------------------------------------ search

interface SampleRow {
  id: string;
  firstName: string;
  lastName: string | null;
  areaCode: string;
  idType: string;
  idNumber: string | null;
  houseNo: string | null;
}

const TONE_MARK = /[\u0E48-\u0E4B]/;

/** A tone mark dropped, else ไ and ใ swapped; null when the name has neither. */
function misspell(name: string): string | null {
  const i = name.search(TONE_MARK);
  if (i >= 0) return name.slice(0, i) + name.slice(i + 1);
  if (name.includes('ไ')) return name.replace('ไ', 'ใ');
  if (name.includes('ใ')) return name.replace('ใ', 'ไ');
  return null;
}

interface SearchCase {
  q: string;
  area?: string;
  target: string;
  district: string;
}

async function searchBench(ctx: BenchContext, admin: Principal, account: { userId: string; organizationId: string }): Promise<void> {
  const { sql } = ctx;
  const rng = new Random(`${ctx.seed}:registry-search`);
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from persons where merged_into is null`;
  const pct = Math.min(100, (12_000 / Math.max(1, n)) * 100);
  const sample = await sql<SampleRow[]>`
    select p.id, p.first_name, p.last_name, p.area_code, p.id_type, p.id_number, h.house_no
    from persons p tablesample bernoulli (${pct}) repeatable (${ctx.seed})
    left join households h on h.id = p.household_id
    where p.merged_into is null and p.name_key is not null`;
  if (sample.length < 100) throw new Error(`too few people with name keys to search (${sample.length}): was the data set generated with BENCH_NAME_KEYS=0?`);
  const full = (r: SampleRow) => [r.firstName, r.lastName].filter(Boolean).join(' ');
  const casesOf = (make: (r: SampleRow) => SearchCase | null): SearchCase[] => {
    const out: SearchCase[] = [];
    const pool = sample.map(make).filter((c): c is SearchCase => c !== null);
    if (pool.length === 0) return out;
    for (let i = 0; i < WARMUP + SEARCHES; i++) out.push(rng.pick(pool));
    return out;
  };
  const district = (r: SampleRow) => r.areaCode.slice(0, 4);
  const kinds: Array<[string, SearchCase[]]> = [
    ['full Thai name', casesOf((r) => ({ q: full(r), target: r.id, district: district(r) }))],
    ['first name only', casesOf((r) => ({ q: r.firstName, target: r.id, district: district(r) }))],
    [
      'misspelt name (tone mark dropped / ไ↔ใ)',
      casesOf((r) => {
        const m = misspell(full(r));
        return m ? { q: m, target: r.id, district: district(r) } : null;
      }),
    ],
    ['national ID', casesOf((r) => (r.idType === 'thai_id' && r.idNumber ? { q: r.idNumber, target: r.id, district: district(r) } : null))],
    [
      'house number in a subdistrict',
      casesOf((r) => (r.houseNo ? { q: r.houseNo, area: r.areaCode.slice(0, 6), target: r.id, district: district(r) } : null)),
    ],
  ];

  const scoped = new Map<string, Principal>();
  const districtPrincipal = (d: string) => {
    let p = scoped.get(d);
    if (!p) scoped.set(d, (p = principalOf(account, 'coordinator', d)));
    return p;
  };
  const callers: Array<[string, (c: SearchCase) => Principal]> = [
    ['system admin', () => admin],
    ['district coordinator', (c) => districtPrincipal(c.district)],
  ];

  const rows: string[][] = [];
  let worst: { kind: string; caller: string; series: Series; c: SearchCase; principal: Principal } | undefined;
  for (const [kind, cases] of kinds) {
    if (cases.length === 0) {
      console.log(`  ${kind}: no sample person fits; skipped`);
      continue;
    }
    for (const [caller, principalFor] of callers) {
      let found = 0;
      let rowsSeen = 0;
      const series = await measure(SEARCHES, WARMUP, async (i) => {
        const c = cases[i]!;
        const res = await listPeople(sql, principalFor(c), { q: c.q, area: c.area, limit: PAGE });
        if (i >= WARMUP) {
          rowsSeen += res.items.length;
          if (res.items.some((it) => (it as { id: string }).id === c.target)) found++;
        }
      });
      rows.push([kind, caller, fmtMs(series.p50), fmtMs(series.p95), fmtMs(series.mean), fmtMs(series.max), (rowsSeen / SEARCHES).toFixed(1), `${((100 * found) / SEARCHES).toFixed(1)} %`]);
      ctx.report(`search ${kind}, ${caller} p50 / p95 (ms)`, p50p95(series));
      const c = cases[WARMUP + series.slowest]!;
      if (!worst || series.p95 > worst.series.p95) worst = { kind, caller, series, c, principal: principalFor(c) };
    }
  }
  console.log(`\n  search: listPeople, ${SEARCHES} queries per row (page of ${PAGE}), target p95 < 100 ms`);
  console.log(table(['query', 'caller', 'p50 ms', 'p95 ms', 'mean ms', 'max ms', 'rows', 'person on page 1'], rows));

  if (worst) {
    const w = worst;
    console.log(`\n  slowest kind: ${w.kind} as ${w.caller} (p95 ${fmtMs(w.series.p95)} ms); its slowest call q=${JSON.stringify(w.c.q)}${w.c.area ? ` area=${w.c.area}` : ''} took ${fmtMs(w.series.max)} ms`);
    const captured = await captureQueries(ctx.url, (s) => listPeople(s, w.principal, { q: w.c.q, area: w.c.area, limit: PAGE }));
    const q = pick(captured, /from persons p/);
    if (q) {
      console.log('  EXPLAIN (ANALYZE, BUFFERS) of that call:');
      for (const line of await explainAnalyze(sql, q)) console.log(`    ${line}`);
    }
    ctx.report('search slowest kind (p95 ms)', `${w.kind}, ${w.caller}: ${fmtMs(w.series.p95)}`);
  }
}

// ------------------------------------------------------------------ linkage

/** Letters often typed for one another (look-alike or neighbouring keys) that the match key does not fold together. */
const TYPO: Record<string, string> = { ด: 'ค', ค: 'ด', ถ: 'ภ', ภ: 'ถ', บ: 'ป', ป: 'บ', พ: 'ฟ', ฟ: 'พ', ผ: 'ฝ', ฝ: 'ผ', ช: 'ซ', ซ: 'ช', น: 'ม', ม: 'น', ท: 'ธ', ธ: 'ท', ง: 'ว', ว: 'ง' };
const CONSONANT = /[\u0E01-\u0E2E]/;

function typo(rng: Random, s: string): string {
  const chars = [...s];
  const positions = chars.map((c, i) => (CONSONANT.test(c) ? i : -1)).filter((i) => i > 0);
  if (positions.length === 0) return s + s.slice(-1);
  const i = rng.pick(positions);
  const r = rng.next();
  if (r < 0.6) {
    const subs = positions.filter((j) => TYPO[chars[j]!]);
    if (subs.length) {
      const j = rng.pick(subs);
      chars[j] = TYPO[chars[j]!]!;
      return chars.join('');
    }
  }
  if (r < 0.8 && chars.length > 3) chars.splice(i, 1);
  else chars.splice(i, 0, chars[i]!);
  return chars.join('');
}

type Variant = 'tone mark dropped' | 'ไ/ใ swapped' | 'typo' | 'no birth date';
const VARIANTS: Variant[] = ['tone mark dropped', 'ไ/ใ swapped', 'typo', 'no birth date'];

interface Original {
  id: string;
  householdId: string | null;
  areaCode: string;
  relationToHead: string | null;
  firstName: string;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  nationality: string | null;
  houseNo: string | null;
  address: string | null;
  tenure: string | null;
  monthlyIncome: string | null;
}

/** The same person as entered a second time, or null when the variant does not apply to the name. */
function variantOf(rng: Random, o: Original, v: Variant): { firstName: string; lastName: string | null; birthDate: string | null } | null {
  const swapMai = (s: string) => (s.includes('ไ') ? s.replace('ไ', 'ใ') : s.includes('ใ') ? s.replace('ใ', 'ไ') : null);
  const dropTone = (s: string) => {
    const i = s.search(TONE_MARK);
    return i < 0 ? null : s.slice(0, i) + s.slice(i + 1);
  };
  const change = (f: (s: string) => string | null) => {
    const order = rng.chance(0.5) ? ['first', 'last'] : ['last', 'first'];
    for (const part of order) {
      const s = part === 'first' ? o.firstName : o.lastName;
      if (!s) continue;
      const t = f(s);
      if (t !== null && t !== s) return part === 'first' ? { firstName: t, lastName: o.lastName, birthDate: o.birthDate } : { firstName: o.firstName, lastName: t, birthDate: o.birthDate };
    }
    return null;
  };
  switch (v) {
    case 'tone mark dropped':
      return change(dropTone);
    case 'ไ/ใ swapped':
      return change(swapMai);
    case 'typo':
      return change((s) => typo(rng, s));
    case 'no birth date':
      return o.birthDate ? { firstName: o.firstName, lastName: o.lastName, birthDate: null } : null;
  }
}

async function linkageBench(ctx: BenchContext): Promise<void> {
  const { sql } = ctx;
  const rng = new Random(`${ctx.seed}:registry-linkage`);
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from persons where merged_into is null`;
  const target = Math.max(100, Math.min(3000, Math.round(n / 500)));
  // Originals: registered Thais (the second entry, from a survey, has no ID: the case linkage is for).
  const pct = Math.min(100, ((target * 20) / Math.max(1, n)) * 100);
  const originals = await sql<Original[]>`
    select p.id, p.household_id, p.area_code, p.relation_to_head, p.first_name, p.last_name, p.sex, p.birth_date::text as birth_date,
           p.birth_year, p.nationality, h.house_no, h.address, h.tenure, h.monthly_income::text as monthly_income
    from persons p tablesample bernoulli (${pct}) repeatable (${ctx.seed + 1})
    left join households h on h.id = p.household_id
    where p.merged_into is null and p.id_type = 'thai_id' and p.name_key is not null`;

  const persons: Record<string, unknown>[] = [];
  const households: Record<string, unknown>[] = [];
  const planted: Array<{ orig: string; dup: string; kind: Variant; sameHousehold: boolean }> = [];
  const used = new Set<string>();
  const shuffled = [...originals].sort(() => rng.next() - 0.5);
  for (const o of shuffled) {
    if (planted.length >= target) break;
    if (used.has(o.id)) continue;
    const kind = VARIANTS[planted.length % VARIANTS.length]!;
    const v = variantOf(rng, o, kind);
    if (!v) continue;
    used.add(o.id);
    const sameHousehold = o.householdId !== null && rng.chance(0.5);
    let householdId = o.householdId;
    if (!sameHousehold) {
      // Entered again from another list or survey: a household of its own at the same address.
      householdId = uuidv7();
      households.push({ id: householdId, area_code: o.areaCode, house_no: o.houseNo, address: o.address, tenure: o.tenure, monthly_income: o.monthlyIncome });
    }
    const dup = uuidv7();
    const k = nameKeys(v.firstName, v.lastName);
    persons.push({
      id: dup,
      household_id: householdId,
      area_code: o.areaCode,
      relation_to_head: o.relationToHead,
      first_name: v.firstName,
      last_name: v.lastName,
      sex: o.sex,
      birth_date: v.birthDate,
      birth_year: o.birthYear,
      nationality: o.nationality,
      id_type: 'none',
      id_number: null,
      ...k,
    });
    planted.push({ orig: o.id, dup, kind, sameHousehold });
  }
  await sql`drop table if exists bench_planted`;
  await sql`create table bench_planted (orig uuid, dup uuid, kind text, same_household boolean, new_household uuid)`;
  try {
    const hhCols = ['id', 'area_code', 'house_no', 'address', 'tenure', 'monthly_income'];
    const pCols = ['id', 'household_id', 'area_code', 'relation_to_head', 'first_name', 'last_name', 'sex', 'birth_date', 'birth_year', 'nationality', 'id_type', 'id_number', 'name_norm', 'name_key', 'phonetic_key', 'latin_key'];
    const insert = async (tableName: string, rows: Record<string, unknown>[], cols: string[]) => {
      for (let i = 0; i < rows.length; i += 1000) await sql`insert into ${sql(tableName)} ${sql(rows.slice(i, i + 1000) as never, cols as never)}`;
    };
    await insert('households', households, hhCols);
    await insert('persons', persons, pCols);
    await insert(
      'bench_planted',
      planted.map((p, i) => ({ orig: p.orig, dup: p.dup, kind: p.kind, same_household: p.sameHousehold, new_household: p.sameHousehold ? null : persons[i]!.household_id })),
      ['orig', 'dup', 'kind', 'same_household', 'new_household'],
    );
    await sql`analyze persons`;
    const byKind = VARIANTS.map((k) => `${k} ${planted.filter((p) => p.kind === k).length}`).join(', ');
    console.log(`\n  linkage: planted ${fmtInt(planted.length)} duplicates among ${fmtInt(n)} people (${byKind}; ${planted.filter((p) => p.sameHousehold).length} in the same household, the rest in a household of their own at the same address; none with an ID)`);

    await sql`delete from link_candidates`;
    const trace = traceSql(sql);
    const r = await generateCandidates(trace.sql, {});
    console.log(`  generateCandidates over ${fmtInt(n + planted.length)} people: ${fmtSeconds(r.seconds)} s, ${fmtInt(r.candidates)} candidates, ${r.autoMerged} merged automatically (target < 300 s)`);
    console.log(slowestTable(trace.statements, 8).replace(/^/gm, '    '));
    ctx.report('linkage: generateCandidates (s)', fmtSeconds(r.seconds));
    ctx.report('linkage: candidates', fmtInt(r.candidates));

    const blocks = await sql<{ block: string; pairs: number }[]>`
      select blk.name as block, count(*)::int as pairs
      from link_candidates c, jsonb_array_elements_text(c.reasons -> 'blocks') as blk(name)
      group by blk.name order by blk.name`;
    console.log(`  candidates by block: ${blocks.map((b) => `${b.block} ${fmtInt(b.pairs)}`).join(', ')}`);

    const recall = await sql<{ kind: string; sameHousehold: boolean | null; planted: number; found: number }[]>`
      select coalesce(t.kind, 'all') as kind, t.same_household, count(*)::int as planted, count(c.a)::int as found
      from bench_planted t
      left join link_candidates c on c.a = least(t.orig, t.dup) and c.b = greatest(t.orig, t.dup)
      group by grouping sets ((t.kind), (t.same_household), ())
      order by 1, 2`;
    const rrows = recall.map((x) => [
      x.kind === 'all' && x.sameHousehold !== null ? (x.sameHousehold ? 'same household' : 'own household, same address') : x.kind,
      fmtInt(x.planted),
      fmtInt(x.found),
      `${((100 * x.found) / Math.max(1, x.planted)).toFixed(1)} %`,
    ]);
    console.log(table(['planted duplicates', 'planted', 'found', 'recall'], rrows).replace(/^/gm, '    '));
    const all = recall.find((x) => x.kind === 'all' && x.sameHousehold === null);
    if (all) ctx.report('linkage: recall of planted duplicates', `${fmtInt(all.found)} / ${fmtInt(all.planted)} (${((100 * all.found) / Math.max(1, all.planted)).toFixed(1)} %)`);

    const hist = await sql<{ bucket: string; planted: number; others: number }[]>`
      with c as (
        select c.score, exists (select 1 from bench_planted t where least(t.orig, t.dup) = c.a and greatest(t.orig, t.dup) = c.b) as planted
        from link_candidates c where c.status = 'open'
      )
      select case when score >= 1 then '1.0' when score >= 0.9 then '0.9–1.0' when score >= 0.8 then '0.8–0.9' when score >= 0.7 then '0.7–0.8'
                  when score >= 0.6 then '0.6–0.7' else '0.55–0.6' end as bucket,
             count(*) filter (where planted)::int as planted, count(*) filter (where not planted)::int as others
      from c group by 1 order by 1 desc`;
    console.log(table(['score', 'planted pairs', 'other pairs'], hist.map((h) => [h.bucket, fmtInt(h.planted), fmtInt(h.others)])).replace(/^/gm, '    '));
    const others = await sql<{ score: number; a: string; b: string; reasons: unknown }[]>`
      select c.score, x.first_name || ' ' || coalesce(x.last_name, '') || ' (' || coalesce(x.birth_date::text, x.birth_year::text, '?') || ', ' || coalesce(x.relation_to_head, '?') || ')' as a,
             y.first_name || ' ' || coalesce(y.last_name, '') || ' (' || coalesce(y.birth_date::text, y.birth_year::text, '?') || ', ' || coalesce(y.relation_to_head, '?') || ')' as b,
             c.reasons
      from link_candidates c join persons x on x.id = c.a join persons y on y.id = c.b
      where not exists (select 1 from bench_planted t where least(t.orig, t.dup) = c.a and greatest(t.orig, t.dup) = c.b)
      order by md5(c.a::text || c.b::text) limit 6`;
    if (others.length) {
      console.log('  a few of the other (not planted) candidates:');
      for (const o of others) console.log(`    ${Number(o.score).toFixed(2)}  ${o.a}  ~  ${o.b}  ${JSON.stringify(o.reasons)}`);
    }
    const missed = await sql<{ kind: string; a: string; b: string; sim: number }[]>`
      select t.kind, o.first_name || ' ' || coalesce(o.last_name, '') as a, d.first_name || ' ' || coalesce(d.last_name, '') as b,
             round(similarity(o.name_key, d.name_key)::numeric, 2)::float8 as sim
      from bench_planted t join persons o on o.id = t.orig join persons d on d.id = t.dup
      where not exists (select 1 from link_candidates c where c.a = least(t.orig, t.dup) and c.b = greatest(t.orig, t.dup))
      order by t.kind, t.dup limit 8`;
    if (missed.length) console.log(`  some missed pairs: ${missed.map((m) => `[${m.kind}] ${m.a} / ${m.b} (name similarity ${m.sim})`).join('; ')}`);
  } finally {
    // Leave the data set as generated for the benchmarks after this one. Nothing refers to
    // the planted records once the candidates are gone, and the foreign-key checks of the
    // deletes would scan persons once per deleted row (persons.merged_into and
    // households.merged_into have no index): they are switched off for this transaction.
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`delete from link_candidates`;
      await tx`delete from persons where id in (select dup from bench_planted)`;
      await tx`delete from households where id in (select new_household from bench_planted where new_household is not null)`;
      await tx`drop table if exists bench_planted`;
    });
    await sql`analyze persons`;
  }
}

// ------------------------------------------------------------------ import

/** The Thai header of each CSV column and the property it maps to. */
const CSV_COLUMNS: Array<[string, string, string]> = [
  // [header, property, SQL expression over p (persons) and hh (households with a running number n)]
  ['รหัสบ้าน', 'householdRef', `substr(hh.area_code, 1, 4) || lpad(hh.n::text, 7, '0')`],
  ['รหัสพื้นที่', 'areaCode', 'hh.area_code'],
  ['บ้านเลขที่', 'houseNo', 'hh.house_no'],
  ['ที่อยู่', 'address', 'hh.address'],
  ['ละติจูด', 'lat', 'hh.lat'],
  ['ลองจิจูด', 'lon', 'hh.lon'],
  ['การถือครองที่อยู่อาศัย', 'tenure', `case hh.tenure when 'owner' then 'เจ้าของ' when 'renter' then 'เช่า' when 'public_land' then 'ที่สาธารณะ' else hh.tenure end`],
  ['รายได้ครัวเรือนต่อเดือน', 'monthlyIncome', 'hh.monthly_income'],
  [
    'ชื่อ',
    'firstName',
    // Official extracts write the title into the name: the import strips it.
    `case when p.birth_year > 2010 then case p.sex when 'male' then 'ด.ช. ' else 'ด.ญ. ' end when p.sex = 'male' then 'นาย ' else 'นาง ' end || p.first_name`,
  ],
  ['นามสกุล', 'lastName', 'p.last_name'],
  ['ชื่อ (อังกฤษ)', 'firstNameLatin', 'p.first_name_latin'],
  ['นามสกุล (อังกฤษ)', 'lastNameLatin', 'p.last_name_latin'],
  ['เพศ', 'sex', `case p.sex when 'male' then 'ชาย' when 'female' then 'หญิง' else p.sex end`],
  // Thai style: d/m/yyyy in the Buddhist Era
  ['วันเกิด', 'birthDate', `extract(day from p.birth_date)::int || '/' || extract(month from p.birth_date)::int || '/' || (extract(year from p.birth_date)::int + 543)`],
  ['ปีเกิด', 'birthYear', 'p.birth_year + 543'],
  ['สัญชาติ', 'nationality', 'p.nationality'],
  ['ประเภทเอกสาร', 'idType', `case p.id_type when 'thai_id' then 'บัตรประชาชน' when 'pink_card' then 'บัตรชมพู' when 'passport' then 'หนังสือเดินทาง' else 'ไม่มี' end`],
  ['เลขประจำตัว', 'idNumber', 'p.id_number'],
  ['สถานะทะเบียนราษฎร', 'registryStatus', 'p.registry_status'],
  ['ความสัมพันธ์กับหัวหน้าครัวเรือน', 'relationToHead', 'p.relation_to_head'],
  ['กำลังเรียน', 'inSchool', `case p.in_school when 'yes' then 'ใช่' when 'no' then 'ไม่ใช่' end`],
  ['ความพิการ', 'disability', `case p.disability when 'yes' then 'มี' when 'no' then 'ไม่มี' end`],
  ['ติดเตียง', 'bedridden', `case p.bedridden when 'yes' then 'มี' when 'no' then 'ไม่มี' end`],
  ['โรคเรื้อรัง', 'chronicIllness', `case p.chronic_illness when 'yes' then 'มี' when 'no' then 'ไม่มี' end`],
  ['ได้รับวัคซีน', 'vaccinated', `case p.vaccinated when 'yes' then 'ใช่' when 'no' then 'ไม่ใช่' end`],
  ['อาชีพ', 'occupation', 'p.occupation'],
  ['โทรศัพท์', 'phone', 'p.phone'],
];

/**
 * Writes the population as an official list would give it. The COPY TO runs
 * on a connection of its own: postgres.js (3.4) never answers the next
 * query on a connection whose COPY TO stream was read to the end, so the
 * connection is closed afterwards (end() waits for its timeout).
 */
async function writeCsv(url: string, file: string): Promise<number> {
  const sql = connect(url, { max: 1, applicationName: 'ruamjai-bench-csv' });
  const select = CSV_COLUMNS.map(([, , expr], i) => `${expr} as c${i + 1}`).join(',\n      ');
  // The header line is written here: PostgreSQL cuts identifiers at 63 bytes (21 Thai letters).
  const out = createWriteStream(file);
  out.write(CSV_COLUMNS.map(([header]) => header).join(',') + '\n');
  const stream = await sql
    .unsafe(
      `copy (
         with hh as (select h.*, row_number() over (order by h.id) as n from households h)
         select ${select}
         from persons p join hh on hh.id = p.household_id
         where p.merged_into is null
         order by p.id
       ) to stdout with (format csv)`,
    )
    .readable();
  try {
    await pipeline(stream, out);
  } finally {
    await sql.end({ timeout: 1 });
  }
  return (await fs.stat(file)).size;
}

interface Phase {
  name: string;
  seconds: number;
}

/** Phases of one importPeople call, from its statements (see src/modules/registry/importPeople.ts). */
function importPhases(st: readonly TracedStatement[], t0: number, t1: number): Phase[] {
  const at = (re: RegExp) => st.find((s) => re.test(s.text));
  const first = st[0];
  const create = at(/^create temp table stage/);
  const copy = at(/^copy stage/);
  const analyze = at(/^analyze stage/);
  const provenance = at(/^insert into record_sources/);
  const flagsStart = provenance ? st[st.indexOf(provenance) + 1] : undefined;
  const bookkeeping = at(/^insert into imports/);
  if (!first || !create || !copy || !analyze || !provenance || !flagsStart || !bookkeeping) return [{ name: 'total', seconds: (t1 - t0) / 1000 }];
  const s = (a: number, b: number) => (b - a) / 1000;
  return [
    { name: 'read, check and key every line (JS), BEGIN', seconds: s(t0, first.start) },
    { name: 'COPY into the staging table', seconds: s(create.start, copy.end) },
    { name: 'merge: match, households, persons', seconds: s(analyze.start, provenance.start) },
    { name: 'provenance (record_sources)', seconds: s(provenance.start, provenance.end) },
    { name: 'indicator flags and area counts (refreshSubjects)', seconds: s(flagsStart.start, bookkeeping.start) },
    { name: 'import row, audit, COMMIT', seconds: s(bookkeeping.start, t1) },
  ];
}

async function timedImport(ctx: BenchContext, sql: Sql, principal: Principal, file: { filename: string; data: Buffer }, mapping: Record<string, string>, label: string) {
  const trace = traceSql(sql);
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  const logAt = await logPosition();
  // Where the JS time goes: a CPU profile of the bench process during the call (sampling, 1 ms).
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  let result: ImportResult;
  let profileFile: string | undefined;
  try {
    result = await importPeople(trace.sql, principal, file, mapping, { partial: false, source: IMPORT_SOURCE, legalBasis: 'public_task', legalBasisNote: 'civil registry extract (benchmark)' });
  } finally {
    clearInterval(sampler);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    profileFile = path.join(BENCH_DATA_DIR, 'registry', `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
    await fs.writeFile(profileFile, JSON.stringify(profile));
  }
  const t1 = performance.now();
  const seconds = (t1 - t0) / 1000;
  const lines = result.inserted + result.updated + result.unchanged + result.rejected.length;
  console.log(
    `\n  ${label}: ${fmtInt(lines)} lines in ${fmtSeconds(seconds)} s = ${fmtInt(lines / seconds)} rows/s ` +
      `(inserted ${fmtInt(result.inserted)}, updated ${fmtInt(result.updated)}, unchanged ${fmtInt(result.unchanged)}, rejected ${fmtInt(result.rejected.length)}); ` +
      `bench process peak RSS ${fmtBytes(peakRss)}, peak JS heap ${fmtBytes(peakHeap)}`,
  );
  if (result.rejected.length) console.log(`    first rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  const phases = importPhases(trace.statements, t0, t1);
  console.log(table(['phase', 'seconds', 'share'], phases.map((p) => [p.name, fmtSeconds(p.seconds), `${((100 * p.seconds) / seconds).toFixed(0)} %`])).replace(/^/gm, '    '));
  console.log(slowestTable(trace.statements, 10).replace(/^/gm, '    '));
  for (const p of phases) ctx.report(`${label}: ${p.name} (s)`, fmtSeconds(p.seconds));
  const cpu = summarizeProfile(profileFile, REPO_ROOT);
  const pct = (ms: number) => `${((100 * ms) / cpu.totalMs).toFixed(1).padStart(5)} %`;
  console.log(`    CPU profile of the bench process during the call: ${fmtSeconds(cpu.totalMs / 1000)} s of CPU (idle excluded); by module, self time:`);
  for (const [m, ms] of cpu.modules.slice(0, 8)) console.log(`      ${pct(ms)}  ${m}`);
  console.log('    by the nearest function of src/ on the stack (libraries charged to their caller):');
  for (const [f, ms] of cpu.ownCode.slice(0, 10)) console.log(`      ${pct(ms)}  ${f}`);
  console.log('    by function, self time:');
  for (const [f, ms] of cpu.functions.slice(0, 12)) console.log(`      ${pct(ms)}  ${f}`);
  const plans = await plansSince(logAt);
  if (plans.length) {
    console.log(`    ${plans.length} statements took over ${fmtSeconds(EXPLAIN_MS / 1000)} s; the plans (auto_explain, actual rows) of the slowest:`);
    for (const plan of plans.slice(0, 3)) {
      console.log(`    -- ${fmtSeconds(plan.ms / 1000)} s`);
      for (const line of plan.lines.slice(0, 45)) console.log(`      ${line.length > 220 ? line.slice(0, 219) + '…' : line}`);
    }
  }
  return { seconds, lines, result };
}

/**
 * A lower bound for any import: the rows the import wrote to persons,
 * written once more by the server itself into a copy of the table (same
 * columns, same indexes: the ones search and linkage need), once keeping
 * the indexes row by row and once building them after the rows. Nothing
 * is parsed, checked, matched or recorded, so no import that stores the
 * same people searchably can be faster than the better of the two.
 */
async function writeFloor(sql: Sql): Promise<{ rows: number; keptSeconds: number; rebuiltSeconds: number; buildSeconds: number }> {
  await sql`checkpoint`;
  await sql`drop table if exists bench_floor_kept, bench_floor_rebuilt`;
  await sql`create table bench_floor_kept (like persons including defaults including indexes)`;
  const t = performance.now();
  const kept = await sql`insert into bench_floor_kept select * from persons`;
  const keptSeconds = (performance.now() - t) / 1000;
  await sql`drop table bench_floor_kept`;
  await sql`checkpoint`;

  await sql`create table bench_floor_rebuilt (like persons including defaults including indexes)`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'bench_floor_rebuilt'::regclass and not i.indisprimary`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.name}`);
  const rebuilt = await sql.begin(async (tx) => {
    await tx`set local maintenance_work_mem = '1GB'`;
    const t0 = performance.now();
    const r = await tx`insert into bench_floor_rebuilt select * from persons`;
    const t1 = performance.now();
    for (const ix of indexes) await tx.unsafe(ix.definition);
    const t2 = performance.now();
    return { rows: r.count, seconds: (t2 - t0) / 1000, buildSeconds: (t2 - t1) / 1000 };
  });
  await sql`drop table bench_floor_rebuilt`;
  return { rows: kept.count, keptSeconds, rebuiltSeconds: rebuilt.seconds, buildSeconds: rebuilt.buildSeconds };
}

async function importBench(ctx: BenchContext): Promise<void> {
  const dir = path.join(BENCH_DATA_DIR, 'registry');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'people.csv');
  let t = performance.now();
  const bytes = await writeCsv(ctx.url, file);
  const data = await fs.readFile(file);
  const header = data.subarray(0, data.indexOf(10)).toString('utf8');
  console.log(`\n  import: wrote ${path.relative(process.cwd(), file)} (${fmtBytes(bytes)}, ${CSV_COLUMNS.length} columns with Thai headers) in ${fmtSeconds((performance.now() - t) / 1000)} s`);
  console.log(`    header: ${header}`);
  const mapping = Object.fromEntries(CSV_COLUMNS.map(([h, prop]) => [h, prop]));

  // A fresh, empty registry: a second database on the same server, as the app would set it up.
  await ctx.sql.unsafe(`drop database if exists ${IMPORT_DATABASE} with (force)`);
  await ensureDatabase(ctx.url, IMPORT_DATABASE);
  await enableAutoExplain(ctx.sql, IMPORT_DATABASE, EXPLAIN_MS);
  const sql = connect(withDatabase(ctx.url, IMPORT_DATABASE), { max: 4, applicationName: 'ruamjai-bench-import' });
  try {
    t = performance.now();
    await migrate(sql);
    await loadReferenceAreas(sql);
    const setupSql = process.env.BENCH_IMPORT_SETUP_SQL;
    if (setupSql) {
      await sql.unsafe(setupSql);
      console.log(`    BENCH_IMPORT_SETUP_SQL run on the import database: ${setupSql}`);
      ctx.report('import: BENCH_IMPORT_SETUP_SQL', setupSql.slice(0, 80));
    }
    const indicators = await ensureDefaults(sql);
    const account = await benchAccount(sql);
    const principal = principalOf(account, 'system_admin', 'TH');
    console.log(`    fresh database ${IMPORT_DATABASE}: migrations, reference areas and ${indicators} default indicators in ${fmtSeconds((performance.now() - t) / 1000)} s`);

    const first = await timedImport(ctx, sql, principal, { filename: 'people.csv', data }, mapping, 'import into an empty registry');

    // The same file, bare: a table of text columns, no indexes, no checks.
    const columns = CSV_COLUMNS.length;
    await sql.unsafe(`drop table if exists bench_bare_copy`);
    await sql.unsafe(`create table bench_bare_copy (${Array.from({ length: columns }, (_, i) => `c${i + 1} text`).join(', ')})`);
    t = performance.now();
    const w = await sql.unsafe(`copy bench_bare_copy from stdin with (format csv, header true)`).writable();
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, Math.min(data.length, i + (1 << 20)));
        })(),
      ),
      w,
    );
    const bareSeconds = (performance.now() - t) / 1000;
    const [{ rows: bareRows } = { rows: 0 }] = await sql<{ rows: number }[]>`select count(*)::int as rows from bench_bare_copy`;
    await sql.unsafe(`drop table bench_bare_copy`);
    const importRate = first.lines / first.seconds;
    const bareRate = bareRows / bareSeconds;
    const indexedRate = ctx.generation.peoplePerSecond;
    console.log(
      `\n  bare COPY of the same file into ${columns} text columns: ${fmtInt(bareRows)} rows in ${fmtSeconds(bareSeconds)} s = ${fmtInt(bareRate)} rows/s; ` +
        `the import runs at ${((100 * importRate) / bareRate).toFixed(1)} % of bare COPY speed (target ≥ 50 %)` +
        (indexedRate ? `, and at ${((100 * importRate) / indexedRate).toFixed(1)} % of the generation's COPY into persons with all its indexes and keys (${fmtInt(indexedRate)} rows/s)` : ''),
    );

    const floor = await writeFloor(sql);
    const floorKept = floor.rows / floor.keptSeconds;
    const floorRebuilt = floor.rows / floor.rebuiltSeconds;
    console.log(
      `\n  the least any import can cost: the ${fmtInt(floor.rows)} person rows as the import left them, written again inside PostgreSQL ` +
        `(INSERT … SELECT: no parsing, no checks, no matching, no households, no provenance) into a copy of persons\n` +
        `    with its indexes kept row by row: ${fmtSeconds(floor.keptSeconds)} s = ${fmtInt(floorKept)} rows/s = ${((100 * floorKept) / bareRate).toFixed(1)} % of bare COPY\n` +
        `    without indexes, then the same indexes built afterwards: ${fmtSeconds(floor.rebuiltSeconds)} s (of which index builds ${fmtSeconds(floor.buildSeconds)} s) = ${fmtInt(floorRebuilt)} rows/s = ${((100 * floorRebuilt) / bareRate).toFixed(1)} % of bare COPY`,
    );
    ctx.report('writing the people alone, indexes kept (rows/s, % of bare COPY)', `${fmtInt(floorKept)} (${((100 * floorKept) / bareRate).toFixed(1)} %)`);
    ctx.report('writing the people alone, indexes rebuilt (rows/s, % of bare COPY)', `${fmtInt(floorRebuilt)} (${((100 * floorRebuilt) / bareRate).toFixed(1)} %)`);

    const again = await timedImport(ctx, sql, principal, { filename: 'people.csv', data }, mapping, 'the same file again (no-op)');

    ctx.report('import: lines', fmtInt(first.lines));
    ctx.report('import into an empty registry (s)', fmtSeconds(first.seconds));
    ctx.report('import rows/s', fmtInt(importRate));
    ctx.report('bare COPY of the file (s)', fmtSeconds(bareSeconds));
    ctx.report('bare COPY rows/s', fmtInt(bareRate));
    ctx.report('import speed / bare COPY speed (target ≥ 50 %)', `${((100 * importRate) / bareRate).toFixed(1)} %`);
    ctx.report('re-import, no-op (s)', `${fmtSeconds(again.seconds)} (${fmtInt(again.result.unchanged)} unchanged)`);
  } finally {
    await sql.end({ timeout: 5 });
    await ctx.sql.unsafe(`drop database if exists ${IMPORT_DATABASE} with (force)`);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
