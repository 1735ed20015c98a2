import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';
import { buildXlsForm, smallSurvey } from '../../testing/xlsform.js';

let t: TestApp;
let admin: string;

type Report = { dryRun: boolean; inserted: number; wouldInsert: number; unchanged: number; rejected: { sheet: string; row: number; errors: { column: string | null; message: string; messageTh: string }[] }[] };

async function workbook(main: (string | number)[][], members: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('hh_small').addRows(main);
  wb.addWorksheet('hh_small-members').addRows(members);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(file: Buffer, name: string, dryRun = false) {
  const mp = await multipart([{ name: 'file', value: file, filename: name }]);
  return call<Report>(t.app, 'POST', `/api/v1/forms/hh_small/imports?dryRun=${dryRun}`, { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } });
}

const count = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from submissions`)[0]!.n;

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  const mp = await multipart([{ name: 'file', value: await buildXlsForm(smallSurvey('1')), filename: 'hh.xlsx' }]);
  assert.equal((await call(t.app, 'POST', '/api/v1/forms', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } })).status, 201);
});
after(() => t.close());

describe('importing historic data into a form', () => {
  const header = ['village', 'hh/income', 'hh/tenure', 'KEY'];
  const good = () =>
    workbook(
      [header, ['หมู่ 1', 12000, 'owner', 'h1'], ['หมู่ 2', 8000, 'renter', 'h2']],
      [['members/name', 'members/age', 'PARENT_KEY', 'KEY'], ['มานี', 34, 'h1', 'h1/m1'], ['ปิติ', 9, 'h1', 'h1/m2'], ['ชูใจ', 60, 'h2', 'h2/m1']],
    );

  it('reports every rejected row with its sheet, row and column, and stores nothing', async () => {
    const bad = await workbook(
      [header, ['หมู่ 1', 12000, 'owner', 'h1'], ['', 'many', 'renter', 'h2'], ['หมู่ 3', 100, 'owner', 'h3']],
      [['members/name', 'members/age', 'PARENT_KEY', 'KEY'], ['มานี', 150, 'h1', 'h1/m1'], ['ลอย', 3, 'h9', 'h9/m1']],
    );
    const res = await upload(bad, 'bad.xlsx');
    assert.equal(res.status, 200);
    assert.equal(res.body.inserted, 0);
    const where = res.body.rejected.map((r) => `${r.sheet}:${r.row}:${r.errors.map((e) => e.column).join('+')}`);
    assert.ok(where.includes('hh_small:3:village+hh/income'), where.join(' | '));
    assert.ok(where.includes('hh_small:2:members/age'), where.join(' | '));
    assert.ok(where.includes('hh_small-members:3:PARENT_KEY'), where.join(' | '));
    assert.ok(res.body.rejected.every((r) => r.errors.every((e) => /[\u0E00-\u0E7F]/.test(e.messageTh))));
    assert.equal(await count(), 0);
  });

  it('names an unknown column on the header row', async () => {
    const res = await upload(await workbook([['village', 'hh/incom', 'KEY'], ['x', 1, 'k']], [['members/name', 'PARENT_KEY']]), 'typo.xlsx');
    assert.deepEqual(res.body.rejected[0], {
      sheet: 'hh_small',
      row: 1,
      errors: [{ column: 'hh/incom', message: 'no question "hh/incom" in form hh_small', messageTh: 'ไม่มีคำถาม "hh/incom" ในแบบฟอร์ม hh_small' }],
    });
  });

  it('validates without storing on a dry run, then imports all rows with their repeats', async () => {
    const dry = await upload(await good(), 'good.xlsx', true);
    assert.deepEqual([dry.body.dryRun, dry.body.inserted, dry.body.wouldInsert, dry.body.rejected.length], [true, 0, 2, 0]);
    assert.equal(await count(), 0);
    const res = await upload(await good(), 'good.xlsx');
    assert.deepEqual([res.body.inserted, res.body.rejected.length], [2, 0]);
    const [h1] = await t.sql<{ data: { members: { name: string }[]; hh: { income: string } } }[]>`select data from submissions where instance_id = 'h1'`;
    assert.deepEqual(h1!.data.members.map((m) => m.name), ['มานี', 'ปิติ']);
    assert.equal(h1!.data.hh.income, '12000');
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = await upload(await good(), 'good.xlsx');
    assert.deepEqual([res.body.inserted, res.body.unchanged, res.body.rejected.length], [0, 2, 0]);
    assert.equal(await count(), 2);
  });

  it('imports a CSV without KEY, giving the same rows the same instanceIDs on a second import', async () => {
    const csv = Buffer.from('\uFEFFvillage,hh/income,hh/tenure\nหมู่ 7,5000,owner\nหมู่ 8,6000,renter\n');
    const first = await upload(csv, 'old.csv');
    assert.equal(first.body.inserted, 2);
    const second = await upload(csv, 'old.csv');
    assert.deepEqual([second.body.inserted, second.body.unchanged], [0, 2]);
  });
});
