/**
 * Indicators: the default set, coordinators' own rules (checked, with a
 * live preview), flagged lists with evidence, and area summaries — scoped
 * for members, small cells suppressed for the public.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { compileRule, DEFAULT_INDICATORS, HOUSEHOLD_FROM, LIVE_HOUSEHOLD, LIVE_PERSON, PERSON_FROM, RuleError, type RuleTarget } from '../../lib/rules/index.js';
import { areaPrefixes, canSeeArea, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canSeeSensitive } from '../registry/policy.js';
import { presentHousehold, presentPerson, type HouseholdRow, type PersonRow } from '../registry/presenters.js';
import { HOUSEHOLD_COLUMNS, PERSON_COLUMNS } from '../registry/queries.js';
import { recomputeAll, type IndicatorRow } from './evaluate.js';

/** Counts below this are withheld from public figures (and the rates made from them). */
export const SUPPRESS_BELOW = 5;

export interface IndicatorView {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string | null;
  descriptionEn: string | null;
  dimension: string;
  target: RuleTarget;
  rule: string;
  params: Record<string, number | string>;
  sensitive: boolean;
  version: number;
  active: boolean;
  builtin: boolean;
  updatedAt: string;
}

function present(i: IndicatorRow): IndicatorView {
  return {
    code: i.code,
    nameTh: i.nameTh,
    nameEn: i.nameEn,
    descriptionTh: i.descriptionTh,
    descriptionEn: i.descriptionEn,
    dimension: i.dimension,
    target: i.target,
    rule: i.rule,
    params: i.params,
    sensitive: i.sensitive,
    version: i.version,
    active: i.active,
    builtin: i.builtin,
    updatedAt: i.updatedAt.toISOString(),
  };
}

function canManageIndicators(p: Principal): boolean {
  return isSystemAdmin(p) || p.memberships.some((m) => m.role === 'coordinator' || m.role === 'org_admin');
}

/** A rule that does not compile is a 400 naming the position, in Thai and English. */
function checkRule(rule: string, target: RuleTarget, params: Record<string, number | string>): { sensitive: boolean } {
  try {
    return { sensitive: compileRule(rule, target, { params }).sensitive };
  } catch (err) {
    if (err instanceof RuleError) {
      throw problem('validation_failed', {
        detail: `The rule is not valid at position ${err.position}: ${err.message}`,
        detailTh: `กฎไม่ถูกต้องที่ตำแหน่ง ${err.position}: ${err.messageTh}`,
        errors: [{ field: 'rule', position: err.position, message: err.message, messageTh: err.messageTh }],
        extra: { position: err.position },
      });
    }
    throw err;
  }
}

/** Inserts the shipped default indicators once (existing codes are left as coordinators changed them). */
export async function ensureDefaults(sql: Sql): Promise<number> {
  let added = 0;
  for (const d of DEFAULT_INDICATORS) {
    const params = (d.params ?? {}) as Record<string, number | string>;
    const sensitive = compileRule(d.rule, d.target, { params }).sensitive;
    const rows = await sql`
      insert into indicators (code, name_th, name_en, description_th, description_en, dimension, target, rule, params, sensitive, builtin)
      values (${d.code}, ${d.nameTh}, ${d.nameEn}, ${d.descriptionTh ?? null}, ${d.descriptionEn ?? null}, ${d.dimension}, ${d.target},
              ${d.rule}, ${sql.json(params)}, ${sensitive}, true)
      on conflict (code) do nothing returning id`;
    if (rows.length) {
      added++;
      await sql`insert into indicator_versions (indicator_id, version, rule, params) values (${rows[0]!.id as string}, 1, ${d.rule}, ${sql.json(params)})`;
    }
  }
  return added;
}

export async function getOne(sql: Sql, code: string): Promise<IndicatorView & { versions: { version: number; rule: string; changedAt: string }[] }> {
  const i = await byCode(sql, code);
  const versions = await sql<{ version: number; rule: string; changedAt: Date }[]>`
    select version, rule, changed_at from indicator_versions where indicator_id = ${i.id} order by version desc`;
  return { ...present(i), versions: versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) };
}

export async function list(sql: Sql): Promise<IndicatorView[]> {
  return (await sql<IndicatorRow[]>`select * from indicators order by dimension, code`).map(present);
}

async function byCode(sql: Sql, code: string): Promise<IndicatorRow> {
  const [i] = await sql<IndicatorRow[]>`select * from indicators where code = ${code}`;
  if (!i) throw notFound({ en: 'indicator', th: 'ตัวชี้วัด' }, code);
  return i;
}

export interface IndicatorInput {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh?: string | undefined;
  descriptionEn?: string | undefined;
  dimension: string;
  target: RuleTarget;
  rule: string;
  params?: Record<string, number | string> | undefined;
}

export async function create(sql: Sql, p: Principal, input: IndicatorInput): Promise<IndicatorView> {
  if (!canManageIndicators(p)) throw problem('forbidden', { detail: 'Only coordinators and admins define indicators', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่กำหนดตัวชี้วัดได้' });
  const params = input.params ?? {};
  const { sensitive } = checkRule(input.rule, input.target, params);
  const id = uuidv7();
  await sql.begin(async (tx) => {
    await tx`insert into indicators (id, code, name_th, name_en, description_th, description_en, dimension, target, rule, params, sensitive, created_by)
             values (${id}, ${input.code}, ${input.nameTh}, ${input.nameEn}, ${input.descriptionTh ?? null}, ${input.descriptionEn ?? null},
                     ${input.dimension}, ${input.target}, ${input.rule}, ${tx.json(params)}, ${sensitive}, ${p.userId})`;
    await tx`insert into indicator_versions (indicator_id, version, rule, params, changed_by) values (${id}, 1, ${input.rule}, ${tx.json(params)}, ${p.userId})`;
    await audit.record(tx, actorOf(p), { action: 'indicator.create', entity: 'indicator', entityId: input.code, changes: { ...input } });
  });
  await recomputeAll(sql, { indicatorIds: [id] });
  return present(await byCode(sql, input.code));
}

export async function update(sql: Sql, p: Principal, code: string, patch: Partial<Omit<IndicatorInput, 'code' | 'target'>> & { active?: boolean | undefined }): Promise<IndicatorView> {
  if (!canManageIndicators(p)) throw problem('forbidden', { detail: 'Only coordinators and admins change indicators', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่แก้ไขตัวชี้วัดได้' });
  const before = await byCode(sql, code);
  const rule = patch.rule ?? before.rule;
  const params = patch.params ?? before.params;
  const { sensitive } = checkRule(rule, before.target, params);
  const ruleChanged = rule !== before.rule || JSON.stringify(params) !== JSON.stringify(before.params);
  await sql.begin(async (tx) => {
    const version = before.version + (ruleChanged ? 1 : 0);
    await tx`update indicators set
               name_th = ${patch.nameTh ?? before.nameTh}, name_en = ${patch.nameEn ?? before.nameEn},
               description_th = ${patch.descriptionTh ?? before.descriptionTh}, description_en = ${patch.descriptionEn ?? before.descriptionEn},
               dimension = ${patch.dimension ?? before.dimension}, rule = ${rule}, params = ${tx.json(params)}, sensitive = ${sensitive},
               version = ${version}, active = ${patch.active ?? before.active}
             where id = ${before.id}`;
    if (ruleChanged) await tx`insert into indicator_versions (indicator_id, version, rule, params, changed_by) values (${before.id}, ${version}, ${rule}, ${tx.json(params)}, ${p.userId})`;
    await audit.record(tx, actorOf(p), { action: 'indicator.update', entity: 'indicator', entityId: code, changes: audit.diff({ ...before }, { ...patch, rule, params }) });
  });
  await recomputeAll(sql, { indicatorIds: [before.id] });
  return present(await byCode(sql, code));
}

/** How many would a rule flag in an area now (the editor's live preview); nothing is stored. */
export async function preview(sql: Sql, p: Principal, input: { rule: string; target: RuleTarget; params?: Record<string, number | string> | undefined; area?: string | undefined }) {
  checkRule(input.rule, input.target, input.params ?? {});
  const c = compileRule(input.rule, input.target, { params: input.params ?? {}, paramOffset: 1 });
  const [alias, from, live] = input.target === 'person' ? ['p', PERSON_FROM, LIVE_PERSON] : ['h', HOUSEHOLD_FROM, LIVE_HOUSEHOLD];
  const prefixes = areaPrefixes(p);
  const area = input.area && input.area !== 'TH' ? input.area : (prefixes && prefixes.length === 1 ? prefixes[0] : '');
  if (prefixes && !prefixes.some((s) => (area ?? '').startsWith(s))) throw notFound({ en: 'area', th: 'พื้นที่' }, area ?? '');
  const [row] = await sql.unsafe<{ flagged: number; total: number }[]>(
    `select count(*) filter (where ${c.sql})::int as flagged, count(*)::int as total from ${from} where ${live} and ${alias}.area_code like $1 || '%'`,
    [area ?? '', ...c.params] as never[],
  );
  return { flagged: row!.flagged, total: row!.total, area: area || 'TH' };
}

/** Flagged people or households of an area subtree, each with its evidence, keyset-paged. */
export async function members(sql: Sql, p: Principal, code: string, f: { area?: string | undefined; limit: number; cursor?: string | undefined }) {
  const ind = await byCode(sql, code);
  const prefixes = areaPrefixes(p);
  const area = f.area && f.area !== 'TH' ? f.area : '';
  if (f.area && !canSeeArea(prefixes, f.area)) throw notFound({ en: 'area', th: 'พื้นที่' }, f.area);
  const sensitive = await canSeeSensitive(sql, p);
  if (ind.sensitive && !sensitive) {
    throw problem('forbidden', {
      detail: `Indicator ${code} reveals health data; your organisation has no legal basis to see who is flagged`,
      detailTh: `ตัวชี้วัด ${code} เปิดเผยข้อมูลสุขภาพ องค์กรของคุณไม่มีฐานทางกฎหมายในการดูรายชื่อ`,
    });
  }
  const after = f.cursor ? Buffer.from(f.cursor, 'base64url').toString() : null;
  const scope = prefixes === null ? sql`true` : sql`f.area_code like any(${prefixes.map((s) => s + '%')}::text[])`;
  const flags = await sql<{ subjectId: string; evidence: Record<string, unknown>; since: Date }[]>`
    select f.subject_id, f.evidence, f.since from flags f
    where f.indicator_id = ${ind.id} and f.until is null and f.area_code like ${area + '%'} and ${scope}
      ${after ? sql`and f.subject_id > ${after}` : sql``}
    order by f.subject_id limit ${f.limit + 1}`;
  const page = flags.slice(0, f.limit);
  const ids = page.map((r) => r.subjectId);
  const subjects =
    ind.target === 'person'
      ? new Map((await sql<PersonRow[]>`select ${PERSON_COLUMNS(sql)} from persons p where p.id = any(${ids}::uuid[])`).map((r) => [r.id, presentPerson(r, { sensitive })]))
      : new Map((await sql<HouseholdRow[]>`select ${HOUSEHOLD_COLUMNS(sql)} from households h where h.id = any(${ids}::uuid[])`).map((r) => [r.id, presentHousehold(r)]));
  if (ind.sensitive && page.length) {
    await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'indicator.view_sensitive', entity: 'indicator', entityId: code, changes: { area: area || 'TH', count: page.length } }));
  }
  const last = page[page.length - 1];
  return {
    indicator: { code: ind.code, nameTh: ind.nameTh, nameEn: ind.nameEn, target: ind.target, dimension: ind.dimension },
    items: page.map((r) => ({ id: r.subjectId, since: r.since.toISOString(), evidence: r.evidence, [ind.target]: subjects.get(r.subjectId) ?? null })),
    nextCursor: flags.length > f.limit && last ? Buffer.from(last.subjectId).toString('base64url') : null,
  };
}

export interface AreaSummary {
  code: string;
  nameTh: string;
  nameEn: string;
  level: string;
  population: number | null;
  households: number | null;
  indicators: { code: string; nameTh: string; nameEn: string; dimension: string; target: string; count: number | null; rate: number | null; reached: number | null }[];
  dimensions: { dimension: string; count: number | null }[];
  children: { code: string; nameTh: string; nameEn: string; level: string; population: number | null; households: number | null; lat: number | null; lon: number | null; indicators: Record<string, number | null> }[];
}

/**
 * Population, households and each active indicator's count and rate in an
 * area subtree, from the per-area counts. Public figures withhold every
 * count under SUPPRESS_BELOW (and rates made from them).
 */
export async function areaSummary(sql: Sql, p: Principal | null, code: string, opts: { public: boolean }): Promise<AreaSummary> {
  if (p && !canSeeArea(areaPrefixes(p), code)) throw notFound({ en: 'area', th: 'พื้นที่' }, code);
  const [area] = await sql<{ code: string; nameTh: string; nameEn: string; level: string }[]>`select code, name_th, name_en, level from areas where code = ${code}`;
  if (!area) throw notFound({ en: 'area', th: 'พื้นที่' }, code);
  const prefix = code === 'TH' ? '' : code;
  // A member scoped below this area sees only their part of it.
  const prefixes = p ? areaPrefixes(p) : null;
  const within = (col: string) =>
    prefixes === null ? sql`${sql(col)} like ${prefix + '%'}` : sql`${sql(col)} like ${prefix + '%'} and ${sql(col)} like any(${prefixes.filter((s) => s.startsWith(prefix) || prefix.startsWith(s)).map((s) => (s.length > prefix.length ? s : prefix) + '%')}::text[])`;
  const [totals] = await sql<{ population: number; households: number }[]>`
    select coalesce(sum(population), 0)::int as population, coalesce(sum(households), 0)::int as households from area_counts where ${within('area_code')}`;
  const counts = await sql<{ code: string; nameTh: string; nameEn: string; dimension: string; target: string; count: number }[]>`
    select i.code, i.name_th, i.name_en, i.dimension, i.target, coalesce(sum(c.count), 0)::int as count
    from indicators i left join flag_counts c on c.indicator_id = i.id and ${within('c.area_code')}
    where i.active group by i.id order by i.dimension, i.code`;
  // "Reached": flagged subjects with an open case (members only; not a public figure).
  const reached = new Map(
    opts.public
      ? []
      : (await sql<{ code: string; n: number }[]>`
          select i.code, count(distinct f.subject_id)::int as n from cases c
          join flags f on f.subject_id = c.subject_id and f.until is null
          join indicators i on i.id = f.indicator_id
          where c.status in ('open', 'in_progress') and ${within('f.area_code')}
          group by i.code`).map((r) => [r.code, r.n]),
  );
  // Child areas with their figures and a point for the map: their own, or the mean of their subdistricts'.
  const kids = await sql<{ code: string; nameTh: string; nameEn: string; level: string; population: number; households: number; lat: number | null; lon: number | null }[]>`
    select a.code, a.name_th, a.name_en, a.level,
           coalesce((select sum(population) from area_counts c where c.area_code like a.code || '%'), 0)::int as population,
           coalesce((select sum(households) from area_counts c where c.area_code like a.code || '%'), 0)::int as households,
           coalesce(a.lat, (select avg(s.lat) from areas s where s.code like a.code || '%' and s.level = 'subdistrict')) as lat,
           coalesce(a.lon, (select avg(s.lon) from areas s where s.code like a.code || '%' and s.level = 'subdistrict')) as lon
    from areas a where a.parent_code = ${code} and a.active order by a.code`;
  const kidCounts = await sql<{ child: string; code: string; n: number }[]>`
    select k.code as child, i.code, sum(c.count)::int as n
    from areas k join flag_counts c on c.area_code like k.code || '%' join indicators i on i.id = c.indicator_id and i.active
    where k.parent_code = ${code} and k.active
    group by k.code, i.code`;
  const perChild = new Map<string, Record<string, number | null>>();
  for (const r of kidCounts) {
    const m = perChild.get(r.child) ?? {};
    m[r.code] = opts.public && r.n < SUPPRESS_BELOW ? null : r.n;
    perChild.set(r.child, m);
  }
  const hide = (n: number) => (opts.public && n < SUPPRESS_BELOW ? null : n);
  const population = totals!.population;
  const households = totals!.households;
  const rate = (count: number, target: string) => {
    const denominator = target === 'person' ? population : households;
    if (denominator === 0 || hide(count) === null || hide(denominator) === null) return null;
    return Math.round((count / denominator) * 10000) / 10000;
  };
  const dims = new Map<string, number>();
  for (const c of counts) dims.set(c.dimension, (dims.get(c.dimension) ?? 0) + c.count);
  return {
    ...area,
    population: hide(population),
    households: hide(households),
    indicators: counts.map((c) => ({ ...c, count: hide(c.count), rate: rate(c.count, c.target), reached: opts.public ? null : (reached.get(c.code) ?? 0) })),
    dimensions: [...dims].map(([dimension, count]) => ({ dimension, count: hide(count) })),
    children: kids
      .filter((k) => !p || canSeeArea(prefixes, k.code))
      .map((k) => ({ ...k, population: hide(k.population), households: hide(k.households), indicators: perChild.get(k.code) ?? {} })),
  };
}

/** Flag counts per month-end over the last months, for "change over time". */
export async function trend(sql: Sql, p: Principal | null, code: string, indicatorCode: string, months: number, opts: { public: boolean }) {
  if (p && !canSeeArea(areaPrefixes(p), code)) throw notFound({ en: 'area', th: 'พื้นที่' }, code);
  const ind = await byCode(sql, indicatorCode);
  const prefix = code === 'TH' ? '' : code;
  const rows = await sql<{ at: Date; count: number }[]>`
    select d as at, (select count(*)::int from flags f where f.indicator_id = ${ind.id} and f.area_code like ${prefix + '%'}
                      and f.since <= d and (f.until is null or f.until > d)) as count
    from generate_series(date_trunc('month', now()) - make_interval(months => ${months - 1}), date_trunc('month', now()), interval '1 month') g(d)
    order by d`;
  const latest = await sql<{ count: number }[]>`select count(*)::int as count from flags where indicator_id = ${ind.id} and until is null and area_code like ${prefix + '%'}`;
  return {
    indicator: ind.code,
    area: code,
    points: [...rows.map((r) => ({ at: r.at.toISOString(), count: r.count })), { at: new Date().toISOString(), count: latest[0]!.count }].map((pt) => ({
      ...pt,
      count: opts.public && pt.count < SUPPRESS_BELOW ? null : pt.count,
    })),
  };
}
