/**
 * Forms: XLSForm uploads become versions (same form_id, new version),
 * with a lifecycle draft → open → closing → closed, and access lists for
 * who fills and who sees them.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db, Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import type { FormDefinition } from '../../lib/forms/model.js';
import { formHash, readXlsForm, toXForm } from '../../lib/xlsform/index.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { saveToIssues } from '../registry/fromSubmission.js';
import { canCreateForms, canFillForm, canManageForm, canViewSubmissions, owningOrganization, type AccessEntry } from './policy.js';

/** Listeners told when a form's state or access changes (caches of the submission path). */
const changeListeners = new Set<(formId: string) => void>();
export function onFormChanged(listener: (formId: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
function formChanged(formId: string): void {
  for (const l of changeListeners) l(formId);
}

export const FORM_STATES = ['draft', 'open', 'closing', 'closed'] as const;
export type FormState = (typeof FORM_STATES)[number];

export interface FormRow {
  id: string;
  formId: string;
  title: string;
  state: FormState;
  fillAccess: AccessEntry[];
  viewAccess: AccessEntry[];
  ownerOrgId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRow {
  id: string;
  formPk: string;
  version: string;
  title: string;
  hash: string;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface FormView {
  formId: string;
  title: string;
  state: FormState;
  version: string | null;
  hash: string | null;
  versions: { version: string; publishedAt: string | null; createdAt: string }[];
  fillAccess: AccessEntry[];
  viewAccess: AccessEntry[];
  ownerOrgId: string | null;
  canFill: boolean;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

const FORM = { en: 'form', th: 'แบบฟอร์ม' };

export async function formRow(db: Db, formId: string, lock = false): Promise<FormRow | undefined> {
  const [f] = await db<FormRow[]>`select * from forms where form_id = ${formId} ${lock ? db`for update` : db``}`;
  return f;
}

/** The newest published version (or, for a draft form, the newest version). */
export async function currentVersion(db: Db, formPk: string, opts: { includeDrafts?: boolean } = {}): Promise<(VersionRow & { definition: FormDefinition; xform: string }) | undefined> {
  const [v] = await db<(VersionRow & { definition: FormDefinition; xform: string })[]>`
    select id, form_pk, version, title, hash, published_at, created_at, definition, xform
    from form_versions
    where form_pk = ${formPk} ${opts.includeDrafts ? db`` : db`and published_at is not null`}
    order by published_at desc nulls first, created_at desc
    limit 1`;
  return v;
}

export async function versionByName(db: Db, formPk: string, version: string) {
  const [v] = await db<(VersionRow & { definition: FormDefinition })[]>`
    select id, form_pk, version, title, hash, published_at, created_at, definition
    from form_versions where form_pk = ${formPk} and version = ${version}`;
  return v;
}

async function present(db: Db, p: Principal, f: FormRow): Promise<FormView> {
  const versions = await db<VersionRow[]>`
    select id, form_pk, version, title, hash, published_at, created_at from form_versions
    where form_pk = ${f.id} order by created_at desc`;
  const current = versions.find((v) => v.publishedAt) ?? (f.state === 'draft' ? versions[0] : undefined);
  return {
    formId: f.formId,
    title: f.title,
    state: f.state,
    version: current?.version ?? null,
    hash: current?.hash ?? null,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt?.toISOString() ?? null, createdAt: v.createdAt.toISOString() })),
    fillAccess: f.fillAccess,
    viewAccess: f.viewAccess,
    ownerOrgId: f.ownerOrgId,
    canFill: f.state === 'open' && canFillForm(p, f),
    canManage: canManageForm(p, f),
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export interface UploadResult {
  created: boolean;
  formId: string;
  version: string;
  title: string;
}

/**
 * Reads an XLSForm and stores it as a new form or a new version of an
 * existing one. Every problem of the file is reported at once (400); the
 * same form_id and version again is 409 unless the file is identical.
 */
export async function upload(sql: Sql, p: Principal, file: { filename: string; data: Buffer }, opts: { publish: boolean }): Promise<UploadResult> {
  if (!canCreateForms(p)) {
    throw problem('forbidden', { detail: 'Only coordinators and organisation admins publish forms', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลองค์กรเท่านั้นที่เผยแพร่แบบฟอร์มได้' });
  }
  const read = await readXlsForm(file.data, file.filename);
  // A readable form is checked against the registry too: save_to names its properties, and health values need a legal basis.
  const issues = 'issues' in read ? read.issues : saveToIssues(read.form);
  if ('issues' in read || issues.length) {
    throw problem('xlsform_invalid', {
      detail: `${issues.length} problem(s) found in ${file.filename}`,
      detailTh: `พบข้อผิดพลาด ${issues.length} รายการใน ${file.filename}`,
      errors: issues,
    });
  }
  const form = read.form;
  const xform = toXForm(form);
  const hash = formHash(xform);
  return sql.begin(async (tx) => {
    // One upload of a form_id at a time.
    await tx`select pg_advisory_xact_lock(hashtext(${'form:' + form.formId}))`;
    let f = await formRow(tx, form.formId, true);
    const publishedAt = opts.publish ? new Date() : null;
    if (f) {
      if (!canManageForm(p, f)) throw problem('forbidden', { detail: `Form ${form.formId} belongs to another organisation`, detailTh: `แบบฟอร์ม ${form.formId} เป็นขององค์กรอื่น` });
      const existing = await versionByName(tx, f.id, form.version);
      if (existing) {
        if (existing.hash === hash) return { created: false, formId: form.formId, version: form.version, title: form.title };
        throw problem('form_version_exists', {
          detail: `Form ${form.formId} already has version ${form.version}; change "version" on the settings sheet to publish a new one`,
          detailTh: `แบบฟอร์ม ${form.formId} มีรุ่น ${form.version} อยู่แล้ว กรุณาเปลี่ยนค่า version ในแผ่นงาน settings`,
          errors: [{ sheet: 'settings', row: null, column: 'version', message: `version ${form.version} exists`, messageTh: `มีรุ่น ${form.version} แล้ว` }],
        });
      }
    } else {
      const [created] = await tx<FormRow[]>`
        insert into forms (id, form_id, title, state, owner_org_id, created_by)
        values (${uuidv7()}, ${form.formId}, ${form.title}, ${opts.publish ? 'open' : 'draft'}, ${owningOrganization(p)}, ${p.userId})
        returning *`;
      f = created!;
    }
    await tx`insert into form_versions (id, form_pk, version, title, definition, xform, hash, source_name, source, published_at, created_by)
             values (${uuidv7()}, ${f.id}, ${form.version}, ${form.title}, ${tx.json(form as never)}, ${xform}, ${hash},
                     ${file.filename}, ${file.data}, ${publishedAt}, ${p.userId})`;
    if (opts.publish) {
      await tx`update forms set title = ${form.title}, state = case when state = 'draft' then 'open' else state end where id = ${f.id}`;
    }
    await audit.record(tx, actorOf(p), {
      action: opts.publish ? 'form.publish' : 'form.draft',
      entity: 'form',
      entityId: form.formId,
      changes: { version: form.version, title: form.title, hash, file: file.filename },
    });
    return { created: true, formId: form.formId, version: form.version, title: form.title };
  });
}

export async function list(sql: Sql, p: Principal): Promise<FormView[]> {
  const rows = await sql<FormRow[]>`select * from forms order by title`;
  const visible = rows.filter((f) => canManageForm(p, f) || (f.state !== 'draft' && (canFillForm(p, f) || canViewSubmissions(p, f))));
  return Promise.all(visible.map((f) => present(sql, p, f)));
}

/** A form the caller may see; 404 otherwise. */
export async function visibleForm(db: Db, p: Principal, formId: string): Promise<FormRow> {
  const f = await formRow(db, formId);
  if (!f || !(canManageForm(p, f) || (f.state !== 'draft' && (canFillForm(p, f) || canViewSubmissions(p, f))))) throw notFound(FORM, formId);
  return f;
}

export async function get(sql: Sql, p: Principal, formId: string): Promise<FormView> {
  return present(sql, p, await visibleForm(sql, p, formId));
}

/** The definition (form model) and XForm of the version to fill. */
export async function definition(sql: Sql, p: Principal, formId: string, version?: string) {
  const f = await visibleForm(sql, p, formId);
  const v = version ? await versionByName(sql, f.id, version) : await currentVersion(sql, f.id, { includeDrafts: canManageForm(p, f) });
  if (!v) throw notFound({ en: 'version of form', th: 'รุ่นของแบบฟอร์ม' }, `${formId} ${version ?? ''}`.trim());
  return { form: f, version: v };
}

export async function update(
  sql: Sql,
  p: Principal,
  formId: string,
  patch: { state?: FormState | undefined; fillAccess?: AccessEntry[] | undefined; viewAccess?: AccessEntry[] | undefined },
): Promise<FormView> {
  const view = await sql.begin(async (tx) => {
    const f = await formRow(tx, formId, true);
    if (!f) throw notFound(FORM, formId);
    if (!canManageForm(p, f)) throw problem('forbidden', { detail: `You do not manage form ${formId}`, detailTh: `คุณไม่ได้เป็นผู้ดูแลแบบฟอร์ม ${formId}` });
    if (patch.state === 'open' && !(await currentVersion(tx, f.id))) {
      // Opening a draft publishes its newest version.
      await tx`update form_versions set published_at = now()
               where id = (select id from form_versions where form_pk = ${f.id} order by created_at desc limit 1)`;
    }
    const [after] = await tx<FormRow[]>`
      update forms set
        state = ${patch.state ?? f.state},
        fill_access = ${tx.json((patch.fillAccess ?? f.fillAccess) as never)},
        view_access = ${tx.json((patch.viewAccess ?? f.viewAccess) as never)}
      where id = ${f.id} returning *`;
    const changes = audit.diff({ state: f.state, fillAccess: f.fillAccess, viewAccess: f.viewAccess }, patch);
    if (Object.keys(changes).length) await audit.record(tx, actorOf(p), { action: 'form.update', entity: 'form', entityId: formId, changes });
    return present(tx, p, after!);
  });
  formChanged(formId);
  return view;
}

/** Forms the caller may fill now, with their current version (OpenRosa form list, web app). */
export async function fillable(sql: Sql, p: Principal) {
  const rows = await sql<(FormRow & { versionId: string; version: string; hash: string; versionTitle: string })[]>`
    select f.*, v.id as version_id, v.version, v.hash, v.title as version_title
    from forms f
    join lateral (
      select id, version, hash, title from form_versions
      where form_pk = f.id and published_at is not null
      order by published_at desc limit 1
    ) v on true
    where f.state = 'open'
    order by f.title`;
  return rows.filter((f) => canFillForm(p, f));
}
