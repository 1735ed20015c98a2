import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';
import { buildXlsForm, smallSurvey, smallSurveyInstance } from '../../testing/xlsform.js';

let t: TestApp;
let admin: string;
const vol = { email: 'sv@test.local', password: 'volunteer-123' };
const other = { email: 'sv2@test.local', password: 'volunteer-456' };

async function submitXml(xml: string, cookie: string) {
  return call<{ outcome: string; instanceId: string }>(t.app, 'POST', '/api/v1/forms/hh_small/submissions', { cookie, body: xml, headers: { 'content-type': 'application/xml' } });
}

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'อาสา', nameEn: 'Vol' } });
  for (const u of [vol, other]) {
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { ...u, displayName: u.email, memberships: [{ organizationId: org.body.id, role: 'volunteer', areaScope: '9011' }] } });
  }
  const mp = await multipart([{ name: 'file', value: await buildXlsForm(smallSurvey('1')), filename: 'hh.xlsx' }]);
  const up = await call(t.app, 'POST', '/api/v1/forms', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } });
  assert.equal(up.status, 201);
  const volCookie = await login(t.app, vol.email, vol.password);
  for (let i = 1; i <= 3; i++) {
    const res = await submitXml(
      smallSurveyInstance({ instanceId: `uuid:s-${i}`, village: `หมู่ ${i}`, income: String(i * 1000), tenure: i === 2 ? 'renter' : 'owner', members: [{ name: `คน ${i}ก`, age: '30' }, { name: `คน ${i}ข`, age: '8' }] }),
      volCookie,
    );
    assert.equal(res.status, 201);
  }
  const otherCookie = await login(t.app, other.email, other.password);
  assert.equal((await submitXml(smallSurveyInstance({ instanceId: 'uuid:o-1', members: [] }), otherCookie)).status, 201);
});
after(() => t.close());

type Item = { instanceId: string; data: { village: string; hh: { income: string } }; reviewState: string };

describe('submissions in the API', () => {
  it('accepts the web app’s XML submission idempotently by instanceID', async () => {
    const cookie = await login(t.app, vol.email, vol.password);
    const xml = smallSurveyInstance({ instanceId: 'uuid:web-1' });
    assert.equal((await submitXml(xml, cookie)).status, 201);
    const again = await submitXml(xml, cookie);
    assert.equal(again.status, 200);
    assert.equal(again.body.outcome, 'duplicate');
  });

  it('lists submissions as JSON pages, newest first, with nested data', async () => {
    const res = await call<{ items: Item[]; nextCursor: string | null }>(t.app, 'GET', '/api/v1/forms/hh_small/submissions?format=json&limit=2', { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 2);
    assert.ok(res.body.nextCursor);
    const next = await call<{ items: Item[] }>(t.app, 'GET', `/api/v1/forms/hh_small/submissions?limit=50&cursor=${res.body.nextCursor}`, { cookie: admin });
    const all = [...res.body.items, ...next.body.items].map((i) => i.instanceId);
    assert.equal(new Set(all).size, all.length);
    assert.ok(all.includes('uuid:s-1') && all.includes('uuid:o-1'));
  });

  it('filters by field value and shows a volunteer only their own submissions', async () => {
    const byField = await call<{ items: Item[] }>(t.app, 'GET', '/api/v1/forms/hh_small/submissions?field=hh/tenure=renter', { cookie: admin });
    assert.deepEqual(byField.body.items.map((i) => i.instanceId), ['uuid:s-2']);
    const otherCookie = await login(t.app, other.email, other.password);
    const mine = await call<{ items: Item[] }>(t.app, 'GET', '/api/v1/forms/hh_small/submissions', { cookie: otherCookie });
    assert.deepEqual(mine.body.items.map((i) => i.instanceId), ['uuid:o-1']);
  });

  it('exports a zip of CSVs with a BOM, ODK-style columns and PARENT_KEY/KEY for the repeat', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/forms/hh_small/submissions?format=csv', headers: { cookie: admin } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (name: string) => zip.file(name)!.async('string');
    const main = await text('hh_small.csv');
    assert.ok(main.startsWith('\uFEFF'), 'BOM for Excel');
    const rows = parse<Record<string, string>>(main.slice(1), { columns: true });
    assert.ok(rows.length >= 4);
    for (const col of ['SubmissionDate', 'village', 'hh/income', 'hh/tenure', 'KEY', 'ReviewState']) assert.ok(col in rows[0]!, `column ${col}`);
    const s2 = rows.find((r) => r.KEY === 'uuid:s-2')!;
    assert.equal(s2['hh/income'], '2000');
    assert.equal(s2.village, 'หมู่ 2');
    const members = parse<Record<string, string>>((await text('hh_small-members.csv')).slice(1), { columns: true });
    const ofS2 = members.filter((m) => m.PARENT_KEY === 'uuid:s-2');
    assert.deepEqual(ofS2.map((m) => [m['members/name'], m.KEY]), [['คน 2ก', 'uuid:s-2/members[1]'], ['คน 2ข', 'uuid:s-2/members[2]']]);
  });

  it('exports XLSX with a sheet per repeat', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/forms/hh_small/submissions?format=xlsx', headers: { cookie: admin } });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['hh_small', 'hh_small-members']);
    const main = wb.getWorksheet('hh_small')!;
    const header = (main.getRow(1).values as unknown[]).slice(1);
    assert.ok(header.includes('hh/income'));
    assert.ok(main.rowCount >= 5);
    const members = wb.getWorksheet('hh_small-members')!;
    assert.ok((members.getRow(1).values as unknown[]).includes('PARENT_KEY'));
  });

  it('records reviews: approve, and reject only with a comment', async () => {
    const bad = await call(t.app, 'PATCH', '/api/v1/forms/hh_small/submissions/uuid:s-1', { cookie: admin, body: { reviewState: 'rejected' } });
    assert.equal(bad.status, 400);
    const ok = await call<{ reviewState: string }>(t.app, 'PATCH', '/api/v1/forms/hh_small/submissions/uuid:s-1', { cookie: admin, body: { reviewState: 'rejected', comment: 'รายได้ไม่ตรงกับที่สัมภาษณ์' } });
    assert.equal(ok.status, 200);
    const one = await call<{ reviewState: string; reviewComment: string; history: unknown[] }>(t.app, 'GET', '/api/v1/forms/hh_small/submissions/uuid:s-1', { cookie: admin });
    assert.equal(one.body.reviewState, 'rejected');
    assert.equal(one.body.reviewComment, 'รายได้ไม่ตรงกับที่สัมภาษณ์');
    assert.equal(one.body.history.length, 1);
    const volCookie = await login(t.app, vol.email, vol.password);
    const denied = await call(t.app, 'PATCH', '/api/v1/forms/hh_small/submissions/uuid:s-1', { cookie: volCookie, body: { reviewState: 'approved' } });
    assert.equal(denied.status, 403);
  });
});
