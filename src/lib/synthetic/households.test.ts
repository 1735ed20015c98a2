import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { isValidNationalId, nationalIdCheckDigit } from '../thai/nationalId.js';
import { ageOn, createGenerator, DEFAULT_REFERENCE_DATE, HOUSEHOLD_COLUMNS, PERSON_COLUMNS, type PersonRow } from './households.js';
import { latinFullName } from './names.js';

const AREA = '901101';
const CENTRE = { lat: 7.0, lon: 100.47 };

function sample(seed: number | string, people: number): { households: number; members: PersonRow[] } {
  const g = createGenerator(seed);
  const members: PersonRow[] = [];
  let households = 0;
  while (members.length < people) {
    members.push(...g.household(AREA, { centre: CENTRE }).members);
    households++;
  }
  return { households, members };
}

function age(p: PersonRow): number {
  return p.birth_date ? ageOn(p.birth_date, DEFAULT_REFERENCE_DATE) : 2025 - p.birth_year;
}

// One large sample shared by the statistical tests.
const big = sample(2568, 10_000);

describe('synthetic households', () => {
  it('is deterministic for a seed, ids included', () => {
    const a = createGenerator('songkhla');
    const b = createGenerator('songkhla');
    for (let i = 0; i < 200; i++) {
      const opts = { centre: CENTRE, railwaySide: i % 7 === 0 };
      assert.deepEqual(a.household(AREA, opts), b.household(AREA, opts));
    }
    const c = createGenerator('another seed');
    assert.notDeepEqual(createGenerator('songkhla').household(AREA), c.household(AREA));
  });

  it('gives every thai_id 13 digits, a valid check digit and a plausible first digit', () => {
    const thai = big.members.filter((p) => p.id_type === 'thai_id');
    assert.ok(thai.length > 9000);
    for (const p of thai) {
      const id = p.id_number!;
      assert.match(id, /^[1-8][0-9]{12}$/);
      assert.equal(nationalIdCheckDigit(id.slice(0, 12)), Number(id[12]), id);
      assert.ok(isValidNationalId(id));
      if (id[0] === '1') assert.ok(p.birth_year >= 1984, `${id} born ${p.birth_year}`);
      if (id[0] === '3') assert.ok(p.birth_year < 1984, `${id} born ${p.birth_year}`);
    }
    const firsts = new Set(thai.map((p) => p.id_number![0]));
    assert.ok(firsts.has('1') && firsts.has('3'));
    const ids = thai.map((p) => p.id_number);
    assert.equal(new Set(ids).size, ids.length, 'Thai IDs are unique');
  });

  it('leaves about 3 % of people without a Thai ID', () => {
    const without = big.members.filter((p) => p.id_type !== 'thai_id');
    const share = without.length / big.members.length;
    assert.ok(share > 0.02 && share < 0.04, `share without Thai ID ${share}`);
    for (const p of without) {
      if (p.id_type === 'pink_card') assert.match(p.id_number!, /^00[0-9]{11}$/);
      if (p.id_type === 'passport') assert.match(p.id_number!, /^[A-Z]{1,2}[0-9]{6,7}$/);
      if (p.id_type === 'none') assert.equal(p.id_number, null);
    }
    const nationalities = new Set(without.map((p) => p.nationality));
    assert.ok(nationalities.has('เมียนมา'));
  });

  it('has a household size mean in [2.5, 3.1]', () => {
    const mean = big.members.length / big.households;
    assert.ok(mean >= 2.5 && mean <= 3.1, `mean household size ${mean}`);
  });

  it('keeps ages in 0..105 with an ageing pyramid and about 0.95 men per woman', () => {
    let old = 0;
    let men = 0;
    for (const p of big.members) {
      const a = age(p);
      assert.ok(a >= 0 && a <= 105, `age ${a}`);
      if (a >= 60) old++;
      if (p.sex === 'male') men++;
    }
    const oldShare = old / big.members.length;
    assert.ok(oldShare > 0.14 && oldShare < 0.23, `60+ share ${oldShare}`);
    const ratio = men / (big.members.length - men);
    assert.ok(ratio > 0.88 && ratio < 1.02, `sex ratio ${ratio}`);
  });

  it('builds rows that fit the households and persons tables', () => {
    const g = createGenerator(7);
    for (let i = 0; i < 500; i++) {
      const { household, members } = g.household('900101', { centre: CENTRE, urban: i % 2 === 0 });
      assert.deepEqual(Object.keys(household).sort(), [...HOUSEHOLD_COLUMNS].sort());
      assert.ok(isUuid(household.id) && uuidVersion(household.id) === 7);
      assert.match(household.house_no, /^[0-9]+(\/[0-9]+)?$/);
      assert.ok(household.monthly_income >= 0);
      assert.ok(Math.abs(household.lat! - CENTRE.lat) < 0.2 && Math.abs(household.lon! - CENTRE.lon) < 0.2);
      assert.equal(members.filter((m) => m.relation_to_head === 'head').length, 1);
      assert.equal(members[0]!.relation_to_head, 'head');
      for (const m of members) {
        assert.deepEqual(Object.keys(m).sort(), [...PERSON_COLUMNS].sort());
        assert.ok(isUuid(m.id) && uuidVersion(m.id) === 7);
        assert.equal(m.household_id, household.id);
        assert.equal(m.area_code, '900101');
        assert.ok(m.first_name.trim() !== '');
        assert.ok(m.id_type === 'none' || m.id_number !== null);
        if (m.phone !== null) assert.match(m.phone, /^0[0-9]{9}$/);
        if (m.birth_date !== null) assert.equal(Number(m.birth_date.slice(0, 4)), m.birth_year);
        assert.ok(latinFullName(m.first_name, m.last_name), `no Latin spelling for ${m.first_name} ${m.last_name}`);
      }
    }
  });

  it('puts railway-side households mostly on public land', () => {
    const g = createGenerator(11);
    let publicLand = 0;
    for (let i = 0; i < 1000; i++) if (g.household(AREA, { railwaySide: true, migrantShare: 0 }).household.tenure === 'public_land') publicLand++;
    assert.ok(publicLand > 550, `public land ${publicLand}/1000`);
  });

  it('gives Muslim households Malay-Muslim names', () => {
    const g = createGenerator(3);
    const names = new Set<string>();
    for (let i = 0; i < 300; i++) for (const m of g.household(AREA, { kind: 'muslim' }).members) names.add(m.first_name);
    assert.ok(['อับดุลเลาะ', 'ฟาตีมะห์', 'มูฮัมหมัด', 'อามีเนาะ'].some((n) => names.has(n)));
  });

  it('makes ids that sort in creation order', () => {
    const g = createGenerator(5);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const { household, members } = g.household(AREA);
      ids.push(household.id, ...members.map((m) => m.id));
    }
    assert.deepEqual([...ids].sort(), ids);
  });
});
