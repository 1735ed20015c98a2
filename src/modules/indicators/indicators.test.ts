import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { call, login } from '../../testing/http.js';
import { multipart } from '../../testing/multipart.js';

let t: TestApp;
let admin: string;

type Summary = { population: number | null; households: number | null; indicators: { code: string; count: number | null; rate: number | null }[] };
type Members = { items: { id: string; evidence: Record<string, unknown>; person?: { firstName: string } }[]; nextCursor: string | null };

async function importCsv(csv: string, name: string) {
  const mp = await multipart([
    { name: 'mapping', value: JSON.stringify({ hh: 'householdRef', area: 'areaCode', fname: 'firstName', lname: 'lastName', dob: 'birthDate', school: 'inSchool', income: 'monthlyIncome', tenure: 'tenure' }) },
    { name: 'file', value: Buffer.from(csv), filename: name },
  ]);
  const res = await call<{ inserted: number; updated: number; rejected: unknown[] }>(t.app, 'POST', '/api/v1/imports/people', { cookie: admin, body: mp.body, headers: { 'content-type': mp.contentType } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.rejected.length, 0, JSON.stringify(res.body));
  return res.body;
}

const year = new Date().getUTCFullYear();
const HEADER = 'hh,area,fname,lname,dob,school,income,tenure';
// Seven children out of school in Hat Yai subdistrict, two in Mueang Songkhla; one pupil.
const rows = [
  ...Array.from({ length: 7 }, (_, i) => `A${i},901101,เด็ก${i},หาดใหญ่,${year - 10}-03-0${i + 1},no,3000,public_land`),
  `B1,900101,ต้น,เมือง,${year - 12}-01-01,no,50000,owner`,
  `B2,900101,ฝน,เมือง,${year - 15}-01-01,no,50000,owner`,
  `B3,900101,ใบ,เมือง,${year - 9}-01-01,yes,50000,owner`,
];

before(async () => {
  t = await startTestApp({ listen: false });
  admin = await login(t.app, t.admin.email, t.admin.password);
  await importCsv([HEADER, ...rows].join('\n'), 'children.csv');
});
after(() => t.close());

describe('indicators', () => {
  it('ships the default set in the five dimensions', async () => {
    const res = await call<{ code: string; dimension: string }[]>(t.app, 'GET', '/api/v1/indicators', { cookie: admin });
    assert.equal(res.status, 200);
    assert.ok(res.body.length >= 10);
    assert.deepEqual([...new Set(res.body.map((i) => i.dimension))].sort(), ['access', 'education', 'health', 'income', 'living']);
    assert.ok(res.body.some((i) => i.code === 'out_of_school_youth'));
  });

  it('refuses an invalid rule with 400 naming the position of the error', async () => {
    const res = await call<{ position: number; errors: { field: string; position: number }[]; detailTh: string }>(t.app, 'POST', '/api/v1/indicators', {
      cookie: admin,
      body: { code: 'broken', nameTh: 'เสีย', nameEn: 'Broken', dimension: 'education', target: 'person', rule: "age >= 6 and and inSchool = 'no'" },
    });
    assert.equal(res.status, 400);
    // The second 'and' reads as a name (XPath allows an element called "and"); 'inSchool' after it is the error.
    assert.equal(res.body.position, 17);
    assert.equal(res.body.errors[0]!.field, 'rule');
    assert.match(res.body.detailTh, /ตำแหน่ง 17/);
  });

  it('lists the flagged people of an area subtree with the evidence for each', async () => {
    const hatYai = await call<Members>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth/members?area=9011', { cookie: admin });
    assert.equal(hatYai.status, 200);
    assert.equal(hatYai.body.items.length, 7);
    const e = hatYai.body.items[0]!.evidence;
    assert.equal(e.inSchool, 'no');
    assert.equal(e.age, 10);
    const all = await call<Members>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth/members?limit=5', { cookie: admin });
    assert.equal(all.body.items.length, 5);
    const next = await call<Members>(t.app, 'GET', `/api/v1/indicators/out_of_school_youth/members?limit=5&cursor=${all.body.nextCursor}`, { cookie: admin });
    assert.equal(next.body.items.length, 4);
  });

  it('creates an indicator (201) and flags at once', async () => {
    const res = await call<{ code: string }>(t.app, 'POST', '/api/v1/indicators', {
      cookie: admin,
      body: { code: 'child_on_railway_land', nameTh: 'เด็กในครัวเรือนบนที่ดินการรถไฟ', nameEn: 'Child on railway land', dimension: 'living', target: 'person', rule: "age < 18 and household/tenure = 'public_land'" },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const m = await call<Members>(t.app, 'GET', '/api/v1/indicators/child_on_railway_land/members', { cookie: admin });
    assert.equal(m.body.items.length, 7);
  });

  it('previews how many a rule would flag without storing anything', async () => {
    const res = await call<{ flagged: number; total: number }>(t.app, 'POST', '/api/v1/indicators/preview', { cookie: admin, body: { rule: 'age < 11', target: 'person', area: '90' } });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.flagged, res.body.total], [8, 10]);
  });

  it('updates flags in the same transaction as a change: lists are right when the import answers', async () => {
    // A child goes back to school; a new child drops out.
    await importCsv([HEADER, `A0,901101,เด็ก0,หาดใหญ่,${year - 10}-03-01,yes,3000,public_land`, `A9,901101,ใหม่,หาดใหญ่,${year - 8}-05-05,no,3000,public_land`].join('\n'), 'children.csv');
    const m = await call<Members>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth/members?area=9011', { cookie: admin });
    const names = m.body.items.map((i) => i.person!.firstName);
    assert.equal(names.length, 7);
    assert.ok(!names.includes('เด็ก0'));
    assert.ok(names.includes('ใหม่'));
    const [closed] = await t.sql<{ until: Date | null }[]>`
      select f.until from flags f join persons p on p.id = f.subject_id join indicators i on i.id = f.indicator_id
      where i.code = 'out_of_school_youth' and p.first_name = 'เด็ก0'`;
    assert.ok(closed!.until, 'the flag keeps its history: since and until');
  });

  it('summarises an area: population, households, count and rate per indicator', async () => {
    const res = await call<Summary>(t.app, 'GET', '/api/v1/areas/90/summary', { cookie: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.population, 11);
    const oos = res.body.indicators.find((i) => i.code === 'out_of_school_youth')!;
    assert.equal(oos.count, 9);
    assert.equal(oos.rate, Math.round((9 / 11) * 10000) / 10000);
    const withKids = res.body as Summary & { children: { code: string; lat: number | null; lon: number | null; indicators: Record<string, number | null> }[] };
    const hatYai = withKids.children.find((c) => c.code === '9011')!;
    assert.equal(hatYai.indicators.out_of_school_youth, 7, 'each child area has its own counts');
    assert.ok(hatYai.lat && hatYai.lon, 'a district gets the mean point of its subdistricts for the map');
    const one = await call<{ code: string; versions: unknown[] }>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth', { cookie: admin });
    assert.equal(one.body.versions.length, 1);
    const country = await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth/members?area=TH&limit=100', { cookie: admin });
    assert.equal(country.body.items.length, 9, 'TH is the whole country');
    const sub = await call<Summary>(t.app, 'GET', '/api/v1/areas/900101/summary', { cookie: admin });
    assert.equal(sub.body.indicators.find((i) => i.code === 'out_of_school_youth')!.count, 2);
  });

  it('gives public figures without login, with counts under 5 as null', async () => {
    const big = await call<Summary>(t.app, 'GET', '/api/v1/public/areas/9011/summary');
    assert.equal(big.status, 200);
    assert.equal(big.body.indicators.find((i) => i.code === 'out_of_school_youth')!.count, 7);
    const small = await call<Summary>(t.app, 'GET', '/api/v1/public/areas/900101/summary');
    assert.equal(small.body.population, null, '3 people is a small cell');
    const oos = small.body.indicators.find((i) => i.code === 'out_of_school_youth')!;
    assert.equal(oos.count, null);
    assert.equal(oos.rate, null);
    assert.equal((await call(t.app, 'GET', '/api/v1/areas/90/summary')).status, 401, 'the member summary needs a login');
  });

  it('lists people flagged in at least N dimensions, and exports the list as CSV', async () => {
    const one = await call<{ items: { firstName: string; dimensions: number; indicators: string[] }[] }>(t.app, 'GET', '/api/v1/targeting/people?area=9011&minDimensions=1&limit=100', { cookie: admin });
    assert.equal(one.status, 200);
    assert.ok(one.body.items.length >= 7);
    const two = await call<{ items: { firstName: string; dimensions: number; indicators: string[] }[] }>(t.app, 'GET', '/api/v1/targeting/people?area=9011&minDimensions=2&limit=100', { cookie: admin });
    assert.ok(two.body.items.every((i) => i.dimensions >= 2));
    assert.ok(two.body.items.some((i) => i.indicators.includes('out_of_school_youth') && i.indicators.includes('child_on_railway_land')), JSON.stringify(two.body.items));
    const byIndicator = await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/targeting/people?indicators=out_of_school_youth&limit=100', { cookie: admin });
    assert.equal(byIndicator.body.items.length, 9);
    const csv = await call<string>(t.app, 'GET', '/api/v1/targeting/people?indicators=out_of_school_youth&format=csv', { cookie: admin });
    assert.equal(csv.status, 200);
    assert.ok(csv.raw.body.startsWith('\uFEFFid,areaCode,firstName'));
    assert.equal(csv.raw.body.trim().split('\n').length, 10);
  });

  it('limits flagged lists and summaries to the caller’s area scope', async () => {
    const org = await call<{ id: string }>(t.app, 'POST', '/api/v1/organizations', { cookie: admin, body: { nameTh: 'กองการศึกษาเมือง', nameEn: 'Mueang Education' } });
    await call(t.app, 'POST', '/api/v1/users', { cookie: admin, body: { email: 'mueang@test.local', displayName: 'M', password: 'password-123', memberships: [{ organizationId: org.body.id, role: 'caseworker', areaScope: '9001' }] } });
    const cookie = await login(t.app, 'mueang@test.local', 'password-123');
    const m = await call<Members>(t.app, 'GET', '/api/v1/indicators/out_of_school_youth/members', { cookie });
    assert.equal(m.body.items.length, 2);
    const s = await call<Summary>(t.app, 'GET', '/api/v1/areas/90/summary', { cookie });
    assert.equal(s.body.population, 3, 'only the part of Songkhla in scope');
    assert.equal((await call(t.app, 'GET', '/api/v1/areas/9011/summary', { cookie })).status, 404);
  });
});
