import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { problem } from '../../http/problems.js';
import { DIMENSIONS } from '../../lib/rules/index.js';
import { isSystemAdmin } from '../accounts/policy.js';
import { AreaCode } from '../accounts/schema.js';
import { recomputeAll } from './evaluate.js';
import * as svc from './service.js';
import { listExport, listPage } from './lists.js';

const tags = ['targeting'];
const Dimension = z.enum(DIMENSIONS as unknown as [string, ...string[]]);
const Target = z.enum(['person', 'household']);
const Params = z.record(z.string(), z.union([z.number(), z.string()]));

const IndicatorBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case letters, digits and _').describe('Stable code, e.g. out_of_school_youth'),
  nameTh: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300),
  descriptionTh: z.string().max(2000).optional(),
  descriptionEn: z.string().max(2000).optional(),
  dimension: Dimension.describe('health, living, education, income or access'),
  target: Target,
  rule: z.string().min(1).max(4000).describe("A condition over the registry's properties, e.g. age >= 6 and age <= 17 and inSchool = 'no'"),
  params: Params.optional().describe("Values of param('name') in the rule"),
});

export function indicatorRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.get('/indicators', { preHandler: requireAuth, schema: { tags, summary: 'Indicators, by dimension' } }, async () => svc.list(sql));

  r.post('/indicators', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Define an indicator; an invalid rule is 400 naming the position of the error', body: IndicatorBody },
  }, async (req, reply) => reply.code(201).send(await svc.create(sql, principal(req), req.body)));

  r.get('/indicators/:code', { preHandler: requireAuth, schema: { tags, summary: 'One indicator with the versions of its rule', params: z.object({ code: z.string() }) } }, async (req) =>
    svc.getOne(sql, req.params.code),
  );

  r.patch('/indicators/:code', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Change an indicator (a new rule is a new version; flags are recomputed)',
      params: z.object({ code: z.string() }),
      body: IndicatorBody.omit({ code: true, target: true }).partial().extend({ active: z.boolean().optional() }).strict(),
    },
  }, async (req) => svc.update(sql, principal(req), req.params.code, req.body));

  r.post('/indicators/preview', {
    preHandler: requireAuth,
    schema: { tags, summary: 'How many a rule would flag in an area now (nothing stored)', body: z.object({ rule: z.string().min(1).max(4000), target: Target, params: Params.optional(), area: AreaCode.optional() }) },
  }, async (req) => svc.preview(sql, principal(req), req.body));

  r.post('/indicators/recompute', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Recompute every indicator over the whole registry (system admin)' },
  }, async (req) => {
    if (!isSystemAdmin(principal(req))) throw problem('forbidden', { detail: 'Only system admins recompute everything', detailTh: 'เฉพาะผู้ดูแลระบบเท่านั้นที่สั่งคำนวณใหม่ทั้งหมดได้' });
    return recomputeAll(sql);
  });

  r.get('/indicators/:code/members', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Flagged people or households in an area subtree, each with the evidence that made the rule true',
      params: z.object({ code: z.string() }),
      querystring: z.object({ area: AreaCode.optional(), limit: z.coerce.number().int().min(1).max(1000).default(50), cursor: z.string().max(200).optional() }),
    },
  }, async (req) => svc.members(sql, principal(req), req.params.code, req.query));

  r.get('/areas/:code/summary', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Population, households and each indicator’s count and rate in an area subtree', params: z.object({ code: AreaCode }) },
  }, async (req) => svc.areaSummary(sql, principal(req), req.params.code, { public: false }));

  r.get('/areas/:code/trend', {
    preHandler: requireAuth,
    schema: { tags, summary: 'An indicator’s count at each month start in an area subtree', params: z.object({ code: AreaCode }), querystring: z.object({ indicator: z.string(), months: z.coerce.number().int().min(1).max(60).default(12) }) },
  }, async (req) => svc.trend(sql, principal(req), req.params.code, req.query.indicator, req.query.months, { public: false }));

  r.get('/public/areas/:code/summary', {
    schema: { tags, summary: 'Public area figures without login: counts under 5 are given as null', params: z.object({ code: AreaCode }), security: [] },
  }, async (req, reply) => reply.header('cache-control', 'public, max-age=60').send(await svc.areaSummary(sql, null, req.params.code, { public: true })));

  r.get('/public/areas/:code/trend', {
    schema: { tags, summary: 'Public trend of an indicator (counts under 5 as null)', params: z.object({ code: AreaCode }), querystring: z.object({ indicator: z.string(), months: z.coerce.number().int().min(1).max(60).default(12) }), security: [] },
  }, async (req) => svc.trend(sql, null, req.params.code, req.query.indicator, req.query.months, { public: true }));

  r.get('/targeting/:target', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'People (or households) flagged by chosen indicators, a dimension, or in at least N dimensions, in an area; JSON pages or a CSV/XLSX export',
      params: z.object({ target: z.enum(['people', 'households']) }),
      querystring: z.object({
        indicators: z.string().max(2000).optional().describe('Comma-separated indicator codes'),
        dimension: Dimension.optional(),
        minDimensions: z.coerce.number().int().min(1).max(5).default(1).describe('Flagged in at least this many of the five dimensions'),
        area: AreaCode.optional(),
        notReached: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only those flagged with no open case'),
        format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        limit: z.coerce.number().int().min(1).max(1000).default(50),
        cursor: z.string().max(200).optional(),
      }),
    },
  }, async (req, reply) => {
    const p = principal(req);
    const q = req.query;
    const filter = {
      target: req.params.target === 'people' ? ('person' as const) : ('household' as const),
      indicators: q.indicators ? q.indicators.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      dimension: q.dimension,
      minDimensions: q.minDimensions,
      area: q.area,
      notReached: q.notReached,
    };
    if (q.format === 'json') return listPage(sql, p, filter, { limit: q.limit, cursor: q.cursor });
    const exp = await listExport(sql, p, filter, q.format);
    return reply.type(exp.contentType).header('content-disposition', `attachment; filename="${exp.filename}"`).send(exp.stream);
  });
}
