import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/app.js';
import { principal } from '../../http/auth.js';
import { permissionsOf } from './policy.js';
import * as S from './schema.js';
import * as svc from './service.js';
import { SESSION_COOKIE } from './sessions.js';

const tags = ['accounts'];

function isTls(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isTls(req),
    maxAge: maxAgeSeconds,
  });
}

export function accountRoutes(app: FastifyInstance, { deps, requireAuth }: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const acc = deps.accounts;

  r.post('/auth/login', {
    schema: { tags, summary: 'Log in: opens a session (cookie ruamjai_session)', body: S.LoginBody, response: { 200: S.LoginOut }, security: [] },
  }, async (req, reply) => {
    const res = await svc.login(acc, {
      email: req.body.email,
      password: req.body.password,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      previousToken: req.cookies[SESSION_COOKIE],
    });
    setSessionCookie(req, reply, res.token, deps.config.sessionMaxHours * 3600);
    return {
      user: { id: res.user.id, email: res.user.email, displayName: res.user.displayName, locale: res.user.locale },
      memberships: res.principal.memberships,
    };
  });

  r.post('/auth/logout', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Log out: ends this session', response: { 204: z.null() } },
  }, async (req, reply) => {
    await svc.logout(acc, principal(req));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  async function me(req: FastifyRequest) {
    const p = principal(req);
    const fresh = await svc.getUser(acc, p, p.userId);
    const orgIds = [...new Set(p.memberships.map((m) => m.organizationId))];
    const codes = [...new Set(p.memberships.map((m) => m.areaScope))];
    const orgs = new Map((await deps.sql<{ id: string; nameTh: string; nameEn: string }[]>`
      select id, name_th, name_en from organizations where id = any(${orgIds}::uuid[])`).map((o) => [o.id, o]));
    const areas = new Map((await deps.sql<{ code: string; nameTh: string; nameEn: string; level: string }[]>`
      select code, name_th, name_en, level from areas where code = any(${codes}::text[])`).map((a) => [a.code, a]));
    return {
      id: fresh.id,
      email: fresh.email,
      displayName: fresh.displayName,
      locale: fresh.locale,
      memberships: p.memberships.map((m) => ({
        ...m,
        organization: orgs.get(m.organizationId) ?? { id: m.organizationId, nameTh: '?', nameEn: '?' },
        area: areas.get(m.areaScope) ?? { code: m.areaScope, nameTh: m.areaScope, nameEn: m.areaScope, level: 'unknown' },
      })),
      permissions: permissionsOf(p),
    };
  }

  r.get('/me', { preHandler: requireAuth, schema: { tags, summary: 'The caller, memberships and permissions', response: { 200: S.MeOut } } }, me);

  r.patch('/me', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Change own name or language', body: S.UpdateMeBody, response: { 200: S.MeOut } },
  }, async (req) => {
    await svc.updateMe(acc, principal(req), req.body);
    return me(req);
  });

  r.post('/me/password', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Change own password (ends other sessions)', body: S.ChangePasswordBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await svc.changeOwnPassword(acc, principal(req), req.body.currentPassword, req.body.newPassword);
    return reply.code(204).send(null);
  });

  r.get('/users', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Users the caller administers (system admin: all; org admin: their organisations)', querystring: S.UserListQuery, response: { 200: S.UserList } },
  }, async (req) => svc.listUsers(acc, principal(req), req.query));

  r.post('/users', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Create a user with memberships', body: S.CreateUserBody, response: { 201: S.UserOut } },
  }, async (req, reply) => reply.code(201).send(await svc.createUser(acc, principal(req), req.body)));

  r.get('/users/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'One user', params: S.IdParams, response: { 200: S.UserOut } },
  }, async (req) => svc.getUser(acc, principal(req), req.params.id));

  r.patch('/users/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Update a user (name, language, password, memberships)', params: S.IdParams, body: S.UpdateUserBody, response: { 200: S.UserOut } },
  }, async (req) => svc.updateUser(acc, principal(req), req.params.id, req.body));

  r.post('/users/:id/deactivate', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Deactivate a user: their sessions end at once', params: S.IdParams, response: { 200: S.UserOut } },
  }, async (req) => svc.setUserActive(acc, principal(req), req.params.id, false));

  r.post('/users/:id/activate', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Reactivate a user', params: S.IdParams, response: { 200: S.UserOut } },
  }, async (req) => svc.setUserActive(acc, principal(req), req.params.id, true));

  r.delete('/users/:id', {
    preHandler: requireAuth,
    schema: { tags, summary: 'Same as deactivate: users are never erased, their audit trail stays', params: S.IdParams, response: { 200: S.UserOut } },
  }, async (req) => svc.setUserActive(acc, principal(req), req.params.id, false));
}
