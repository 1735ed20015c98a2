/**
 * Record linkage: candidate pairs of person records that may be one real
 * person, each with a score and the reasons, for people to review; merges
 * that can be undone; automatic merging only on an identical valid Thai
 * national ID.
 *
 * Candidates come from blocking joins (pairs are only compared inside a
 * block), all set-based in SQL:
 *   - the same document number;
 *   - the same phonetic key of the full name (names that sound alike);
 *   - the same subdistrict and birth date, or the same household (for
 *     misspellings the phonetic key does not catch), compared by trigram
 *     similarity of the loose name key.
 * Blocks larger than BLOCK_CAP are skipped (a name thousands share says
 * nothing). Pairs whose valid Thai IDs differ are never candidates.
 */
import type { Db, Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, inScope } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { refreshSubjects } from '../indicators/evaluate.js';
import { canManageRegistry, canSeeSensitive } from './policy.js';
import { presentPerson } from './presenters.js';
import { PERSON_COLUMNS } from './queries.js';
import type { PersonRow } from './presenters.js';

const BLOCK_CAP = 50;
/** Pairs scoring below this are not worth a reviewer's time. */
const MIN_SCORE = 0.55;

/** Fields a merge may fill on the surviving record from the merged one. */
const MERGE_FIELDS = [
  'last_name', 'first_name_latin', 'last_name_latin', 'sex', 'birth_date', 'birth_year', 'nationality', 'id_number', 'registry_status',
  'phone', 'line_id', 'in_school', 'occupation', 'disability', 'bedridden', 'chronic_illness', 'vaccinated', 'household_id', 'relation_to_head',
  'latin_key', 'legal_basis',
] as const;

/** Who recorded a legal basis, when and on what: they go with the basis a merge takes over. */
const LEGAL_BASIS_RECORD = ['legal_basis_by', 'legal_basis_at', 'legal_basis_note'];

export interface GenerateResult {
  candidates: number;
  autoMerged: number;
  seconds: number;
}

/**
 * (Re)computes open candidates for people in an area (all areas when
 * omitted), or only for pairs involving `onlyIds` (after an import or a
 * form submission). Decided pairs (merged, distinct) are kept as decided.
 */
export async function generateCandidates(sql: Sql, opts: { area?: string | undefined; onlyIds?: string[] | undefined; actor?: { id: string | null; label: string } } = {}): Promise<GenerateResult> {
  const started = Date.now();
  const area = opts.area ? `${opts.area}%` : '%';
  return sql.begin(async (tx) => {
    await tx`set local work_mem = '512MB'`;
    // People in play, with the block keys.
    await tx`
      create temp table lp on commit drop as
      select id, area_code, substr(area_code, 1, 6) as sub, household_id, name_key, phonetic_key, latin_key, sex,
             birth_date, coalesce(birth_year, extract(year from birth_date)::int) as byear,
             id_type, id_number
      from persons
      where merged_into is null and erased_at is null and area_code like ${area} and name_key is not null`;
    await tx`create temp table focus (id uuid primary key) on commit drop`;
    if (opts.onlyIds) await tx`insert into focus select unnest(${opts.onlyIds}::uuid[]) on conflict do nothing`;
    const focused = opts.onlyIds !== undefined;
    await tx`analyze lp`;

    // Candidate pairs from each block, a < b.
    await tx`
      create temp table pairs (a uuid, b uuid, block text) on commit drop`;
    const block = async (name: string, key: string, extra = '') => {
      await tx.unsafe(`
        insert into pairs
        with k as (
          select id, ${key} as k from lp where ${key} is not null ${extra}
        ), big as (
          select k from k group by k having count(*) > ${BLOCK_CAP}
        )
        select x.id, y.id, '${name}'
        from k x join k y on x.k = y.k and x.id < y.id
        where not exists (select 1 from big where big.k = x.k)
          ${focused ? 'and (x.id in (select id from focus) or y.id in (select id from focus))' : ''}`);
    };
    await block('document', 'id_type || \':\' || id_number', "and id_number is not null");
    await block('phonetic', 'phonetic_key');
    await block('birth_date', "sub || ':' || birth_date::text", 'and birth_date is not null');
    await block('household', 'household_id::text');
    await block('latin', 'latin_key');

    // Score each distinct pair once; reasons say why.
    await tx`
      create temp table scored on commit drop as
      select a, b, least(1.0,
               case when same_id then 1.0 else
                 0.55 * name_sim
                 + case when same_phonetic then 0.15 else 0 end
                 + case when same_bdate then 0.25 when byear_diff = 0 then 0.12 when byear_diff = 1 then 0.05 when byear_diff > 3 then -0.4 else 0 end
                 + case when same_household then 0.12 when same_sub then 0.06 else 0 end
                 + case when same_latin then 0.1 else 0 end
                 - case when sex_conflict then 0.5 else 0 end
               end)::real as score,
             jsonb_strip_nulls(jsonb_build_object(
               'sameIdNumber', case when same_id then true end,
               'nameSimilarity', round(name_sim::numeric, 2),
               'samePhoneticKey', case when same_phonetic then true end,
               'sameBirthDate', case when same_bdate then true end,
               'birthYearDifference', byear_diff,
               'sameHousehold', case when same_household then true end,
               'sameSubdistrict', case when same_sub then true end,
               'sameLatinName', case when same_latin then true end,
               'sexDiffers', case when sex_conflict then true end,
               'blocks', blocks)) as reasons,
             auto
      from (
        select p.a, p.b, p.blocks,
               x.id_number is not null and x.id_number = y.id_number and x.id_type = y.id_type as same_id,
               x.id_type = 'thai_id' and y.id_type = 'thai_id' and x.id_number = y.id_number as auto,
               x.id_type = 'thai_id' and y.id_type = 'thai_id' and x.id_number <> y.id_number as different_ids,
               similarity(x.name_key, y.name_key) as name_sim,
               x.phonetic_key = y.phonetic_key as same_phonetic,
               x.birth_date = y.birth_date as same_bdate,
               abs(x.byear - y.byear) as byear_diff,
               x.household_id = y.household_id as same_household,
               x.sub = y.sub as same_sub,
               x.latin_key = y.latin_key as same_latin,
               x.sex <> y.sex and x.sex <> 'other' and y.sex <> 'other' as sex_conflict
        from (select a, b, array_agg(distinct block order by block) as blocks from pairs group by a, b) p
        join lp x on x.id = p.a join lp y on y.id = p.b
      ) s
      where not different_ids`;

    // Fresh open candidates replace the old open ones in scope; decisions stay.
    await tx`
      delete from link_candidates c using lp
      where c.status = 'open' and (c.a = lp.id or c.b = lp.id)
        ${focused ? tx`and (c.a in (select id from focus) or c.b in (select id from focus))` : tx``}`;
    const inserted = await tx`
      insert into link_candidates (a, b, score, reasons)
      select a, b, score, reasons from scored where score >= ${MIN_SCORE}
      on conflict (a, b) do nothing
      returning a`;

    // Identical valid Thai IDs: the same person, merged without asking.
    const autos = await tx<{ a: string; b: string }[]>`
      select s.a, s.b from scored s join link_candidates c on c.a = s.a and c.b = s.b
      where s.auto and c.status = 'open' order by s.a, s.b`;
    let autoMerged = 0;
    const merged = new Set<string>();
    for (const pair of autos) {
      if (merged.has(pair.a) || merged.has(pair.b)) continue;
      await mergeInTx(tx, { survivorId: pair.a, mergedId: pair.b, automatic: true, reason: 'identical valid national ID', actor: opts.actor ?? audit.SYSTEM_ACTOR });
      merged.add(pair.b);
      autoMerged++;
    }
    return { candidates: inserted.length, autoMerged, seconds: (Date.now() - started) / 1000 };
  });
}

async function personRow(db: Db, id: string, lock = false): Promise<(PersonRow & Record<string, unknown>) | undefined> {
  const [r] = await db<(PersonRow & Record<string, unknown>)[]>`select * from persons where id = ${id} ${lock ? db`for update` : db``}`;
  return r;
}

/** Snake-case row for the snapshot (restorable as is). */
async function snapshot(db: Db, id: string): Promise<Record<string, unknown>> {
  const [r] = await db<{ j: Record<string, unknown> }[]>`select to_jsonb(p) as j from persons p where id = ${id}`;
  return r!.j;
}

async function mergeInTx(
  tx: Db,
  o: { survivorId: string; mergedId: string; automatic: boolean; reason?: string | undefined; actor: { id: string | null; label: string; ip?: string | undefined } },
): Promise<string> {
  const [s, m] = [await snapshot(tx, o.survivorId), await snapshot(tx, o.mergedId)];
  if (s.merged_into || m.merged_into) throw problem('conflict', { detail: 'One of the records was already merged', detailTh: 'มีระเบียนที่ถูกรวมไปแล้ว' });
  if (s.id_type === 'thai_id' && m.id_type === 'thai_id' && s.id_number !== m.id_number) {
    throw problem('conflict', { detail: 'The two records have different valid national IDs: they are different people', detailTh: 'ระเบียนทั้งสองมีเลขประจำตัวประชาชนต่างกัน จึงเป็นคนละคน' });
  }
  // The survivor keeps its values; gaps are filled from the merged record.
  const filled = MERGE_FIELDS.filter((f) => (s[f] === null || s[f] === undefined) && m[f] !== null && m[f] !== undefined);
  const keys = await tx<{ source: string; key: string }[]>`
    update source_keys set entity_id = ${o.survivorId} where entity = 'person' and entity_id = ${o.mergedId} returning source, key`;
  if (filled.length) {
    await tx.unsafe(
      `update persons s set ${[...filled, ...(filled.includes('legal_basis') ? LEGAL_BASIS_RECORD : [])].map((f) => `${f} = m.${f}`).join(', ')}
       from persons m where s.id = $1 and m.id = $2`,
      [o.survivorId, o.mergedId],
    );
    if (filled.includes('id_number') && m.id_type !== 'none') await tx`update persons set id_type = ${String(m.id_type)} where id = ${o.survivorId} and id_type = 'none'`;
  }
  await tx`update persons set merged_into = ${o.survivorId} where id = ${o.mergedId}`;
  const [row] = await tx<{ id: string }[]>`
    insert into merges (survivor_id, merged_id, survivor_before, merged_before, automatic, reason, decided_by)
    values (${o.survivorId}, ${o.mergedId}, ${tx.json(s as never)}, ${tx.json({ ...m, _filled: filled, _sourceKeys: keys })}, ${o.automatic}, ${o.reason ?? null}, ${o.actor.id})
    returning id`;
  const [a, b] = o.survivorId < o.mergedId ? [o.survivorId, o.mergedId] : [o.mergedId, o.survivorId];
  await tx`
    insert into link_candidates (a, b, score, reasons, status, decided_by, decided_at)
    values (${a}, ${b}, 1, '{"manual":true}', 'merged', ${o.actor.id}, now())
    on conflict (a, b) do update set status = 'merged', decided_by = excluded.decided_by, decided_at = now()`;
  await tx`insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values", recorded_by)
           values ('person', ${o.survivorId}, 'merge', ${row!.id}, ${o.automatic ? 'automatic: identical national ID' : 'merge'},
                   ${tx.json(Object.fromEntries(filled.map((f) => [f, m[f]])) as never)}, ${o.actor.id})`;
  await refreshSubjects(tx, { persons: [o.survivorId, o.mergedId] });
  await audit.record(tx, o.actor, {
    action: o.automatic ? 'person.merge_auto' : 'person.merge',
    entity: 'person',
    entityId: o.survivorId,
    changes: { mergeId: row!.id, mergedId: o.mergedId, filled, reason: o.reason ?? null },
  });
  return row!.id;
}

async function loadPair(sql: Sql, p: Principal, a: string, b: string) {
  if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins decide on duplicates', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่ตัดสินระเบียนซ้ำได้' });
  if (a === b) throw problem('validation_failed', { detail: 'Choose two different records', detailTh: 'กรุณาเลือกระเบียนสองรายการที่ต่างกัน' });
  const prefixes = areaPrefixes(p);
  for (const id of [a, b]) {
    const r = await personRow(sql, id);
    if (!r || !inScope(prefixes, r.areaCode)) throw notFound({ en: 'person', th: 'บุคคล' }, id);
  }
}

export async function merge(sql: Sql, p: Principal, input: { survivorId: string; mergedId: string; reason?: string | undefined }) {
  await loadPair(sql, p, input.survivorId, input.mergedId);
  const mergeId = await sql.begin(async (tx) => {
    await tx`select 1 from persons where id in (${input.survivorId}, ${input.mergedId}) order by id for update`;
    return mergeInTx(tx, { ...input, automatic: false, actor: actorOf(p) });
  });
  return { mergeId, survivorId: input.survivorId, mergedId: input.mergedId };
}

/** Undoes a merge: the merged record comes back as it was, the survivor loses what it took from it. */
export async function unmerge(sql: Sql, p: Principal, input: { mergeId?: string | undefined; personId?: string | undefined }) {
  if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins undo merges', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่ยกเลิกการรวมได้' });
  return sql.begin(async (tx) => {
    const [m] = await tx<{ id: string; survivorId: string; mergedId: string; survivorBefore: Record<string, unknown>; mergedBefore: Record<string, unknown> }[]>`
      select id, survivor_id, merged_id, survivor_before, merged_before from merges
      where undone_at is null and ${input.mergeId ? tx`id = ${input.mergeId}` : tx`merged_id = ${input.personId ?? null}`}
      for update`;
    if (!m) throw notFound({ en: 'merge', th: 'การรวมระเบียน' }, input.mergeId ?? input.personId ?? '');
    const survivor = await personRow(tx, m.survivorId, true);
    if (!survivor || !inScope(areaPrefixes(p), survivor.areaCode)) throw notFound({ en: 'merge', th: 'การรวมระเบียน' }, m.id);
    const filled = (m.mergedBefore._filled as string[] | undefined) ?? [];
    // Only the values taken from the merged record go back; later edits of the survivor stay.
    for (const f of filled) {
      await tx.unsafe(`update persons set ${f} = $1 where id = $2 and ${f} is not distinct from $3`, [
        m.survivorBefore[f] as never,
        m.survivorId,
        m.mergedBefore[f] as never,
      ]);
    }
    if (filled.includes('id_number')) await tx`update persons set id_type = ${String(m.survivorBefore.id_type)} where id = ${m.survivorId} and id_number is null`;
    await tx`update persons set merged_into = null where id = ${m.mergedId}`;
    for (const k of (m.mergedBefore._sourceKeys as { source: string; key: string }[] | undefined) ?? []) {
      await tx`update source_keys set entity_id = ${m.mergedId} where source = ${k.source} and entity = 'person' and key = ${k.key}`;
    }
    await tx`update merges set undone_at = now(), undone_by = ${p.userId} where id = ${m.id}`;
    const [a, b] = m.survivorId < m.mergedId ? [m.survivorId, m.mergedId] : [m.mergedId, m.survivorId];
    await tx`update link_candidates set status = 'open', decided_by = ${p.userId}, decided_at = now() where a = ${a} and b = ${b}`;
    await tx`insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values", recorded_by)
             values ('person', ${m.survivorId}, 'unmerge', ${m.id}, 'unmerge', ${tx.json(Object.fromEntries(filled.map((f) => [f, m.survivorBefore[f] ?? null])) as never)}, ${p.userId})`;
    await refreshSubjects(tx, { persons: [m.survivorId, m.mergedId] });
    await audit.record(tx, actorOf(p), { action: 'person.unmerge', entity: 'person', entityId: m.survivorId, changes: { mergeId: m.id, mergedId: m.mergedId, restored: filled } });
    return { mergeId: m.id, survivorId: m.survivorId, mergedId: m.mergedId, undone: true };
  });
}

export async function markDistinct(sql: Sql, p: Principal, input: { a: string; b: string }) {
  await loadPair(sql, p, input.a, input.b);
  const [a, b] = input.a < input.b ? [input.a, input.b] : [input.b, input.a];
  await sql.begin(async (tx) => {
    await tx`
      insert into link_candidates (a, b, score, reasons, status, decided_by, decided_at)
      values (${a}, ${b}, 0, '{"manual":true}', 'distinct', ${p.userId}, now())
      on conflict (a, b) do update set status = 'distinct', decided_by = excluded.decided_by, decided_at = now()`;
    await audit.record(tx, actorOf(p), { action: 'person.distinct', entity: 'person', entityId: a, changes: { other: b } });
  });
  return { a, b, status: 'distinct' as const };
}

/** The review queue: open pairs in the caller's scope (and area), best first. */
export async function candidates(sql: Sql, p: Principal, f: { area?: string | undefined; status: 'open' | 'merged' | 'distinct'; limit: number; cursor?: string | undefined }) {
  const prefixes = areaPrefixes(p);
  const sensitive = await canSeeSensitive(sql, p);
  const offset = f.cursor ? Number(Buffer.from(f.cursor, 'base64url').toString()) || 0 : 0;
  const scope = prefixes === null ? sql`true` : sql`x.area_code like any(${prefixes.map((s) => s + '%')}::text[])`;
  const rows = await sql<{ a: string; b: string; score: number; reasons: unknown; status: string }[]>`
    select c.a, c.b, c.score, c.reasons, c.status from link_candidates c
    join persons x on x.id = c.a join persons y on y.id = c.b
    where c.status = ${f.status} and ${scope}
      ${f.area ? sql`and (x.area_code like ${f.area + '%'} or y.area_code like ${f.area + '%'})` : sql``}
      ${f.status === 'open' ? sql`and x.merged_into is null and y.merged_into is null` : sql``}
    order by c.score desc, c.a, c.b
    limit ${f.limit + 1} offset ${offset}`;
  const page = rows.slice(0, f.limit);
  const ids = [...new Set(page.flatMap((r) => [r.a, r.b]))];
  const people = new Map((await sql<PersonRow[]>`select ${PERSON_COLUMNS(sql)} from persons p where p.id = any(${ids}::uuid[])`).map((r) => [r.id, presentPerson(r, { sensitive })]));
  return {
    items: page.map((r) => ({ a: people.get(r.a)!, b: people.get(r.b)!, score: Math.round(Number(r.score) * 1000) / 1000, reasons: r.reasons, status: r.status })),
    nextCursor: rows.length > f.limit ? Buffer.from(String(offset + f.limit)).toString('base64url') : null,
  };
}
