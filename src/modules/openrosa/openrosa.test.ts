import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';
import { buildXlsForm, smallSurvey, smallSurveyInstance } from '../../testing/xlsform.js';

let t: TestApp;
let admin: string;
let volunteer: { email: string; password: string };

async function uploadForm(file: Buffer, name = 'form.xlsx', cookie = admin) {
  const mp = await multipart([{ name: 'file', value: file, filename: name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
  return call<{ formId: string; version: string; title: string; errors?: { sheet: string; row: number | null; column: string | null; message: string }[] }>(t.app, 'POST', '/api/v1/forms', {
    cookie,
    body: mp.body,
    headers: { 'content-type': mp.contentType },
  });
}

async function submit(xml: string, attachments: { name: string; data: Buffer; type: string }[] = [], basic = volunteer) {
  const mp = await multipart([
    { name: 'xml_submission_file', value: xml, filename: 'submission.xml', contentType: 'text/xml' },
    ...attachments.map((a) => ({ name: a.name, value: a.data, filename: a.name, contentType: a.type })),
  ]);
  return call<string>(t.app, 'POST', '/openrosa/submission', { basic, body: mp.body, headers: { 'content-type': mp.contentType } });
}

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'อาสาสมัครทดสอบ', nameEn: 'Test Volunteers' } });
  volunteer = { email: 'vol@test.local', password: 'volunteer-123' };
  await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { ...volunteer, displayName: 'อาสา', memberships: [{ organizationId: org.body.id, role: 'volunteer', areaScope: '901101' }] } });
  const res = await uploadForm(await buildXlsForm(smallSurvey('1')));
  assert.equal(res.status, 201, JSON.stringify(res.body));
});
after(() => t.close());

describe('XLSForm upload', () => {
  it('answers 201 with formId, version and title', async () => {
    const res = await uploadForm(await buildXlsForm({ ...smallSurvey('1'), settings: { form_title: 'อีกแบบ', form_id: 'another_form', version: '2026111001' } }));
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { formId: 'another_form', version: '2026111001', title: 'อีกแบบ' });
  });

  it('lists every problem of an invalid XLSForm with its sheet, row and column', async () => {
    const bad = await buildXlsForm({
      survey: [
        { type: 'text', name: 'ok', label: 'OK' },
        { type: 'integr', name: 'age', label: 'Age' },
        { type: 'select_one nolist', name: 'pick', label: 'Pick' },
        { type: 'text', name: 'later', label: 'Later', relevant: '${missing} = 1' },
      ],
      settings: { form_id: 'bad_form', version: '1' },
    });
    const res = await uploadForm(bad, 'bad.xlsx');
    assert.equal(res.status, 400);
    assert.match(String(res.headers['content-type']), /problem\+json/);
    const errors = res.body.errors!;
    assert.ok(errors.length >= 3, JSON.stringify(errors));
    assert.ok(errors.every((e) => e.sheet && e.message));
    assert.ok(errors.some((e) => e.sheet === 'survey' && e.row === 3 && e.column === 'type'), 'unknown type on row 3');
    assert.ok(errors.some((e) => e.sheet === 'survey' && e.row === 4), 'missing choice list on row 4');
    assert.ok(errors.some((e) => e.sheet === 'survey' && e.row === 5 && e.column === 'relevant'), 'undefined ${missing} on row 5');
    const [stored] = await t.sql`select 1 from forms where form_id = 'bad_form'`;
    assert.equal(stored, undefined);
  });

  it('adds a version for the same form_id with a new version, and refuses a changed file under an existing version', async () => {
    const v2 = await uploadForm(await buildXlsForm(smallSurvey('2')));
    assert.equal(v2.status, 201);
    const again = await uploadForm(await buildXlsForm(smallSurvey('2')));
    assert.equal(again.status, 200, 'the identical file again changes nothing');
    const changed = smallSurvey('2');
    changed.survey[1] = { ...changed.survey[1]!, 'label::English (en)': 'Village name' };
    const clash = await uploadForm(await buildXlsForm(changed));
    assert.equal(clash.status, 409);
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(*)::int as n from form_versions v join forms f on f.id = v.form_pk where f.form_id = 'hh_small'`;
    assert.equal(n, 2);
  });

  it('refuses an upload from a volunteer', async () => {
    const cookie = await login(t.app, volunteer.email, volunteer.password);
    const res = await uploadForm(await buildXlsForm({ ...smallSurvey('1'), settings: { form_id: 'vol_form', version: '1' } }), 'f.xlsx', cookie);
    assert.equal(res.status, 403);
  });
});

describe('OpenRosa', () => {
  it('lists fillable forms with hash, version, downloadUrl and manifestUrl over HTTP Basic', async () => {
    const res = await call<string>(t.app, 'GET', '/openrosa/formList', { basic: volunteer });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-openrosa-version'], '1.0');
    assert.match(String(res.headers['content-type']), /text\/xml/);
    assert.match(res.body, /<xforms xmlns="http:\/\/openrosa.org\/xforms\/xformsList">/);
    assert.match(res.body, /<formID>hh_small<\/formID>/);
    assert.match(res.body, /<hash>md5:[0-9a-f]{32}<\/hash>/);
    assert.match(res.body, /<downloadUrl>http:\/\/[^<]+\/openrosa\/forms\/hh_small\/form.xml<\/downloadUrl>/);
    assert.match(res.body, /<manifestUrl>[^<]+\/openrosa\/forms\/hh_small\/manifest<\/manifestUrl>/);
  });

  it('asks for credentials with a Basic challenge', async () => {
    const res = await call(t.app, 'GET', '/openrosa/formList');
    assert.equal(res.status, 401);
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
  });

  it('serves the XForm whose md5 is the announced hash', async () => {
    const list = await call<string>(t.app, 'GET', '/openrosa/formList', { basic: volunteer });
    const hash = /<formID>hh_small<\/formID>[\s\S]*?<hash>md5:([0-9a-f]+)<\/hash>/.exec(list.body)![1];
    const xml = await call<string>(t.app, 'GET', '/openrosa/forms/hh_small/form.xml', { basic: volunteer });
    assert.equal(xml.status, 200);
    assert.match(xml.body, /<h:html/);
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('md5').update(xml.body).digest('hex'), hash);
    const manifest = await call<string>(t.app, 'GET', '/openrosa/forms/hh_small/manifest', { basic: volunteer });
    assert.match(manifest.body, /xformsManifest/);
  });

  it('answers HEAD /openrosa/submission with 204 and the accepted content length', async () => {
    const res = await call(t.app, 'HEAD', '/openrosa/submission', { basic: volunteer });
    assert.equal(res.status, 204);
    assert.equal(res.headers['x-openrosa-version'], '1.0');
    assert.ok(Number(res.headers['x-openrosa-accept-content-length']) >= 10_000_000);
  });

  it('stores a new instanceID with 201, a repeat of it with 200 and no second row, a clash with 409', async () => {
    const id = 'uuid:0b0e2f5e-0000-4000-8000-000000000001';
    const xml = smallSurveyInstance({ instanceId: id, version: '2' });
    const first = await submit(xml);
    assert.equal(first.status, 201, first.body);
    assert.match(first.body, /<OpenRosaResponse xmlns="http:\/\/openrosa.org\/http\/response">/);
    const retry = await submit(xml);
    assert.ok(retry.status >= 200 && retry.status < 300);
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(*)::int as n from submissions where instance_id = ${id}`;
    assert.equal(n, 1);
    const clash = await submit(smallSurveyInstance({ instanceId: id, version: '2', village: 'อื่น' }));
    assert.equal(clash.status, 409);
    assert.match(clash.body, /OpenRosaResponse/);
  });

  it('stores many concurrent submissions, each exactly once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `uuid:0b0e2f5e-0000-4000-8000-1000000000${String(i).padStart(2, '0')}`);
    const results = await Promise.all([...ids, ...ids.slice(0, 10)].map((id) => submit(smallSurveyInstance({ instanceId: id, version: '2' }))));
    assert.ok(results.every((r) => r.status === 201 || r.status === 200));
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(*)::int as n from submissions where instance_id = any(${ids})`;
    assert.equal(n, 40);
  });

  it('keeps the history when an edit carries deprecatedID', async () => {
    const original = 'uuid:0b0e2f5e-0000-4000-8000-000000000002';
    assert.equal((await submit(smallSurveyInstance({ instanceId: original, version: '2', income: '5000' }))).status, 201);
    const edited = 'uuid:0b0e2f5e-0000-4000-8000-000000000003';
    const res = await submit(smallSurveyInstance({ instanceId: edited, deprecatedId: original, version: '2', income: '6500' }));
    assert.equal(res.status, 201, res.body);
    const rows = await t.sql<{ instanceId: string; current: boolean; rootId: string }[]>`
      select instance_id, current, root_id from submissions where root_id = ${original} order by received_at`;
    assert.deepEqual(rows.map((r) => [r.instanceId, r.current]), [[original, false], [edited, true]]);
    const [types] = await t.sql<{ data: string; issues: string }[]>`select jsonb_typeof(data) as data, jsonb_typeof(issues) as issues from submissions where instance_id = ${edited}`;
    assert.deepEqual(types, { data: 'object', issues: 'array' }, 'an edit stores data as JSON, not as a JSON string');
    const again = await submit(smallSurveyInstance({ instanceId: 'uuid:0b0e2f5e-0000-4000-8000-000000000004', deprecatedId: original, version: '2' }));
    assert.equal(again.status, 409, 'an already replaced version cannot be edited again');
  });

  it('answers malformed XML with 400 and an OpenRosa message naming the line', async () => {
    const res = await submit('<data id="hh_small" version="2"><village>x</data>');
    assert.equal(res.status, 400);
    assert.match(res.body, /<message nature="error">[^<]*line 1/);
  });

  it('answers an unknown form or version with 404 and an OpenRosa message', async () => {
    const unknownForm = await submit(smallSurveyInstance({ instanceId: 'uuid:x-1', version: '2' }).replace('id="hh_small"', 'id="no_such_form"'));
    assert.equal(unknownForm.status, 404);
    assert.match(unknownForm.body, /no_such_form/);
    const unknownVersion = await submit(smallSurveyInstance({ instanceId: 'uuid:x-2', version: '99' }));
    assert.equal(unknownVersion.status, 404);
    assert.match(unknownVersion.body, /99/);
  });

  it('stores a submission that breaks the form’s rules, flagged for review with each problem', async () => {
    const id = 'uuid:0b0e2f5e-0000-4000-8000-000000000005';
    const res = await submit(smallSurveyInstance({ instanceId: id, version: '2', income: 'lots', members: [{ name: 'ก', age: '-3' }, { name: '', age: '30' }] }));
    assert.equal(res.status, 201);
    const [row] = await t.sql<{ reviewState: string; issues: { path: string; rule: string }[] }[]>`select review_state, issues from submissions where instance_id = ${id}`;
    assert.equal(row!.reviewState, 'has_issues');
    const found = row!.issues.map((i) => `${i.rule} ${i.path}`);
    assert.ok(found.includes('type /data/hh/income'), found.join(', '));
    assert.ok(found.includes('constraint /data/members[1]/age'), found.join(', '));
    assert.ok(found.includes('required /data/members[2]/name'), found.join(', '));
  });

  it('stores attachments, and adds those sent in a later request for the same instance', async () => {
    const id = 'uuid:0b0e2f5e-0000-4000-8000-000000000006';
    const xml = smallSurveyInstance({ instanceId: id, version: '2' });
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    assert.equal((await submit(xml, [{ name: 'house.jpg', data: photo, type: 'image/jpeg' }])).status, 201);
    assert.ok((await submit(xml, [{ name: 'roof.jpg', data: photo, type: 'image/jpeg' }])).status < 300);
    const files = await t.sql<{ name: string; size: number }[]>`
      select a.name, a.size from submission_attachments a join submissions s on s.id = a.submission_id where s.instance_id = ${id} order by a.name`;
    assert.deepEqual(files.map((f) => f.name), ['house.jpg', 'roof.jpg']);
  });

  it('refuses submissions from a viewer and to a closed form', async () => {
    const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'ผู้ชม', nameEn: 'Watchers' } });
    const viewer = { email: 'viewer@test.local', password: 'viewer-12345' };
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { ...viewer, displayName: 'V', memberships: [{ organizationId: org.body.id, role: 'viewer', areaScope: '90' }] } });
    assert.equal((await submit(smallSurveyInstance({ instanceId: 'uuid:v-1', version: '2' }), [], viewer)).status, 403);
    const closed = await call(t.app, 'PATCH', '/api/v1/forms/hh_small', { cookie: admin, body: { state: 'closed' } });
    assert.equal(closed.status, 200);
    const res = await submit(smallSurveyInstance({ instanceId: 'uuid:closed-1', version: '2' }));
    assert.equal(res.status, 409);
    const list = await call<string>(t.app, 'GET', '/openrosa/formList', { basic: volunteer });
    assert.doesNotMatch(list.body, /<formID>hh_small<\/formID>/);
    await call(t.app, 'PATCH', '/api/v1/forms/hh_small', { cookie: admin, body: { state: 'open' } });
  });
});
