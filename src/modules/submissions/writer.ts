/**
 * Group commit for new submissions. Requests arriving together are written
 * by one multi-row INSERT … ON CONFLICT (instance_id) DO NOTHING in one
 * transaction; each request is answered only after that transaction has
 * committed. A retry of a stored instanceID is recognised by its content
 * hash (same → duplicate, different → conflict) in the same round trip.
 */
import type { Sql } from '../../db/index.js';
import type { Actor } from '../audit/service.js';
import { applyRegistryPayload, type RegistryPayload } from '../registry/fromSubmission.js';

export interface NewSubmission {
  id: string;
  formPk: string;
  formVersionId: string;
  instanceId: string;
  instanceName: string | null;
  xml: string;
  /** JSON text of the nested data. */
  dataJson: string;
  contentHash: string; // hex sha256
  submitterId: string | null;
  deviceId: string | null;
  reviewState: 'received' | 'has_issues';
  issuesJson: string;
  areaCode: string | null;
  attachmentsExpected: number;
  attachments: { name: string; contentType: string; data: Buffer }[];
  actor: Actor;
  /** Households and people the submission fills (forms with save_to). */
  registry?: { payload: RegistryPayload; formLabel: string; fallbackArea: string | null } | undefined;
}

export type WriteOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'duplicate'; id: string; attachmentsAdded: number }
  | { kind: 'conflict'; id: string };

/** The audit entry of a created submission (as audit_append_many takes it). */
function auditEntry(r: NewSubmission) {
  return {
    actor_id: r.actor.id,
    actor_label: r.actor.label,
    ip: r.actor.ip ?? null,
    action: 'submission.create',
    entity: 'submission',
    entity_id: r.instanceId,
    changes: { form: r.formPk, version: r.formVersionId, reviewState: r.reviewState },
  };
}

interface Pending {
  row: NewSubmission;
  resolve: (o: WriteOutcome) => void;
  reject: (e: unknown) => void;
}

export class SubmissionWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly sql: Sql,
    private readonly opts: { maxBatch: number; maxInFlight: number } = { maxBatch: 400, maxInFlight: 4 },
  ) {}

  submit(row: NewSubmission): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new Error('the submission writer is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.pump());
      else this.pump();
    });
  }

  /** Waits for everything queued to be written. */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.opts.maxInFlight) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      this.write(batch)
        .catch((err: unknown) => {
          for (const p of batch) p.reject(err);
        })
        .finally(() => {
          this.inFlight--;
          if (this.queue.length > 0) setImmediate(() => this.pump());
        });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    // The common case (no attachments, no registry records) is one statement: no
    // BEGIN/COMMIT round trips, the insert, the audit chain and the look-up of
    // existing instanceIDs in one implicit transaction.
    if (batch.every((p) => !p.row.attachments.length && !p.row.registry)) return this.writeSimple(batch);
    return this.writeFull(batch);
  }

  private async writeSimple(batch: Pending[]): Promise<void> {
    const rows = batch.map((p) => p.row);
    const entries = rows.map(auditEntry);
    const ids = rows.map((r) => r.instanceId);
    const res = await this.sql<{ kind: 'new' | 'old' | 'audit'; instanceId: string | null; id: string | null; hash: string | null }[]>`
      with ins as (
        insert into submissions (id, form_pk, form_version_id, instance_id, root_id, instance_name, xml, data, content_hash,
                                 submitter_id, device_id, review_state, issues, area_code, attachments_expected, attachments_present)
        select id, form_pk, form_version_id, instance_id, instance_id, instance_name, xml, data::jsonb, decode(hash, 'hex'),
               submitter_id, device_id, review_state, issues::jsonb, area_code, expected, 0
        from unnest(
          ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.formPk)}::uuid[], ${rows.map((r) => r.formVersionId)}::uuid[],
          ${ids}::text[], ${rows.map((r) => r.instanceName)}::text[], ${rows.map((r) => r.xml)}::text[],
          ${rows.map((r) => r.dataJson)}::text[], ${rows.map((r) => r.contentHash)}::text[], ${rows.map((r) => r.submitterId)}::uuid[],
          ${rows.map((r) => r.deviceId)}::text[], ${rows.map((r) => r.reviewState)}::text[], ${rows.map((r) => r.issuesJson)}::text[],
          ${rows.map((r) => r.areaCode)}::text[], ${rows.map((r) => r.attachmentsExpected)}::int[]
        ) as t(id, form_pk, form_version_id, instance_id, instance_name, xml, data, hash, submitter_id, device_id, review_state, issues, area_code, expected)
        on conflict (instance_id) do nothing
        returning instance_id, id
      ), aud as (
        select audit_append_many(coalesce(
          (select jsonb_agg(e order by o) from jsonb_array_elements(${this.sql.json(entries)}::jsonb) with ordinality as a(e, o)
           where e ->> 'entity_id' in (select instance_id from ins)), '[]'::jsonb)) as done
      )
      select 'new' as kind, instance_id, id::text, null as hash from ins
      union all
      select 'old', s.instance_id, s.id::text, encode(s.content_hash, 'hex') from submissions s
        where s.instance_id = any(${ids}::text[]) and s.instance_id not in (select instance_id from ins)
      union all
      select 'audit', null, null, null from aud`;
    const created = new Map<string, string>();
    const existing = new Map<string, { id: string; hash: string }>();
    for (const r of res) {
      if (r.kind === 'new') created.set(r.instanceId!, r.id!);
      else if (r.kind === 'old') existing.set(r.instanceId!, { id: r.id!, hash: r.hash! });
    }
    // A row another transaction committed during this statement is not in its snapshot: look again.
    const unseen = ids.filter((i) => !created.has(i) && !existing.has(i));
    if (unseen.length) {
      for (const e of await this.sql<{ instanceId: string; id: string; hash: string }[]>`
        select instance_id, id, encode(content_hash, 'hex') as hash from submissions where instance_id = any(${unseen}::text[])`) existing.set(e.instanceId, { id: e.id, hash: e.hash });
    }
    const firstInBatch = new Map<string, NewSubmission>();
    for (const p of batch) {
      const r = p.row;
      const newId = created.get(r.instanceId);
      if (newId && !firstInBatch.has(r.instanceId)) {
        firstInBatch.set(r.instanceId, r);
        p.resolve({ kind: 'created', id: newId });
      } else if (newId) {
        const first = firstInBatch.get(r.instanceId)!;
        p.resolve(first.contentHash === r.contentHash ? { kind: 'duplicate', id: newId, attachmentsAdded: 0 } : { kind: 'conflict', id: newId });
      } else {
        const e = existing.get(r.instanceId);
        if (!e) p.reject(new Error(`submission ${r.instanceId} was neither stored nor found`));
        else p.resolve(e.hash === r.contentHash ? { kind: 'duplicate', id: e.id, attachmentsAdded: 0 } : { kind: 'conflict', id: e.id });
      }
    }
  }

  private async writeFull(batch: Pending[]): Promise<void> {
    const rows = batch.map((p) => p.row);
    const outcomes = await this.sql.begin(async (tx) => {
      const inserted = await tx<{ instanceId: string }[]>`
        insert into submissions (id, form_pk, form_version_id, instance_id, root_id, instance_name, xml, data, content_hash,
                                 submitter_id, device_id, review_state, issues, area_code, attachments_expected, attachments_present)
        select id, form_pk, form_version_id, instance_id, instance_id, instance_name, xml, data::jsonb, decode(hash, 'hex'),
               submitter_id, device_id, review_state, issues::jsonb, area_code, expected, present
        from unnest(
          ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.formPk)}::uuid[], ${rows.map((r) => r.formVersionId)}::uuid[],
          ${rows.map((r) => r.instanceId)}::text[], ${rows.map((r) => r.instanceName)}::text[], ${rows.map((r) => r.xml)}::text[],
          ${rows.map((r) => r.dataJson)}::text[], ${rows.map((r) => r.contentHash)}::text[], ${rows.map((r) => r.submitterId)}::uuid[],
          ${rows.map((r) => r.deviceId)}::text[], ${rows.map((r) => r.reviewState)}::text[], ${rows.map((r) => r.issuesJson)}::text[],
          ${rows.map((r) => r.areaCode)}::text[], ${rows.map((r) => r.attachmentsExpected)}::int[], ${rows.map((r) => r.attachments.length)}::int[]
        ) as t(id, form_pk, form_version_id, instance_id, instance_name, xml, data, hash, submitter_id, device_id, review_state, issues, area_code, expected, present)
        on conflict (instance_id) do nothing
        returning instance_id`;
      const created = new Set(inserted.map((r) => r.instanceId));
      // Rows not inserted: a retry (same content) or a clash (different content). Also two
      // requests with one instanceID in the same batch: the first wins, the second is judged against it.
      const seenInBatch = new Map<string, NewSubmission>();
      const result = new Map<NewSubmission, WriteOutcome>();
      const others = rows.filter((r) => {
        if (created.has(r.instanceId) && !seenInBatch.has(r.instanceId)) {
          seenInBatch.set(r.instanceId, r);
          result.set(r, { kind: 'created', id: r.id });
          return false;
        }
        return true;
      });
      if (others.length) {
        const existing = await tx<{ id: string; instanceId: string; hash: string }[]>`
          select id, instance_id, encode(content_hash, 'hex') as hash from submissions
          where instance_id = any(${others.map((r) => r.instanceId)}::text[])`;
        const byInstance = new Map(existing.map((e) => [e.instanceId, e]));
        for (const r of others) {
          const e = byInstance.get(r.instanceId)!;
          result.set(r, e.hash === r.contentHash ? { kind: 'duplicate', id: e.id, attachmentsAdded: 0 } : { kind: 'conflict', id: e.id });
        }
      }
      // Attachments of new rows, and of retries (ODK Collect sends large media in later requests).
      const files: { submission_id: string; name: string; content_type: string; size: number; data: Buffer }[] = [];
      for (const r of rows) {
        const o = result.get(r)!;
        if (o.kind === 'conflict') continue;
        for (const a of r.attachments) files.push({ submission_id: o.id, name: a.name, content_type: a.contentType, size: a.data.length, data: a.data });
      }
      if (files.length) {
        const added = await tx<{ submissionId: string }[]>`
          insert into submission_attachments ${tx(files)} on conflict (submission_id, name) do nothing returning submission_id`;
        const addedPer = new Map<string, number>();
        for (const a of added) addedPer.set(a.submissionId, (addedPer.get(a.submissionId) ?? 0) + 1);
        const dupIds = [...result.values()].filter((o) => o.kind === 'duplicate').map((o) => o.id);
        const grown = dupIds.filter((id) => addedPer.has(id));
        if (grown.length) {
          await tx`update submissions s set attachments_present = (select count(*) from submission_attachments a where a.submission_id = s.id)
                   where s.id = any(${grown}::uuid[])`;
        }
        for (const [r, o] of result) if (o.kind === 'duplicate') result.set(r, { ...o, attachmentsAdded: addedPer.get(o.id) ?? 0 });
      }
      // Registry records of new submissions, in the same transaction.
      for (const r of rows) {
        if (!r.registry || result.get(r)?.kind !== 'created') continue;
        await applyRegistryPayload(tx, r.registry.payload, {
          submissionId: r.id,
          instanceId: r.instanceId,
          formLabel: r.registry.formLabel,
          recordedBy: r.submitterId,
          fallbackArea: r.registry.fallbackArea,
        });
      }
      // One audit entry per stored submission, in the same transaction.
      const audited = rows.filter((r) => result.get(r)?.kind === 'created');
      if (audited.length) {
        await tx`select audit_append_many(${tx.json(
          audited.map(auditEntry),
        )})`;
      }
      return result;
    });
    for (const p of batch) p.resolve(outcomes.get(p.row)!);
  }
}
