import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, household } from './fixtures.test-helpers.js';
import { BUILTIN_FUNCTION_NAMES, XPathEvaluationError, evaluate, evaluateBoolean, evaluateNodes, evaluateNumber, evaluateString, instanceFromRows, type EvaluationContext } from './index.js';

const root = household();
const top = at(root);
const str = (expr: string, ctx: EvaluationContext = top): string => evaluateString(expr, ctx);
const num = (expr: string, ctx: EvaluationContext = top): number => evaluateNumber(expr, ctx);
const bool = (expr: string, ctx: EvaluationContext = top): boolean => evaluateBoolean(expr, ctx);

describe('control functions', () => {
  it('if() returns the chosen branch with its own type and does not evaluate the other', () => {
    assert.equal(evaluate("if(/household/income > 10000, 'rich', 'poor')", top), 'rich');
    assert.equal(evaluate('if(false(), 1, 2)', top), 2);
    assert.equal(evaluate("if(true(), 1, instance('missing')/x)", top), 1);
  });

  it("coalesce() returns the first non-empty argument, or ''", () => {
    assert.equal(str("coalesce(/household/expenses, 'none')"), 'none');
    assert.equal(str('coalesce(/household/nothing, /household/income)'), '12000');
    assert.equal(str("coalesce('', '')"), '');
    assert.equal(str("coalesce(0 div 0, 'x')"), 'x', 'NaN counts as empty, as in Collect');
  });

  it('once() keeps the current value of the context node and evaluates its argument only when empty', () => {
    const filled = at(root, '/household/income');
    assert.equal(str('once(42)', filled), '12000');
    const empty = at(root, '/household/expenses');
    assert.equal(str('once(40 + 2)', empty), '42');
    assert.equal(str('once(random())', { ...empty, random: () => 0.25 }), '0.25');
  });
});

describe('boolean functions', () => {
  it('true(), false(), not(), boolean()', () => {
    assert.equal(bool('true() and not(false())'), true);
    assert.equal(bool("boolean('0')"), true);
    assert.equal(bool('not(/household/nothing)'), true);
  });

  it("boolean-from-string() is true only for 'true' and '1' (spec deviation from XForms)", () => {
    assert.equal(bool("boolean-from-string('true')"), true);
    assert.equal(bool("boolean-from-string('TRUE')"), true);
    assert.equal(bool("boolean-from-string('1')"), true);
    assert.equal(bool("boolean-from-string('false')"), false);
    assert.equal(bool("boolean-from-string('yes')"), false);
    assert.equal(bool('boolean-from-string(/household/flag)'), false);
  });

  it('regex() tests that the whole value matches, as ODK Collect', () => {
    assert.equal(bool("regex('0812345678', '0[689][0-9]{8}')"), true);
    assert.equal(bool("regex('x0812345678', '0[689][0-9]{8}')"), false);
    assert.equal(bool("regex('1-2345-67890-12-3', '^[0-9]-[0-9]{4}-[0-9]{5}-[0-9]{2}-[0-9]$')"), true);
    assert.equal(bool("regex('สมชาย', '[ก-๙]+')"), true);
    assert.throws(() => bool("regex('a', '(')"), XPathEvaluationError);
  });

  it('checklist() and weighted-checklist() count true answers between min and max (-1: no bound)', () => {
    assert.equal(bool("checklist(2, -1, 'yes', '', 'x')"), true);
    assert.equal(bool("checklist(-1, 1, 'yes', 'x')"), false);
    assert.equal(bool("weighted-checklist(5, 10, 'yes', 3, '', 100, 'y', 4)"), true);
  });
});

describe('select functions', () => {
  it('selected() splits a space-separated answer', () => {
    assert.equal(bool("selected(/household/school, 'no')"), true);
    assert.equal(bool("selected(/household/school, ' yes ')"), true);
    assert.equal(bool("selected(/household/school, 'n')"), false);
    assert.equal(bool("selected('', 'no')"), false);
  });

  it('count-selected() counts the chosen values', () => {
    assert.equal(num('count-selected(/household/school)'), 2);
    assert.equal(num("count-selected('  a   b c ')"), 3);
    assert.equal(num("count-selected('')"), 0);
  });

  it("selected-at() is zero-based and gives '' outside the list (spec example: index 0 is the first)", () => {
    assert.equal(str('selected-at(/household/school, 0)'), 'no');
    assert.equal(str('selected-at(/household/school, 1)'), 'yes');
    assert.equal(str('selected-at(/household/school, 2)'), '');
    assert.equal(str('selected-at(/household/school, -1)'), '');
  });

  it('jr:choice-name() asks the form for the label of a value of the select at a path', () => {
    const calls: string[] = [];
    const ctx: EvaluationContext = {
      ...at(root, '/household/members[1]/note'),
      choiceLabel: (where, value) => {
        calls.push(`${where}=${value}`);
        return value === 'm' ? 'ชาย' : undefined;
      },
    };
    assert.equal(str("jr:choice-name(../sex, ' ../sex ')", ctx), 'ชาย');
    assert.equal(str("jr:choice-name(selected-at(/household/school, 0), ' /household/school ')", ctx), '');
    assert.equal(str("jr:choice-name('', '/household/school')", ctx), '');
    assert.deepEqual(calls, ['/household/members/sex=m', '/household/school=no']);
  });

  it('jr:itext() asks the form for a translation by id', () => {
    assert.equal(str("jr:itext('/household/hh_id:label')", { ...top, itext: (id) => `text of ${id}` }), 'text of /household/hh_id:label');
    assert.equal(str("jr:itext('x')"), '');
  });
});

describe('node-set functions', () => {
  it('count() and count-non-empty()', () => {
    assert.equal(num('count(/household/members)'), 3);
    assert.equal(num('count-non-empty(/household/members/age)'), 2);
    assert.throws(() => num("count('abc')"), /count\(\) needs a node-set/);
  });

  it('sum() adds the numbers of a node-set and skips empty answers, as ODK Collect', () => {
    assert.equal(num('sum(/household/members/income)'), 12000);
    assert.equal(num('sum(/household/nothing)'), 0);
  });

  it('min() and max() over node-sets and numbers, skipping empty answers; NaN when none', () => {
    assert.equal(num('min(/household/members/age)'), 9);
    assert.equal(num('max(/household/members/age)'), 42);
    assert.equal(num('max(1, 5, 3)'), 5);
    assert.equal(num('min(/household/members/age, 3)'), 3);
    assert.ok(Number.isNaN(num('max(/household/nothing)')));
  });

  it('position(node) gives the 1-based index among same-named siblings; last() the context size', () => {
    assert.equal(num('position(/household/members[3])'), 3);
    assert.equal(num('position(/household/hh_id)'), 1);
    assert.equal(str('/household/members[position() = last()]/name'), 'Dang');
    assert.throws(() => num('position(/household/nothing)'), /exactly one node/);
  });

  it('indexed-repeat() picks a field from the n-th repeat instance', () => {
    assert.equal(str('indexed-repeat(/household/members/name, /household/members, 2)'), 'Malee');
    assert.equal(str('indexed-repeat(/household/members/name, /household/members, 1 + 2)'), 'Dang');
    assert.equal(str('indexed-repeat(/household/members/name, /household/members, 9)'), '');
    const third = at(root, '/household/members[3]/note');
    assert.equal(str('indexed-repeat(/household/members/name, /household/members, position(..) - 1)', third), 'Malee', 'previous instance, from inside the repeat');
  });

  it('pulldata() looks a value up in a secondary instance', () => {
    assert.equal(str("pulldata('villages', 'label', 'name', '90120101')"), 'บ้านใหม่');
    assert.equal(str("pulldata('villages', 'label', 'name', 'x')"), '');
  });

  it('randomize() shuffles reproducibly with a seed (Park–Miller, inside-out Fisher–Yates)', () => {
    const ctx = { ...top, instances: { n: instanceFromRows(Array.from({ length: 8 }, (_, i) => ({ v: String(i) }))) } };
    const order = (expr: string): string => evaluateNodes(expr, ctx).map((n) => n.children[0]?.value).join('');
    const a = order("randomize(instance('n')/root/item, 42)");
    assert.equal(order("randomize(instance('n')/root/item, 42)"), a);
    assert.notEqual(order("randomize(instance('n')/root/item, 7)"), a);
    assert.deepEqual([...a].sort().join(''), '01234567');
    assert.throws(() => order("randomize(instance('n')/root/item, 'x')"), /seed/);
  });

  it('current() is the node the expression belongs to, even inside predicates; name() its name', () => {
    const ctx = at(root, '/household/members[2]/name');
    assert.equal(str('current()', ctx), 'Malee');
    assert.equal(str('/household/members[name = current()]/age', ctx), '9');
    assert.equal(str('name(current()/..)', ctx), 'members');
  });
});

describe('string functions', () => {
  it('string() converts, with the context node when no argument', () => {
    assert.equal(str('string(12.0)'), '12');
    assert.equal(str('string()', at(root, '/household/hh_id')), 'H001');
  });

  it('concat() joins strings and every node of node-set arguments (ODK deviation)', () => {
    assert.equal(str("concat('a', 'b', 1)"), 'ab1');
    assert.equal(str('concat(/household/members/name)'), 'SomchaiMaleeDang');
    assert.equal(str("concat('uuid:', /household/hh_id)"), 'uuid:H001');
  });

  it('join() puts a separator between the values', () => {
    assert.equal(str("join(', ', /household/members/name)"), 'Somchai, Malee, Dang');
    assert.equal(str("join('-', 'a', 'b', /household/hh_id)"), 'a-b-H001');
  });

  it('substr() is 0-based with an exclusive end; negative indexes count from the end', () => {
    assert.equal(str("substr('abcdef', 1, 3)"), 'bc');
    assert.equal(str("substr('abcdef', 2)"), 'cdef');
    assert.equal(str("substr('abcdef', -2)"), 'ef');
    assert.equal(str("substr('abcdef', 4, 2)"), '');
    assert.equal(str("substr(/household/village, 0, 4)"), '9011');
  });

  it('substring() follows XPath 1.0, including its rounding examples', () => {
    assert.equal(str("substring('12345', 2, 3)"), '234');
    assert.equal(str("substring('12345', 2)"), '2345');
    assert.equal(str("substring('12345', 1.5, 2.6)"), '234');
    assert.equal(str("substring('12345', 0, 3)"), '12');
    assert.equal(str("substring('12345', 0 div 0, 3)"), '');
    assert.equal(str("substring('12345', 1, 0 div 0)"), '');
    assert.equal(str("substring('12345', -42, 1 div 0)"), '12345');
    assert.equal(str("substring('12345', -1 div 0, 1 div 0)"), '');
  });

  it('substring-before() and substring-after() (XPath 1.0 examples)', () => {
    assert.equal(str("substring-before('1999/04/01', '/')"), '1999');
    assert.equal(str("substring-after('1999/04/01', '/')"), '04/01');
    assert.equal(str("substring-after('1999/04/01', '19')"), '99/04/01');
    assert.equal(str("substring-before('abc', 'x')"), '');
  });

  it('string-length() counts characters (Thai vowels and tone marks included)', () => {
    assert.equal(num("string-length('สวัสดี')"), 6);
    assert.equal(num("string-length('')"), 0);
    assert.equal(num('string-length()', at(root, '/household/hh_id')), 4);
  });

  it('normalize-space() trims and collapses whitespace', () => {
    assert.equal(str("normalize-space('  a \t b\n\n c  ')"), 'a b c');
  });

  it('contains(), starts-with(), ends-with()', () => {
    assert.equal(bool("contains(/household/village, '0110')"), true);
    assert.equal(bool("starts-with(/household/village, '90')"), true);
    assert.equal(bool("ends-with(/household/village, '01')"), true);
    assert.equal(bool("ends-with(/household/village, '02')"), false);
  });

  it('translate() maps and removes characters (XPath 1.0 examples)', () => {
    assert.equal(str("translate('bar', 'abc', 'ABC')"), 'BAr');
    assert.equal(str("translate('--aaa--', 'abc-', 'ABC')"), 'AAA');
    assert.equal(str("translate('๑๒๓', '๐๑๒๓๔๕๖๗๘๙', '0123456789')"), '123');
  });

  it('uuid() gives a v4 UUID, or a random string of the asked length', () => {
    assert.match(str('uuid()'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(str('uuid()', { ...top, uuid: () => 'fixed' }), 'fixed');
    assert.match(str('uuid(12)'), /^[A-Za-z0-9]{12}$/);
    let i = 0;
    assert.match(str('uuid()', { ...top, random: () => (i++ % 16) / 16 }), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('number functions', () => {
  it('number() converts, with the context node when no argument', () => {
    assert.equal(num("number('12')"), 12);
    assert.equal(num('number()', at(root, '/household/income')), 12000);
  });

  it('int() truncates towards zero', () => {
    assert.equal(num('int(3.9)'), 3);
    assert.equal(num('int(-3.9)'), -3);
    assert.ok(Number.isNaN(num("int('')")));
  });

  it('round() rounds halves up, with an optional number of decimals', () => {
    assert.equal(num('round(2.5)'), 3);
    assert.equal(num('round(-2.5)'), -2);
    assert.equal(num('round(3.14159, 2)'), 3.14);
    assert.equal(num('round(1.005, 2)'), 1.01);
    assert.equal(num('round(1234.5, -2)'), 1200);
    assert.equal(str('round(12 div 7, 1)'), '1.7');
  });

  it('pow(), sqrt(), exp(), exp10(), log(), log10(), abs(), pi()', () => {
    assert.equal(num('pow(2, 10)'), 1024);
    assert.equal(num('sqrt(16)'), 4);
    assert.equal(num('exp(0)'), 1);
    assert.equal(num('exp10(3)'), 1000);
    assert.equal(num('log(1)'), 0);
    assert.equal(num('log10(1000)'), 3);
    assert.equal(num('abs(-4.5)'), 4.5);
    assert.equal(num('pi()'), Math.PI);
  });

  it('sin(), cos(), tan(), asin(), acos(), atan(), atan2(), floor(), ceiling()', () => {
    assert.equal(num('sin(0) + cos(0) + tan(0)'), 1);
    assert.equal(num('asin(1)'), Math.PI / 2);
    assert.equal(num('acos(1) + atan(0)'), 0);
    assert.equal(num('atan2(1, 1)'), Math.PI / 4);
    assert.equal(num('floor(-1.5) + ceiling(1.2)'), 0);
  });

  it('random() uses the context source, in [0, 1)', () => {
    assert.equal(num('random()', { ...top, random: () => 0.5 }), 0.5);
    const r = num('random()');
    assert.ok(r >= 0 && r < 1);
  });
});

describe('function table', () => {
  it('lists the built-in functions, prefixed ones as written', () => {
    for (const f of ['if', 'selected-at', 'jr:choice-name', 'format-date', 'decimal-date-time', 'count-non-empty', 'once']) assert.ok(BUILTIN_FUNCTION_NAMES.includes(f), f);
  });
});
