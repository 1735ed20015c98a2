/**
 * Who is calling: a session cookie (the web app) or HTTP Basic (API
 * scripts, ODK Collect). `requireAuth` is the preHandler of every
 * protected route; it puts the Principal on the request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsDeps } from '../modules/accounts/service.js';
import { principalFromBasic, principalFromSession } from '../modules/accounts/service.js';
import { parseBasic, SESSION_COOKIE } from '../modules/accounts/sessions.js';
import type { Principal } from '../modules/accounts/types.js';
import { problem } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** A browser's fetch() must not get a Basic challenge, or it pops up its own login box. */
function wantsBasicChallenge(req: FastifyRequest): boolean {
  const mode = req.headers['sec-fetch-mode'];
  return mode === undefined || mode === 'navigate';
}

export function makeAuth(deps: AccountsDeps) {
  async function resolve(req: FastifyRequest): Promise<Principal | null> {
    const basic = parseBasic(req.headers.authorization);
    if (basic) return principalFromBasic(deps, basic.email, basic.password, req.ip);
    const token = req.cookies[SESSION_COOKIE];
    if (token) return (await principalFromSession(deps, token, req.ip)) ?? null;
    return null;
  }

  async function requireAuth(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const p = await resolve(req);
    if (!p) {
      if (req.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw problem('unauthenticated', {
        detail: 'Log in, or send HTTP Basic credentials',
        detailTh: 'กรุณาเข้าสู่ระบบ หรือส่งข้อมูลยืนยันตัวตนแบบ HTTP Basic',
        headers: wantsBasicChallenge(req) ? { 'www-authenticate': 'Basic realm="Ruamjai", charset="UTF-8"' } : {},
      });
    }
    req.principal = p;
  }

  return { resolve, requireAuth };
}

export type Auth = ReturnType<typeof makeAuth>;

/** The principal of a route behind requireAuth. */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw problem('unauthenticated');
  return req.principal;
}
