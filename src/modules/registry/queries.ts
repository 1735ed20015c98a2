/** SQL of the registry: scoped lists, search, records. */
import { NAME_SIMILARITY_THRESHOLD, type Db } from '../../db/index.js';
import type { HouseholdRow, PersonRow } from './presenters.js';

export const PERSON_COLUMNS = (db: Db) => db`
  p.id, p.household_id, p.area_code, p.relation_to_head, p.first_name, p.last_name, p.first_name_latin, p.last_name_latin,
  p.sex, p.birth_date::text as birth_date, p.birth_year, p.nationality, p.id_type, p.id_number, p.registry_status, p.phone, p.line_id,
  p.in_school, p.occupation, p.disability, p.bedridden, p.chronic_illness, p.vaccinated, p.moved_in_on::text as moved_in_on,
  p.moved_out_on::text as moved_out_on, p.legal_basis, p.merged_into, p.erased_at, p.created_at, p.updated_at`;

/** Who recorded the person's legal basis, when and on what: for the person's own page, not for every row of a list. */
const BASIS_RECORD_COLUMNS = (db: Db) => db`
  p.legal_basis_note, p.legal_basis_at, (select u.display_name from users u where u.id = p.legal_basis_by) as legal_basis_by_name`;

function scope(db: Db, column: string, prefixes: string[] | null) {
  return prefixes === null ? db`true` : db`${db(column)} like any(${prefixes.map((p) => p + '%')}::text[])`;
}

export interface PeopleQuery {
  prefixes: string[] | null;
  area?: string | undefined;
  limit: number;
}

/** People of an area subtree in id order (keyset paging). */
export async function listPeople(db: Db, q: PeopleQuery, after?: string): Promise<PersonRow[]> {
  return db<PersonRow[]>`
    select ${PERSON_COLUMNS(db)} from persons p
    where p.merged_into is null and ${scope(db, 'p.area_code', q.prefixes)}
      ${q.area ? db`and p.area_code like ${q.area + '%'}` : db``}
      ${after ? db`and p.id > ${after}` : db``}
    order by p.id
    limit ${q.limit}`;
}

/** Live (not merged) people in the caller's areas and the area asked for. */
function live(db: Db, q: PeopleQuery) {
  return db`p.merged_into is null and ${scope(db, 'p.area_code', q.prefixes)} ${q.area ? db`and p.area_code like ${q.area + '%'}` : db``}`;
}

export type SearchKind = 'id' | 'house' | 'name';

/**
 * Search, best match first: an ID number exactly; a house number within
 * the area; a name by trigram word similarity of the loose match key
 * (partial and misspelt names), boosted for the same phonetic key.
 */
export async function searchPeople(
  db: Db,
  q: PeopleQuery & { kind: SearchKind; text: string; key?: string | undefined; phonetic?: string | undefined },
  offset: number,
): Promise<(PersonRow & { score: number })[]> {
  const where = live(db, q);
  if (q.kind === 'id') {
    return db<(PersonRow & { score: number })[]>`
      select ${PERSON_COLUMNS(db)}, 1.0::float8 as score from persons p
      where p.id_number = ${q.text} and ${where}
      order by p.id limit ${q.limit} offset ${offset}`;
  }
  if (q.kind === 'house') {
    return db<(PersonRow & { score: number })[]>`
      select ${PERSON_COLUMNS(db)}, 1.0::float8 as score from persons p
      join households h on h.id = p.household_id
      where h.house_no = ${q.text} and ${where}
      order by p.area_code, h.id, p.relation_to_head = 'head' desc, p.birth_year nulls last
      limit ${q.limit} offset ${offset}`;
  }
  const wanted = offset + q.limit;
  const key = q.key ?? '';
  const phonetic = q.phonetic ?? '';
  // A common name matches thousands of people at the loose threshold, and
  // every one of them would be fetched and scored. Stricter thresholds come
  // first: when the page one gives ends at a score no lower than its
  // threshold, nobody it left out could rank on the page (each scores below
  // that threshold), so the page is exactly the loose search's page.
  return inTransaction(db, async (tx) => {
    const set = (threshold: number) => tx`select set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`;
    try {
      for (const threshold of STRICTER_NAME_THRESHOLDS) {
        await set(threshold);
        const rows = await nameMatches(tx, q, key, phonetic, wanted);
        const last = rows[wanted - 1];
        if (last && Number(last.score) >= threshold) return rows.slice(offset);
      }
    } finally {
      await set(NAME_SIMILARITY_THRESHOLD);
    }
    return (await nameMatches(tx, q, key, phonetic, wanted)).slice(offset);
  });
}

/**
 * The stricter passes of a name search (see searchPeople): 0.8 answers a
 * common first name (its people score about 0.85: the key has no space
 * before the surname), 0.6 a full name with a common surname.
 */
const STRICTER_NAME_THRESHOLDS = [0.8, 0.6];

/**
 * The best `wanted` people by name score: word similarity of the loose match
 * key (at the connection's threshold), or 0.75 for the same phonetic key, plus
 * 0.5 for the same key. Scored on the narrow index columns first; the rest of
 * the row is read for the page only.
 */
async function nameMatches(db: Db, q: PeopleQuery, key: string, phonetic: string, wanted: number): Promise<(PersonRow & { score: number })[]> {
  return db<(PersonRow & { score: number })[]>`
    with best as (
      select p.id,
             greatest(word_similarity(${key}, p.name_key), case when p.phonetic_key = ${phonetic} then 0.75 else 0 end)
               + case when p.name_key = ${key} then 0.5 else 0 end as score
      from persons p
      where (${key} <% p.name_key or p.phonetic_key = ${phonetic}) and ${live(db, q)}
      order by score desc, p.id
      limit ${wanted}
    )
    select ${PERSON_COLUMNS(db)}, best.score from best join persons p on p.id = best.id
    order by best.score desc, p.id`;
}

/** Runs `fn` in the caller's transaction, or in one of its own (set_config(…, true) lasts until its end). */
async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return 'begin' in db ? ((await db.begin(fn)) as T) : fn(db);
}

export async function personById(db: Db, id: string, prefixes: string[] | null): Promise<PersonRow | undefined> {
  const [r] = await db<PersonRow[]>`
    select ${PERSON_COLUMNS(db)}, ${BASIS_RECORD_COLUMNS(db)} from persons p where p.id = ${id} and ${scope(db, 'p.area_code', prefixes)}`;
  return r;
}

export const HOUSEHOLD_COLUMNS = (db: Db) => db`h.id, h.area_code, h.community, h.house_no, h.moo, h.address, h.lat, h.lon, h.tenure, h.monthly_income, h.updated_at`;

export async function householdById(db: Db, id: string, prefixes: string[] | null): Promise<HouseholdRow | undefined> {
  const [r] = await db<HouseholdRow[]>`select ${HOUSEHOLD_COLUMNS(db)} from households h where h.id = ${id} and ${scope(db, 'h.area_code', prefixes)}`;
  return r;
}

export async function membersOf(db: Db, householdId: string): Promise<PersonRow[]> {
  return db<PersonRow[]>`
    select ${PERSON_COLUMNS(db)} from persons p
    where p.household_id = ${householdId} and p.merged_into is null
    order by p.relation_to_head = 'head' desc, p.birth_date nulls last, p.birth_year nulls last, p.first_name`;
}

export interface TimelineEntry {
  at: Date;
  kind: string;
  sourceId: string | null;
  label: string | null;
  values: unknown;
  by: string | null;
}

/** Sources that supplied values, and audited changes, newest first. */
export async function timeline(db: Db, entity: 'person' | 'household', id: string): Promise<TimelineEntry[]> {
  return db<TimelineEntry[]>`
    select * from (
      select s.recorded_at as at, s.source_kind as kind, s.source_id, s.source_label as label, s."values" as values, u.display_name as by
      from record_sources s left join users u on u.id = s.recorded_by
      where s.entity_id = ${id}
      union all
      select a.at, a.action, null, null, a.changes, a.actor_label
      from audit_log a where a.entity = ${entity} and a.entity_id = ${id} and a.action not like '%.view%'
    ) t order by at desc limit 200`;
}
