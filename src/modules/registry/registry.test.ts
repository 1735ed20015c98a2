import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { withCheckDigit } from '../../lib/thai/nationalId.js';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';
import { buildXlsForm } from '../../testing/xlsform.js';
import { nameKeysOnce, simpleCsv } from './importPeople.js';
import { nameKeys } from './keys.js';
import { PROPERTIES } from './properties.js';

let t: TestApp;
let admin: string;
let healthOrg: string;
let eduOrg: string;

const ID1 = withCheckDigit('190110000001');
const ID2 = withCheckDigit('390110000002');
const ID3 = withCheckDigit('190110000003');

type Person = { id: string; firstName: string; lastName: string; idNumber: string | null; age: number | null; bedridden?: string; householdId: string; score?: number };
type ImportRes = { inserted: number; updated: number; unchanged: number; rejected: { line: number; errors: { field: string; message: string; messageTh: string }[] }[] };

const MAPPING = { hh: 'householdRef', area: 'areaCode', house: 'houseNo', tenure: 'tenure', fname: 'firstName', lname: 'lastName', sex: 'sex', dob: 'birthDate', cid: 'idNumber', bed: 'bedridden', school: 'inSchool' };

/** An import through the API (a CSV, or a workbook's bytes); the lists here come from public bodies (legalBasis public_task) unless `legalBasis` says otherwise (null: none). */
async function importCsv(
  csv: string | Buffer,
  opts: { partial?: boolean; mapping?: Record<string, string>; name?: string; contentType?: string; cookie?: string; legalBasis?: string | null; legalBasisNote?: string } = {},
) {
  const basis = opts.legalBasis === undefined ? 'public_task' : opts.legalBasis;
  const mp = await multipart([
    { name: 'mapping', value: JSON.stringify(opts.mapping ?? MAPPING) },
    ...(basis ? [{ name: 'legalBasis', value: basis }] : []),
    ...(opts.legalBasisNote ? [{ name: 'legalBasisNote', value: opts.legalBasisNote }] : []),
    { name: 'file', value: typeof csv === 'string' ? Buffer.from(csv) : csv, filename: opts.name ?? 'welfare.csv', contentType: opts.contentType ?? 'text/csv' },
  ]);
  return call<ImportRes>(t.app, 'POST', `/api/v1/imports/people${opts.partial ? '?partial=true' : ''}`, { cookie: opts.cookie ?? admin, body: mp.body, headers: { 'content-type': mp.contentType } });
}

async function userIn(org: string, role: string, scope: string, email: string) {
  await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email, displayName: email, password: 'password-123', memberships: [{ organizationId: org, role, areaScope: scope }] } });
  return login(t.app, email, 'password-123');
}

const GOOD = [
  'hh,area,house,tenure,fname,lname,sex,dob,cid,bed,school',
  `H1,901101,12/3,public_land,สมชาย,ใจดี,ชาย,12/5/2520,${ID1},no,`,
  `H1,901101,12/3,public_land,มาลี,ใจดี,หญิง,1980-02-01,${ID2},yes,`,
  `H1,901101,12/3,public_land,ด.ช.ปิติ,ใจดี,male,2014-06-30,,,no`,
  `H2,900101,99,owner,อับดุลเลาะ,สาและ,male,1975-01-01,${ID3},no,`,
].join('\n');

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  healthOrg = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'กองสาธารณสุข', nameEn: 'Public Health', sensitiveBasis: 'public_task' } })).body.id;
  eduOrg = (await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'กองการศึกษา', nameEn: 'Education' } })).body.id;
});
after(() => t.close());

describe('imports of official lists', () => {
  it('stores nothing when a line is rejected, naming the line and the invalid national ID in Thai and English', async () => {
    const bad = GOOD + `\nH3,901101,1,owner,สมศรี,ดีใจ,female,1990-01-01,1101700230709,no,`;
    const res = await importCsv(bad);
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.inserted, res.body.updated], [0, 0]);
    assert.equal(res.body.rejected.length, 1);
    assert.equal(res.body.rejected[0]!.line, 6);
    const e = res.body.rejected[0]!.errors[0]!;
    assert.equal(e.field, 'idNumber');
    assert.match(e.message, /check digit/);
    assert.match(e.messageTh, /เลขประจำตัวประชาชน/);
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(*)::int as n from persons`;
    assert.equal(n, 0);
  });

  it('imports households and people (Buddhist Era dates and Thai values understood)', async () => {
    const res = await importCsv(GOOD);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.inserted, res.body.updated, res.body.rejected.length], [4, 0, 0]);
    const [p] = await t.sql<{ birthDate: string; sex: string; firstName: string }[]>`select birth_date::text, sex, first_name from persons where id_number = ${ID1}`;
    assert.deepEqual(p, { birthDate: '1977-05-12', sex: 'male', firstName: 'สมชาย' });
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(distinct household_id)::int as n from persons`;
    assert.equal(n, 2);
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = await importCsv(GOOD);
    assert.deepEqual([res.body.inserted, res.body.updated, res.body.unchanged], [0, 0, 4]);
    const [{ n } = { n: 0 }] = await t.sql<{ n: number }[]>`select count(*)::int as n from persons`;
    assert.equal(n, 4);
  });

  it('updates a person found again by national ID from another list, keeping both sources', async () => {
    const res = await importCsv(`fname,lname,cid,area,phone\nสมชาย,ใจดี,${ID1},901101,081-234-5678`, { mapping: { fname: 'firstName', lname: 'lastName', cid: 'idNumber', area: 'areaCode', phone: 'phone' }, name: 'phones.csv' });
    assert.deepEqual([res.body.inserted, res.body.updated], [0, 1]);
    const [p] = await t.sql<{ id: string; phone: string }[]>`select id, phone from persons where id_number = ${ID1}`;
    assert.equal(p!.phone, '0812345678');
    const person = await call<{ sources: Record<string, { label: string }> }>(t.app, 'GET', `/api/v1/people/${p!.id}`, { cookie: admin });
    assert.match(person.body.sources.phone!.label, /phones\.csv/);
    assert.match(person.body.sources.firstName!.label, /phones\.csv/);
    assert.match(person.body.sources.birthDate!.label, /welfare\.csv/);
  });

  it('stores the valid lines with partial=true and reports the others', async () => {
    const res = await importCsv(`fname,area\nแดง,901101\n,901101\nดำ,999999x`, { partial: true, mapping: { fname: 'firstName', area: 'areaCode' }, name: 'partial.csv' });
    assert.equal(res.body.inserted, 1);
    assert.deepEqual(res.body.rejected.map((r) => r.line), [3, 4]);
  });

  it('keeps health values only with a legal basis: a line without one is rejected, the import\'s or the line\'s own is recorded with who gave it', async () => {
    const csv = ['fname,lname,area,bed,basis', 'ฐานหนึ่ง,ทดสอบฐาน,901101,yes,', 'ฐานสอง,ทดสอบฐาน,901101,no,ยินยอม', 'ฐานสาม,ทดสอบฐาน,901101,,'].join('\n');
    const mapping = { fname: 'firstName', lname: 'lastName', area: 'areaCode', bed: 'bedridden', basis: 'legalBasis' };
    const none = await importCsv(csv, { mapping, name: 'basis.csv', legalBasis: null });
    assert.deepEqual(none.body.rejected.map((r) => [r.line, r.errors.map((e) => e.field)]), [[2, ['legalBasis']]]);
    assert.match(none.body.rejected[0]!.errors[0]!.message, /bedridden.*PDPA s\.26/);
    assert.match(none.body.rejected[0]!.errors[0]!.messageTh, /มาตรา 26/);
    assert.equal((await t.sql`select 1 from persons where last_name = 'ทดสอบฐาน'`).length, 0, 'all or nothing');

    const bad = await importCsv(csv, { mapping, name: 'basis.csv', legalBasis: 'because' });
    assert.equal(bad.status, 400);
    assert.deepEqual((bad.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field), ['legalBasis']);

    const ok = await importCsv(csv, { mapping, name: 'basis.csv', legalBasis: 'public_task', legalBasisNote: 'MOU พมจ. 2568' });
    assert.deepEqual([ok.body.inserted, ok.body.rejected.length], [3, 0]);
    const rows = await t.sql<{ firstName: string; legalBasis: string | null; note: string | null; by: string | null; at: Date | null }[]>`
      select first_name, legal_basis, legal_basis_note as note, legal_basis_by as by, legal_basis_at as at from persons where last_name = 'ทดสอบฐาน' order by first_name`;
    const [adminId] = await t.sql<{ id: string }[]>`select id from users where email = ${t.admin.email}`;
    const byName = Object.fromEntries(rows.map((r) => [r.firstName, r]));
    assert.deepEqual([byName['ฐานหนึ่ง']!.legalBasis, byName['ฐานหนึ่ง']!.note, byName['ฐานหนึ่ง']!.by], ['public_task', 'MOU พมจ. 2568', adminId!.id]);
    assert.ok(byName['ฐานหนึ่ง']!.at, 'when it was recorded');
    assert.equal(byName['ฐานสอง']!.legalBasis, 'consent', "the line's own basis comes first");
    assert.deepEqual([byName['ฐานสาม']!.legalBasis, byName['ฐานสาม']!.by], [null, null], 'no health values, no basis needed');
    const person = await call<{ legalBasis: string; legalBasisRecord: { by: string; at: string; note: string } }>(t.app, 'GET', `/api/v1/people/${(await t.sql<{ id: string }[]>`select id from persons where first_name = 'ฐานหนึ่ง'`)[0]!.id}`, { cookie: admin });
    assert.equal(person.body.legalBasis, 'public_task');
    assert.equal(person.body.legalBasisRecord.note, 'MOU พมจ. 2568');
    assert.ok(person.body.legalBasisRecord.by && person.body.legalBasisRecord.at, 'who recorded the basis, and when');
  });

  it('refuses a mapping to an unknown property or column', async () => {
    const res = await importCsv('a\n1', { mapping: { a: 'shoeSize' } });
    assert.equal(res.status, 400);
    const res2 = await importCsv('a\n1', { mapping: { b: 'firstName' } });
    assert.equal(res2.status, 400);
  });
});

describe('official lists as Excel workbooks', () => {
  const XLSX_MAPPING = { 'ชื่อ': 'firstName', 'นามสกุล': 'lastName', 'รหัสพื้นที่': 'areaCode', 'เลขประจำตัวประชาชน': 'idNumber', 'วันเกิด': 'birthDate', 'โทรศัพท์': 'phone' };
  const XID1 = withCheckDigit('190110000101');
  const XID2 = withCheckDigit('190110000102');

  /** A workbook as an office would send it: numbers typed as numbers, a real date cell, a blank row, a second sheet of notes. */
  async function workbook(badId: string): Promise<Buffer> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('รายชื่อ');
    ws.addRow(Object.keys(XLSX_MAPPING));
    const r2 = ws.addRow(['นางสาวเอกสาร', 'ตารางดี', '901101', Number(XID1), new Date(Date.UTC(1980, 4, 17)), 812345678]);
    r2.getCell(5).numFmt = 'dd/mm/yyyy';
    r2.getCell(6).numFmt = '0000000000';
    ws.addRow([]);
    ws.addRow(['สองแถว', 'ตารางดี', '901101', XID2, '17/5/2523', '0899999999']);
    ws.addRow(['ผิดเลข', 'ตารางดี', '901101', badId, '', '']);
    const notes = wb.addWorksheet('หมายเหตุ');
    notes.addRow(['ชื่อ', 'รหัสพื้นที่']);
    notes.addRow(['ไม่ใช่รายชื่อ', '901101']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const importXlsx = (data: Buffer, opts: { name?: string } = {}) =>
    importCsv(data, { mapping: XLSX_MAPPING, name: opts.name ?? 'รายชื่อ.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

  it('reads the first sheet of an .xlsx, names a rejected row by its row number in the sheet, and stores nothing then', async () => {
    const bad = withCheckDigit('190110000103').slice(0, 12) + String((Number(withCheckDigit('190110000103')[12]) + 1) % 10);
    const res = await importXlsx(await workbook(bad));
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.inserted, res.body.updated], [0, 0]);
    assert.deepEqual(res.body.rejected.map((r) => [r.line, r.errors.map((e) => e.field)]), [[5, ['idNumber']]]);
    assert.match(res.body.rejected[0]!.errors[0]!.messageTh, /[\u0E00-\u0E7F]/);
    assert.equal((await t.sql`select 1 from persons where last_name = 'ตารางดี'`).length, 0);
  });

  it('stores an .xlsx list with dates, national IDs and zero-padded phone numbers as the sheet shows them, and nothing from other sheets', async () => {
    const res = await importXlsx(await workbook(withCheckDigit('190110000103')));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.inserted, res.body.rejected.length], [3, 0]);
    const rows = await t.sql<{ firstName: string; idNumber: string; birthDate: string | null; phone: string | null }[]>`
      select first_name, id_number, to_char(birth_date, 'YYYY-MM-DD') as birth_date, phone from persons where last_name = 'ตารางดี' order by id_number`;
    assert.deepEqual(rows.map((r) => [r.firstName, r.idNumber, r.birthDate, r.phone]), [
      ['เอกสาร', XID1, '1980-05-17', '0812345678'],
      ['สองแถว', XID2, '1980-05-17', '0899999999'],
      ['ผิดเลข', withCheckDigit('190110000103'), null, null],
    ]);
    assert.equal((await t.sql`select 1 from persons where first_name = 'ไม่ใช่รายชื่อ'`).length, 0);
    const again = await importXlsx(await workbook(withCheckDigit('190110000103')));
    assert.deepEqual([again.body.inserted, again.body.updated, again.body.unchanged], [0, 0, 3]);
  });

  it('refuses a legacy .xls or a damaged workbook with 400 naming the file, in Thai and English', async () => {
    const xls = await importXlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), { name: 'old.xls' });
    assert.equal(xls.status, 400);
    assert.match(JSON.stringify(xls.body), /\.xlsx or as CSV/);
    const good = await workbook(XID1);
    const damaged = await importXlsx(good.subarray(0, Math.floor(good.length / 2)), { name: 'cut.xlsx' });
    assert.equal(damaged.status, 400);
    const body = damaged.body as unknown as { detail: string; detailTh: string; errors: { field: string }[] };
    assert.match(body.detail, /workbook cannot be read/);
    assert.match(body.detailTh, /Excel/);
    assert.deepEqual(body.errors.map((e) => e.field), ['file']);
  });
});

describe('people: search, scope and sensitive data', () => {
  it('finds people by partial and misspelt Thai names, best match first', async () => {
    for (const q of ['สมชาย', 'สมชาย ใจดี', 'ใจดี', 'สมชาย ไจดี', 'สมชาย ใจด']) {
      const res = await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${encodeURIComponent(q)}`, { cookie: admin });
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length > 0, `found something for ${q}`);
      if (q.includes('สมชาย')) assert.equal(res.body.items[0]!.firstName, 'สมชาย', `best match for ${q}`);
    }
  });

  it('finds names despite ร/ล confusion, missing tone marks, titles and other Thai spellings of a foreign name', async () => {
    await importCsv(
      'fname,lname,area\nนายประเสริฐ,รักษ์ไทย,901101\nอับดุลเลาะห์,สาและ,901101\nออง,ซาน,901101\nมาลัย,ศรีสุข,901101',
      { mapping: { fname: 'firstName', lname: 'lastName', area: 'areaCode' }, name: 'names.csv' },
    );
    const first = async (q: string) => (await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${encodeURIComponent(q)}&area=901101`, { cookie: admin })).body.items[0];
    assert.equal((await first('ประเสลิฐ'))?.firstName, 'ประเสริฐ', 'ร/ล');
    assert.equal((await first('ประเสริฐ รักไทย'))?.firstName, 'ประเสริฐ', 'silent letter dropped');
    assert.equal((await first('อับดุลเลาะ สาและ'))?.firstName, 'อับดุลเลาะห์', 'Malay name spelt without the final ห์');
    assert.equal((await first('อองซาน'))?.firstName, 'ออง', 'Myanmar name written without the space');
    assert.equal((await first('มาลัย สีสุข'))?.firstName, 'มาลัย', 'ศ/ส');
    assert.equal((await first('นายประเสริฐ'))?.firstName, 'ประเสริฐ', 'a title in the query');
    const apart = await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${encodeURIComponent('สมศักดิ์')}&area=901101`, { cookie: admin });
    assert.ok(!apart.body.items.some((p) => p.firstName === 'สมชาย'), 'a different name is not found');
  });

  it('pages through many people sharing a first name in score order, exact spellings before near ones, none repeated or skipped', async () => {
    const lines = ['fname,lname,area'];
    for (let i = 0; i < 24; i++) lines.push(`ซารีนา,นามสกุลที่${i},901101`);
    for (let i = 0; i < 4; i++) lines.push(`ซารีน,สกุลอื่น${i},901101`);
    assert.equal((await importCsv(lines.join('\n'), { mapping: { fname: 'firstName', lname: 'lastName', area: 'areaCode' }, name: 'common-name.csv' })).status, 200);
    const url = (limit: number, cursor?: string) => `/api/v1/people?q=${encodeURIComponent('ซารีนา')}&area=901101&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const paged: Person[] = [];
    let cursor: string | undefined;
    do {
      const page = await call<{ items: Person[]; nextCursor: string | null }>(t.app, 'GET', url(10, cursor), { cookie: admin });
      assert.equal(page.status, 200);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const whole = await call<{ items: Person[] }>(t.app, 'GET', url(100), { cookie: admin });
    assert.deepEqual(paged.map((p) => p.id), whole.body.items.map((p) => p.id), 'pages of 10 give the one long page, in the same order');
    assert.equal(new Set(paged.map((p) => p.id)).size, paged.length, 'no one twice');
    const exact = paged.filter((p) => p.firstName === 'ซารีนา');
    const near = paged.filter((p) => p.firstName === 'ซารีน');
    assert.equal(exact.length, 24);
    assert.equal(near.length, 4, 'a name missing its last vowel is found too');
    assert.ok(paged.indexOf(exact.at(-1)!) < paged.indexOf(near[0]!), 'every exact spelling comes before the near ones');
    for (let i = 1; i < paged.length; i++) assert.ok(paged[i - 1]!.score! >= paged[i]!.score!, `scores never rise (${i})`);
  });

  it('finds a person by national ID (with dashes) and a household by house number', async () => {
    const dashed = `${ID3.slice(0, 1)}-${ID3.slice(1, 5)}-${ID3.slice(5, 10)}-${ID3.slice(10, 12)}-${ID3.slice(12)}`;
    const byId = await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${dashed}`, { cookie: admin });
    assert.deepEqual(byId.body.items.map((p) => p.firstName), ['อับดุลเลาะ']);
    const byHouse = await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${encodeURIComponent('12/3')}&area=901101`, { cookie: admin });
    assert.equal(byHouse.body.items.length, 3);
  });

  it('limits people to the caller’s area scope', async () => {
    const cookie = await userIn(eduOrg, 'caseworker', '900101', 'edu-cw@test.local');
    const list = await call<{ items: Person[] }>(t.app, 'GET', '/api/v1/people', { cookie });
    assert.deepEqual(list.body.items.map((p) => p.firstName), ['อับดุลเลาะ']);
    const [someone] = await t.sql<{ id: string }[]>`select id from persons where id_number = ${ID1}`;
    assert.equal((await call(t.app, 'GET', `/api/v1/people/${someone!.id}`, { cookie })).status, 404);
  });

  it('shows health data only to staff of an organisation with a legal basis, and audits each such view', async () => {
    const [mali] = await t.sql<{ id: string }[]>`select id from persons where id_number = ${ID2}`;
    const noBasis = await userIn(eduOrg, 'caseworker', '90', 'edu2@test.local');
    const hidden = await call<Person>(t.app, 'GET', `/api/v1/people/${mali!.id}`, { cookie: noBasis });
    assert.equal(hidden.status, 200);
    assert.equal('bedridden' in hidden.body, false);
    assert.doesNotMatch(hidden.raw.body, /bedridden/);
    const withBasis = await userIn(healthOrg, 'caseworker', '90', 'health@test.local');
    const shown = await call<Person>(t.app, 'GET', `/api/v1/people/${mali!.id}`, { cookie: withBasis });
    assert.equal(shown.body.bedridden, 'yes');
    const [audited] = await t.sql`select 1 from audit_log where action = 'person.view_sensitive' and entity_id = ${mali!.id} and actor_label = 'health@test.local'`;
    assert.ok(audited);
    const volunteer = await userIn(healthOrg, 'volunteer', '90', 'hvol@test.local');
    const vol = await call<Person>(t.app, 'GET', `/api/v1/people/${mali!.id}`, { cookie: volunteer });
    assert.equal('bedridden' in vol.body, false, 'volunteers do not see health data');
  });

  it('returns a household with its members', async () => {
    const [p] = await t.sql<{ householdId: string }[]>`select household_id from persons where id_number = ${ID1}`;
    const res = await call<{ houseNo: string; tenure: string; members: Person[] }>(t.app, 'GET', `/api/v1/households/${p!.householdId}`, { cookie: admin });
    assert.equal(res.body.houseNo, '12/3');
    assert.equal(res.body.tenure, 'public_land');
    assert.deepEqual(res.body.members.map((m) => m.firstName).sort(), ['ปิติ', 'มาลี', 'สมชาย'].sort());
  });
});

describe('forms feeding the registry (save_to)', () => {
  it('creates the household and its members from a submission, and a retry or re-processing changes nothing', async () => {
    const form = await buildXlsForm({
      survey: [
        { type: 'text', name: 'house', label: 'บ้านเลขที่', save_to: 'houseNo' },
        { type: 'select_one tenure', name: 'tenure', label: 'การถือครอง', save_to: 'tenure' },
        { type: 'begin_repeat', name: 'members', label: 'สมาชิก' },
        { type: 'text', name: 'fname', label: 'ชื่อ', save_to: 'firstName' },
        { type: 'text', name: 'lname', label: 'นามสกุล', save_to: 'lastName' },
        { type: 'integer', name: 'byear', label: 'ปีเกิด', save_to: 'birthYear' },
        { type: 'end_repeat', name: '' },
      ],
      choices: [{ list_name: 'tenure', name: 'renter', label: 'เช่า' }, { list_name: 'tenure', name: 'public_land', label: 'ที่รถไฟ' }],
      settings: { form_id: 'hh_register', version: '1' },
    });
    const mp = await multipart([{ name: 'file', value: form, filename: 'reg.xlsx' }]);
    assert.equal((await call(t.app, 'POST', '/api/v1/forms', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } })).status, 201);
    await t.sql`insert into areas (code, parent_code, level, name_th, name_en, source) values ('901101-R01', '901101', 'community', 'ชุมชนทดสอบ', 'Test community', 'local') on conflict do nothing`;
    const volunteer = await userIn(healthOrg, 'volunteer', '901101-R01', 'reg-vol@test.local');
    const xml = (id: string, dep = '', second = 'มานะ') =>
      `<data id="hh_register" version="1"><house>77</house><tenure>public_land</tenure><members><fname>ทองดี</fname><lname>มีสุข</lname><byear>2510</byear></members><members><fname>${second}</fname><lname>มีสุข</lname><byear>2545</byear></members><meta><instanceID>${id}</instanceID>${dep}</meta></data>`;
    const first = await call(t.app, 'POST', '/api/v1/forms/hh_register/submissions', { cookie: volunteer, body: xml('uuid:reg-1'), headers: { 'content-type': 'application/xml' } });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const people = await t.sql<{ firstName: string; birthYear: number; areaCode: string; householdId: string }[]>`
      select first_name, birth_year, area_code, household_id from persons where last_name = 'มีสุข' order by first_name`;
    assert.deepEqual(people.map((p) => [p.firstName, p.birthYear, p.areaCode]), [['ทองดี', 1967, '901101-R01'], ['มานะ', 2002, '901101-R01']]);
    assert.equal(new Set(people.map((p) => p.householdId)).size, 1);
    const sourcesBefore = (await t.sql`select 1 from record_sources where source_kind = 'submission'`).length;
    await call(t.app, 'POST', '/api/v1/forms/hh_register/submissions', { cookie: volunteer, body: xml('uuid:reg-1'), headers: { 'content-type': 'application/xml' } });
    assert.equal((await t.sql`select 1 from record_sources where source_kind = 'submission'`).length, sourcesBefore);
    assert.equal((await t.sql`select 1 from persons where last_name = 'มีสุข'`).length, 2);
    // An edit of the submission updates the same records.
    const edit = await call(t.app, 'POST', '/api/v1/forms/hh_register/submissions', { cookie: volunteer, body: xml('uuid:reg-2', '<deprecatedID>uuid:reg-1</deprecatedID>', 'มานะชัย'), headers: { 'content-type': 'application/xml' } });
    assert.equal(edit.status, 201);
    const after = await t.sql<{ firstName: string }[]>`select first_name from persons where last_name = 'มีสุข' order by first_name`;
    assert.deepEqual(after.map((p) => p.firstName), ['ทองดี', 'มานะชัย']);
  });
});

describe('health values from forms need a legal basis', () => {
  async function uploadForm(id: string, outside: Record<string, string>[], inRepeat: Record<string, string>[] = []) {
    const form = await buildXlsForm({
      survey: [
        ...outside,
        { type: 'begin_repeat', name: 'members', label: 'สมาชิก' },
        { type: 'text', name: 'fname', label: 'ชื่อ', save_to: 'firstName' },
        { type: 'text', name: 'lname', label: 'นามสกุล', save_to: 'lastName' },
        { type: 'select_one yn', name: 'bed', label: 'ติดเตียง', save_to: 'bedridden' },
        ...inRepeat,
        { type: 'end_repeat', name: '' },
      ],
      choices: [
        { list_name: 'yn', name: 'yes', label: 'ใช่' },
        { list_name: 'yn', name: 'no', label: 'ไม่ใช่' },
        { list_name: 'basis', name: 'consent', label: 'ยินยอม' },
      ],
      settings: { form_id: id, version: '1' },
    });
    const mp = await multipart([{ name: 'file', value: form, filename: `${id}.xlsx` }]);
    return call<{ errors: { sheet: string; row: number; column: string; message: string; messageTh: string }[] }>(t.app, 'POST', '/api/v1/forms', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } });
  }
  const member = (first: string, bed: string, consent?: string) =>
    `<members><fname>${first}</fname><lname>ฐานแบบฟอร์ม</lname><bed>${bed}</bed>${consent === undefined ? '' : `<consent>${consent}</consent>`}</members>`;

  it('refuses a form that saves health values with no legal basis, or saves to no registry property, naming the sheet and row', async () => {
    const res = await uploadForm('care_no_basis', [{ type: 'text', name: 'shoe', label: 'รองเท้า', save_to: 'shoeSize' }]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e) => [e.sheet, e.row, e.column]), [['survey', 2, 'save_to'], ['survey', 6, 'save_to']]);
    assert.match(res.body.errors[0]!.message, /"shoeSize" is not a registry property/);
    assert.match(res.body.errors[1]!.message, /"bedridden" is health data \(PDPA s\.26\).*save_to legalBasis/);
    assert.match(res.body.errors[1]!.messageTh, /มาตรา 26/);
  });

  it('keeps a member\'s health answers out of the registry without their consent (the submission kept whole, with an issue), and records the basis and the volunteer who gave it', async () => {
    await t.sql`insert into areas (code, parent_code, level, name_th, name_en, source) values ('901101-R02', '901101', 'community', 'ชุมชนฐาน', 'Basis community', 'local') on conflict do nothing`;
    const volunteer = await userIn(healthOrg, 'volunteer', '901101-R02', 'basis-vol@test.local');
    const consentForm = await uploadForm('care_consent', [], [{ type: 'select_one basis', name: 'consent', label: 'ความยินยอม', save_to: 'legalBasis' }]);
    assert.equal(consentForm.status, 201, JSON.stringify(consentForm.body));
    const a = await call(t.app, 'POST', '/api/v1/forms/care_consent/submissions', {
      cookie: volunteer,
      body: `<data id="care_consent" version="1">${member('ยินยอมแล้ว', 'yes', 'consent')}${member('ไม่มีฐาน', 'yes', '')}<meta><instanceID>uuid:basis-1</instanceID></meta></data>`,
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const [stored] = await t.sql<{ reviewState: string; issues: { path: string; rule: string; message: string }[]; data: unknown }[]>`
      select review_state, issues, data from submissions where instance_id = 'uuid:basis-1'`;
    assert.equal(stored!.reviewState, 'has_issues');
    assert.deepEqual(stored!.issues.filter((i) => i.rule === 'registry').map((i) => i.path), ['members[2]/legalBasis']);
    assert.match(JSON.stringify(stored!.issues), /bedridden/);
    assert.equal((JSON.stringify(stored!.data).match(/"bed":"yes"/g) ?? []).length, 2, 'both answers are kept in the submission');
    const people = await t.sql<{ firstName: string; bedridden: string | null; legalBasis: string | null; by: string | null }[]>`
      select p.first_name, p.bedridden, p.legal_basis, u.email as by from persons p left join users u on u.id = p.legal_basis_by
      where p.last_name = 'ฐานแบบฟอร์ม' order by p.legal_basis nulls first`;
    assert.deepEqual(people.map((r) => [r.firstName, r.bedridden, r.legalBasis, r.by]), [
      ['ไม่มีฐาน', null, null, null],
      ['ยินยอมแล้ว', 'yes', 'consent', 'basis-vol@test.local'],
    ]);

    // A calculate outside the repeat gives the form's basis to every member.
    assert.equal((await uploadForm('care_with_basis', [{ type: 'calculate', name: 'basis', label: '', calculation: "'vital_interest'", save_to: 'legalBasis' }])).status, 201);
    const b = await call(t.app, 'POST', '/api/v1/forms/care_with_basis/submissions', {
      cookie: volunteer,
      body: `<data id="care_with_basis" version="1"><basis>vital_interest</basis>${member('มีฐาน', 'yes')}<meta><instanceID>uuid:basis-2</instanceID></meta></data>`,
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    const [withBasis] = await t.sql<{ bedridden: string; legalBasis: string; by: string; at: Date | null }[]>`
      select p.bedridden, p.legal_basis, u.email as by, p.legal_basis_at as at from persons p join users u on u.id = p.legal_basis_by where p.first_name = 'มีฐาน'`;
    assert.deepEqual([withBasis?.bedridden, withBasis?.legalBasis, withBasis?.by], ['yes', 'vital_interest', 'basis-vol@test.local']);
    assert.ok(withBasis?.at);
    const [{ reviewState } = { reviewState: '' }] = await t.sql<{ reviewState: string }[]>`select review_state from submissions where instance_id = 'uuid:basis-2'`;
    assert.equal(reviewState, 'received');
  });
});

describe('screenings that open cases', () => {
  it('opens a follow-up case about the screened person when the form’s case_if holds, once', async () => {
    const form = await buildXlsForm({
      survey: [
        { type: 'text', name: 'fname', label: 'ชื่อ', save_to: 'firstName' },
        { type: 'text', name: 'lname', label: 'นามสกุล', save_to: 'lastName' },
        { type: 'select_one risk', name: 'risk', label: 'ความเสี่ยง' },
      ],
      choices: [{ list_name: 'risk', name: 'low', label: 'ต่ำ' }, { list_name: 'risk', name: 'high', label: 'สูง' }],
      settings: { form_id: 'screening', version: '1', case_type: 'screening_follow_up', case_if: "${risk} = 'high'", case_priority: 'high' },
    });
    const mp = await multipart([{ name: 'file', value: form, filename: 'screening.xlsx' }]);
    assert.equal((await call(t.app, 'POST', '/api/v1/forms', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } })).status, 201);
    const nurse = await userIn(healthOrg, 'caseworker', '901101', 'screener@test.local');
    const send = (id: string, name: string, risk: string) =>
      call(t.app, 'POST', '/api/v1/forms/screening/submissions', { cookie: nurse, headers: { 'content-type': 'application/xml' }, body: `<data id="screening" version="1"><fname>${name}</fname><lname>คัดกรอง</lname><risk>${risk}</risk><meta><instanceID>${id}</instanceID></meta></data>` });
    assert.equal((await send('uuid:scr-1', 'เสี่ยง', 'high')).status, 201);
    assert.equal((await send('uuid:scr-2', 'ปลอดภัย', 'low')).status, 201);
    const cases = await t.sql<{ firstName: string; type: string; priority: string; source: string; ownerOrg: string }[]>`
      select p.first_name, c.type, c.priority, c.source, c.owner_org from cases c join persons p on p.id = c.subject_id where c.source = 'submission'`;
    assert.deepEqual(cases.map((c) => [c.firstName, c.type, c.priority, c.ownerOrg]), [['เสี่ยง', 'screening_follow_up', 'high', healthOrg]]);
  });
});

describe('record linkage', () => {
  it('proposes near-duplicates with score and reasons, merges, unmerges and records distinct pairs', async () => {
    await importCsv(
      'fname,lname,dob,area,hh\nสมชาย,ใจดี,1977-05-12,901101,X1\nสมชาย,ไจดี,1977-05-12,901101,X2\nสมศักดิ์,ใจดี,1960-01-01,901101,X3',
      { mapping: { fname: 'firstName', lname: 'lastName', dob: 'birthDate', area: 'areaCode', hh: 'householdRef' }, name: 'survey-2567.csv' },
    );
    const run = await call<{ candidates: number }>(t.app, 'POST', '/api/v1/linkage/run', { cookie: admin, body: { area: '9011' } });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    const list = await call<{ items: { a: Person; b: Person; score: number; reasons: Record<string, unknown> }[] }>(t.app, 'GET', '/api/v1/linkage/candidates?area=9011', { cookie: admin });
    const pair = list.body.items.find((c) => [c.a.lastName, c.b.lastName].sort().join() === ['ใจดี', 'ไจดี'].sort().join() || (c.a.firstName === 'สมชาย' && c.b.firstName === 'สมชาย'));
    assert.ok(pair, JSON.stringify(list.body.items));
    assert.ok(pair.score > 0.7);
    assert.equal(pair.reasons.sameBirthDate, true);
    assert.ok(!list.body.items.some((c) => [c.a.firstName, c.b.firstName].includes('สมศักดิ์') && c.score > 0.9), 'a different first name is not a strong candidate');

    const [survivor, merged] = [pair.a, pair.b];
    const m = await call<{ mergeId: string }>(t.app, 'POST', '/api/v1/linkage/merge', { cookie: admin, body: { survivorId: survivor.id, mergedId: merged.id } });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    const [row] = await t.sql<{ mergedInto: string }[]>`select merged_into from persons where id = ${merged.id}`;
    assert.equal(row!.mergedInto, survivor.id);
    const search = await call<{ items: Person[] }>(t.app, 'GET', `/api/v1/people?q=${encodeURIComponent('สมชาย')}&limit=50`, { cookie: admin });
    assert.ok(!search.body.items.some((p) => p.id === merged.id), 'merged records leave lists');

    const u = await call(t.app, 'POST', '/api/v1/linkage/unmerge', { cookie: admin, body: { mergeId: m.body.mergeId } });
    assert.equal(u.status, 200);
    const [back] = await t.sql<{ mergedInto: string | null }[]>`select merged_into from persons where id = ${merged.id}`;
    assert.equal(back!.mergedInto, null);

    const d = await call(t.app, 'POST', '/api/v1/linkage/distinct', { cookie: admin, body: { a: survivor.id, b: merged.id } });
    assert.equal(d.status, 200);
    await call(t.app, 'POST', '/api/v1/linkage/run', { cookie: admin, body: { area: '9011' } });
    const again = await call<{ items: { a: Person; b: Person }[] }>(t.app, 'GET', '/api/v1/linkage/candidates?area=9011', { cookie: admin });
    assert.ok(!again.body.items.some((c) => [c.a.id, c.b.id].sort().join() === [survivor.id, merged.id].sort().join()), 'a distinct pair does not come back');
  });

  it('merges automatically only records with the same valid national ID', async () => {
    await t.sql`insert into persons (area_code, first_name, last_name, id_type, id_number, name_key) values
      ('901101', 'วิไล', 'สุขใจ', 'thai_id', ${ID1}, 'วิไล สุขใจ')`;
    await call(t.app, 'POST', '/api/v1/linkage/run', { cookie: admin, body: {} });
    const rows = await t.sql<{ mergedInto: string | null }[]>`select merged_into from persons where id_number = ${ID1} order by created_at`;
    assert.equal(rows.filter((r) => r.mergedInto === null).length, 1);
    const [auto] = await t.sql`select 1 from merges where automatic and reason = 'identical valid national ID'`;
    assert.ok(auto);
  });
});

describe('PDPA duties', () => {
  it('exports everything held about a person as JSON and a printable page, audited', async () => {
    const [p] = await t.sql<{ id: string }[]>`select id from persons where id_number = ${ID2}`;
    const json = await call<{ person: { firstName: string }; sources: unknown[] }>(t.app, 'GET', `/api/v1/people/${p!.id}/export`, { cookie: admin });
    assert.equal(json.body.person.firstName, 'มาลี');
    assert.ok(json.body.sources.length >= 1);
    const html = await call<string>(t.app, 'GET', `/api/v1/people/${p!.id}/export?format=html`, { cookie: admin });
    assert.match(html.body, /มาลี/);
    assert.ok((await t.sql`select 1 from audit_log where action = 'person.export' and entity_id = ${p!.id}`).length === 2);
  });

  it('erases a person’s identity but keeps what area figures count', async () => {
    const [p] = await t.sql<{ id: string; areaCode: string; sex: string }[]>`select id, area_code, sex from persons where id_number = ${ID3}`;
    const before = await t.sql`select count(*)::int as n from persons where area_code like '9001%' and sex = 'male'`;
    const res = await call(t.app, 'POST', `/api/v1/people/${p!.id}/erase`, { cookie: admin, body: { reason: 'คำขอของเจ้าของข้อมูล' } });
    assert.equal(res.status, 200);
    const [row] = await t.sql<{ firstName: string; idNumber: string | null; birthYear: number; areaCode: string; erasedAt: Date }[]>`
      select first_name, id_number, birth_year, area_code, erased_at from persons where id = ${p!.id}`;
    assert.equal(row!.idNumber, null);
    assert.notEqual(row!.firstName, 'อับดุลเลาะ');
    assert.equal(row!.birthYear, 1975);
    assert.ok(row!.erasedAt);
    const afterCount = await t.sql`select count(*)::int as n from persons where area_code like '9001%' and sex = 'male'`;
    assert.deepEqual(afterCount, before);
    const sources = await t.sql<{ values: Record<string, unknown> }[]>`select "values" from record_sources where entity_id = ${p!.id}`;
    assert.ok(sources.every((s) => !('idNumber' in s.values) && !('firstName' in s.values)));
  });
});

describe('large lists', () => {
  // Thousands of lines: the CSV is read, checked and staged in many chunks.
  const LARGE = 3000;
  const LARGE_MAPPING = { hh: 'householdRef', area: 'areaCode', house: 'houseNo', fname: 'firstName', lname: 'lastName', dob: 'birthDate', cid: 'idNumber', phone: 'phone' };
  const idOf = (i: number) => withCheckDigit(String(300000000000 + i));
  const largeList = (n: number, edit: (i: number, cells: string[]) => string[] = (_, c) => c) => {
    const lines = ['hh,area,house,fname,lname,dob,cid,phone'];
    for (let i = 0; i < n; i++) {
      const cells = [`L${Math.floor(i / 4)}`, '901101', `${Math.floor(i / 4)}/9`, 'ทดลอง', `ลำดับ${i}`, `${1 + (i % 28)}/${1 + (i % 12)}/25${10 + (i % 50)}`, i % 2 ? idOf(i) : '', ''];
      lines.push(edit(i, cells).join(','));
    }
    return lines.join('\n');
  };
  const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  const people = () => countOf(t.sql<{ n: number }[]>`select count(*)::int as n from persons where last_name like 'ลำดับ%'`);

  it('stores nothing when a line deep in a large file is rejected, and reports every rejected line', async () => {
    const csv = largeList(LARGE, (i, c) => (i === 2500 ? [...c.slice(0, 6), '1234567890123', ''] : i === LARGE - 1 ? ['', '', ...c.slice(2)] : c));
    const res = await importCsv(csv, { mapping: LARGE_MAPPING, name: 'large.csv' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.inserted, res.body.updated, res.body.unchanged], [0, 0, 0]);
    assert.deepEqual(res.body.rejected.map((r) => [r.line, r.errors[0]!.field]), [[2502, 'idNumber'], [LARGE + 1, 'areaCode']]);
    assert.equal(await people(), 0);
    assert.equal(await countOf(t.sql<{ n: number }[]>`select count(*)::int as n from source_keys where source = 'large.csv'`), 0);
    assert.equal(await countOf(t.sql<{ n: number }[]>`select count(*)::int as n from imports where filename = 'large.csv'`), 0);
  });

  it('imports a large file, and finds every line unchanged when the same file comes again', async () => {
    const first = await importCsv(largeList(LARGE), { mapping: LARGE_MAPPING, name: 'large.csv' });
    assert.deepEqual([first.body.inserted, first.body.updated, first.body.unchanged, first.body.rejected.length], [LARGE, 0, 0, 0]);
    assert.equal(await people(), LARGE);
    assert.equal(await countOf(t.sql<{ n: number }[]>`select count(distinct household_id)::int as n from persons where last_name like 'ลำดับ%'`), LARGE / 4);
    const sources = await countOf(t.sql<{ n: number }[]>`select count(*)::int as n from record_sources`);
    const again = await importCsv(largeList(LARGE), { mapping: LARGE_MAPPING, name: 'large.csv' });
    assert.deepEqual([again.body.inserted, again.body.updated, again.body.unchanged], [0, 0, LARGE]);
    assert.equal(await people(), LARGE);
    assert.equal(await countOf(t.sql<{ n: number }[]>`select count(*)::int as n from record_sources`), sources, 'no provenance for unchanged lines');
  });

  it('keeps a known person in their household when another list gives none, and makes one person of two lines with one key', async () => {
    const [before] = await t.sql<{ householdId: string }[]>`select household_id from persons where id_number = ${idOf(1)}`;
    const csv = [
      'fname,lname,area,cid,phone',
      ...[1, 3, 5].map((i) => `ทดลอง,ลำดับ${i},901101,${idOf(i)},08100000${i}0`),
      'ซ้ำสอง,บรรทัด,901101,,0810000001',
      'ซ้ำสอง,บรรทัด,901101,,0810000002',
    ].join('\n');
    const res = await importCsv(csv, { mapping: { fname: 'firstName', lname: 'lastName', area: 'areaCode', cid: 'idNumber', phone: 'phone' }, name: 'phones-2.csv' });
    assert.deepEqual([res.body.inserted, res.body.updated, res.body.unchanged], [1, 4, 0]);
    const [after] = await t.sql<{ householdId: string; phone: string }[]>`select household_id, phone from persons where id_number = ${idOf(1)}`;
    assert.deepEqual(after, { householdId: before!.householdId, phone: '0810000010' });
    const twice = await t.sql<{ phone: string }[]>`select phone from persons where first_name = 'ซ้ำสอง'`;
    assert.deepEqual(twice.map((p) => p.phone), ['0810000002'], 'the later line updates the person the first one made');
  });

  it('applies the lines of one person in the file\'s order: each value comes from the last line that gives it', async () => {
    const phones = Array.from({ length: 20 }, (_, i) => `08100001${String(i).padStart(2, '0')}`);
    const csv = [
      'fname,lname,area,phone,job',
      ...phones.map((phone, i) => `ลำดับไฟล์,หลายบรรทัด,901101,${phone},${i === 7 ? 'ประมง' : i === 3 ? 'ทำนา' : ''}`),
      'ลำดับไฟล์,หลายบรรทัด,901101,,',
    ].join('\n');
    const res = await importCsv(csv, { mapping: { fname: 'firstName', lname: 'lastName', area: 'areaCode', phone: 'phone', job: 'occupation' }, name: 'order.csv' });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.inserted, res.body.rejected.length], [1, 0]);
    const rows = await t.sql<{ phone: string; occupation: string }[]>`select phone, occupation from persons where first_name = 'ลำดับไฟล์'`;
    assert.deepEqual([...rows], [{ phone: phones[19], occupation: 'ประมง' }]);
  });

  it('loads more people than the registry holds with the indexes of persons exactly as they were', async () => {
    const indexes = () => t.sql<{ indexname: string; indexdef: string }[]>`select indexname, indexdef from pg_indexes where tablename = 'persons' order by indexname`;
    const before = await indexes();
    const n = 60_000;
    const bulk = largeList(n, (i, c) => [`M${Math.floor(i / 4)}`, c[1]!, c[2]!, 'มวลชน', `ลำดับ${i}`, c[5]!, i % 2 ? idOf(100_000 + i) : '', '']);
    const res = await importCsv(bulk, { mapping: LARGE_MAPPING, name: 'bulk.csv' });
    assert.deepEqual([res.body.inserted, res.body.updated, res.body.rejected.length], [n, 0, 0]);
    assert.deepEqual(await indexes(), before);
    const [found] = await t.sql<{ n: number }[]>`select count(*)::int as n from persons where id_number = ${idOf(100_001)} and first_name = 'มวลชน'`;
    assert.equal(found!.n, 1, 'found through the rebuilt index');
  });

  it('refuses with 400, storing nothing, a large CSV that breaks deep into the file or lacks a mapped column', async () => {
    const broken = await importCsv(largeList(LARGE) + '\n"L9999,901101', { mapping: LARGE_MAPPING, name: 'broken.csv' });
    assert.equal(broken.status, 400);
    assert.match(JSON.stringify(broken.body), /cannot be read/);
    const missing = await importCsv(largeList(LARGE), { mapping: { ...LARGE_MAPPING, occupation: 'occupation' }, name: 'broken.csv' });
    assert.equal(missing.status, 400);
    assert.deepEqual((missing.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field), ['mapping.occupation']);
    assert.equal(await countOf(t.sql<{ n: number }[]>`select count(*)::int as n from source_keys where source = 'broken.csv'`), 0);
    // The connection the broken COPY ran on is fine afterwards.
    const ok = await importCsv('fname,area\nหลังพัง,901101', { mapping: { fname: 'firstName', area: 'areaCode' }, name: 'after-broken.csv' });
    assert.equal(ok.body.inserted, 1);
  });
});

describe('phone numbers', () => {
  it('gives back the leading 0 a spreadsheet drops from a number, and refuses what is no Thai phone number', () => {
    const phone = (raw: string) => PROPERTIES.phone!.parse(raw);
    assert.deepEqual(phone('812345678'), { value: '0812345678' }, 'a mobile number kept as a number');
    assert.deepEqual(phone('74123456'), { value: '074123456' }, 'a Songkhla landline kept as a number');
    assert.deepEqual(phone('081-234-5678'), { value: '0812345678' });
    assert.deepEqual(phone('+66812345678'), { value: '+66812345678' });
    assert.ok('error' in phone('12345678'), 'no area code starts with 1');
    assert.ok('error' in phone('5551234'), 'too short');
  });
});

describe('reading plain CSV files', () => {
  const viaCsvParse = (data: Buffer) =>
    (parseCsvSync(data, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => [r.info.lines, r.record]);
  const viaSimple = (data: Buffer) => {
    const blocks = simpleCsv(data);
    if (!blocks) return null;
    const out: [number, string[]][] = [];
    for (const b of blocks) b.records.forEach((r, i) => r && out.push([b.firstLine + i, r]));
    return out;
  };

  it('splits a file without quotes exactly as csv-parse does: trimming, empty lines, line ends, BOM, bad bytes, long files', () => {
    const long = Array.from({ length: 30_000 }, (_, i) => (i % 97 === 0 ? '' : i % 89 === 0 ? ' \t ' : `H${i}, 90110${i % 10} ,สมชาย ใจดี,  ,x${'ก'.repeat(i % 40)}`)).join('\n');
    const files: Buffer[] = [
      'a,b\n1,2\n',
      ' a , b \t,\u00a0c\u3000,\ufeffd\ufeff\n 1 ,2',
      'a\n\n   \n\t\nb\n\n\n',
      'a,b\r\n1,2\r\n\r\n  \r\n3,4',
      '\ufeffa,b\n1,2',
      ',,\n , \n,',
      'ชื่อ,นามสกุล\nนาย สมชาย ,  ใจดี  \n',
      '',
      '\n\n',
      long,
      long.replace(/\n/g, '\r\n') + '\r\n',
    ].map((t) => Buffer.from(t));
    files.push(Buffer.from([0x61, 0x2c, 0xe0, 0x2c, 0x41, 0x0a, 0xc2, 0x20, 0x2c, 0xc2, 0xa0, 0x62, 0x0a]));
    for (const data of files) assert.deepEqual(viaSimple(data), viaCsvParse(data), JSON.stringify(data.toString().slice(0, 60)));
  });

  it('gives the name keys of nameKeys() when normalising a name once', () => {
    const names: [string | null, string | null, string | null, string | null][] = [
      ['สมชาย', 'ใจดี', null, null],
      ['ด.ช. ปิติ', null, 'Piti', 'Jaidee'],
      ['นาย  ประเสริฐ', 'รักษ์ไทย', 'Mr. Prasert', null],
      ['Somchai', 'JAIDEE', null, 'Jaidee'],
      ['อับดุลเลาะห์', '', null, null],
      ['นาย', null, null, null],
      [null, null, null, null],
    ];
    for (const n of names) assert.deepEqual(nameKeysOnce(...n), nameKeys(...n), JSON.stringify(n));
  });

  it('leaves files with quotes, mixed or old Mac line ends, or a UTF-16 BOM to csv-parse', () => {
    for (const t of ['a,"b"\n1,2', 'a\r\nb\nc', 'a\rb\rc', 'a\nb\r']) assert.equal(simpleCsv(Buffer.from(t)), null, JSON.stringify(t));
    assert.equal(simpleCsv(Buffer.from([0xff, 0xfe, 0x61, 0x00])), null);
  });
});
