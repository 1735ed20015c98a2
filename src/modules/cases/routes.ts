import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { IdParams } from '../accounts/schema.js';
import * as svc from './service.js';
import * as transport from './transport.js';

const tags = ['cases'];
const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
const LEGAL = z.enum(['consent', 'vital_interest', 'public_task', 'legal_obligation', 'legitimate_interest']);
const CaseType = z.string().regex(/^[a-z][a-z0-9_]*$/).describe('help_request, referral, screening_follow_up, transport, home_care, supplies, education, legal_status, housing, other');

export function caseRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;

  r.post('/cases', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Open a case about a person or household',
      body: z.object({
        subjectType: z.enum(['person', 'household']),
        subjectId: z.uuid(),
        type: CaseType,
        priority: Priority.optional(),
        ownerOrg: z.uuid().optional(),
        assignee: z.uuid().optional(),
        due: z.iso.date().optional(),
        title: z.string().max(300).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await svc.create(sql, principal(req), req.body)));

  r.post('/cases/bulk', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Open a case for each subject an indicator flags in an area, skipping those with an open case of the type',
      body: z.object({ indicator: z.string(), area: z.string(), type: CaseType, priority: Priority.optional(), ownerOrg: z.uuid().optional(), assignee: z.uuid().optional(), due: z.iso.date().optional(), limit: z.number().int().min(1).max(5000).default(500) }),
    },
  }, async (req) => svc.createBulk(sql, principal(req), req.body));

  r.get('/cases', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Cases of the caller’s organisations and those referred to them',
      querystring: z.object({
        status: z.enum(['open', 'in_progress', 'resolved', 'closed']).optional(),
        assignee: z.string().optional().describe('a user id, or "me"'),
        area: z.string().optional(),
        type: z.string().optional(),
        overdue: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().optional(),
      }),
    },
  }, async (req) => svc.list(sql, principal(req), req.query));

  r.get('/cases/:id', { preHandler: requireAuth, schema: { tags, summary: 'One case: subject (shared fields only for a receiving organisation), referrals, timeline', params: IdParams } }, async (req) =>
    svc.get(sql, principal(req), req.params.id),
  );

  r.post('/cases/:id/events', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Add a note or visit, change the status (409 naming the allowed ones), or assign',
      params: IdParams,
      body: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('note'), body: z.string().trim().min(1).max(5000) }),
        z.object({ kind: z.literal('visit'), body: z.string().max(5000).optional(), data: z.record(z.string(), z.unknown()).optional() }),
        z.object({ kind: z.literal('status'), status: z.enum(['open', 'in_progress', 'resolved', 'closed']), reason: z.string().max(2000).optional() }),
        z.object({ kind: z.literal('assignment'), assignee: z.uuid().nullable() }),
      ]),
    },
  }, async (req, reply) => reply.code(201).send(await svc.addEvent(sql, principal(req), req.params.id, req.body)));

  r.post('/cases/:id/referrals', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Refer a case to another organisation, with the reason and the subject’s fields shared with it',
      params: IdParams,
      body: z.object({ toOrg: z.uuid(), reason: z.string().trim().min(1).max(2000), sharedFields: z.array(z.string().max(50)).max(40), legalBasis: LEGAL.optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await svc.refer(sql, principal(req), req.params.id, req.body)));

  r.get('/referrals', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Referrals into or out of the caller’s organisations; overdue ones first', querystring: z.object({ direction: z.enum(['in', 'out']).default('in'), status: z.string().optional() }) },
  }, async (req) => svc.referrals(sql, principal(req), req.query));

  for (const [path, to, field] of [['accept', 'accepted', 'reason'], ['decline', 'declined', 'reason'], ['complete', 'completed', 'outcome'], ['cancel', 'cancelled', 'reason']] as const) {
    r.post(`/referrals/:id/${path}`, {
      preHandler: requireAuth,
      schema: { tags, summary: `Referral → ${to}`, params: IdParams, body: z.object({ reason: z.string().max(2000).optional(), outcome: z.string().max(2000).optional() }).optional() },
    }, async (req) => svc.moveReferral(sql, principal(req), req.params.id, to, req.body?.[field]));
  }

  r.post('/transport/requests', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Request patient transport to a hospital appointment',
      body: z.object({
        personId: z.uuid(),
        caseId: z.uuid().optional(),
        orgId: z.uuid().optional(),
        pickupAddress: z.string().trim().min(1).max(500),
        pickupLat: z.number().min(-90).max(90).optional(),
        pickupLon: z.number().min(-180).max(180).optional(),
        destination: z.string().trim().min(1).max(300),
        appointmentAt: z.iso.datetime({ offset: true }),
        mobility: z.enum(['walking', 'wheelchair', 'stretcher']).optional(),
        companion: z.boolean().optional(),
        notes: z.string().max(2000).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await transport.requestTrip(sql, principal(req), req.body)));

  r.post('/transport/requests/:id/status', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Move a trip along (409 naming the allowed statuses)', params: IdParams, body: z.object({ status: z.string(), vehicle: z.string().max(100).optional(), driver: z.uuid().optional(), pickupAt: z.iso.datetime({ offset: true }).optional() }) },
  }, async (req) => transport.moveTrip(sql, principal(req), req.params.id, req.body));

  r.get('/transport/schedule', {
    preHandler: requireAuth,
    schema: { tags, summary: 'The day’s trips, grouped by hour and destination', querystring: z.object({ date: z.iso.date() }) },
  }, async (req) => transport.schedule(sql, principal(req), req.query.date));
}
