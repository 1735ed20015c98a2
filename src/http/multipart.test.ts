import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { acceptMultipart, readMultipart } from './multipart.js';

const MB = 1024 * 1024;
let app: FastifyInstance;
let url: string;

before(async () => {
  app = Fastify();
  acceptMultipart(app);
  app.post('/upload', async (req) => {
    const body = await readMultipart(req, { fileSize: 8 * MB, files: 4 });
    return {
      fields: body.fields,
      files: body.files.map((f) => ({ field: f.field, filename: f.filename, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') })),
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/upload`;
});
after(() => app.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('multipart bodies', () => {
  it('receives small and large files of one request byte for byte, with the fields around them', async () => {
    const xml = Buffer.from('<data id="hh"><name>สมชาย</name></data>');
    const big = randomBytes(3 * MB + 17);
    const bigger = randomBytes(5 * MB);
    const form = new FormData();
    form.append('mapping', '{"ชื่อ":"firstName"}');
    form.append('xml_submission_file', new Blob([xml]), 'submission.xml');
    form.append('photo', new Blob([big]), 'photo.jpg');
    form.append('after', 'ท้าย');
    form.append('list', new Blob([bigger]), 'list.csv');
    const res = await fetch(url, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { fields: Record<string, string>; files: { field: string; filename: string; size: number; sha256: string }[] };
    assert.deepEqual(body.fields, { mapping: '{"ชื่อ":"firstName"}', after: 'ท้าย' });
    assert.deepEqual(body.files, [
      { field: 'xml_submission_file', filename: 'submission.xml', size: xml.length, sha256: sha256(xml) },
      { field: 'photo', filename: 'photo.jpg', size: big.length, sha256: sha256(big) },
      { field: 'list', filename: 'list.csv', size: bigger.length, sha256: sha256(bigger) },
    ]);
  });

  it('receives a large file sent without a Content-Length (chunked) intact', async () => {
    const data = randomBytes(2 * MB + 5);
    const boundary = 'ruamjai-test-boundary';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="list.csv"\r\ncontent-type: text/csv\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const pieces = [head, ...Array.from({ length: 40 }, (_, i) => data.subarray(Math.floor((i * data.length) / 40), Math.floor(((i + 1) * data.length) / 40))), tail];
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(Readable.from(pieces)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { files: { size: number; sha256: string }[] };
    assert.deepEqual(body.files.map((f) => [f.size, f.sha256]), [[data.length, sha256(data)]]);
  });

  it('refuses a file over the limit with 413 naming the part', async () => {
    const form = new FormData();
    form.append('file', new Blob([randomBytes(8 * MB + 1)]), 'too-big.csv');
    const res = await fetch(url, { method: 'POST', body: form });
    assert.equal(res.status, 413);
    assert.match(JSON.stringify(await res.json()), /too-big\.csv/);
  });
});
