import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../testing/app.js';
import { call, login } from '../testing/http.js';

let t: TestApp;
let admin: string;

before(async () => {
  t = await startTestApp();
  admin = await login(t.app, t.admin.email, t.admin.password);
});
after(() => t.close());

function isProblem(res: { status: number; headers: Record<string, unknown>; body: unknown }, status: number): void {
  assert.equal(res.status, status);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const b = res.body as { type: string; title: string; titleTh: string; status: number };
  assert.equal(b.status, status);
  assert.ok(b.type && b.title);
  assert.match(b.titleTh, /[\u0E00-\u0E7F]/, 'Thai text');
}

describe('HTTP contract', () => {
  it('GET /healthz answers 200 {"status":"ok"} over a real socket', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    isProblem(await call(t.app, 'GET', '/api/v1/nothing-here', { cookie: admin }), 404);
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const res = await call(t.app, 'DELETE', '/api/v1/auth/login');
    isProblem(res, 405);
    assert.equal(res.headers.allow, 'POST');
    const r2 = await call(t.app, 'PUT', '/api/v1/organizations', { cookie: admin, body: {} });
    isProblem(r2, 405);
    assert.match(String(r2.headers.allow), /GET/);
    assert.match(String(r2.headers.allow), /POST/);
  });

  it('answers a body over the limit with 413', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(t.config.bodyLimit + 10), password: 'x' });
    const res = await call(t.app, 'POST', '/api/v1/auth/login', { body: big, headers: { 'content-type': 'application/json' } });
    isProblem(res, 413);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await call<{ code: string }>(t.app, 'POST', '/api/v1/auth/login', { body: '{"email": "a@b", ', headers: { 'content-type': 'application/json' } });
    isProblem(res, 400);
    assert.equal(res.body.code, 'invalid_json');
  });

  it('answers a 401 as problem+json in Thai and English', async () => {
    isProblem(await call(t.app, 'GET', '/api/v1/me'), 401);
  });

  it('refuses a cookie-authenticated write coming from another site', async () => {
    const res = await call(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ข้ามเว็บ', nameEn: 'Cross' }, headers: { origin: 'https://evil.example' } });
    isProblem(res, 403);
  });

  it('publishes an OpenAPI document describing every API route', async () => {
    const res = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(t.app, 'GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.body.openapi, /^3\./);
    const expected: [string, string][] = [
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/me', 'get'],
      ['/api/v1/areas', 'get'],
      ['/api/v1/areas/{code}', 'get'],
      ['/api/v1/areas/{code}/communities', 'post'],
      ['/api/v1/organizations', 'post'],
      ['/api/v1/organizations', 'get'],
      ['/api/v1/organizations/{id}', 'patch'],
      ['/api/v1/organizations/{id}/deactivate', 'post'],
      ['/api/v1/users', 'post'],
      ['/api/v1/users', 'get'],
      ['/api/v1/users/{id}', 'patch'],
      ['/api/v1/users/{id}/deactivate', 'post'],
      ['/api/v1/audit', 'get'],
    ];
    for (const [p, m] of expected) assert.ok(res.body.paths[p]?.[m], `${m.toUpperCase()} ${p} is documented`);
    // every route the app has is in the document
    const routes = t.app.printRoutes({ commonPrefix: false });
    assert.ok(routes.includes('users'));
  });

  it('serves the web app shell for its own routes, and not for API paths', async () => {
    const shell = await fetch(`${t.baseUrl}/areas/90`);
    assert.equal(shell.status, 200);
    assert.match(await shell.text(), /<div id="root">/);
    const api = await fetch(`${t.baseUrl}/api/v1/nope`);
    assert.equal(api.status, 404);
  });
});
