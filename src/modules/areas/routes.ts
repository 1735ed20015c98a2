import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { AreaCode } from '../accounts/schema.js';
import * as svc from './service.js';
import { AREA_LEVELS } from './service.js';

const tags = ['areas'];

const Summary = z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), level: z.enum(AREA_LEVELS) });
const Detail = Summary.extend({
  parentCode: z.string().nullable(),
  postcode: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  source: z.enum(['dopa', 'local']),
  childCount: z.number().int(),
  hasGeometry: z.boolean(),
  ancestors: z.array(Summary),
});
const CodeParams = z.object({ code: AreaCode });

export function areaRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.get('/areas', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Children of an area (parent=90 gives Songkhla’s districts); without parent, the provinces',
      querystring: z.object({ parent: AreaCode.optional().describe('Code of the parent area') }),
      response: { 200: z.array(Summary) },
    },
  }, async (req) => svc.children(sql, principal(req), req.query.parent));

  r.get('/areas/:code', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One area with its ancestors', params: CodeParams, response: { 200: Detail } },
  }, async (req) => svc.get(sql, principal(req), req.params.code));

  r.get('/areas/:code/geometry', {
    preHandler: requireAuth,
    schema: { tags, summary: 'GeoJSON geometry of an area, when one was loaded', params: CodeParams },
  }, async (req, reply) => reply.type('application/geo+json').send(await svc.geometry(sql, principal(req), req.params.code)));

  r.post('/areas/:code/communities', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Add an urban community (ชุมชน) under a subdistrict',
      params: CodeParams,
      body: z.object({
        localCode: z.string().regex(/^[A-Za-z0-9]{1,12}$/, '1–12 letters or digits').describe('Local code, unique within the subdistrict'),
        nameTh: z.string().trim().min(1).max(300),
        nameEn: z.string().trim().min(1).max(300),
        lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }).optional().describe('GeoJSON boundary'),
      }),
      response: { 201: Detail },
    },
  }, async (req, reply) => reply.code(201).send(await svc.createCommunity(sql, principal(req), req.params.code, req.body)));
}
