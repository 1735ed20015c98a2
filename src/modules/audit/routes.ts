import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { problem } from '../../http/problems.js';
import { adminOrganizations, authorize, isSystemAdmin } from '../accounts/policy.js';
import * as audit from './service.js';

const tags = ['audit'];

const Entry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  changes: z.unknown(),
  ip: z.string().nullable(),
});

const VERIFY_TEXT = {
  ok: { en: 'The audit chain is intact', th: 'บันทึกการตรวจสอบครบถ้วน ไม่ถูกแก้ไข' },
  hash_mismatch: { en: 'An audit entry was changed', th: 'มีรายการในบันทึกการตรวจสอบถูกแก้ไข' },
  link_mismatch: { en: 'The chain of audit entries is broken', th: 'ลำดับของบันทึกการตรวจสอบขาดตอน' },
  gap: { en: 'Audit entries are missing', th: 'รายการในบันทึกการตรวจสอบหายไป' },
  anchor_missing: { en: 'Audit entries verified earlier are missing or changed', th: 'รายการที่เคยตรวจสอบแล้วหายไปหรือถูกแก้ไข' },
} as const;

export function auditRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/audit', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Audit log, newest first (system admins: all; org admins: actions of their organisations’ members)',
      querystring: z.object({
        entity: z.string().max(100).optional(),
        entityId: z.string().max(200).optional(),
        actorId: z.uuid().optional(),
        action: z.string().max(100).optional().describe('Action or its prefix, e.g. user. or user.create'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: z.string().regex(/^[0-9]+$/).optional().describe('nextCursor of the previous page'),
      }),
      response: { 200: z.object({ items: z.array(Entry), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const p = principal(req);
    authorize(p, { do: 'audit.read' });
    const q = req.query;
    const rows = await audit.list(deps.sql, {
      entity: q.entity,
      entityId: q.entityId,
      actorId: q.actorId,
      action: q.action,
      before: q.cursor ? Number(q.cursor) : undefined,
      actorOrganizationIds: isSystemAdmin(p) ? undefined : adminOrganizations(p),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((e) => ({ ...e, at: e.at.toISOString() })),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.seq) : null,
    };
  });

  r.post('/audit/verify', {
    preHandler: requireAuth,
    schema: {
      tags,
      summary: 'Recompute the hash chain of the whole audit log (system admin)',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number().int(), brokenAt: z.number().int().nullable(), reason: z.string().nullable(), message: z.string(), messageTh: z.string() }) },
    },
  }, async (req) => {
    const p = principal(req);
    if (!isSystemAdmin(p)) throw problem('forbidden', { detail: 'Only system admins verify the audit log', detailTh: 'เฉพาะผู้ดูแลระบบเท่านั้นที่ตรวจสอบบันทึกได้' });
    const res = await audit.verify(deps.sql);
    const text = VERIFY_TEXT[res.reason ?? 'ok'];
    return { ...res, message: text.en, messageTh: text.th };
  });
}
