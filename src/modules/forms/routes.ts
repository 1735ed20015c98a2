import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { acceptMultipart, readMultipart } from '../../http/multipart.js';
import { problem } from '../../http/problems.js';
import { ROLES } from '../accounts/types.js';
import * as svc from './service.js';

const tags = ['forms'];
const FormIdParams = z.object({ formId: z.string().min(1).max(200).describe('XLSForm form_id') });
const Access = z.array(z.object({ organizationId: z.uuid().optional(), role: z.enum(ROLES).optional() })).max(100);

const FormOut = z.object({
  formId: z.string(),
  title: z.string(),
  state: z.enum(svc.FORM_STATES),
  version: z.string().nullable(),
  hash: z.string().nullable(),
  versions: z.array(z.object({ version: z.string(), publishedAt: z.string().nullable(), createdAt: z.string() })),
  fillAccess: Access,
  viewAccess: Access,
  ownerOrgId: z.string().nullable(),
  canFill: z.boolean(),
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Largest XLSForm accepted. */
const MAX_XLSFORM_BYTES = 10 * 1024 * 1024;

export function formRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  acceptMultipart(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.post('/forms', {
    preHandler: requireAuth,
    bodyLimit: MAX_XLSFORM_BYTES + 64 * 1024,
    schema: {
      tags,
      summary: 'Upload an XLSForm (multipart field "file"): a new form, or a new version of one (same form_id, new version)',
      querystring: z.object({ publish: z.enum(['true', 'false']).default('true').describe('false keeps the upload as a draft') }),
      consumes: ['multipart/form-data'],
      response: { 200: z.object({ formId: z.string(), version: z.string(), title: z.string() }), 201: z.object({ formId: z.string(), version: z.string(), title: z.string() }) },
    },
  }, async (req, reply) => {
    const body = await readMultipart(req, { fileSize: MAX_XLSFORM_BYTES, files: 1 });
    const file = body.files.find((f) => f.field === 'file');
    if (!file) {
      throw problem('validation_failed', {
        detail: 'Send the XLSForm in a multipart field named "file"',
        detailTh: 'กรุณาแนบไฟล์ XLSForm ในช่องชื่อ "file"',
        errors: [{ field: 'file', message: 'missing', messageTh: 'ไม่พบไฟล์' }],
      });
    }
    const res = await svc.upload(sql, principal(req), file, { publish: req.query.publish === 'true' });
    return reply.code(res.created ? 201 : 200).send({ formId: res.formId, version: res.version, title: res.title });
  });

  r.get('/forms', { preHandler: requireAuth, schema: { tags, summary: 'Forms the caller may fill, see or manage', response: { 200: z.array(FormOut) } } }, async (req) =>
    svc.list(sql, principal(req)),
  );

  r.get('/forms/:formId', { preHandler: requireAuth, schema: { tags, summary: 'One form with its versions', params: FormIdParams, response: { 200: FormOut } } }, async (req) =>
    svc.get(sql, principal(req), req.params.formId),
  );

  r.patch('/forms/:formId', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Change the state (draft, open, closing, closed) or who may fill and see the form',
      params: FormIdParams,
      body: z.object({ state: z.enum(svc.FORM_STATES).optional(), fillAccess: Access.optional(), viewAccess: Access.optional() }).strict(),
      response: { 200: FormOut },
    },
  }, async (req) => svc.update(sql, principal(req), req.params.formId, req.body));

  r.get('/forms/:formId/definition', {
    preHandler: requireAuth,
    schema: { tags, summary: 'The form model of the current (or a named) version, for the web form filler', params: FormIdParams, querystring: z.object({ version: z.string().optional() }) },
  }, async (req, reply) => {
    const { version } = await svc.definition(sql, principal(req), req.params.formId, req.query.version);
    return reply.header('cache-control', 'private, no-cache').header('etag', `"${version.hash}"`).send({ version: version.version, hash: version.hash, definition: version.definition });
  });

  r.get('/forms/:formId/xlsform', {
    preHandler: requireAuth,
    schema: { tags, summary: 'The XLSForm file as uploaded', params: FormIdParams, querystring: z.object({ version: z.string().optional() }) },
  }, async (req, reply) => {
    const { version } = await svc.definition(sql, principal(req), req.params.formId, req.query.version);
    const [row] = await sql<{ sourceName: string; source: Buffer }[]>`select source_name, source from form_versions where id = ${version.id}`;
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row!.sourceName)}`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(row!.source);
  });
}
