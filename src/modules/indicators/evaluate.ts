/**
 * Keeping flags true to the registry. A full recompute runs each active
 * indicator's rule as one SQL statement over every live person or
 * household; an incremental refresh runs the same SQL restricted to the
 * records a change touched (and their households' members, whose
 * household rules may change with them), inside the transaction of the
 * change, so lists and counts are right the moment it commits.
 */
import type { Db, Sql } from '../../db/index.js';
import { compileRule, HOUSEHOLD_FROM, LIVE_HOUSEHOLD, LIVE_PERSON, PERSON_FROM } from '../../lib/rules/index.js';

export interface IndicatorRow {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string | null;
  descriptionEn: string | null;
  dimension: string;
  target: 'person' | 'household';
  rule: string;
  params: Record<string, number | string>;
  sensitive: boolean;
  version: number;
  active: boolean;
  builtin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The SQL selecting the subjects an indicator flags now (optionally only among `$1` ids). */
function flaggedSelect(ind: IndicatorRow, restricted: boolean): { sql: string; params: unknown[] } {
  const c = compileRule(ind.rule, ind.target, { params: ind.params, paramOffset: restricted ? 1 : 0 });
  const [alias, from, live] = ind.target === 'person' ? ['p', PERSON_FROM, LIVE_PERSON] : ['h', HOUSEHOLD_FROM, LIVE_HOUSEHOLD];
  return {
    sql: `select ${alias}.id as subject_id, ${alias}.area_code, ${c.evidence} as evidence from ${from}
          where ${live} and ${c.sql} ${restricted ? `and ${alias}.id = any($1::uuid[])` : ''}`,
    params: c.paramsWithEvidence,
  };
}

/** Applies one indicator over all subjects or the given ones; returns the area codes whose counts changed. */
async function applyIndicator(tx: Db, ind: IndicatorRow, ids: string[] | null): Promise<Set<string>> {
  const sel = flaggedSelect(ind, ids !== null);
  await tx`truncate nf`;
  await tx.unsafe(`insert into nf (subject_id, area_code, evidence) ${sel.sql}`, (ids ? [ids, ...sel.params] : sel.params) as never[]);
  const only = ids ? tx`and f.subject_id = any(${ids}::uuid[])` : tx``;
  const closed = await tx<{ areaCode: string }[]>`
    update flags f set until = now()
    where f.indicator_id = ${ind.id} and f.until is null ${only}
      and not exists (select 1 from nf where nf.subject_id = f.subject_id)
    returning f.area_code`;
  const moved = await tx<{ areaCode: string; newArea: string }[]>`
    select f.area_code, nf.area_code as new_area from flags f join nf on nf.subject_id = f.subject_id
    where f.indicator_id = ${ind.id} and f.until is null and f.area_code <> nf.area_code`;
  await tx`
    update flags f set evidence = nf.evidence, area_code = nf.area_code, version = ${ind.version}
    from nf
    where f.indicator_id = ${ind.id} and f.until is null and f.subject_id = nf.subject_id
      and (f.evidence, f.area_code, f.version) is distinct from (nf.evidence, nf.area_code, ${ind.version})`;
  const opened = await tx<{ areaCode: string }[]>`
    insert into flags (indicator_id, subject_id, area_code, version, evidence)
    select ${ind.id}, nf.subject_id, nf.area_code, ${ind.version}, nf.evidence from nf
    where not exists (select 1 from flags f where f.indicator_id = ${ind.id} and f.subject_id = nf.subject_id and f.until is null)
    returning area_code`;
  return new Set([...closed.map((r) => r.areaCode), ...opened.map((r) => r.areaCode), ...moved.flatMap((r) => [r.areaCode, r.newArea])]);
}

async function prepare(tx: Db): Promise<void> {
  await tx`create temp table if not exists nf (subject_id uuid primary key, area_code text, evidence jsonb) on commit drop`;
}

/** Recounts flags (and population) of the given leaf area codes, or of all areas. */
async function recount(tx: Db, indicatorIds: string[], codes: string[] | null): Promise<void> {
  if (codes !== null && codes.length === 0) return;
  if (codes) {
    // Concurrent changes in one area recount one after another.
    for (const c of [...codes].sort()) await tx`select pg_advisory_xact_lock(hashtext(${'counts:' + c}))`;
  }
  const inCodes = (col: string) => (codes ? tx`and ${tx(col)} = any(${codes}::text[])` : tx``);
  await tx`delete from flag_counts where indicator_id = any(${indicatorIds}::uuid[]) ${inCodes('area_code')}`;
  await tx`insert into flag_counts (indicator_id, area_code, count)
           select indicator_id, area_code, count(*) from flags
           where until is null and indicator_id = any(${indicatorIds}::uuid[]) ${inCodes('area_code')}
           group by indicator_id, area_code`;
  await tx`delete from area_counts where true ${inCodes('area_code')}`;
  await tx`
    insert into area_counts (area_code, population, households)
    select area_code, sum(population)::int, sum(households)::int from (
      select area_code, count(*) as population, 0 as households from persons
      where merged_into is null and erased_at is null ${inCodes('area_code')} group by area_code
      union all
      select area_code, 0, count(*) from households where merged_into is null and erased_at is null ${inCodes('area_code')} group by area_code
    ) t group by area_code`;
}

export async function activeIndicators(db: Db, ids?: string[]): Promise<IndicatorRow[]> {
  return db<IndicatorRow[]>`select * from indicators where active ${ids ? db`and id = any(${ids}::uuid[])` : db``} order by code`;
}

/** Full, set-based recompute of every active indicator (or the given ones), then all counts. */
export async function recomputeAll(sql: Sql, opts: { indicatorIds?: string[] } = {}): Promise<{ seconds: number; flagged: Record<string, number> }> {
  const started = Date.now();
  let flagged: Record<string, number> = {};
  await sql.begin(async (tx) => {
    await tx`set local work_mem = '256MB'`;
    flagged = await applyAll(tx, opts.indicatorIds);
  });
  return { seconds: (Date.now() - started) / 1000, flagged };
}

/** The full recompute inside the caller's transaction. */
export async function applyAll(tx: Db, indicatorIds?: string[]): Promise<Record<string, number>> {
  const flagged: Record<string, number> = {};
  await prepare(tx);
  const inds = await activeIndicators(tx, indicatorIds);
  for (const ind of inds) {
    await applyIndicator(tx, ind, null);
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`select count(*)::int as n from nf`;
    flagged[ind.code] = n;
  }
  // Flags of indicators switched off are closed.
  await tx`update flags f set until = now() from indicators i where i.id = f.indicator_id and not i.active and f.until is null`;
  const all = await tx<{ id: string }[]>`select id from indicators`;
  await recount(tx, all.map((i) => i.id), null);
  return flagged;
}

/** Above this many changed records an incremental refresh costs more than a full recompute. */
const INCREMENTAL_LIMIT = 20_000;

/**
 * After a bulk write in the caller's transaction (an import): `changed`
 * people were added or changed, `added` of them new rows. A write that grew
 * the registry much is first given statistics of what the tables now hold:
 * planned on those of a far smaller registry (or none), the indicators'
 * member counts scan a whole index for every household, and take hours
 * instead of seconds. Then a full recompute when that is cheaper, else the
 * incremental refresh of the people `subjects` lists (asked only then: a
 * bulk load need not list a million ids).
 */
export async function refreshAfterBulkWrite(
  tx: Db,
  counts: { changed: number; added: number },
  subjects: () => Promise<{ persons: string[]; areas: string[] }>,
): Promise<void> {
  if (counts.changed === 0) return;
  const [{ reltuples } = { reltuples: -1 }] = await tx<{ reltuples: number }[]>`select reltuples from pg_class where oid = 'persons'::regclass`;
  if (counts.changed > INCREMENTAL_LIMIT || counts.added > Math.max(1000, 0.2 * reltuples)) {
    await tx`analyze persons`;
    await tx`analyze households`;
  }
  if (counts.changed > INCREMENTAL_LIMIT) await applyAll(tx);
  else await refreshSubjects(tx, await subjects());
}

/**
 * Incremental refresh after a change of some people and households, in the
 * caller's transaction. Household rules read members and person rules read
 * their household, so the whole households of the changed records are
 * re-evaluated.
 */
export async function refreshSubjects(tx: Db, changed: { persons?: string[]; households?: string[]; /** areas the records were in before the change */ areas?: string[] }): Promise<void> {
  const persons = changed.persons ?? [];
  const households = changed.households ?? [];
  if (!persons.length && !households.length) return;
  if (persons.length + households.length > INCREMENTAL_LIMIT) {
    await applyAll(tx);
    return;
  }
  const [{ hh } = { hh: [] }] = await tx<{ hh: string[] }[]>`
    select coalesce(array_agg(distinct x), '{}') as hh from (
      select household_id as x from persons where id = any(${persons}::uuid[]) and household_id is not null
      union select unnest(${households}::uuid[])
    ) t`;
  const [{ pp } = { pp: [] }] = await tx<{ pp: string[] }[]>`
    select coalesce(array_agg(distinct id), '{}') as pp from (
      select id from persons where household_id = any(${hh}::uuid[])
      union select unnest(${persons}::uuid[])
    ) t`;
  const inds = await activeIndicators(tx);
  if (!inds.length) return;
  await prepare(tx);
  const areas = new Set<string>(changed.areas ?? []);
  // The areas of the records themselves (population counts), before and after.
  for (const r of await tx<{ areaCode: string }[]>`
    select area_code from persons where id = any(${pp}::uuid[])
    union select area_code from households where id = any(${hh}::uuid[])`) areas.add(r.areaCode);
  for (const ind of inds) {
    for (const a of await applyIndicator(tx, ind, ind.target === 'person' ? pp : hh)) areas.add(a);
  }
  await recount(tx, inds.map((i) => i.id), [...areas]);
}
