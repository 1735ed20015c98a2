import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { acceptMultipart, readMultipart } from '../../http/multipart.js';
import { problem } from '../../http/problems.js';
import { IdParams } from '../accounts/schema.js';
import { importPeople } from './importPeople.js';
import { canManageRegistry } from './policy.js';
import { exportPersonHtml } from './printable.js';
import * as svc from './service.js';
import * as linkage from './linkage.js';

const tags = ['registry'];
const AreaFilter = z.string().regex(/^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8}|[0-9]{6}-[A-Za-z0-9]{1,12})$/, 'not an area code');

/** Largest official list accepted in one import (1.45 M people is about 250 MB of CSV). */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export function registryRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  acceptMultipart(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.post('/imports/people', {
    preHandler: requireAuth,
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      tags,
      summary: 'Import an official list (CSV, UTF-8, header row; or the first sheet of an .xlsx, lines then being its row numbers) with a "mapping" field {column: property}; all-or-nothing unless partial=true',
      querystring: z.object({
        partial: z.enum(['true', 'false']).optional(),
        source: z.string().max(200).optional().describe('Name of the list; defaults to the file name'),
        legalBasis: z.string().max(50).optional().describe('Legal basis (PDPA s.26) for the health and disability values of lines without a legalBasis column value; such lines are rejected without one. May also be a form field'),
        legalBasisNote: z.string().max(500).optional().describe('What the legal basis rests on (an agreement, a consent form); may also be a form field'),
      }),
      consumes: ['multipart/form-data'],
    },
  }, async (req) => {
    const p = principal(req);
    if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins import lists', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่นำเข้ารายชื่อได้' });
    const body = await readMultipart(req, { fileSize: MAX_IMPORT_BYTES, files: 1, fieldSize: 1024 * 1024 });
    const file = body.files.find((f) => f.field === 'file');
    const errors: { field: string; message: string; messageTh: string }[] = [];
    if (!file) errors.push({ field: 'file', message: 'attach the CSV in a field named "file"', messageTh: 'กรุณาแนบไฟล์ CSV ในช่องชื่อ "file"' });
    let mapping: Record<string, string> = {};
    try {
      const parsed: unknown = JSON.parse(body.fields.mapping ?? 'null');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('not an object of strings');
      mapping = parsed as Record<string, string>;
    } catch (err) {
      errors.push({ field: 'mapping', message: `a JSON object {"CSV column": "property"} is required (${(err as Error).message})`, messageTh: 'ต้องระบุการจับคู่เป็น JSON {"คอลัมน์": "คุณสมบัติ"}' });
    }
    if (errors.length || !file) throw problem('validation_failed', { detail: 'The import request is incomplete', detailTh: 'คำขอนำเข้าข้อมูลไม่ครบ', errors });
    const partial = (req.query.partial ?? body.fields.partial) === 'true';
    const legalBasis = req.query.legalBasis ?? body.fields.legalBasis;
    const legalBasisNote = req.query.legalBasisNote ?? body.fields.legalBasisNote;
    return importPeople(sql, p, file, mapping, { partial, source: req.query.source ?? body.fields.source, legalBasis: legalBasis || undefined, legalBasisNote: legalBasisNote?.slice(0, 500) });
  });

  r.get('/people', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'People in the caller’s areas; with q, a search by name (Thai, partial, misspelt), ID number or house number, best match first',
      querystring: z.object({
        q: z.string().max(200).optional(),
        area: AreaFilter.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().max(200).optional(),
      }),
    },
  }, async (req) => svc.listPeople(sql, principal(req), req.query));

  r.get('/people/:id', { preHandler: requireAuth, schema: { tags, summary: 'One person with household, provenance of each value and timeline', params: IdParams } }, async (req) =>
    svc.getPerson(sql, principal(req), req.params.id),
  );

  r.get('/people/:id/export', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Everything held about a person (PDPA data-subject access): JSON, or a printable page', params: IdParams, querystring: z.object({ format: z.enum(['json', 'html']).default('json') }) },
  }, async (req, reply) => {
    const data = await svc.exportPerson(sql, principal(req), req.params.id);
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(exportPersonHtml(data));
    return reply.header('content-disposition', `attachment; filename="person-${req.params.id}.json"`).send(data);
  });

  r.post('/people/:id/erase', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Erase a person by anonymisation (PDPA); aggregate figures are kept', params: IdParams, body: z.object({ reason: z.string().trim().min(3).max(1000) }) },
  }, async (req) => svc.erasePerson(sql, principal(req), req.params.id, req.body.reason));

  r.get('/households/:id', { preHandler: requireAuth, schema: { tags, summary: 'One household with its members and timeline', params: IdParams } }, async (req) =>
    svc.getHousehold(sql, principal(req), req.params.id),
  );

  r.get('/linkage/candidates', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Pairs of person records that may be one person, best first, with score and reasons (the review queue)',
      querystring: z.object({
        area: AreaFilter.optional(),
        status: z.enum(['open', 'merged', 'distinct']).default('open'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(100).optional(),
      }),
    },
  }, async (req) => linkage.candidates(sql, principal(req), req.query));

  r.post('/linkage/run', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Recompute candidate pairs for an area (coordinators, admins)', body: z.object({ area: AreaFilter.optional() }) },
  }, async (req) => {
    const p = principal(req);
    if (!canManageRegistry(p)) throw problem('forbidden', { detail: 'Only coordinators and admins run linkage', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่สั่งค้นหาระเบียนซ้ำได้' });
    const prefixes = (await import('../accounts/policy.js')).areaPrefixes(p);
    const area = req.body.area ?? (prefixes && prefixes.length === 1 ? prefixes[0] : undefined);
    if (prefixes !== null && (!area || !prefixes.some((s) => area.startsWith(s)))) {
      throw problem('validation_failed', { detail: 'Name an area inside your scope', detailTh: 'กรุณาระบุพื้นที่ที่อยู่ในขอบเขตของคุณ', errors: [{ field: 'area', message: 'outside your scope', messageTh: 'อยู่นอกขอบเขต' }] });
    }
    return linkage.generateCandidates(sql, { area, actor: { id: p.userId, label: p.email } });
  });

  r.post('/linkage/merge', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Merge two records of one person: the survivor keeps its values and fills gaps from the other; reversible',
      body: z.object({ survivorId: z.uuid(), mergedId: z.uuid(), reason: z.string().max(1000).optional() }),
    },
  }, async (req) => linkage.merge(sql, principal(req), req.body));

  r.post('/linkage/unmerge', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Undo a merge (by merge id, or by the merged person’s id)', body: z.object({ mergeId: z.uuid().optional(), personId: z.uuid().optional() }).refine((b) => b.mergeId || b.personId, 'mergeId or personId') },
  }, async (req) => linkage.unmerge(sql, principal(req), req.body));

  r.post('/linkage/distinct', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Record that two records are different people', body: z.object({ a: z.uuid(), b: z.uuid() }) },
  }, async (req) => linkage.markDistinct(sql, principal(req), req.body));
}
