/**
 * Assembles the HTTP app: error handling (problem+json everywhere), auth,
 * the module routes, the OpenAPI document and the built web app.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { Config } from '../config.js';
import type { Sql } from '../db/index.js';
import type { AccountsDeps } from '../modules/accounts/service.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { areaRoutes } from '../modules/areas/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { organizationRoutes } from '../modules/organizations/routes.js';
import { formRoutes } from '../modules/forms/routes.js';
import { registryRoutes } from '../modules/registry/routes.js';
import { indicatorRoutes } from '../modules/indicators/routes.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { configureChannels } from '../modules/notifications/service.js';
import { openRosaRoutes } from '../modules/openrosa/routes.js';
import { submissionRoutes } from '../modules/submissions/routes.js';
import { createSubmissionsDeps, type SubmissionsDeps } from '../modules/submissions/service.js';
import { makeAuth } from './auth.js';
import { Problem, problem, problemFromPg, type FieldError } from './problems.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppDeps {
  config: Config;
  sql: Sql;
  accounts: AccountsDeps;
  /** Directory of the built web app; defaults to dist/web. */
  webDir?: string;
  submissions?: SubmissionsDeps;
}


export interface RouteContext {
  deps: AppDeps;
  requireAuth: ReturnType<typeof makeAuth>['requireAuth'];
}

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  for (const [k, v] of Object.entries(p.options.headers ?? {})) void reply.header(k, v);
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(p.body()));
}

/** Turns zod issues into field errors with Thai and English text. */
function fieldErrors(err: FastifyError): FieldError[] {
  const validation = (err.validation ?? []) as { instancePath?: string; message?: string; params?: { issue?: { path?: (string | number)[]; code?: string } } }[];
  return validation.map((v) => {
    const field = v.params?.issue?.path?.join('.') ?? (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const where = err.validationContext === 'body' ? field : `${err.validationContext ?? 'request'}.${field}`;
    return { field: where || String(err.validationContext ?? 'body'), message: v.message ?? 'invalid', messageTh: thaiValidationMessage(v.params?.issue?.code) };
  });
}

function thaiValidationMessage(code: string | undefined): string {
  switch (code) {
    case 'invalid_type':
      return 'ไม่มีค่าหรือชนิดข้อมูลไม่ถูกต้อง';
    case 'too_small':
      return 'สั้นหรือน้อยเกินไป';
    case 'too_big':
      return 'ยาวหรือมากเกินไป';
    case 'invalid_format':
    case 'invalid_string':
      return 'รูปแบบไม่ถูกต้อง';
    case 'invalid_value':
    case 'invalid_enum_value':
      return 'ไม่ใช่ค่าที่อนุญาต';
    case 'unrecognized_keys':
      return 'มีช่องที่ไม่รู้จัก';
    default:
      return 'ค่าไม่ถูกต้อง';
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Requests in flight get this long to finish on shutdown.
    forceCloseConnections: 'idle',
  });
  // On shutdown, answers in flight say "Connection: close" so keep-alive
  // clients let go and close() can finish.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  // A shadow router of every route, to tell "wrong method" (405) from "no such path" (404).
  const shadow = FindMyWay();
  const routeMethods = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      routeMethods.add(m);
      try {
        shadow.on(m as HTTPMethod, route.url, () => {});
      } catch {
        // the same method and path registered twice (HEAD for GET): already known
      }
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof Problem) return sendProblem(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, problem('validation_failed', { detail: err.message, detailTh: 'ข้อมูลบางช่องไม่ถูกต้อง', errors: fieldErrors(err) }));
    }
    const pg = problemFromPg(err);
    if (pg) return sendProblem(reply, pg);
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, problem('invalid_json', { detail: err.message, detailTh: 'ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง' }));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, problem('payload_too_large', { detail: `The body is larger than ${config.bodyLimit} bytes`, detailTh: `ข้อมูลมีขนาดเกิน ${config.bodyLimit} ไบต์` }));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, problem('unsupported_media_type', { detail: err.message, detailTh: 'ไม่รองรับชนิดข้อมูลนี้' }));
    }
    if (err instanceof SyntaxError || (err.statusCode === 400 && typeof err.code === 'string' && err.code.startsWith('FST_'))) {
      return sendProblem(reply, problem('bad_request', { detail: err.message, detailTh: 'คำขอไม่ถูกต้อง' }));
    }
    if (err.statusCode === 413) return sendProblem(reply, problem('payload_too_large'));
    // Anything else is our fault: log it whole, tell the caller nothing about it.
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problem('internal'));
  });

  const webDir = deps.webDir ?? WEB_DIST;
  const haveWeb = existsSync(path.join(webDir, 'index.html'));

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0] ?? '/';
    const allowedMethods = [...routeMethods].filter((m) => m !== req.method && shadow.find(m as HTTPMethod, url) !== null);
    if (allowedMethods.length > 0) {
      const allow = [...new Set(allowedMethods)].sort().join(', ');
      return sendProblem(reply, problem('method_not_allowed', {
        detail: `${req.method} is not allowed on ${url}; use ${allow}`,
        detailTh: `ไม่รองรับ ${req.method} ที่ ${url} ใช้ได้เฉพาะ ${allow}`,
        headers: { allow },
      }));
    }
    const isApi = /^\/(api|openrosa|healthz)(\/|$)/.test(url);
    // The web app's own routes (/areas/90, /admin/users) are answered with its shell.
    if (!isApi && haveWeb && (req.method === 'GET' || req.method === 'HEAD') && !path.extname(url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    return sendProblem(reply, problem('route_not_found', { detail: `No route ${req.method} ${url}`, detailTh: `ไม่พบเส้นทาง ${req.method} ${url}` }));
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ruamjai API',
        description:
          'ร่วมใจ — community data and care coordination. Authenticate with the session cookie from POST /api/v1/auth/login or with HTTP Basic. Errors are RFC 9457 application/problem+json with Thai (titleTh, detailTh) and English (title, detail) text.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ruamjai_session' },
          basic: { type: 'http', scheme: 'basic' },
        },
      },
      security: [{ session: [] }, { basic: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // A cookie-authenticated write from another site is refused (SameSite=Lax already blocks most).
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    const origin = req.headers.origin;
    if (!origin || origin === 'null' || !req.headers.cookie) return done();
    const host = req.headers['x-forwarded-host'] && config.trustProxy ? String(req.headers['x-forwarded-host']) : req.headers.host;
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host) {
      return done(problem('cross_origin', { detail: `Origin ${origin} is not this site`, detailTh: `ต้นทาง ${origin} ไม่ใช่เว็บไซต์นี้` }));
    }
    done();
  });

  configureChannels(config);
  const auth = makeAuth(deps.accounts);
  const ctx: RouteContext = { deps, requireAuth: auth.requireAuth };
  const submissions = deps.submissions ?? createSubmissionsDeps(deps.sql);
  // Submissions queued for the group commit are written before the pool closes.
  app.addHook('onClose', async () => {
    await submissions.writer.drain();
  });
  const z = app.withTypeProvider<ZodTypeProvider>();

  z.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.sql`select 1`;
      return reply.send({ status: 'ok' });
    } catch {
      return sendProblem(reply, problem('unavailable', { detail: 'The database does not answer', detailTh: 'ฐานข้อมูลไม่ตอบสนอง' }));
    }
  });

  await app.register(
    (api, _opts, done) => {
      accountRoutes(api, ctx);
      organizationRoutes(api, ctx);
      areaRoutes(api, ctx);
      auditRoutes(api, ctx);
      formRoutes(api, ctx);
      registryRoutes(api, ctx);
      indicatorRoutes(api, ctx);
      caseRoutes(api, ctx);
      notificationRoutes(api, ctx);
      submissionRoutes(api, { ...ctx, submissions });
      done();
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    (openrosa, _opts, done) => {
      openRosaRoutes(openrosa, { ...ctx, submissions });
      done();
    },
    { prefix: '/openrosa' },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, (_req, reply) => reply.send(app.swagger()));

  if (haveWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      // Hashed asset names never change: cache them for a year; the shell is revalidated.
      setHeaders: (res, file) => {
        void res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  return app;
}
