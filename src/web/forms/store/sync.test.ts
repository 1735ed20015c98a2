import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, send } from './sync.js';
import type { OutboxItem } from './db.js';

const item: OutboxItem = {
  id: 'd1',
  userId: 'u1',
  formId: 'hh small',
  version: '1',
  title: 'HH',
  instanceId: 'uuid:1',
  deprecatedId: null,
  instanceName: '',
  xml: '<data id="hh small"/>',
  files: [],
  createdAt: 0,
  attempts: 0,
  nextAttemptAt: 0,
  error: null,
  state: 'pending',
  snapshot: { tree: { n: 'data' }, stash: [] },
};

const realFetch = globalThis.fetch;
let calls: { url: string; init: RequestInit | undefined }[] = [];

function answer(status: number, body?: unknown) {
  calls = [];
  const stub = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init });
    return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }));
  };
  globalThis.fetch = stub;
}

describe('outbox send', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('posts the XML to the form and counts 201 and 200 (already stored) as sent', async () => {
    answer(201, { outcome: 'created' });
    assert.deepEqual(await send(item), { kind: 'sent' });
    assert.equal(calls[0]?.url, '/api/v1/forms/hh%20small/submissions');
    assert.equal(calls[0]?.init?.method, 'POST');
    assert.equal((calls[0]?.init?.headers as Record<string, string>)['Content-Type'], 'application/xml');
    assert.equal(calls[0]?.init?.body, item.xml);
    answer(200, { outcome: 'duplicate' });
    assert.deepEqual(await send(item), { kind: 'sent' });
  });

  it('keeps a refused item with the server’s reason in both languages', async () => {
    answer(409, { title: 'Conflict', titleTh: 'ข้อมูลขัดแย้ง', detail: 'A different submission', detailTh: 'มีข้อมูลอื่น' });
    assert.deepEqual(await send(item), { kind: 'refused', error: { status: 409, title: 'Conflict', titleTh: 'ข้อมูลขัดแย้ง', detail: 'A different submission', detailTh: 'มีข้อมูลอื่น' } });
  });

  it('retries server errors and network failures, and stops for a 401', async () => {
    answer(503, { title: 'Unavailable' });
    assert.equal((await send(item)).kind, 'retry');
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const out = await send(item);
    assert.equal(out.kind, 'retry');
    assert.equal(out.kind === 'retry' ? out.error.status : -1, 0);
    answer(401, { title: 'Unauthorized' });
    assert.equal((await send(item)).kind, 'unauthorized');
  });

  it('waits longer after each failure, at most five minutes', () => {
    const d1 = backoff(1);
    const d4 = backoff(4);
    assert.ok(d1 >= 1700 && d1 <= 2300, String(d1));
    assert.ok(d4 >= 13600 && d4 <= 18400, String(d4));
    assert.ok(backoff(30) <= 5 * 60_000 * 1.15);
  });
});
