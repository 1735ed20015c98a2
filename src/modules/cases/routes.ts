import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { IdParams } from '../accounts/schema.js';
import * as svc from './service.js';
import { acceptMultipart, readMultipart } from '../../http/multipart.js';
import { problem } from '../../http/problems.js';
import { isSystemAdmin } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import * as audit from '../audit/service.js';
import * as transport from './transport.js';
import * as care from './care.js';
import * as supplies from './supplies.js';
import { LEGAL_BASES } from '../../lib/legalBases.js';

const tags = ['cases'];
const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
const LEGAL = z.enum(LEGAL_BASES);
const CaseType = z.string().regex(/^[a-z][a-z0-9_]*$/).describe('help_request, referral, screening_follow_up, transport, home_care, supplies, education, legal_status, housing, other');

export function caseRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  acceptMultipart(app);
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

  r.get('/case-types', { preHandler: requireAuth, schema: { tags, summary: 'Case types (configurable)' } }, async () =>
    sql`select code, name_th, name_en, active from case_types order by name_th`,
  );

  r.post('/case-types', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Add or rename a case type (coordinators and admins)', body: z.object({ code: CaseType, nameTh: z.string().trim().min(1).max(200), nameEn: z.string().trim().min(1).max(200), active: z.boolean().default(true) }) },
  }, async (req, reply) => {
    const p = principal(req);
    if (!isSystemAdmin(p) && !p.memberships.some((m) => m.role === 'coordinator' || m.role === 'org_admin')) {
      throw problem('forbidden', { detail: 'Only coordinators and admins configure case types', detailTh: 'เฉพาะผู้ประสานงานและผู้ดูแลเท่านั้นที่กำหนดประเภทกรณีได้' });
    }
    await sql.begin(async (tx) => {
      await tx`insert into case_types (code, name_th, name_en, active) values (${req.body.code}, ${req.body.nameTh}, ${req.body.nameEn}, ${req.body.active})
               on conflict (code) do update set name_th = excluded.name_th, name_en = excluded.name_en, active = excluded.active`;
      await audit.record(tx, actorOf(p), { action: 'case_type.save', entity: 'case_type', entityId: req.body.code, changes: req.body });
    });
    return reply.code(201).send(req.body);
  });

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

  r.post('/cases/:id/tasks', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Add a task to a case', params: IdParams, body: z.object({ title: z.string().trim().min(1).max(500), assignee: z.uuid().optional(), due: z.iso.date().optional() }) },
  }, async (req, reply) => reply.code(201).send(await svc.addTask(sql, principal(req), req.params.id, req.body)));

  r.post('/cases/:id/tasks/:taskId/done', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Mark a task done', params: IdParams.extend({ taskId: z.uuid() }) },
  }, async (req) => svc.completeTask(sql, principal(req), req.params.id, req.params.taskId));

  r.post('/cases/:id/attachments', {
    preHandler: requireAuth,
    bodyLimit: 25 * 1024 * 1024,
    schema: { tags, summary: 'Attach a file (multipart field "file") to the case timeline', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const body = await readMultipart(req, { fileSize: 20 * 1024 * 1024, files: 1 });
    const file = body.files.find((f) => f.field === 'file');
    if (!file) throw problem('validation_failed', { detail: 'Send the file in a field named "file"', detailTh: 'กรุณาแนบไฟล์ในช่องชื่อ "file"', errors: [{ field: 'file', message: 'missing', messageTh: 'ไม่พบไฟล์' }] });
    return reply.code(201).send(await svc.attach(sql, principal(req), req.params.id, file));
  });

  r.get('/cases/:id/attachments/:attachmentId', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One attachment of a case', params: IdParams.extend({ attachmentId: z.uuid() }) },
  }, async (req, reply) => {
    const a = await svc.attachment(sql, principal(req), req.params.id, req.params.attachmentId);
    return reply.type(a.contentType).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.name)}`).send(a.data);
  });

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
    schema: { tags, summary: 'Move a trip along (409 naming the allowed statuses, or a vehicle or driver not available then)', params: IdParams, body: z.object({ status: z.string(), vehicle: z.string().max(100).optional(), vehicleId: z.uuid().optional(), driver: z.uuid().optional(), pickupAt: z.iso.datetime({ offset: true }).optional() }) },
  }, async (req) => transport.moveTrip(sql, principal(req), req.params.id, req.body));

  r.post('/transport/vehicles', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Add a vehicle (what patients it can carry)', body: z.object({ orgId: z.uuid().optional(), name: z.string().trim().min(1).max(100), plate: z.string().max(20).optional(), wheelchair: z.boolean().optional(), stretcher: z.boolean().optional(), seats: z.number().int().min(1).max(60).optional() }) },
  }, async (req, reply) => reply.code(201).send(await transport.addVehicle(sql, principal(req), req.body)));

  r.get('/transport/vehicles', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Vehicles, and whether each is unavailable on a date', querystring: z.object({ date: z.iso.date().optional() }) },
  }, async (req) => transport.vehicles(sql, principal(req), req.query.date));

  r.post('/transport/unavailability', {
    preHandler: requireAuth,
    schema: { tags, summary: 'A vehicle or a driver cannot be booked in a period', body: z.object({ vehicleId: z.uuid().optional(), driverId: z.uuid().optional(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), reason: z.string().max(500).optional() }) },
  }, async (req, reply) => reply.code(201).send(await transport.markUnavailable(sql, principal(req), req.body)));

  r.get('/transport/figures', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Trips per month: requested, completed, cancelled, no-shows, patients', querystring: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }) },
  }, async (req) => transport.monthly(sql, principal(req), req.query.months));

  r.get('/transport/schedule', {
    preHandler: requireAuth,
    schema: { tags, summary: 'The day’s trips, grouped by hour and destination', querystring: z.object({ date: z.iso.date() }) },
  }, async (req) => transport.schedule(sql, principal(req), req.query.date));

  // ---- home care
  r.post('/homecare/plans', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'A home-visit plan for a person: caregiver and how often',
      body: z.object({ personId: z.uuid(), orgId: z.uuid().optional(), caregiverId: z.uuid().optional(), caregiverName: z.string().max(200).optional(), everyDays: z.number().int().min(1).max(365), firstDue: z.iso.date().optional(), notes: z.string().max(2000).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await care.createPlan(sql, principal(req), req.body)));

  r.get('/homecare/plans', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Visit plans of the caller’s organisations; missed=true lists those past due', querystring: z.object({ missed: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), personId: z.uuid().optional() }) },
  }, async (req) => care.plans(sql, principal(req), req.query));

  r.post('/homecare/plans/:id/visits', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Log a visit: vital signs, notes, needs found',
      params: IdParams,
      body: z.object({
        visitedAt: z.iso.datetime({ offset: true }),
        vitals: z.object({ bpSystolic: z.number().min(40).max(300), bpDiastolic: z.number().min(20).max(200), pulse: z.number().min(20).max(250), temperature: z.number().min(30).max(45), spo2: z.number().min(50).max(100), bloodSugar: z.number().min(10).max(1000), weight: z.number().min(1).max(400) }).partial().optional(),
        notes: z.string().max(5000).optional(),
        needs: z.array(z.string().max(100)).max(20).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await care.logVisit(sql, principal(req), req.params.id, req.body)));

  r.get('/people/:id/visits', { preHandler: requireAuth, schema: { tags, summary: 'Home visits of a person (health data: legal basis needed)', params: IdParams } }, async (req) =>
    care.visits(sql, principal(req), req.params.id),
  );

  // ---- supplies
  r.get('/supplies/items', { preHandler: requireAuth, schema: { tags, summary: 'Supply items' } }, async () => supplies.items(sql));
  r.get('/supplies/stock', { preHandler: requireAuth, schema: { tags, summary: 'Stock of the caller’s organisations' } }, async (req) => supplies.stock(sql, principal(req)));
  r.post('/supplies/receipts', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Items received into an organisation’s stock', body: z.object({ orgId: z.uuid().optional(), itemCode: z.string(), quantity: z.number().int().min(1).max(1_000_000), note: z.string().max(1000).optional() }) },
  }, async (req, reply) => reply.code(201).send(await supplies.receive(sql, principal(req), req.body)));
  r.post('/supplies/requests', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Request an item for a person', body: z.object({ personId: z.uuid(), orgId: z.uuid().optional(), itemCode: z.string(), quantity: z.number().int().min(1).max(10_000), reason: z.string().max(1000).optional(), caseId: z.uuid().optional() }) },
  }, async (req, reply) => reply.code(201).send(await supplies.request(sql, principal(req), req.body)));
  r.post('/supplies/requests/:id/handover', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Hand the item over: stock goes down (409 when there is not enough)', params: IdParams, body: z.object({ note: z.string().max(1000).optional() }).optional() },
  }, async (req) => supplies.handOver(sql, principal(req), req.params.id, req.body?.note));
  r.get('/people/:id/supplies', { preHandler: requireAuth, schema: { tags, summary: 'Supplies requested for and handed to a person', params: IdParams } }, async (req) =>
    supplies.ofPerson(sql, principal(req), req.params.id),
  );
}
