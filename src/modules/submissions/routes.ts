import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canManageForm, canViewSubmissions } from '../forms/policy.js';
import * as forms from '../forms/service.js';
import { csvExport, xlsxExport } from './exports.js';
import { importSubmissions } from './imports.js';
import { acceptMultipart, readMultipart } from '../../http/multipart.js';
import * as q from './queries.js';
import * as svc from './service.js';
import { SubmissionError } from './service.js';

const tags = ['submissions'];
const FormIdParams = z.object({ formId: z.string().min(1).max(200) });

const ListQuery = z.object({
  format: z.enum(['json', 'csv', 'zip', 'xlsx']).default('json').describe('json (paged), csv (zip when the form has repeats), zip (always zipped CSVs), xlsx (a sheet per repeat)'),
  from: z.iso.date().optional().describe('Received on or after (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('Received before (YYYY-MM-DD)'),
  submitter: z.uuid().optional(),
  reviewState: z.enum(['received', 'approved', 'rejected', 'has_issues']).optional(),
  area: z.string().regex(/^[0-9]{2,8}(-[A-Za-z0-9]{1,12})?$/).optional(),
  field: z.union([z.string(), z.array(z.string())]).optional().describe('path=value, e.g. hh/tenure=renter (repeatable)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

async function filterFor(deps: RouteContext['deps'], p: Principal, formId: string, query: z.infer<typeof ListQuery>) {
  const form = await forms.visibleForm(deps.sql, p, formId);
  const seesAll = canViewSubmissions(p, form);
  const fields = (Array.isArray(query.field) ? query.field : query.field ? [query.field] : []).map((f) => {
    const i = f.indexOf('=');
    if (i < 1) throw problem('validation_failed', { detail: `field filter "${f}" must be path=value`, detailTh: `ตัวกรอง "${f}" ต้องอยู่ในรูป path=value`, errors: [{ field: 'field', message: 'path=value', messageTh: 'path=value' }] });
    return [f.slice(0, i), f.slice(i + 1)] as [string, string];
  });
  const filter: q.SubmissionFilter = {
    formPk: form.id,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    to: query.to ? new Date(`${query.to}T00:00:00Z`) : undefined,
    submitterId: query.submitter,
    reviewState: query.reviewState,
    area: query.area,
    fields,
    onlySubmitter: seesAll ? undefined : p.userId,
    scopePrefixes: isSystemAdmin(p) ? null : areaPrefixes(p),
  };
  return { form, filter };
}

function presentRow(s: q.SubmissionRow) {
  return {
    instanceId: s.instanceId,
    rootId: s.rootId,
    deprecatedId: s.deprecatedId,
    instanceName: s.instanceName,
    data: s.data,
    submitterId: s.submitterId,
    submitterName: s.submitterName,
    deviceId: s.deviceId,
    receivedAt: s.receivedAt.toISOString(),
    reviewState: s.reviewState,
    reviewComment: s.reviewComment,
    issues: s.issues,
    areaCode: s.areaCode,
    attachmentsExpected: s.attachmentsExpected,
    attachmentsPresent: s.attachmentsPresent,
    formVersion: s.formVersion,
    edits: s.edits,
  };
}

export function submissionRoutes(app: FastifyInstance, { deps, requireAuth, submissions }: RouteContext & { submissions: svc.SubmissionsDeps }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  acceptMultipart(app);

  r.post('/forms/:formId/submissions', {
    preHandler: requireAuth,
    bodyLimit: 100 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Submit a filled form (the web app’s outbox): instance XML as application/xml, or multipart with xml_submission_file and attachments; idempotent by meta/instanceID',
      params: FormIdParams,
      consumes: ['application/xml', 'text/xml', 'multipart/form-data'],
    },
  }, async (req: FastifyRequest<{ Params: { formId: string } }>, reply) => {
    let xml: string | undefined;
    let attachments: { name: string; contentType: string; data: Buffer }[] = [];
    if (typeof req.body === 'string') {
      xml = req.body;
    } else if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
      const body = await readMultipart(req, { fileSize: 50 * 1024 * 1024, files: 100 });
      const part = body.files.find((f) => f.field === 'xml_submission_file');
      xml = part?.data.toString('utf8') ?? body.fields.xml_submission_file;
      attachments = body.files.filter((f) => f !== part).map((f) => ({ name: f.filename, contentType: f.mimeType, data: f.data }));
    }
    if (!xml) throw problem('unsupported_media_type', { detail: 'Send the instance as application/xml, or multipart with xml_submission_file', detailTh: 'กรุณาส่งข้อมูลเป็น application/xml หรือ multipart ที่มี xml_submission_file' });
    try {
      const res = await svc.receive(submissions, principal(req), { xml, attachments, deviceId: req.headers['x-device-id'] as string | undefined });
      if (!xml.includes(`id="${req.params.formId}"`) && !xml.includes(`id='${req.params.formId}'`)) {
        // The instance names its own form; a mismatch with the URL is almost always a client bug, but the data is kept.
        req.log.warn({ formId: req.params.formId, instanceId: res.instanceId }, 'submission posted to another form’s URL');
      }
      return reply.code(res.outcome === 'duplicate' ? 200 : 201).send(res);
    } catch (err) {
      if (err instanceof SubmissionError) {
        const code = err.status === 404 ? 'not_found' : err.status === 409 ? 'conflict' : err.status === 403 ? 'forbidden' : err.status === 413 ? 'payload_too_large' : 'bad_request';
        throw problem(code, { detail: err.en, detailTh: err.th });
      }
      throw err;
    }
  });

  r.post('/forms/:formId/imports', {
    preHandler: requireAuth,
    bodyLimit: 60 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Import historic data (XLSX/CSV laid out like the export; KEY/PARENT_KEY link repeat sheets); all-or-nothing, every rejected row reported',
      params: FormIdParams,
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      consumes: ['multipart/form-data'],
    },
  }, async (req) => {
    const p = principal(req);
    const { form, version } = await forms.definition(sql, p, req.params.formId);
    if (!canManageForm(p, form)) throw problem('forbidden', { detail: 'Only the form’s managers import data', detailTh: 'เฉพาะผู้ดูแลแบบฟอร์มเท่านั้นที่นำเข้าข้อมูลได้' });
    const body = await readMultipart(req, { fileSize: 50 * 1024 * 1024, files: 1 });
    const file = body.files.find((f) => f.field === 'file');
    if (!file) throw problem('validation_failed', { detail: 'Send the file in a multipart field named "file"', detailTh: 'กรุณาแนบไฟล์ในช่องชื่อ "file"', errors: [{ field: 'file', message: 'missing', messageTh: 'ไม่พบไฟล์' }] });
    return importSubmissions(sql, p, { formPk: form.id, versionId: version.id, definition: version.definition }, file, { dryRun: req.query.dryRun === 'true' });
  });

  r.get('/forms/:formId/submissions', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Submissions of a form: a page of JSON, or a streamed CSV/ZIP/XLSX export', params: FormIdParams, querystring: ListQuery },
  }, async (req, reply) => {
    const p = principal(req);
    const { form, filter } = await filterFor(deps, p, req.params.formId, req.query);
    const { version } = await forms.definition(sql, p, req.params.formId);
    if (req.query.format !== 'json') {
      const exp = req.query.format === 'xlsx' ? xlsxExport(sql, filter, version.definition) : csvExport(sql, filter, version.definition, { zip: req.query.format === 'zip' });
      await sql.begin(async (tx) => {
        await audit.record(tx, actorOf(p), { action: 'submission.export', entity: 'form', entityId: form.formId, changes: { format: req.query.format, filter: { ...req.query, limit: undefined, cursor: undefined } } });
      });
      return reply
        .type(exp.contentType)
        .header('content-disposition', `attachment; filename="${exp.filename}"`)
        .send(exp.stream);
    }
    let before: { at: Date; id: string } | undefined;
    if (req.query.cursor) {
      const [at, id] = Buffer.from(req.query.cursor, 'base64url').toString().split('|');
      if (!at || !id) throw problem('bad_request', { detail: 'The cursor is not valid', detailTh: 'ค่า cursor ไม่ถูกต้อง' });
      before = { at: new Date(at), id };
    }
    const rows = await q.page(sql, filter, req.query.limit + 1, before);
    const pageRows = rows.slice(0, req.query.limit);
    const last = pageRows[pageRows.length - 1];
    return {
      items: pageRows.map(presentRow),
      nextCursor: rows.length > req.query.limit && last ? Buffer.from(`${last.receivedAt.toISOString()}|${last.id}`).toString('base64url') : null,
    };
  });

  r.get('/forms/:formId/submitters', {
    preHandler: requireAuth,
    schema: { tags, summary: 'People who submitted to the form (for the submitter filter)', params: FormIdParams },
  }, async (req) => {
    const p = principal(req);
    const { filter } = await filterFor(deps, p, req.params.formId, ListQuery.parse({}));
    return sql<{ id: string; name: string; submissions: number }[]>`
      select u.id, u.display_name as name, count(*)::int as submissions
      from submissions s join users u on u.id = s.submitter_id
      where ${q.where(sql, filter)}
      group by u.id, u.display_name order by u.display_name`;
  });

  async function loadOne(p: Principal, formId: string, instanceId: string) {
    const form = await forms.visibleForm(sql, p, formId);
    const [row] = await sql<(q.SubmissionRow & { current: boolean; xml: string })[]>`
      select ${q.ROW_COLUMNS(sql)}, s.current, s.xml
      from submissions s join form_versions v on v.id = s.form_version_id left join users u on u.id = s.submitter_id
      where s.form_pk = ${form.id} and s.instance_id = ${instanceId}`;
    if (!row || (!canViewSubmissions(p, form) && row.submitterId !== p.userId)) throw notFound({ en: 'submission', th: 'ข้อมูลที่ส่ง' }, instanceId);
    return { form, row };
  }

  r.get('/forms/:formId/submissions/:instanceId', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One submission with its history of edits and attachments', params: FormIdParams.extend({ instanceId: z.string().min(1).max(200) }) },
  }, async (req) => {
    const p = principal(req);
    const { row } = await loadOne(p, req.params.formId, req.params.instanceId);
    const history = await sql<{ instanceId: string; deprecatedId: string | null; receivedAt: Date; current: boolean; submitterId: string | null }[]>`
      select instance_id, deprecated_id, received_at, current, submitter_id from submissions where root_id = ${row.rootId} order by received_at`;
    const attachments = await sql<{ name: string; contentType: string; size: number }[]>`
      select name, content_type, size from submission_attachments where submission_id = ${row.id} order by name`;
    await sql.begin(async (tx) => audit.record(tx, actorOf(p), { action: 'submission.read', entity: 'submission', entityId: row.instanceId }));
    return { ...presentRow(row), current: row.current, xml: row.xml, history: history.map((h) => ({ ...h, receivedAt: h.receivedAt.toISOString() })), attachments };
  });

  r.get('/forms/:formId/submissions/:instanceId/attachments/:name', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One attachment (photo, audio, file)', params: FormIdParams.extend({ instanceId: z.string(), name: z.string() }) },
  }, async (req, reply) => {
    const { row } = await loadOne(principal(req), req.params.formId, req.params.instanceId);
    const [a] = await sql<{ contentType: string; data: Buffer }[]>`
      select content_type, data from submission_attachments where submission_id = ${row.id} and name = ${req.params.name}`;
    if (!a) throw notFound({ en: 'attachment', th: 'ไฟล์แนบ' }, req.params.name);
    return reply.type(a.contentType).header('cache-control', 'private, max-age=3600').send(a.data);
  });

  r.patch('/forms/:formId/submissions/:instanceId', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Review: approve, reject (with a comment) or set back to received',
      params: FormIdParams.extend({ instanceId: z.string() }),
      body: z.object({ reviewState: z.enum(['received', 'approved', 'rejected', 'has_issues']), comment: z.string().max(2000).optional() }),
    },
  }, async (req) => {
    const p = principal(req);
    const { form, row } = await loadOne(p, req.params.formId, req.params.instanceId);
    if (!canManageForm(p, form) && !canViewSubmissions(p, form)) throw problem('forbidden', { detail: 'You may not review this form', detailTh: 'คุณไม่มีสิทธิ์ตรวจสอบแบบฟอร์มนี้' });
    if (p.memberships.every((m) => m.role === 'volunteer' || m.role === 'viewer')) throw problem('forbidden', { detail: 'Volunteers and viewers do not review', detailTh: 'อาสาสมัครและผู้ดูข้อมูลไม่สามารถตรวจสอบได้' });
    if (req.body.reviewState === 'rejected' && !req.body.comment?.trim()) {
      throw problem('validation_failed', { detail: 'Say why it is rejected', detailTh: 'กรุณาระบุเหตุผลที่ไม่อนุมัติ', errors: [{ field: 'comment', message: 'required when rejecting', messageTh: 'ต้องระบุเมื่อไม่อนุมัติ' }] });
    }
    await sql.begin(async (tx) => {
      await tx`update submissions set review_state = ${req.body.reviewState}, review_comment = ${req.body.comment ?? null} where id = ${row.id}`;
      await audit.record(tx, actorOf(p), {
        action: 'submission.review',
        entity: 'submission',
        entityId: row.instanceId,
        changes: { reviewState: { from: row.reviewState, to: req.body.reviewState }, comment: req.body.comment ?? null },
      });
    });
    return { instanceId: row.instanceId, reviewState: req.body.reviewState, reviewComment: req.body.comment ?? null };
  });
}
