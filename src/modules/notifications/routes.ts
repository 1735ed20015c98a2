import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { IdParams } from '../accounts/schema.js';
import * as svc from './service.js';

const tags = ['notifications'];

export function notificationRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sql } = deps;
  r.get('/notifications', {
    preHandler: requireAuth,
    schema: { tags, summary: 'The caller’s notifications, newest first, with the unread count', querystring: z.object({ unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  }, async (req) => svc.listMine(sql, principal(req).userId, { unread: req.query.unread, limit: req.query.limit }));
  r.post('/notifications/:id/read', { preHandler: requireAuth, schema: { tags, summary: 'Mark one as read', params: IdParams } }, async (req) => ({ read: await svc.markRead(sql, principal(req).userId, req.params.id) }));
  r.post('/notifications/read-all', { preHandler: requireAuth, schema: { tags, summary: 'Mark all as read' } }, async (req) => ({ read: await svc.markRead(sql, principal(req).userId) }));
}
