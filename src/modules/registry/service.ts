/**
 * Registry reads: scoped lists and search, person and household records
 * with provenance and timeline, and the PDPA duties (audited views of
 * sensitive data, the data-subject export, erasure).
 */
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { matchKey, phoneticKey } from '../../lib/thai/names.js';
import { normaliseNationalId } from '../../lib/thai/nationalId.js';
import { areaPrefixes, inScope } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { refreshSubjects } from '../indicators/evaluate.js';
import { canManageRegistry, canSeeSensitive } from './policy.js';
import { presentHousehold, presentPerson } from './presenters.js';
import * as q from './queries.js';

const PERSON = { en: 'person', th: 'บุคคล' };
const HOUSEHOLD = { en: 'household', th: 'ครัวเรือน' };

function checkArea(p: Principal, area: string | undefined): void {
  if (!area) return;
  const prefixes = areaPrefixes(p);
  // An area above the caller's scope is fine (the scope still applies); one beside it is not theirs.
  if (prefixes !== null && !prefixes.some((s) => area.startsWith(s) || s.startsWith(area))) {
    throw notFound({ en: 'area', th: 'พื้นที่' }, area);
  }
}

function classify(text: string): { kind: q.SearchKind; text: string } {
  const digits = normaliseNationalId(text);
  if (/^[0-9]{13}$/.test(digits)) return { kind: 'id', text: digits };
  if (/^[0-9]+(\/[0-9]+)?[ก-ฮA-Za-z]?$/.test(text.trim())) return { kind: 'house', text: text.trim() };
  if (/^[A-Z]{1,3}[0-9]{6,9}$/i.test(text.trim())) return { kind: 'id', text: text.trim().toUpperCase() };
  return { kind: 'name', text: text.trim() };
}

export async function listPeople(sql: Sql, p: Principal, f: { q?: string | undefined; area?: string | undefined; limit: number; cursor?: string | undefined }) {
  checkArea(p, f.area);
  const sensitive = await canSeeSensitive(sql, p);
  const base = { prefixes: areaPrefixes(p), area: f.area, limit: f.limit + 1 };
  if (f.q && f.q.trim()) {
    const offset = f.cursor ? Number(Buffer.from(f.cursor, 'base64url').toString()) || 0 : 0;
    const c = classify(f.q);
    const rows = await q.searchPeople(sql, { ...base, kind: c.kind, text: c.text, key: c.kind === 'name' ? matchKey(c.text) : undefined, phonetic: c.kind === 'name' ? phoneticKey(c.text) : undefined }, offset);
    const page = rows.slice(0, f.limit);
    return {
      items: page.map((r) => ({ ...presentPerson(r, { sensitive }), score: Math.round(Number(r.score) * 1000) / 1000 })),
      nextCursor: rows.length > f.limit ? Buffer.from(String(offset + f.limit)).toString('base64url') : null,
    };
  }
  const rows = await q.listPeople(sql, base, f.cursor ? Buffer.from(f.cursor, 'base64url').toString() : undefined);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentPerson(r, { sensitive })), nextCursor: rows.length > f.limit && last ? Buffer.from(last.id).toString('base64url') : null };
}

/** Where each current value came from: the newest source that supplied it. */
async function provenance(sql: Sql, id: string): Promise<Record<string, { kind: string; label: string | null; sourceId: string | null; at: string }>> {
  const rows = await sql<{ key: string; kind: string; label: string | null; sourceId: string | null; at: Date }[]>`
    select distinct on (k.key) k.key, s.source_kind as kind, s.source_label as label, s.source_id, s.recorded_at as at
    from record_sources s, jsonb_object_keys(s."values") k(key)
    where s.entity_id = ${id}
    order by k.key, s.id desc`;
  return Object.fromEntries(rows.map((r) => [r.key, { kind: r.kind, label: r.label, sourceId: r.sourceId, at: r.at.toISOString() }]));
}

export async function getPerson(sql: Sql, p: Principal, id: string) {
  const row = await q.personById(sql, id, areaPrefixes(p));
  if (!row) throw notFound(PERSON, id);
  const sensitive = await canSeeSensitive(sql, p);
  const household = row.householdId ? await q.householdById(sql, row.householdId, null) : undefined;
  const [sources, timeline] = await Promise.all([provenance(sql, id), q.timeline(sql, 'person', id)]);
  if (sensitive) {
    // PDPA: every view of a person's sensitive data is on record.
    await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'person.view_sensitive', entity: 'person', entityId: id }));
  }
  const hideSensitive = (v: unknown) => {
    if (sensitive || !v || typeof v !== 'object') return v;
    const { disability: _a, bedridden: _b, chronicIllness: _c, vaccinated: _d, ...rest } = v as Record<string, unknown>;
    return rest;
  };
  return {
    ...presentPerson(row, { sensitive }),
    household: household ? presentHousehold(household) : null,
    sources: Object.fromEntries(Object.entries(sources).filter(([k]) => sensitive || !['disability', 'bedridden', 'chronicIllness', 'vaccinated'].includes(k))),
    timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString(), values: hideSensitive(t.values) })),
    sensitiveShown: sensitive,
  };
}

export async function getHousehold(sql: Sql, p: Principal, id: string) {
  const h = await q.householdById(sql, id, areaPrefixes(p));
  if (!h) throw notFound(HOUSEHOLD, id);
  const sensitive = await canSeeSensitive(sql, p);
  const [members, timeline] = await Promise.all([q.membersOf(sql, id), q.timeline(sql, 'household', id)]);
  if (sensitive && members.length) {
    await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'household.view_sensitive', entity: 'household', entityId: id, changes: { members: members.length } }));
  }
  return {
    ...presentHousehold(h),
    members: members.map((m) => presentPerson(m, { sensitive })),
    timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}

/** Everything held about a person (PDPA right of access), for the person themself; audited. */
export async function exportPerson(sql: Sql, p: Principal, id: string) {
  if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins export a person’s data', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่ส่งออกข้อมูลของบุคคลได้' });
  const row = await q.personById(sql, id, areaPrefixes(p));
  if (!row) throw notFound(PERSON, id);
  const sources = await sql<{ kind: string; label: string | null; sourceId: string | null; values: unknown; at: Date }[]>`
    select source_kind as kind, source_label as label, source_id, "values" as values, recorded_at as at from record_sources where entity_id = ${id} order by id`;
  const submissions = await sql<{ formId: string; instanceId: string; receivedAt: Date }[]>`
    select f.form_id, s.instance_id, s.received_at from record_sources r
    join submissions s on s.instance_id = r.source_id join forms f on f.id = s.form_pk
    where r.entity_id = ${id} and r.source_kind = 'submission' order by s.received_at`;
  const household = row.householdId ? await q.householdById(sql, row.householdId, null) : undefined;
  const exportedAt = new Date().toISOString();
  await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'person.export', entity: 'person', entityId: id }));
  return {
    exportedAt,
    exportedBy: p.email,
    person: presentPerson(row, { sensitive: true }),
    household: household ? presentHousehold(household) : null,
    sources: sources.map((s) => ({ ...s, at: s.at.toISOString() })),
    submissions: submissions.map((s) => ({ ...s, receivedAt: s.receivedAt.toISOString() })),
  };
}

/**
 * Erasure (PDPA right to erasure) by anonymisation: direct identifiers go,
 * what aggregates count stays (area, sex, birth year, the yes/no
 * attributes), so area figures do not change. Provenance values are
 * scrubbed of the same identifiers. Irreversible; audited.
 */
export async function erasePerson(sql: Sql, p: Principal, id: string, reason: string) {
  if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins erase a person', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่ลบข้อมูลบุคคลได้' });
  const row = await q.personById(sql, id, areaPrefixes(p));
  if (!row) throw notFound(PERSON, id);
  if (!inScope(areaPrefixes(p), row.areaCode)) throw notFound(PERSON, id);
  await sql.begin(async (tx) => {
    await tx`
      update persons set
        first_name = 'ลบแล้ว', last_name = null, first_name_latin = null, last_name_latin = null,
        name_norm = null, name_key = null, phonetic_key = null, latin_key = null,
        birth_year = coalesce(birth_year, extract(year from birth_date)::int), birth_date = null,
        id_type = 'none', id_number = null, phone = null, line_id = null, erased_at = now()
      where id = ${id}`;
    await tx`
      update record_sources set "values" = "values" - array['firstName','lastName','firstNameLatin','lastNameLatin','birthDate','idNumber','phone','lineId']
      where entity_id = ${id}`;
    await tx`delete from source_keys where entity = 'person' and entity_id = ${id}`;
    await tx`delete from link_candidates where a = ${id} or b = ${id}`;
    await refreshSubjects(tx, { persons: [id] });
    await audit.record(tx, actorOf(p), { action: 'person.erase', entity: 'person', entityId: id, changes: { reason } });
  });
  return { id, erased: true };
}
