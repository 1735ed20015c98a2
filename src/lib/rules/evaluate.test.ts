import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateBoolean, fromPlainObject, type PlainObject } from '../xpath/index.js';
import { RuleError, compileEvaluator, evaluateRule, householdRecord, personRecord, type RuleRecord } from './index.js';
import { numberToString } from './values.js';

const TODAY = '2025-07-01';

const somchai = { id: 'p1', firstName: 'สมชาย', lastName: 'ใจดี', sex: 'male', birthDate: '1960-03-15', relationToHead: 'head', bedridden: 'no', phone: '0811111111' };
const malee = { id: 'p2', firstName: 'มาลี', lastName: 'ใจดี', sex: 'female', birthDate: '1962-08-01', relationToHead: 'spouse', bedridden: 'yes', disability: 'yes', vaccinated: 'no' };
const piti = { id: 'p3', firstName: 'ปิติ', lastName: 'ใจดี', sex: 'male', birthDate: '2011-07-02', relationToHead: 'grandchild', inSchool: 'no' };
const ghost = { id: 'p4', firstName: 'ลบแล้ว', birthYear: 2000, erasedAt: new Date() };
const home = { id: 'h1', tenure: 'public_land', monthlyIncome: '9000.00', houseNo: '12/3', lat: 7.2 };
const members = [somchai, malee, piti, ghost];

const person = (p: RuleRecord): RuleRecord => personRecord(p, home, members);
const hh = householdRecord(home, members);

function p(rule: string, record: RuleRecord = person(piti)): boolean {
  return evaluateRule(rule, 'person', record, { today: TODAY }).value;
}
function h(rule: string, record: RuleRecord = hh): boolean {
  return evaluateRule(rule, 'household', record, { today: TODAY }).value;
}

describe('evaluateRule: values and missing values', () => {
  it('computes age from the birth date, a day before and on the birthday', () => {
    assert.equal(evaluateRule('age = 13', 'person', person(piti), { today: '2025-07-01' }).value, true);
    assert.equal(evaluateRule('age = 14', 'person', person(piti), { today: '2025-07-02' }).value, true);
    assert.equal(evaluateRule('age = 25', 'person', { birthYear: 2000 }, { today: TODAY }).value, true, 'from the birth year');
    assert.equal(evaluateRule('age = 40', 'person', { age: 40, birthYear: 2000 }, { today: TODAY }).value, true, 'a given age wins');
    assert.equal(evaluateRule('age = 20', 'person', { birthDate: '2004-02-29' }, { today: '2025-02-28' }).value, true, 'leap-day birth');
    assert.equal(evaluateRule('age = 21', 'person', { birthDate: '2004-02-29' }, { today: '2025-03-01' }).value, true, 'leap-day birth');
    assert.equal(evaluateRule('age = -1', 'person', { birthDate: '2025-09-01' }, { today: TODAY }).value, true, 'a birth date later this year');
  });

  it('reads missing text as the empty string: = is false, != is true', () => {
    const r = person(somchai); // inSchool missing
    assert.equal(p("inSchool = 'no'", r), false);
    assert.equal(p("inSchool != 'yes'", r), true);
    assert.equal(p("not(inSchool = 'yes')", r), true);
    assert.equal(p("inSchool = ''", r), true);
    assert.equal(p("inSchool != 'no'", person(piti)), false);
  });

  it('reads a missing number as NaN: every comparison false except !=; = "" tests it', () => {
    const r = { firstName: 'x' };
    assert.equal(p('age > 5', r), false);
    assert.equal(p('age <= 5', r), false);
    assert.equal(p('age = 5', r), false);
    assert.equal(p('age != 5', r), true);
    assert.equal(p("age = ''", r), true);
    assert.equal(p("age != ''", r), false);
    assert.equal(p("age != ''"), true);
    assert.equal(h("monthlyIncome = ''", householdRecord({ tenure: 'owner' }, [])), true);
  });

  it('reads database values: numeric strings, Date objects, nulls', () => {
    const r = personRecord({ birthDate: new Date(Date.UTC(2011, 6, 2)), inSchool: null }, { monthlyIncome: '12000.50', tenure: null }, []);
    assert.equal(p('age = 13', r), true);
    assert.equal(p('household/monthlyIncome = 12000.5', r), true);
    assert.equal(p("household/tenure = ''", r), true);
    assert.equal(p("inSchool = ''", r), true);
  });
});

describe('evaluateRule: operators', () => {
  it('does arithmetic with XPath precedence', () => {
    assert.equal(p('1 + 2 * 3 = 7'), true);
    assert.equal(p('(1 + 2) * 3 = 9'), true);
    assert.equal(p('10 - 4 - 3 = 3'), true);
    assert.equal(p('-age = -13'), true);
    assert.equal(p('- - 2 = 2'), true);
    assert.equal(p('7 div 2 = 3.5'), true);
    assert.equal(p('7 mod 3 = 1 and -7 mod 3 = -1 and 7 mod -3 = 1 and 7.5 mod 2 = 1.5'), true);
  });

  it('makes division and mod by zero NaN (no value), not Infinity', () => {
    assert.equal(p('1 div 0 > 0'), false);
    assert.equal(p('1 div 0 < 0'), false);
    assert.equal(p('1 div 0 != 1'), true);
    assert.equal(p("1 div 0 = ''"), true);
    assert.equal(p('5 mod 0 = 0'), false);
    assert.equal(h('monthlyIncome div size > 0', householdRecord({ monthlyIncome: 100 }, [])), false);
  });

  it('compares with XPath 1.0 rules', () => {
    assert.equal(p("'10' = 10"), true, 'number wins over text');
    assert.equal(p("'abc' = true()"), true, 'boolean wins');
    assert.equal(p("'' = false()"), true);
    assert.equal(p("'10' < '9'"), false, '< compares numbers');
    assert.equal(p("'a' < 'b'"), false, 'text is NaN in <');
    assert.equal(p("birthDate < '2012-01-01' and birthDate > '2011-01-01'"), true, 'dates compare as days');
    assert.equal(p("birthDate = '2011-07-02'"), true, 'and equal as text');
    assert.equal(p("birthDate = date('2011-07-02')"), true);
    assert.equal(p("today() - birthDate = 5113"), true);
    assert.equal(p("date(today() - 1) = '2025-06-30'"), true);
    assert.equal(p("today() = '2025-07-01'"), true);
  });

  it('supports and, or, not and their precedence', () => {
    assert.equal(p('true() or false() and false()'), true);
    assert.equal(p('not(true() and false())'), true);
    assert.equal(p('boolean(0) or boolean(0 div 0)'), false);
    assert.equal(p("boolean('false')"), true, "boolean('false') is true, as in XPath");
  });
});

describe('evaluateRule: functions', () => {
  it('handles text functions', () => {
    assert.equal(p("contains(lastName, 'ดี') and not(contains(lastName, 'x')) and contains(lastName, '')"), true);
    assert.equal(p("starts-with(firstName, 'ปิ') and ends-with(firstName, 'ติ')"), true);
    assert.equal(p('string-length(firstName) = 4'), true, 'code points: ป ิ ต ิ');
    assert.equal(p("string-length('') = 0"), true);
    assert.equal(p("concat(firstName, ' ', lastName) = 'ปิติ ใจดี'"), true);
    assert.equal(p("concat() = ''"), true);
    assert.equal(p("string(age) = '13' and string(1 div 4) = '0.25' and string(0 div 0) = ''"), true);
    assert.equal(p("string(true()) = 'true'"), true);
  });

  it('handles selected() and count-selected() on space-separated lists', () => {
    assert.equal(p("selected(' a  b c ', 'b')"), true);
    assert.equal(p("selected('a b', ' a ')"), true);
    assert.equal(p("selected('ab', 'a')"), false);
    assert.equal(p("selected('', '')"), false);
    assert.equal(p("selected('a b', '')"), false);
    assert.equal(p("selected('male female', sex)"), true);
    assert.equal(p("count-selected(' a  b c ') = 3 and count-selected('') = 0"), true);
  });

  it('handles number functions', () => {
    assert.equal(p("number(' 12 ') = 12 and number('-.5') = -0.5 and number('5.') = 5"), true);
    assert.equal(p("number('1e3') = '' and number('+1') = ''"), true, 'no exponent, no plus sign');
    assert.equal(p("number('12abc') = ''"), true);
    assert.equal(p('number(true()) = 1'), true);
    assert.equal(p('int(2.7) = 2 and int(-2.7) = -2'), true);
    assert.equal(p('round(2.5) = 3 and round(-2.5) = -2 and round(2.4) = 2'), true);
    assert.equal(p('floor(-1.5) = -2 and ceiling(-1.5) = -1 and abs(-3) = 3'), true);
    assert.equal(p('min(3, 1, 2) = 1 and max(3, 1, 2) = 3 and min(age, 0 div 0) = 13'), true);
  });

  it('handles if() and coalesce()', () => {
    assert.equal(p("if(age < 18, 'child', 'adult') = 'child'"), true);
    assert.equal(p("if(age > 18, 1, '') = ''"), true, "'' in a numeric if() is no value");
    assert.equal(p("coalesce(inSchool, 'unknown') = 'no'"), true);
    assert.equal(p("coalesce(disability, 'unknown') = 'unknown'"), true);
    assert.equal(p('coalesce(0 div 0, 5) = 5'), true);
    assert.equal(p("coalesce(birthYear, 1999) = 1999"), true);
  });

  it('takes parameters, with defaults', () => {
    const rule = "household/monthlyIncome * 12 div household/size < param('povertyLine', 38000)";
    assert.equal(evaluateRule(rule, 'person', person(piti), { today: TODAY }).value, true, '36000 < 38000');
    assert.equal(evaluateRule(rule, 'person', person(piti), { today: TODAY, params: { povertyLine: 30000 } }).value, false);
    assert.equal(evaluateRule("sex = param('s')", 'person', person(piti), { params: { s: 'male' } }).value, true);
    assert.throws(() => evaluateRule("age > param('minAge')", 'person', person(piti)), RuleError);
  });
});

describe('evaluateRule: households and members', () => {
  it('counts live members only; member includes the person, others leaves them out', () => {
    assert.equal(p('household/size = 3'), true);
    assert.equal(p('count(household/member) = 3 and count(household/others) = 2'), true);
    assert.equal(p("count(household/member[sex = 'male']) = 2 and count(household/others[sex = 'male']) = 1"), true);
    assert.equal(h('size = 3 and count(member) = 3'), true);
    assert.equal(h("count(member[bedridden = 'yes']) > 0"), true);
    assert.equal(h('sum(member/age) = 65 + 62 + 13'), true);
    assert.equal(h('min(member/age) = 13 and max(member/age) = 65'), true);
    assert.equal(h("member[disability = 'yes'] and not(member[age > 100])"), true);
  });

  it('tells members apart by id, or by identity without one', () => {
    const a = { sex: 'female' };
    const b = { sex: 'female' };
    assert.equal(evaluateRule('count(household/others) = 1', 'person', personRecord(a, {}, [a, b])).value, true);
  });

  it('nests collections: the frame moves to the member', () => {
    // somchai and malee each have two others, one of them under 15
    assert.equal(h('count(member[count(household/others[age < 15]) = 1]) = 2'), true);
    assert.equal(h("count(member[household/tenure = 'public_land']) = 3"), true);
  });

  it('runs the default indicators as documented', () => {
    assert.equal(p("bedridden = 'yes' and count(household/others[age >= 18 and age < 70 and bedridden != 'yes']) = 0", person(malee)), false, 'somchai cares for malee');
    const alone = personRecord(malee, home, [malee, piti]);
    assert.equal(p("bedridden = 'yes' and count(household/others[age >= 18 and age < 70 and bedridden != 'yes']) = 0", alone), true);
    assert.equal(h("monthlyIncome * 12 div size < param('povertyLine', 38000)"), true);
    assert.equal(h("count(member[age < 15 or age >= 60 or disability = 'yes']) > 0 and monthlyIncome * 12 div size < param('povertyLine', 38000)"), true);
  });

  it('gives a person without a household no household values and no members', () => {
    const r = personRecord(piti, null, []);
    assert.equal(p('household/size = 0 and count(household/member) = 0', r), true);
    assert.equal(p("household/tenure = '' and household/monthlyIncome != 1", r), true);
    assert.equal(p('household/monthlyIncome > 0', r), false);
  });
});

describe('evaluateRule: evidence', () => {
  it('lists the properties the rule read, as stored', () => {
    const r = evaluateRule("age >= 6 and age <= 17 and inSchool = 'no'", 'person', person(piti), { today: TODAY });
    assert.deepEqual(r, { value: true, evidence: { age: 13, inSchool: 'no' } });
    const miss = evaluateRule("inSchool = 'no' or disability = 'yes'", 'person', person(somchai), { today: TODAY });
    assert.deepEqual(miss.evidence, { inSchool: null, disability: null });
  });

  it('lists household properties and aggregates under their text', () => {
    const r = evaluateRule("age >= 60 and household/size = 1 or count(household/others[ bedridden='yes' ]) > 0", 'person', person(somchai), { today: TODAY });
    assert.deepEqual(r.evidence, { age: 65, 'household/size': 3, "count(household/others[bedridden = 'yes'])": 1 });
    const hr = evaluateRule("monthlyIncome * 12 div size < 38000 and member[bedridden = 'yes'] and max(member/age) > 60", 'household', hh, { today: TODAY });
    assert.deepEqual(hr.evidence, { monthlyIncome: 9000, size: 3, "member[bedridden = 'yes']": 1, 'max(member/age)': 65 });
  });

  it('reads every reference, whatever short-circuits', () => {
    const r = evaluateRule("false() and inSchool = 'yes'", 'person', person(piti));
    assert.deepEqual(r, { value: false, evidence: { inSchool: 'no' } });
  });

  it('compileEvaluator runs one rule on many records', () => {
    const run = compileEvaluator("age < 18", 'person', { today: TODAY });
    assert.deepEqual(members.map((m) => run(person(m)).value), [false, false, true, false]);
  });
});

describe('evaluateRule agrees with the forms engine where XPath and rules mean the same', () => {
  // Values as the forms engine sees them: text, '' for missing (an empty node is present).
  const xpathPeople = [
    { firstName: 'สมชาย', lastName: 'ใจดี', sex: 'male', birthDate: '1960-03-15', age: '65', inSchool: '', phone: '0811111111', bedridden: 'no' },
    { firstName: 'ปิติ', lastName: 'ใจดี', sex: 'male', birthDate: '2011-07-02', age: '13', inSchool: 'no', phone: '', bedridden: '' },
    { firstName: 'นก', lastName: '', sex: '', birthDate: '', age: '', inSchool: 'yes', phone: '', bedridden: 'yes' },
  ];
  const household = (income: string): PlainObject => ({
    tenure: 'renter',
    houseNo: '12',
    monthlyIncome: income,
    size: String(xpathPeople.length),
    member: xpathPeople,
  });
  const rules = [
    "inSchool = 'no'",
    "inSchool != 'yes'",
    "not(inSchool = 'yes')",
    'age >= 6 and age <= 17',
    'age != 5',
    "age = ''",
    "age > '17'",
    '-age < -10',
    'age mod 5 = 3',
    'int(age div 4) = 3',
    'round(age div 4) = 3',
    'floor(age div 4) = 3 or ceiling(age div 4) = 17',
    'abs(age - 60) < 10',
    "birthDate < '2015-01-01'",
    "date('2000-01-01') < birthDate",
    'today() > birthDate',
    'today() - birthDate > 5000',
    'count(household/member[age >= 18]) = 1',
    'household/size = 3',
    'household/monthlyIncome * 12 div household/size < 38000',
    'sum(household/member/age) > 70',
    'min(household/member/age) < 15 and max(household/member/age) > 60',
    "selected('male other', sex)",
    "contains(lastName, 'ใจ')",
    "starts-with(firstName, 'ส') or ends-with(firstName, 'ติ')",
    'string-length(firstName) = 4',
    "if(age > 18, 'adult', 'child') = 'adult'",
    "coalesce(inSchool, 'unknown') = 'unknown'",
    "phone != ''",
    "concat(firstName, lastName) != ''",
    'number(household/houseNo) > 10',
    "count(household/member[bedridden = 'yes']) = 1",
    "household/tenure = 'renter' and household/monthlyIncome = ''",
  ];
  const now = new Date(Date.UTC(2025, 6, 1, 3, 0, 0)); // 10:00 in Bangkok
  for (const income of ['9000', '']) {
    for (const [i, x] of xpathPeople.entries()) {
      it(`person ${i}, household income '${income}'`, () => {
        const record = { ...x, household: household(income) };
        const node = fromPlainObject('person', record);
        for (const rule of rules) {
          const expected = evaluateBoolean(rule, { contextNode: node, now: () => now, timeZoneOffset: 420 });
          assert.equal(evaluateRule(rule, 'person', record, { today: '2025-07-01' }).value, expected, rule);
        }
      });
    }
  }
});

describe('numberToString', () => {
  it('prints like PostgreSQL float8 (checked against the database in rules.test.ts)', () => {
    assert.deepEqual(
      [0, -0, 3, -12.5, 0.1 + 0.2, 1e-4, 1e-5, 1.5e-7, 1e15, 1.5e20, 1e100, NaN].map(numberToString),
      ['0', '0', '3', '-12.5', '0.30000000000000004', '0.0001', '1e-05', '1.5e-07', '1e+15', '1.5e+20', '1e+100', ''],
    );
  });
});
