import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { AreaCode, IdParams } from '../accounts/schema.js';
import * as svc from './service.js';
import { ORGANIZATION_KINDS } from './service.js';

const tags = ['organizations'];

const Kind = z.enum(ORGANIZATION_KINDS).describe('Kind of organisation');

const CreateBody = z.object({
  nameTh: z.string().trim().min(1).max(300).describe('Name in Thai'),
  nameEn: z.string().trim().min(1).max(300).describe('Name in English'),
  kind: Kind.optional(),
  parentId: z.uuid().nullable().optional().describe('Parent organisation (a division under its municipality)'),
  areaCode: AreaCode.nullable().optional().describe('Home area'),
  sensitiveBasis: z.enum(svc.LEGAL_BASES).nullable().optional().describe('Legal basis to process health and disability data (PDPA s.26); set by a system admin'),
});

const UpdateBody = CreateBody.partial().strict();

const OrgOut = z.object({
  id: z.uuid(),
  nameTh: z.string(),
  nameEn: z.string(),
  kind: Kind,
  parentId: z.uuid().nullable(),
  areaCode: z.string().nullable(),
  sensitiveBasis: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function organizationRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.get('/organizations', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Partner organisations, by Thai name',
      querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
      response: { 200: z.array(OrgOut) },
    },
  }, async (req) => svc.list(sql, { includeInactive: req.query.includeInactive }));

  r.post('/organizations', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Create an organisation (system admin)', body: CreateBody, response: { 201: OrgOut } },
  }, async (req, reply) => reply.code(201).send(await svc.create(sql, principal(req), req.body)));

  r.get('/organizations/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: OrgOut } },
  }, async (req) => svc.get(sql, req.params.id));

  r.patch('/organizations/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Update an organisation (system admin, or its org admins)', params: IdParams, body: UpdateBody, response: { 200: OrgOut } },
  }, async (req) => svc.update(sql, principal(req), req.params.id, req.body));

  r.post('/organizations/:id/deactivate', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Deactivate an organisation (system admin); its records stay', params: IdParams, response: { 200: OrgOut } },
  }, async (req) => svc.setActive(sql, principal(req), req.params.id, false));

  r.post('/organizations/:id/activate', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Reactivate an organisation (system admin)', params: IdParams, response: { 200: OrgOut } },
  }, async (req) => svc.setActive(sql, principal(req), req.params.id, true));

  r.delete('/organizations/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Same as deactivate: organisations are never erased', params: IdParams, response: { 200: OrgOut } },
  }, async (req) => svc.setActive(sql, principal(req), req.params.id, false));
}
