/**
 * From forms to the registry. An XLSForm field with a `save_to` column
 * (as in ODK entities) names the registry property it fills: household
 * properties from fields outside repeats, one person per instance of a
 * repeat (household members), or one person from fields outside repeats
 * (the respondent). Each submission creates or updates its household and
 * people in the transaction that stores it; records are found again by
 * the submission's first instanceID (so an edit updates, a retry changes
 * nothing) or by an identical valid national ID.
 */
import type { Db } from '../../db/index.js';
import type { DataObject } from '../../lib/forms/data.js';
import type { FormDefinition, FormNode, XlsFormIssue } from '../../lib/forms/model.js';
import { nameKeys } from './keys.js';
import { refreshSubjects } from '../indicators/evaluate.js';
import { checkValues, completeLegalBasis, legalBasisRequired, PROPERTIES, type FieldError } from './properties.js';

const SAVE_TO = 'bind::entities:saveto';

interface FieldMap {
  /** Names from the containing object down to the value. */
  path: string[];
  property: string;
}

export interface RegistryMapping {
  household: FieldMap[];
  respondent: FieldMap[];
  repeats: { repeatPath: string[]; fields: FieldMap[] }[];
}

/** The form's save_to fields, or null when the form feeds no registry record. */
export function registryMapping(form: FormDefinition): RegistryMapping | null {
  const m: RegistryMapping = { household: [], respondent: [], repeats: [] };
  const visit = (nodes: FormNode[], rel: string[], repeat: { repeatPath: string[]; fields: FieldMap[] } | null) => {
    for (const n of nodes) {
      if (n.kind === 'question') {
        const prop = n.extra?.[SAVE_TO]?.trim();
        if (!prop || !(prop in PROPERTIES)) continue;
        const field = { path: [...rel, n.name], property: prop };
        if (repeat && PROPERTIES[prop]!.entity === 'person') repeat.fields.push(field);
        else if (PROPERTIES[prop]!.entity === 'household') m.household.push(field);
        else m.respondent.push(field);
      } else if (n.kind === 'group') {
        visit(n.children, [...rel, n.name], repeat);
      } else {
        const r = { repeatPath: repeat ? [...repeat.repeatPath, ...rel, n.name] : [...rel, n.name], fields: [] as FieldMap[] };
        m.repeats.push(r);
        visit(n.children, [], r);
      }
    }
  };
  visit(form.root.children, [], null);
  m.repeats = m.repeats.filter((r) => r.fields.length > 0);
  return m.household.length || m.respondent.length || m.repeats.length ? m : null;
}

/**
 * What is wrong with a form's save_to column, for the upload to refuse at
 * its sheet and row: a name that is no registry property, and health or
 * disability values (PDPA s.26) saved by a form that gives no legal basis
 * for them (no field saves to legalBasis).
 */
export function saveToIssues(form: FormDefinition): XlsFormIssue[] {
  const issues: XlsFormIssue[] = [];
  const sensitive: { node: FormNode; property: string }[] = [];
  let basisGiven = false;
  const visit = (nodes: FormNode[]) => {
    for (const n of nodes) {
      const prop = n.extra?.[SAVE_TO]?.trim();
      if (prop && !(prop in PROPERTIES)) {
        issues.push({
          sheet: n.source.sheet,
          row: n.source.row,
          column: 'save_to',
          message: `save_to "${prop}" is not a registry property (${Object.keys(PROPERTIES).join(', ')})`,
          messageTh: `save_to "${prop}" ไม่ใช่คุณสมบัติของทะเบียน (${Object.keys(PROPERTIES).join(', ')})`,
        });
      } else if (prop && PROPERTIES[prop]!.sensitive) sensitive.push({ node: n, property: prop });
      else if (prop === 'legalBasis') basisGiven = true;
      if (n.kind !== 'question') visit(n.children);
    }
  };
  visit(form.root.children);
  if (!basisGiven) {
    for (const { node, property } of sensitive) {
      issues.push({
        sheet: node.source.sheet,
        row: node.source.row,
        column: 'save_to',
        message: `save_to "${property}" is health data (PDPA s.26) and needs a legal basis: add a field with save_to legalBasis (a consent question, or a calculate giving the basis such as 'public_task')`,
        messageTh: `save_to "${property}" เป็นข้อมูลสุขภาพ (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล มาตรา 26) ต้องมีฐานทางกฎหมาย: เพิ่มช่องที่มี save_to legalBasis (คำถามขอความยินยอม หรือ calculate ที่ให้ค่าฐาน เช่น 'public_task')`,
      });
    }
  }
  return issues;
}

function at(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as DataObject)[p];
  }
  return cur;
}

function valuesOf(obj: unknown, fields: FieldMap[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const f of fields) {
    const v = at(obj, f.path);
    if (typeof v === 'string' && v.trim() !== '') raw[f.property] = v;
  }
  return raw;
}

export interface RegistryPayload {
  /** A case to open about the first person (or the household) when the form's case_if held. */
  openCase?: { type: string; ownerOrg: string | null; priority: string } | undefined;
  source: string;
  rootId: string;
  household: Record<string, string | number | null>;
  people: { key: string; values: Record<string, string | number | null> }[];
  /** Values the registry refused (an invalid national ID …): reported with the submission. */
  errors: FieldError[];
}

/** What a submission writes to the registry, checked (no database needed). */
export function registryPayload(form: FormDefinition, mapping: RegistryMapping, data: DataObject, rootId: string): RegistryPayload {
  const errors: FieldError[] = [];
  const check = (raw: Record<string, string>, where: string) => {
    const r = checkValues(raw);
    for (const e of r.errors) {
      errors.push({ ...e, field: `${where}${e.field}` });
      delete r.values[e.field];
    }
    return r.values;
  };
  const household = check(valuesOf(data, mapping.household), '');
  const people: RegistryPayload['people'] = [];
  const respondent = mapping.respondent.length ? check(valuesOf(data, mapping.respondent), '') : {};
  // Health and disability values are kept only with a legal basis: the person's own (a save_to legalBasis
  // field in the repeat), else the one given outside the repeats (consent for the household, or a
  // calculate giving the form's basis). Without one they are left out of the registry, and the
  // submission (kept whole) says so.
  const basisOutside = typeof respondent.legalBasis === 'string' ? respondent.legalBasis : null;
  const withBasis = (v: Record<string, string | number | null>, where: string) => {
    const unfounded = completeLegalBasis(v, basisOutside);
    if (unfounded.length) errors.push(legalBasisRequired(unfounded, where));
    for (const k of unfounded) delete v[k];
    return v;
  };
  if (mapping.respondent.length) {
    const v = withBasis(respondent, '');
    if (v.firstName) people.push({ key: `${rootId}/respondent`, values: v });
  }
  for (const r of mapping.repeats) {
    // Walk down to the repeat's instances (a repeat inside groups or inside another repeat).
    const instances: { obj: DataObject; key: string }[] = [];
    const walk = (obj: unknown, depth: number, key: string) => {
      if (depth === r.repeatPath.length) {
        if (obj && typeof obj === 'object' && !Array.isArray(obj)) instances.push({ obj: obj as DataObject, key });
        return;
      }
      const name = r.repeatPath[depth]!;
      const next = obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as DataObject)[name] : undefined;
      if (Array.isArray(next)) next.forEach((item, i) => walk(item, depth + 1, `${key}/${name}[${i + 1}]`));
      else walk(next, depth + 1, `${key}/${name}`);
    };
    walk(data, 0, rootId);
    for (const inst of instances) {
      const where = `${inst.key.slice(rootId.length + 1)}/`;
      const v = withBasis(check(valuesOf(inst.obj, r.fields), where), where);
      if (v.firstName) people.push({ key: inst.key, values: v });
    }
  }
  return { source: `form:${form.formId}`, rootId, household, people, errors };
}

const COLS = (entity: 'household' | 'person', values: Record<string, unknown>) =>
  Object.keys(values).filter((k) => PROPERTIES[k]?.entity === entity && PROPERTIES[k].column);

/**
 * Writes payloads inside the caller's transaction. Re-applying the same
 * payload finds the same records and writes no new provenance row.
 */
export async function applyRegistryPayload(tx: Db, pl: RegistryPayload, ctx: { submissionId: string; instanceId: string; formLabel: string; recordedBy: string | null; fallbackArea: string | null }): Promise<{ household: string | null; people: string[] }> {
  if (!pl.people.length && !Object.keys(pl.household).length) return { household: null, people: [] };
  const hhKey = typeof pl.household.householdRef === 'string' ? `ref:${pl.household.householdRef}` : pl.rootId;
  const area = (pl.household.areaCode as string | undefined) ?? ctx.fallbackArea;
  const [known] = await tx<{ entityId: string }[]>`select entity_id from source_keys where source = ${pl.source} and entity = 'household' and key = ${hhKey}`;
  let householdId = known?.entityId ?? null;
  const hhValues = Object.fromEntries(COLS('household', pl.household).map((k) => [PROPERTIES[k]!.column, pl.household[k]]));
  if (!householdId && area) {
    const [h] = await tx<{ id: string }[]>`insert into households ${tx({ area_code: area, ...hhValues } as never)} returning id`;
    householdId = h!.id;
    await tx`insert into source_keys (source, entity, key, entity_id) values (${pl.source}, 'household', ${hhKey}, ${householdId})`;
  } else if (householdId && Object.keys(hhValues).length) {
    await tx`update households set ${tx(hhValues as never)} where id = ${householdId}`;
  }
  if (householdId && Object.keys(pl.household).length) await provenance(tx, 'household', householdId, pl.household, ctx);

  const [hh] = householdId ? await tx<{ areaCode: string }[]>`select area_code from households where id = ${householdId}` : [];
  const personArea = hh?.areaCode ?? area;
  const ids: string[] = [];
  for (const person of pl.people) {
    if (!personArea) break;
    const v = person.values;
    let [found] = await tx<{ entityId: string }[]>`select entity_id from source_keys where source = ${pl.source} and entity = 'person' and key = ${person.key}`;
    if (!found && v.idType === 'thai_id' && v.idNumber) {
      // The only automatic match: an identical valid national ID.
      [found] = await tx<{ entityId: string }[]>`select id as entity_id from persons where id_type = 'thai_id' and id_number = ${String(v.idNumber)} and merged_into is null limit 1`;
    }
    const columns: Record<string, unknown> = Object.fromEntries(COLS('person', v).map((k) => [PROPERTIES[k]!.column, v[k]]));
    // Who recorded the legal basis, and when: the submitter, as the submission is stored.
    if (v.legalBasis) Object.assign(columns, { legal_basis_by: ctx.recordedBy, legal_basis_at: new Date() });
    const keys = nameKeys(v.firstName as string | undefined, v.lastName as string | undefined, v.firstNameLatin as string | undefined, v.lastNameLatin as string | undefined);
    let id: string;
    if (found) {
      id = found.entityId;
      const named = v.firstName || v.lastName ? keys : {};
      if (Object.keys(columns).length) {
        await tx`update persons set ${tx({ ...columns, ...named, household_id: householdId, area_code: personArea } as never)} where id = ${id}`;
      }
    } else {
      const [row] = await tx<{ id: string }[]>`insert into persons ${tx({ ...columns, ...keys, id_type: v.idType ?? 'none', household_id: householdId, area_code: personArea } as never)} returning id`;
      id = row!.id;
    }
    await tx`insert into source_keys (source, entity, key, entity_id) values (${pl.source}, 'person', ${person.key}, ${id}) on conflict do nothing`;
    await provenance(tx, 'person', id, v, ctx);
    ids.push(id);
  }
  await refreshSubjects(tx, { persons: ids, households: householdId ? [householdId] : [] });
  if (pl.openCase && pl.openCase.ownerOrg && (ids[0] || householdId)) {
    // A screening that calls for follow-up opens a case, once per subject and type.
    const subject = ids[0] ? { type: 'person', id: ids[0] } : { type: 'household', id: householdId! };
    const [area] = subject.type === 'person'
      ? await tx<{ areaCode: string }[]>`select area_code from persons where id = ${subject.id}`
      : await tx<{ areaCode: string }[]>`select area_code from households where id = ${subject.id}`;
    const opened = await tx<{ id: string }[]>`
      insert into cases (subject_type, subject_id, area_code, type, priority, owner_org, source, source_id, created_by)
      select ${subject.type}, ${subject.id}, ${area!.areaCode}, ${pl.openCase.type}, ${pl.openCase.priority}, ${pl.openCase.ownerOrg}, 'submission', ${ctx.instanceId}, ${ctx.recordedBy}
      where exists (select 1 from case_types where code = ${pl.openCase.type} and active)
      on conflict (subject_id, type) where status in ('open', 'in_progress') do nothing
      returning id`;
    if (opened[0]) await tx`insert into case_events (case_id, kind, data, by_user) values (${opened[0].id}, 'opened', ${tx.json({ submission: ctx.instanceId })}, ${ctx.recordedBy})`;
  }
  return { household: householdId, people: ids };
}

/** A provenance row, unless this very submission already gave these values (a retry). */
async function provenance(tx: Db, entity: 'household' | 'person', id: string, values: Record<string, unknown>, ctx: { instanceId: string; formLabel: string; recordedBy: string | null }): Promise<void> {
  await tx`
    insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values", recorded_by)
    select ${entity}, ${id}, 'submission', ${ctx.instanceId}, ${ctx.formLabel}, ${tx.json(values as never)}, ${ctx.recordedBy}
    where not exists (select 1 from record_sources where entity_id = ${id} and source_kind = 'submission' and source_id = ${ctx.instanceId})`;
}
