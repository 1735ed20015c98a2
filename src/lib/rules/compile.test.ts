import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROPERTIES } from '../../modules/registry/properties.js';
import { parse } from '../xpath/index.js';
import {
  DEFAULT_INDICATORS,
  DIMENSIONS,
  HOUSEHOLD_RULE_PROPERTIES,
  PERSON_RULE_PROPERTIES,
  RuleError,
  TODAY_SQL,
  compileRule,
  evidenceSql,
  flagQuery,
  validateRule,
  type RuleTarget,
} from './index.js';
import { printAst } from './print.js';

function error(rule: string, target: RuleTarget = 'person'): RuleError {
  try {
    compileRule(rule, target);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  assert.fail(`expected a RuleError for ${rule}`);
}

describe('default indicators', () => {
  it('are ten, with a code, names, a dimension, a target and descriptions each', () => {
    assert.equal(DEFAULT_INDICATORS.length, 10);
    assert.equal(new Set(DEFAULT_INDICATORS.map((d) => d.code)).size, 10);
    for (const d of DEFAULT_INDICATORS) {
      assert.ok(DIMENSIONS.includes(d.dimension), d.code);
      assert.ok(d.nameTh && d.nameEn && d.descriptionTh && d.descriptionEn, d.code);
      assert.match(d.nameTh + d.descriptionTh, /[\u0E00-\u0E7F]/, `${d.code} has Thai text`);
    }
    for (const dim of DIMENSIONS) assert.ok(DEFAULT_INDICATORS.some((d) => d.dimension === dim), `${dim} has an indicator`);
  });

  it('parse with the forms parser and compile, with their default parameters', () => {
    for (const d of DEFAULT_INDICATORS) {
      parse(d.rule);
      const c = compileRule(d.rule, d.target, { params: d.params });
      assert.ok(c.sql.length > 0 && c.references.length > 0, d.code);
      assert.equal(validateRule(d.rule, d.target, d.params), null);
    }
  });

  it('take the poverty line as a parameter (38,000 THB per person per year)', () => {
    const d = DEFAULT_INDICATORS.find((x) => x.code === 'income_below_poverty_line');
    assert.ok(d);
    assert.deepEqual(d.params, { povertyLine: 38000 });
    assert.ok(compileRule(d.rule, d.target, { params: d.params }).params.includes(38000));
    assert.ok(compileRule(d.rule, d.target, { params: { povertyLine: 45000 } }).params.includes(45000));
    assert.ok(validateRule(d.rule, d.target) instanceof RuleError, 'no value for the parameter');
  });
});

describe('vocabulary', () => {
  it('uses the registry property names and columns', () => {
    for (const [name, def] of [...Object.entries(PERSON_RULE_PROPERTIES), ...Object.entries(HOUSEHOLD_RULE_PROPERTIES)]) {
      if (def.derived) continue;
      const reg = PROPERTIES[name];
      assert.ok(reg, `${name} is a registry property`);
      assert.equal(reg.entity, def.entity, name);
      assert.equal(reg.column, def.column, name);
      assert.equal(Boolean(reg.sensitive), Boolean(def.sensitive), `${name} sensitivity`);
    }
    for (const [name, reg] of Object.entries(PROPERTIES)) {
      if (!reg.column) continue;
      const def = reg.entity === 'person' ? PERSON_RULE_PROPERTIES[name] : HOUSEHOLD_RULE_PROPERTIES[name];
      assert.ok(def, `registry property ${name} is readable by rules`);
    }
  });
});

describe('compileRule: SQL', () => {
  it('binds every literal as a typed parameter', () => {
    const c = compileRule("age >= 6 and inSchool = 'no' and household/tenure != 'owner'", 'person', { today: '2025-07-01' });
    assert.deepEqual(c.params, ['2025-07-01', 6, 'no', 'owner']);
    assert.match(c.sql, /\$1::date/);
    assert.match(c.sql, /\$2::float8/);
    assert.match(c.sql, /coalesce\(p\.in_school, ''\) = \$3::text/);
    assert.match(c.sql, /coalesce\(h\.tenure, ''\) <> \$4::text/);
    assert.ok(!/'no'|'owner'|\b6\b/.test(c.sql.replace(/\$\d+/g, '')), c.sql);
    assert.deepEqual(c.references, ['age', 'inSchool', 'household/tenure']);
  });

  it('says whether the rule reads sensitive (health, disability) data', () => {
    assert.equal(compileRule("inSchool = 'no'", 'person').sensitive, false);
    assert.equal(compileRule("count(member[bedridden = 'yes']) > 0", 'household').sensitive, true);
  });

  it('binds a repeated literal once', () => {
    const c = compileRule("bedridden = 'yes' or disability = 'yes'", 'person');
    assert.deepEqual(c.params, ['yes']);
  });

  it('uses today in Thailand unless a day is given, and binds no unused day', () => {
    assert.ok(compileRule('age > 5', 'person').sql.includes(TODAY_SQL));
    assert.deepEqual(compileRule("tenure = 'owner'", 'household', { today: '2025-07-01' }).params, ['owner']);
  });

  it('starts placeholders after paramOffset', () => {
    const c = compileRule("sex = 'female' and age > 5", 'person', { paramOffset: 2 });
    assert.deepEqual(c.params, ['female', 5]);
    assert.match(c.sql, /\$3::text/);
    assert.match(c.sql, /\$4::float8/);
    assert.ok(!c.sql.includes('$1') && !c.sql.includes('$2:'));
  });

  it('compiles collections to correlated subqueries over live members', () => {
    const c = compileRule("count(household/others[age >= 18 and count(household/member[sex = 'male']) > 0]) = 0", 'person');
    assert.match(c.sql, /from persons m1 where m1\.household_id = p\.household_id and m1\.merged_into is null and m1\.erased_at is null and m1\.id <> p\.id/);
    assert.match(c.sql, /from persons m2 where m2\.household_id = m1\.household_id/);
    assert.deepEqual(c.references, ['household/member/age', 'household/member/sex']);
    const hc = compileRule("member[bedridden = 'yes']", 'household');
    assert.match(hc.sql, /^exists\(select 1 from persons m1 where m1\.household_id = h\.id/);
    assert.deepEqual(hc.references, ['member/bedridden']);
  });

  it('maps household/size and size to the count of live members', () => {
    assert.match(compileRule('household/size = 1', 'person').sql, /\(select count\(\*\)::float8 from persons m1 where m1\.household_id = p\.household_id and m1\.merged_into is null and m1\.erased_at is null\)/);
    assert.match(compileRule('size = 1', 'household').sql, /m1\.household_id = h\.id/);
  });

  it('keeps NULL out of booleans: comparisons are coalesced the XPath way', () => {
    assert.equal(compileRule('age != 5', 'person', { today: '2025-07-01' }).sql.endsWith(', true)'), true);
    assert.match(compileRule('monthlyIncome > 5', 'household').sql, /^coalesce\(h\.monthly_income::float8 > \$1::float8, false\)$/);
    assert.match(compileRule("birthDate = ''", 'person').sql, /^\(p\.birth_date is not distinct from null::date\)$|^\(coalesce\(to_char/);
  });

  it('guards division by zero', () => {
    assert.match(compileRule('monthlyIncome div size < 5', 'household').sql, /nullif\(/);
  });
});

describe('evidence', () => {
  it('lists the subject’s properties and aggregates, with bound keys', () => {
    const c = compileRule("age >= 60 and household/size = 1 and count(household/others[bedridden = 'yes']) = 0", 'person', { today: '2025-07-01' });
    assert.deepEqual(c.evidenceKeys, ['age', 'household/size', "count(household/others[bedridden = 'yes'])"]);
    assert.match(c.evidence, /^jsonb_build_object\(\$\d+::text, /);
    assert.deepEqual(c.paramsWithEvidence.slice(0, c.params.length), c.params);
    assert.deepEqual(c.paramsWithEvidence.slice(c.params.length), ['age', 'household/size', "count(household/others[bedridden = 'yes'])"]);
  });

  it('evidenceSql stands alone with its own parameters', () => {
    const e = evidenceSql("inSchool = 'no' and household/monthlyIncome < 1000", 'person');
    assert.equal(e.sql, 'jsonb_build_object($1::text, p.in_school, $2::text, h.monthly_income::float8)');
    assert.deepEqual(e.params, ['inSchool', 'household/monthlyIncome']);
    assert.equal(evidenceSql('true()', 'person').sql, "'{}'::jsonb");
  });

  it('splits more than fifty entries over several jsonb_build_object calls', () => {
    const rule = Array.from({ length: 60 }, (_, i) => `count(household/member[age > ${i}]) > 0`).join(' or ');
    const e = evidenceSql(rule, 'person');
    assert.equal(e.sql.split('jsonb_build_object(').length - 1, 2);
  });

  it('flagQuery selects live subjects with their evidence', () => {
    const q = flagQuery("tenure = 'public_land'", 'household');
    assert.equal(q.sql, "select h.id, jsonb_build_object($2::text, h.tenure) as evidence from households h where h.merged_into is null and h.erased_at is null and (coalesce(h.tenure, '') = $1::text)");
    assert.deepEqual(q.params, ['public_land', 'tenure']);
  });
});

describe('RuleError', () => {
  const cases: [rule: string, target: RuleTarget, position: number, message: RegExp][] = [
    ['agee >= 6', 'person', 0, /Unknown property 'agee': did you mean age\?/],
    ['Age > 5', 'person', 0, /did you mean age\?/],
    ['age >= 6 and monthlyIncome < 5', 'person', 13, /write household\/monthlyIncome/],
    ['count(member) > 0', 'person', 6, /write household\/member/],
    ['size > 1', 'person', 0, /write household\/size/],
    ['age-1 > 5', 'person', 0, /spaces around '-'/],
    ['foo(age)', 'person', 0, /Unknown function foo\(\)/],
    ["pulldata('a', 'b', 'c', 'd') = 1", 'person', 0, /form function that rules do not support/],
    ['not(age, 1)', 'person', 0, /takes 1 argument/],
    ['household/member > 1', 'person', 0, /list of members/],
    ['member/age > 5', 'household', 0, /one value per member/],
    ['bedridden and age > 60', 'person', 0, /write bedridden = 'yes'/],
    ["tenure = 'railway'", 'household', 9, /'railway' is not a value of tenure/],
    ["selected(idType, 'passportt')", 'person', 17, /'passportt' is not a value of idType/],
    ['age >= ', 'person', 7, /Unexpected end/],
    ["inSchool = 'no", 'person', 11, /Unterminated string/],
    ['${povertyLine} > 1', 'household', 0, /param\('name'\)/],
    ['member[1]', 'household', 7, /member\[1\] are not supported/],
    ['age', 'person', 0, /must be a condition/],
    ['count(age) > 0', 'person', 6, /count\(\) needs members/],
    ['count(household/member/age) > 0', 'person', 6, /count\(\) counts members/],
    ['sum(age) > 0', 'person', 4, /sum\(\) adds a property over members/],
    ['round(age, 2) > 1', 'person', 11, /round\(\) with a number of digits/],
    ["param('x') > 1", 'person', 6, /Parameter 'x' has no value/],
    ['if(age > 5, 1, birthDate) = 1', 'person', 0, /if\(\) mixes a number and a date/],
    ['/persons/age > 5', 'person', 0, /not absolute paths/],
    ['count(others) > 0', 'household', 6, /others \(the other members\) only exists from a person/],
    ["firstName != ''", 'household', 0, /property of persons: a household rule looks at its members/],
    ["household/firstName = 'x'", 'person', 10, /property of persons, not of households/],
    ["date('2024-02-30') < today()", 'person', 5, /'2024-02-30' is not a date/],
    ['age | size', 'person', 4, /union operator/],
    ['age[. > 5]', 'person', 4, /only allowed after member or others/],
    ['../size', 'person', 0, /'\.\.' is not supported/],
    ['current()/age > 1', 'person', 0, /starting from an expression/],
    ['household/size/x', 'person', 15, /size is a value and has no parts/],
    ["coalesce(bedridden = 'yes', false())", 'person', 0, /coalesce\(\) of conditions/],
    ["count(household/member[age > 5 and inSchool]) > 0", 'person', 35, /write inSchool = 'yes'/],
  ];
  for (const [rule, target, position, message] of cases) {
    it(`${target}: ${rule}`, () => {
      const e = error(rule, target);
      assert.equal(e.position, position, `${e.message} (at ${e.position})`);
      assert.match(e.message, message);
      assert.ok(e.messageTh.length > 0 && /[\u0E00-\u0E7F]/.test(e.messageTh), 'Thai message');
      assert.equal(e.rule, rule);
    });
  }

  it('validateRule returns the error instead of throwing', () => {
    assert.equal(validateRule("inSchool = 'no'", 'person'), null);
    assert.equal(validateRule('agee > 1', 'person')?.position, 0);
  });
});

describe('printAst', () => {
  it('prints canonical text with minimal parentheses', () => {
    for (const [src, out] of [
      ["count(member[age>=18 and(sex='male' or sex = \"female\")])", "count(member[age >= 18 and (sex = 'male' or sex = 'female')])"],
      ['1 - (2 - 3) - 4', '1 - (2 - 3) - 4'],
      ['-(1 + 2) * -3', '-(1 + 2) * -3'],
      ['a/b[c = "it\'s"]', 'a/b[c = "it\'s"]'],
    ]) {
      assert.equal(printAst(parse(src as string)), out);
    }
  });
});
