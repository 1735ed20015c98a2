/** Small helpers for HTTP tests through Fastify's inject (the full request pipeline, no socket). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface CallOptions {
  body?: unknown;
  cookie?: string;
  basic?: { email: string; password: string };
  headers?: Record<string, string>;
}

export interface Res<T = unknown> {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: T;
  raw: LightMyRequestResponse;
}

export async function call<T = unknown>(app: FastifyInstance, method: string, url: string, opts: CallOptions = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.basic) headers.authorization = `Basic ${Buffer.from(`${opts.basic.email}:${opts.basic.password}`).toString('base64')}`;
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  const body = (type.includes('json') && res.body ? JSON.parse(res.body) : res.body) as T;
  return { status: res.statusCode, headers: res.headers, body, raw: res };
}

/** Logs in and returns the session cookie header value. */
export async function login(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const set = res.raw.cookies.find((c) => c.name === 'ruamjai_session');
  if (!set) throw new Error('no session cookie');
  return `ruamjai_session=${set.value}`;
}
