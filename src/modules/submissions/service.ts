/**
 * Receiving, reading and reviewing submissions. New submissions go through
 * the group-commit writer; edits (deprecatedID) through their own
 * transaction that keeps the whole history.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { instanceToData } from '../../lib/forms/data.js';
import { instanceFacts, InstanceXmlError, parseXml } from '../../lib/forms/instanceXml.js';
import { walk, type FormDefinition } from '../../lib/forms/model.js';
import { evaluateBoolean } from '../../lib/xpath/index.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canFillForm, type AccessEntry } from '../forms/policy.js';
import { onFormChanged } from '../forms/service.js';
import { toInstance, validateInstance } from './validate.js';
import { SubmissionWriter, type NewSubmission, type WriteOutcome } from './writer.js';
import { registryMapping, registryPayload, type RegistryMapping, applyRegistryPayload } from '../registry/fromSubmission.js';

export class SubmissionError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413,
    readonly en: string,
    readonly th: string,
  ) {
    super(en);
  }
}

interface CachedVersion {
  formPk: string;
  formId: string;
  versionId: string;
  version: string;
  state: string;
  ownerOrgId: string | null;
  fillAccess: AccessEntry[];
  viewAccess: AccessEntry[];
  definition: FormDefinition;
  registry: RegistryMapping | null;
  loadedAt: number;
}

export interface SubmissionsDeps {
  sql: Sql;
  writer: SubmissionWriter;
  cache: Map<string, CachedVersion>;
}

export function createSubmissionsDeps(sql: Sql): SubmissionsDeps {
  const deps: SubmissionsDeps = { sql, writer: new SubmissionWriter(sql), cache: new Map() };
  // A closed form must refuse the very next submission, not one a few seconds later.
  onFormChanged((formId) => {
    for (const [key, v] of deps.cache) if (v.formId === formId) deps.cache.delete(key);
  });
  return deps;
}

/** Form versions are immutable; state and access change, so entries live a few seconds. */
const CACHE_MS = 5_000;

async function loadVersion(deps: SubmissionsDeps, formId: string, version: string): Promise<CachedVersion | undefined> {
  const key = `${formId}\u0000${version}`;
  const hit = deps.cache.get(key);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit;
  const [row] = await deps.sql<Omit<CachedVersion, 'loadedAt' | 'registry'>[]>`
    select f.id as form_pk, f.form_id, v.id as version_id, v.version, f.state, f.owner_org_id, f.fill_access, f.view_access, v.definition
    from forms f join form_versions v on v.form_pk = f.id
    where f.form_id = ${formId} and v.version = ${version}`;
  if (!row) {
    deps.cache.delete(key);
    return undefined;
  }
  const entry = { ...row, registry: registryMapping(row.definition), loadedAt: Date.now() };
  if (deps.cache.size > 500) deps.cache.clear();
  deps.cache.set(key, entry);
  return entry;
}

export interface ReceiveInput {
  xml: string;
  attachments: { name: string; contentType: string; data: Buffer }[];
  deviceId?: string | undefined;
}

export interface ReceiveResult {
  outcome: 'created' | 'duplicate' | 'edited';
  id: string;
  instanceId: string;
  reviewState: string;
  issues: unknown[];
}

/** Stores one submission: validated, flagged when it breaks the form's rules, never dropped for that. */
export async function receive(deps: SubmissionsDeps, p: Principal, input: ReceiveInput): Promise<ReceiveResult> {
  let root;
  try {
    root = parseXml(input.xml);
  } catch (err) {
    const e = err as InstanceXmlError;
    throw new SubmissionError(400, `The submission is not well-formed XML${e.line ? ` (line ${e.line}, column ${e.column})` : ''}: ${e.message}`, `ข้อมูลที่ส่งไม่ใช่ XML ที่ถูกต้อง${e.line ? ` (บรรทัด ${e.line} คอลัมน์ ${e.column})` : ''}`);
  }
  const facts = instanceFacts(root);
  if (!facts.formId) throw new SubmissionError(400, 'The root element has no form id attribute', 'ไม่พบรหัสแบบฟอร์ม (id) ในข้อมูลที่ส่ง');
  if (!facts.instanceId) throw new SubmissionError(400, 'The submission has no meta/instanceID', 'ไม่พบ meta/instanceID ในข้อมูลที่ส่ง');
  const v = await loadVersion(deps, facts.formId, facts.version ?? '');
  if (!v) {
    const [any] = await deps.sql`select 1 as x from forms where form_id = ${facts.formId}`;
    throw any
      ? new SubmissionError(404, `Form ${facts.formId} has no version ${facts.version ?? '(none)'}`, `แบบฟอร์ม ${facts.formId} ไม่มีรุ่น ${facts.version ?? '(ไม่ระบุ)'}`)
      : new SubmissionError(404, `No form ${facts.formId}`, `ไม่พบแบบฟอร์ม ${facts.formId}`);
  }
  if (!canFillForm(p, v)) throw new SubmissionError(403, `You may not submit to form ${facts.formId}`, `คุณไม่มีสิทธิ์ส่งข้อมูลแบบฟอร์ม ${facts.formId}`);
  if (v.state === 'closed' || v.state === 'draft') {
    throw new SubmissionError(409, `Form ${facts.formId} is ${v.state} and does not accept submissions`, `แบบฟอร์ม ${facts.formId} ปิดรับข้อมูลแล้ว`);
  }
  const data = instanceToData(root, v.definition);
  const issues: { path: string; rule: string; message: string; messageTh: string }[] = validateInstance(v.definition, root);
  // What the submission writes to the registry, checked before it is queued.
  let registry: NewSubmission['registry'];
  if (v.registry) {
    const rootId = facts.deprecatedId ? await rootOf(deps, facts.deprecatedId) : facts.instanceId;
    const payload = registryPayload(v.definition, v.registry, data, rootId);
    for (const e of payload.errors) issues.push({ path: e.field, rule: 'registry', message: e.message, messageTh: e.messageTh });
    // settings: case_type (and case_if, an expression over the submission): open a follow-up case.
    const caseType = v.definition.settings.case_type?.trim();
    if (caseType && caseHolds(v.definition, root)) {
      payload.openCase = { type: caseType, ownerOrg: p.memberships[0]?.organizationId ?? null, priority: v.definition.settings.case_priority?.trim() || 'normal' };
    }
    registry = { payload, formLabel: `${v.formId} ${v.version}`, fallbackArea: fallbackArea(p) };
  }
  const contentHash = createHash('sha256').update(input.xml).digest('hex');
  const reviewState: 'received' | 'has_issues' = issues.length ? 'has_issues' : 'received';
  const expected = countBinaryAnswers(v.definition, data);
  const row = {
    id: uuidv7(),
    formPk: v.formPk,
    formVersionId: v.versionId,
    instanceId: facts.instanceId,
    instanceName: facts.instanceName ?? null,
    xml: input.xml,
    dataJson: JSON.stringify(data),
    contentHash,
    submitterId: p.userId,
    deviceId: input.deviceId ?? null,
    reviewState: reviewState,
    issuesJson: JSON.stringify(issues),
    areaCode: null,
    attachmentsExpected: expected,
    attachments: input.attachments,
    actor: actorOf(p),
    registry,
  };
  if (facts.deprecatedId) return edit(deps, p, row, facts.deprecatedId, issues);
  const out: WriteOutcome = await deps.writer.submit(row);
  if (out.kind === 'conflict') {
    throw new SubmissionError(409, `A different submission with instanceID ${facts.instanceId} was already received`, `มีข้อมูลอื่นที่ใช้ instanceID ${facts.instanceId} อยู่แล้ว`);
  }
  return { outcome: out.kind, id: out.id, instanceId: facts.instanceId, reviewState, issues };
}

/** Whether a form's case_if setting holds for a submission (no case_if: always). */
function caseHolds(form: FormDefinition, root: ReturnType<typeof parseXml>): boolean {
  const rule = form.settings.case_if?.trim();
  if (!rule) return true;
  // ${name} in the setting is resolved against the form's fields, as pyxform does for binds.
  const paths = new Map<string, string>();
  for (const n of walk(form.root)) if (n.kind === 'question') paths.set(n.name, n.path);
  const expr = rule.replace(/\$\{([^}]+)\}/g, (_m, name: string) => paths.get(name.trim()) ?? '/__missing__');
  try {
    const tree = toInstance(root);
    return evaluateBoolean(expr, { contextNode: tree, root: tree, timeZoneOffset: 420 });
  } catch {
    return false;
  }
}

/** The first instanceID of the chain an edit belongs to (registry records are keyed by it). */
async function rootOf(deps: SubmissionsDeps, deprecatedId: string): Promise<string> {
  const [r] = await deps.sql<{ rootId: string }[]>`select root_id from submissions where instance_id = ${deprecatedId}`;
  return r?.rootId ?? deprecatedId;
}

/** Where a volunteer works, when a form does not ask for the area: their one subdistrict, village or community scope. */
function fallbackArea(p: Principal): string | null {
  const scopes = [...new Set(p.memberships.map((m) => m.areaScope))];
  return scopes.length === 1 && scopes[0]!.length >= 6 ? scopes[0]! : null;
}

/** Binary answers (photos, audio, files) the submission names: how many attachments to expect. */
function countBinaryAnswers(form: FormDefinition, data: Record<string, unknown>): number {
  let n = 0;
  const visit = (nodes: FormDefinition['root']['children'], obj: Record<string, unknown>) => {
    for (const node of nodes) {
      const value = obj[node.name];
      if (node.kind === 'question') {
        if (node.bindType === 'binary' && typeof value === 'string' && value.trim()) n++;
      } else if (node.kind === 'repeat') {
        for (const item of Array.isArray(value) ? (value as Record<string, unknown>[]) : []) visit(node.children, item);
      } else if (value && typeof value === 'object') {
        visit(node.children, value as Record<string, unknown>);
      }
    }
  };
  visit(form.root.children, data);
  return n;
}

async function edit(deps: SubmissionsDeps, p: Principal, row: Parameters<SubmissionWriter['submit']>[0], deprecatedId: string, issues: unknown[]): Promise<ReceiveResult> {
  return deps.sql.begin(async (tx) => {
    const [same] = await tx<{ id: string; hash: string }[]>`select id, encode(content_hash, 'hex') as hash from submissions where instance_id = ${row.instanceId}`;
    if (same) {
      if (same.hash === row.contentHash) return { outcome: 'duplicate', id: same.id, instanceId: row.instanceId, reviewState: row.reviewState, issues };
      throw new SubmissionError(409, `A different submission with instanceID ${row.instanceId} was already received`, `มีข้อมูลอื่นที่ใช้ instanceID ${row.instanceId} อยู่แล้ว`);
    }
    const [old] = await tx<{ id: string; rootId: string; current: boolean; formPk: string }[]>`
      select id, root_id, current, form_pk from submissions where instance_id = ${deprecatedId} for update`;
    if (!old || old.formPk !== row.formPk) {
      throw new SubmissionError(404, `No submission ${deprecatedId} to replace`, `ไม่พบข้อมูล ${deprecatedId} ที่ต้องการแก้ไข`);
    }
    if (!old.current) {
      throw new SubmissionError(409, `Submission ${deprecatedId} was already replaced by a newer edit`, `ข้อมูล ${deprecatedId} ถูกแก้ไขไปแล้วโดยฉบับที่ใหม่กว่า`);
    }
    await tx`update submissions set current = false where id = ${old.id}`;
    await tx`
      insert into submissions (id, form_pk, form_version_id, instance_id, root_id, deprecated_id, instance_name, xml, data, content_hash,
                               submitter_id, device_id, review_state, issues, area_code, attachments_expected, attachments_present)
      values (${row.id}, ${row.formPk}, ${row.formVersionId}, ${row.instanceId}, ${old.rootId}, ${deprecatedId}, ${row.instanceName}, ${row.xml},
              ${row.dataJson}::text::jsonb, decode(${row.contentHash}, 'hex'), ${row.submitterId}, ${row.deviceId}, ${row.reviewState}, ${row.issuesJson}::text::jsonb,
              ${row.areaCode}, ${row.attachmentsExpected}, ${row.attachments.length})`;
    // Attachments the edit did not resend are carried over from the version it replaces.
    for (const a of row.attachments) {
      await tx`insert into submission_attachments (submission_id, name, content_type, size, data)
               values (${row.id}, ${a.name}, ${a.contentType}, ${a.data.length}, ${a.data})`;
    }
    await tx`insert into submission_attachments (submission_id, name, content_type, size, data, received_at)
             select ${row.id}, name, content_type, size, data, received_at from submission_attachments
             where submission_id = ${old.id} on conflict do nothing`;
    if (row.registry) {
      await applyRegistryPayload(tx, row.registry.payload, { submissionId: row.id, instanceId: row.instanceId, formLabel: row.registry.formLabel, recordedBy: row.submitterId, fallbackArea: row.registry.fallbackArea });
    }
    await audit.record(tx, actorOf(p), {
      action: 'submission.edit',
      entity: 'submission',
      entityId: row.instanceId,
      changes: { deprecatedId, rootId: old.rootId },
    });
    return { outcome: 'edited', id: row.id, instanceId: row.instanceId, reviewState: row.reviewState, issues };
  });
}

export { notFound, problem };
