/**
 * Equivalence of the two back ends: every rule is run as SQL over a real
 * PostgreSQL registry of synthetic households (nulls, merged and erased
 * people, people without a household, empty households, birthdays on the
 * day) and with evaluateRule over the same rows; the flags and the
 * evidence must be identical for every live subject.
 *
 *   npx tsx scripts/test.ts src/lib/rules/rules.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { Random, createGenerator, type HouseholdRow, type PersonRow } from '../synthetic/index.js';
import {
  DEFAULT_INDICATORS,
  HOUSEHOLD_FROM,
  LIVE_HOUSEHOLD,
  LIVE_PERSON,
  PERSON_FROM,
  compileEvaluator,
  compileRule,
  flagQuery,
  householdRecord,
  personRecord,
  type RuleParams,
  type RuleRecord,
  type RuleTarget,
} from './index.js';
import { numberToString } from './values.js';

const TODAY = '2025-07-01';
const AREA = '901101';

/** Rules beyond the defaults, so that every operator and function meets real rows with missing values. */
const PERSON_RULES: string[] = [
  "inSchool != 'yes'",
  "not(inSchool = 'yes')",
  "inSchool = ''",
  'age mod 7 = 3',
  'birthYear mod 4 = 0 and -age < -30',
  'age div 3 > 10',
  '(age + 1) * 2 - 3 >= 40',
  'age = household/size * 10 or age != age',
  "age = ''",
  "age > '17'",
  "birthDate < '1960-01-01'",
  "birthDate = ''",
  "birthDate != ''",
  "birthDate >= date('1990-01-01')",
  'today() - birthDate > 365 * 40',
  'date(today() - 365 * 30) > birthDate',
  'today() > birthDate',
  "contains(lastName, 'ร')",
  "starts-with(firstName, 'ส')",
  "ends-with(phone, '1')",
  "contains(occupation, '') and starts-with(occupation, '') and ends-with(occupation, '')",
  "contains(occupation, 'รับ') or ends-with(occupation, 'ขาย')",
  'string-length(firstName) > 4',
  "selected('thai_id pink_card', idType)",
  "selected(concat(sex, ' x'), 'female')",
  "count-selected(concat(relationToHead, ' ', occupation)) = 2",
  'number(household/houseNo) > 10',
  'household/houseNo > 10',
  "string(age) = '45'",
  "concat(age, '') = '45'",
  'string-length(string(household/monthlyIncome div 7)) > 9',
  "contains(string(household/monthlyIncome div 7), '.')",
  "contains(string(household/lat), '.')",
  "if(sex = 'female', age, age - 5) >= 60",
  "if(bedridden = 'yes', 'b', '') = 'b'",
  "if(inSchool = 'yes', 1, '') = 1",
  "coalesce(inSchool, disability, 'unknown') = 'unknown'",
  "coalesce(birthDate, date('1950-01-01')) < '1960-01-01'",
  'coalesce(household/monthlyIncome, 0) < 5000',
  'int(age div 10) = 4',
  'round(age div 7) = 8',
  'floor(-age div 7) = -9',
  'ceiling(age div 7) = 9',
  'abs(age - 50) < 5',
  'boolean(phone)',
  'boolean(age)',
  "boolean(household/member[bedridden = 'yes'])",
  'household/others[age < 5]',
  'sum(household/member/age) > 150',
  'min(household/member/age) < 10',
  'max(household/others/age) >= 80',
  'min(age, household/size * 10) > 20',
  'max(household/monthlyIncome div 1000, age) > 30',
  'count(household/member[count(household/others[age < 15]) > 1]) >= 2',
  'number(true()) + number(false()) = 1 and true() and not(false())',
  'household/lat > 7 and household/lon < 100.6',
  "registryStatus = 'unregistered' or idType != 'thai_id'",
  "param('minAge', 18) <= age",
  "string(inSchool = 'yes') = 'true'",
  'sex = true()',
  "household/tenure = 'renter' and household/size >= 3",
  "household/tenure = ''",
  'household/size = 0',
  "count(household/others[sex = 'male' and age >= 18]) = 0 and sex = 'female'",
];

const HOUSEHOLD_RULES: string[] = [
  'size >= 4',
  'count(member) = size',
  "count(member[sex = 'female']) * 2 > size",
  'sum(member/age) div size > 40',
  'monthlyIncome div size mod 1000 < 500',
  'max(member/birthYear) - min(member/birthYear) > 50',
  "tenure != 'owner'",
  "monthlyIncome = ''",
  "member[disability = 'yes']",
  'count(member[count(household/others[age >= 60]) > 0]) > 0',
  "count(member[household/tenure = 'renter']) > 0",
  "count(member[bedridden = 'yes' and count(household/others[age >= 18 and age < 70]) = 0]) > 0",
  "selected('owner renter', tenure)",
  'round(monthlyIncome div 3) mod 2 = 0',
  'min(member/birthDate) < date(today() - 365 * 70)',
  "not(member[inSchool = 'no'])",
  "string-length(community) = 0 and moo != ''",
];

let db: TestDatabase;
const persons: RuleRecord[] = [];
const households: RuleRecord[] = [];

function pick<T>(rng: Random, items: readonly T[]): T {
  return rng.pick(items);
}

type PersonInsert = PersonRow & {
  in_school: string | null;
  disability: string | null;
  bedridden: string | null;
  chronic_illness: string | null;
  vaccinated: string | null;
  occupation: string | null;
};
type HouseholdInsert = Omit<HouseholdRow, 'monthly_income' | 'tenure'> & { monthly_income: number | null; tenure: string | null; community: string | null; moo: string | null };

async function seed(): Promise<void> {
  const gen = createGenerator('rules-equivalence', { referenceDate: TODAY });
  const rng = new Random('rules-extra');
  const hs: HouseholdInsert[] = [];
  const ps: PersonInsert[] = [];
  const yn = (pYes: number, pNull: number): string | null => (rng.chance(pNull) ? null : rng.chance(pYes) ? 'yes' : 'no');
  for (let i = 0; i < 80; i++) {
    const g = gen.household(AREA, {
      railwaySide: i % 5 === 0,
      urban: i % 7 === 0,
      kind: i % 11 === 0 ? 'migrant' : undefined,
      centre: i % 3 === 0 ? { lat: 7.19, lon: 100.59 } : null,
    });
    const h = g.household;
    hs.push({
      ...h,
      monthly_income: rng.chance(0.1) ? null : i % 9 === 0 ? Math.round(h.monthly_income / 3) + 0.37 : h.monthly_income,
      tenure: rng.chance(0.08) ? null : h.tenure,
      community: rng.chance(0.5) ? null : pick(rng, ['ชุมชนหลังสถานีรถไฟ', 'ชุมชนกุโบร์', '']),
      moo: rng.chance(0.3) ? null : String(rng.int(1, 12)),
    });
    if (i % 23 === 5) continue; // a household with nobody in it
    for (const m of g.members) {
      const age = m.birth_date ? Number(TODAY.slice(0, 4)) - Number(m.birth_date.slice(0, 4)) : 40;
      ps.push({
        ...m,
        birth_date: rng.chance(0.12) ? null : m.birth_date,
        birth_year: rng.chance(0.04) ? (null as unknown as number) : m.birth_year,
        relation_to_head: rng.chance(0.05) ? (null as unknown as PersonRow['relation_to_head']) : m.relation_to_head,
        registry_status: rng.chance(0.05) ? (null as unknown as PersonRow['registry_status']) : rng.chance(0.05) ? 'unregistered' : m.registry_status,
        in_school: age >= 3 && age <= 25 ? yn(0.7, 0.15) : yn(0.05, 0.7),
        disability: yn(age >= 60 ? 0.2 : 0.05, 0.3),
        bedridden: yn(age >= 70 ? 0.3 : 0.03, 0.3),
        chronic_illness: yn(age >= 50 ? 0.4 : 0.1, 0.3),
        vaccinated: yn(0.6, 0.3),
        occupation: rng.chance(0.4) ? null : pick(rng, ['รับจ้าง', 'ค้าขาย', 'เกษตรกร', '', 'นักเรียน']),
      });
    }
  }
  // Birthdays on the day and the day after, a leap-day birth, a birth date later this year.
  const base = ps[0] as PersonInsert;
  const edge = (birth: string | null, year: number | null, extra: Partial<PersonInsert> = {}): PersonInsert => ({
    ...base,
    id: crypto.randomUUID(),
    first_name: 'ทดสอบ',
    id_type: 'none',
    id_number: null,
    relation_to_head: 'relative',
    birth_date: birth,
    birth_year: year as number,
    in_school: 'no',
    disability: 'yes',
    bedridden: null,
    chronic_illness: 'yes',
    vaccinated: 'no',
    occupation: null,
    ...extra,
  });
  ps.push(
    edge('2019-07-01', 2019),
    edge('2019-07-02', 2019),
    edge('2007-07-01', 2007),
    edge('2007-07-02', 2007),
    edge('1965-07-01', 1965, { bedridden: 'yes' }),
    edge('1965-07-02', 1965),
    edge('2008-02-29', 2008),
    edge('2025-09-01', 2025),
    edge(null, null),
    edge(null, 2019, { household_id: null as unknown as string, registry_status: 'unregistered' }),
    edge('1950-01-01', 1950, { household_id: null as unknown as string, bedridden: 'yes' }),
  );
  const sql = db.sql;
  const hCols = ['id', 'area_code', 'house_no', 'address', 'lat', 'lon', 'tenure', 'monthly_income', 'community', 'moo'] as const;
  const pCols = [
    'id', 'household_id', 'area_code', 'relation_to_head', 'first_name', 'last_name', 'sex', 'birth_date', 'birth_year', 'nationality', 'id_type',
    'id_number', 'registry_status', 'phone', 'in_school', 'disability', 'bedridden', 'chronic_illness', 'vaccinated', 'occupation',
  ] as const;
  await sql`insert into households ${sql(hs, ...hCols)}`;
  for (let i = 0; i < ps.length; i += 200) await sql`insert into persons ${sql(ps.slice(i, i + 200), ...pCols)}`;
  // Merged and erased people, a merged household: none of them is a subject or a member.
  const ids = ps.map((p) => p.id);
  await sql`update persons set erased_at = now() where id in ${sql([ids[3], ids[40], ids[41], ids[90]] as string[])}`;
  await sql`update persons set merged_into = ${ids[10] as string} where id in ${sql([ids[11], ids[60]] as string[])}`;
  await sql`update households set merged_into = ${hs[1]?.id as string} where id = ${hs[2]?.id as string}`;
  // A household whose only member is erased.
  const lonely = ps.find((p, i) => i > 100 && ps.filter((q) => q.household_id === p.household_id).length === 1);
  if (lonely) await sql`update persons set erased_at = now() where id = ${lonely.id}`;

  // The records, as the application would read them (postgres.js rows, camelCase).
  const hRows = await sql<RuleRecord[]>`select * from households`;
  const pRows = await sql<RuleRecord[]>`select * from persons`;
  const live = (r: RuleRecord): boolean => r.mergedInto === null && r.erasedAt === null;
  const byHousehold = new Map<string, RuleRecord[]>();
  for (const p of pRows) {
    if (!live(p) || typeof p.householdId !== 'string') continue;
    const list = byHousehold.get(p.householdId) ?? [];
    list.push(p);
    byHousehold.set(p.householdId, list);
  }
  const hById = new Map(hRows.map((h) => [h.id as string, h]));
  for (const p of pRows) {
    if (!live(p)) continue;
    const h = typeof p.householdId === 'string' ? (hById.get(p.householdId) ?? null) : null;
    persons.push(personRecord(p, h, h ? (byHousehold.get(h.id as string) ?? []) : []));
  }
  for (const h of hRows) if (live(h)) households.push(householdRecord(h, byHousehold.get(h.id as string) ?? []));
}

interface Outcome {
  value: boolean;
  evidence: Record<string, unknown>;
}

async function viaSql(rule: string, target: RuleTarget, params: RuleParams | undefined, today: string | undefined): Promise<Map<string, Outcome>> {
  const c = compileRule(rule, target, { params, today });
  const [alias, from, live] = target === 'person' ? ['p', PERSON_FROM, LIVE_PERSON] : ['h', HOUSEHOLD_FROM, LIVE_HOUSEHOLD];
  const rows = await db.sql.unsafe<{ id: string; flagged: boolean; evidence: Record<string, unknown> }[]>(
    `select ${alias}.id, ${c.sql} as flagged, ${c.evidence} as evidence from ${from} where ${live}`,
    c.paramsWithEvidence as never[],
  );
  return new Map(rows.map((r) => [r.id, { value: r.flagged, evidence: r.evidence }]));
}

function viaEvaluator(rule: string, target: RuleTarget, params: RuleParams | undefined, today: string | undefined): Map<string, Outcome> {
  const run = compileEvaluator(rule, target, { params, today });
  const records = target === 'person' ? persons : households;
  return new Map(records.map((r) => [r.id as string, run(r)]));
}

async function assertEquivalent(rule: string, target: RuleTarget, params?: RuleParams, today: string | undefined = TODAY): Promise<number> {
  const fromSql = await viaSql(rule, target, params, today);
  const fromTs = viaEvaluator(rule, target, params, today);
  assert.equal(fromSql.size, fromTs.size, `${rule}: number of subjects`);
  let flagged = 0;
  for (const [id, s] of fromSql) {
    const t = fromTs.get(id);
    assert.ok(t, `${rule}: ${id} missing from the evaluator`);
    assert.equal(t.value, s.value, `${rule}: ${id} is ${String(s.value)} in SQL, ${String(t.value)} in TypeScript (evidence ${JSON.stringify(s.evidence)})`);
    assert.deepEqual(t.evidence, s.evidence, `${rule}: evidence of ${id}`);
    if (s.value) flagged++;
  }
  if (process.env.RULES_VERBOSE) console.log(`${flagged}/${fromSql.size}\t${rule}`);
  return flagged;
}

before(async () => {
  db = await createTestDatabase();
  await seed();
});

after(async () => {
  await db.drop();
});

describe('rules: SQL and evaluator agree on a real registry', () => {
  it('has a varied population', () => {
    assert.ok(persons.length >= 200, `${persons.length} persons`);
    assert.ok(households.length >= 75, `${households.length} households`);
    assert.ok(persons.some((p) => p.household === null));
    assert.ok(persons.some((p) => p.birthDate === null && p.birthYear === null));
    assert.ok(households.some((h) => (h.member as unknown[]).length === 0));
    assert.ok(households.some((h) => h.monthlyIncome === null));
  });

  for (const d of DEFAULT_INDICATORS) {
    it(`default indicator ${d.code}: same subjects and evidence`, async () => {
      const n = await assertEquivalent(d.rule, d.target, d.params);
      // Each default flags someone in this population, and not everyone.
      const total = d.target === 'person' ? persons.length : households.length;
      assert.ok(n > 0 && n < total, `${d.code} flags ${n} of ${total}`);
    });
  }

  it('default indicators agree with today left to the database (Thailand)', async () => {
    for (const d of DEFAULT_INDICATORS) await assertEquivalent(d.rule, d.target, d.params, undefined);
  });

  it('every operator and function agrees on person rules', async () => {
    for (const rule of PERSON_RULES) await assertEquivalent(rule, 'person');
  });

  it('every operator and function agrees on household rules', async () => {
    for (const rule of HOUSEHOLD_RULES) await assertEquivalent(rule, 'household');
  });

  it('flagQuery returns the flagged subjects with their evidence', async () => {
    const d = DEFAULT_INDICATORS.find((x) => x.code === 'out_of_school_youth');
    assert.ok(d);
    const q = flagQuery(d.rule, d.target, { params: d.params, today: TODAY });
    const rows = await db.sql.unsafe<{ id: string; evidence: Record<string, unknown> }[]>(q.sql, q.params as never[]);
    const expected = viaEvaluator(d.rule, d.target, d.params, TODAY);
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set([...expected].filter(([, o]) => o.value).map(([id]) => id)));
    for (const r of rows) {
      assert.equal(typeof r.evidence.age, 'number');
      assert.equal(r.evidence.inSchool, 'no');
    }
  });

  it('compiles into a larger query with its placeholders after the caller’s', async () => {
    const c = compileRule("age >= 60 and household/tenure = 'public_land'", 'person', { paramOffset: 1, today: TODAY });
    const rows = await db.sql.unsafe<{ n: string }[]>(
      `select count(*) as n from ${PERSON_FROM} where ${LIVE_PERSON} and p.area_code like $1 and ${c.sql}`,
      [`${AREA}%`, ...c.params] as never[],
    );
    const expected = viaEvaluator("age >= 60 and household/tenure = 'public_land'", 'person', undefined, TODAY);
    assert.equal(Number(rows[0]?.n), [...expected.values()].filter((o) => o.value).length);
  });

  it('formats numbers as text exactly as the evaluator does', async () => {
    const values = [0, -0, 1, -1, 0.5, 1 / 3, 2 / 3, 1e-4, 9.99e-5, 1e-5, 1.5e-7, 123456.789, 1e14, 999999999999999, 1e15, 1.5e20, 1e21, 1e100, -2.5e-10, 0.1 + 0.2, 38000 / 7];
    const rows = await db.sql.unsafe<{ t: string }[]>(
      `select (select coalesce(case when _x = trunc(_x) and abs(_x) < 1e15::float8 then _x::bigint::text else _x::text end, '') from (select v as _x) _n) as t from unnest($1::float8[]) with ordinality as u(v, i) order by i`,
      [values] as never[],
    );
    assert.deepEqual(rows.map((r) => r.t), values.map(numberToString));
  });

  it('keeps rule text out of the SQL: literals are bound parameters', async () => {
    const evil = "x'); drop table persons; --";
    const rule = `firstName = "${evil}" or count(household/member[occupation = "${evil}"]) > 0`;
    const c = compileRule(rule, 'person');
    assert.ok(!c.sql.includes('drop table') && !c.evidence.includes('drop table'));
    assert.ok(c.params.includes(evil));
    await assertEquivalent(rule, 'person');
    const [{ n } = { n: '0' }] = await db.sql<{ n: string }[]>`select count(*) as n from persons`;
    assert.ok(Number(n) > 0);
  });
});
