import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, household } from './fixtures.test-helpers.js';
import {
  XPathEvaluationError,
  compile,
  compareValues,
  evaluate,
  evaluateBoolean,
  evaluateNodes,
  evaluateNumber,
  evaluateString,
  formatNumber,
  fromPlainObject,
  leaf,
  pathOf,
  toXPathBoolean,
  toXPathNumber,
  toXPathString,
  type EvaluationContext,
} from './index.js';

const root = household();
const top = at(root);
const str = (expr: string, ctx: EvaluationContext = top): string => evaluateString(expr, ctx);
const num = (expr: string, ctx: EvaluationContext = top): number => evaluateNumber(expr, ctx);
const bool = (expr: string, ctx: EvaluationContext = top): boolean => evaluateBoolean(expr, ctx);
const names = (expr: string, ctx: EvaluationContext = top): string[] => evaluateNodes(expr, ctx).map((n) => n.value || n.name);

describe('type conversions', () => {
  it('treats an empty string as NaN in arithmetic', () => {
    assert.ok(Number.isNaN(num("'' + 1")));
    assert.ok(Number.isNaN(num('/household/expenses + 1')));
    assert.equal(str('/household/expenses + 1'), 'NaN');
  });

  it('converts strings to numbers with XPath syntax only (no exponent, no plus sign, spaces allowed)', () => {
    assert.equal(num("number(' 42 ')"), 42);
    assert.equal(num("number('-.5')"), -0.5);
    assert.ok(Number.isNaN(num("number('1e3')")));
    assert.ok(Number.isNaN(num("number('+1')")));
    assert.ok(Number.isNaN(num("number('12abc')")));
    assert.equal(num('number(true()) + number(false())'), 1);
  });

  it('formats numbers like XPath: 3 not 3.0, NaN, Infinity, no exponent', () => {
    assert.equal(str('6 div 2'), '3');
    assert.equal(str('1.50 * 1'), '1.5');
    assert.equal(str('1 div 0'), 'Infinity');
    assert.equal(str('-1 div 0'), '-Infinity');
    assert.equal(str('0 div 0'), 'NaN');
    assert.equal(str('-0'), '0');
    assert.equal(formatNumber(1e21), '1000000000000000000000');
    assert.equal(formatNumber(1.5e-7), '0.00000015');
    assert.equal(formatNumber(-1.25e22), '-12500000000000000000000');
  });

  it('prints values within 1e-12 of an integer as that integer, as ODK Collect does', () => {
    assert.equal(str('0.1 * 3 * 10'), '3');
    assert.equal(str('0.1 + 0.2'), '0.30000000000000004');
  });

  it('converts to boolean: non-empty strings (even "false") and non-zero numbers are true', () => {
    assert.equal(bool("boolean('false')"), true);
    assert.equal(bool('/household/flag'), true);
    assert.equal(bool("boolean('')"), false);
    assert.equal(bool('boolean(0)'), false);
    assert.equal(bool('boolean(0 div 0)'), false);
    assert.equal(bool('boolean(-2)'), true);
    assert.equal(bool('boolean(/household/nothing)'), false);
    assert.equal(bool('boolean(/household/expenses)'), true, 'an existing empty node is a non-empty node-set');
  });

  it('converts node-sets to the string of their first node, booleans to "true"/"false"', () => {
    assert.equal(str('/household/members/name'), 'Somchai');
    assert.equal(str('/household/nothing'), '');
    assert.equal(str('1 = 1'), 'true');
    assert.equal(str('string(1 = 2)'), 'false');
    assert.equal(toXPathString([leaf('x', 'a'), leaf('y', 'b')]), 'a');
    assert.equal(toXPathNumber(true), 1);
    assert.equal(toXPathBoolean([]), false);
  });

  it('uses the concatenated text of descendants as the string-value of a group', () => {
    assert.equal(str('string(/household/meta)'), 'uuid:1');
  });
});

describe('comparisons', () => {
  it('compares a node-set existentially: true if any node matches', () => {
    assert.equal(bool("/household/members/sex = 'f'"), true);
    assert.equal(bool("/household/members/sex != 'f'"), true, 'some node differs from f');
    assert.equal(bool("/household/members/sex = 'x'"), false);
    assert.equal(bool('/household/members/age > 40'), true);
    assert.equal(bool('/household/members/age > 50'), false);
    assert.equal(bool('/household/members/age < 10'), true);
  });

  it('compares two node-sets by their string values, existentially', () => {
    assert.equal(bool('/household/members/income = /household/income'), false);
    assert.equal(bool("/household/members/name = /household/members[2]/name"), true);
    assert.equal(bool('/household/members/age > /household/members/age'), true);
  });

  it('is false for = and for != against an empty node-set', () => {
    assert.equal(bool("/household/nothing = ''"), false);
    assert.equal(bool("/household/nothing != ''"), false);
  });

  it('compares a node-set with a boolean by converting the node-set to boolean', () => {
    assert.equal(bool('/household/nothing = false()'), true);
    assert.equal(bool('/household/members = true()'), true);
  });

  it('compares numbers and strings as numbers for =, and as strings when both are strings', () => {
    assert.equal(bool("1 = '1.0'"), true);
    assert.equal(bool("'1' = '1.0'"), false);
    assert.equal(bool("true() = 'x'"), true, 'boolean wins: boolean("x") is true');
    assert.equal(bool('/household/income = 12000'), true);
    assert.equal(bool("/household/income = '12000.0'"), false);
  });

  it('compares strings with < <= > >= as numbers, so date strings compare as dates', () => {
    assert.equal(bool("'10' > '9'"), true);
    assert.equal(bool("'abc' < 'abd'"), false, 'NaN never compares');
    assert.equal(bool("/household/visit_date < '2024-03-02'"), true);
    assert.equal(bool('/household/visit_date <= today()'), true);
    assert.equal(compareValues('>=', '2024-01-01', '2023-12-31'), true);
  });
});

describe('arithmetic and logic', () => {
  it('computes + - * div mod and unary minus', () => {
    assert.equal(num('1 + 2 * 3 - 4 div 2'), 5);
    assert.equal(num('7 mod 3'), 1);
    assert.equal(num('-7 mod 3'), -1, 'mod keeps the sign of the dividend');
    assert.equal(num('- - 3'), 3);
    assert.equal(num('/household/income * 12'), 144000);
    assert.equal(num('(1 + 2) * 3'), 9);
  });

  it('short-circuits and/or so the other side is not evaluated', () => {
    assert.equal(bool("false() and instance('missing')/root"), false);
    assert.equal(bool("true() or instance('missing')/root"), true);
    assert.throws(() => bool("true() and instance('missing')/root"), XPathEvaluationError);
  });

  it('unions node-sets in document order without duplicates', () => {
    assert.deepEqual(names('/household/district | /household/hh_id | /household/hh_id'), ['H001', '9011']);
    assert.equal(num('count(/household/members/name | /household/members[1]/name)'), 3);
    assert.throws(() => evaluate("/household/hh_id | 'x'", top), /node-sets/);
  });
});

describe('paths', () => {
  it('resolves absolute paths from the root element', () => {
    assert.equal(str('/household/hh_id'), 'H001');
    assert.equal(num('count(/household/members)'), 3);
    assert.equal(num('count(/other/hh_id)'), 0);
  });

  it('resolves . and .. against the context node', () => {
    const ctx = at(root, '/household/income');
    assert.equal(str('.', ctx), '12000');
    assert.equal(str('. * 2', ctx), '24000');
    assert.equal(str('../hh_id', ctx), 'H001');
    assert.equal(str('./../village', ctx), '90110101');
    assert.equal(evaluateNodes('..', ctx)[0]?.name, 'household');
  });

  it('filters with numeric and boolean predicates, positions counted per step', () => {
    assert.equal(str('/household/members[2]/name'), 'Malee');
    assert.equal(str('/household/members[last()]/name'), 'Dang');
    assert.equal(str('/household/members[position() = 1]/name'), 'Somchai');
    assert.deepEqual(names("/household/members[sex = 'm']/name"), ['Somchai', 'Dang']);
    assert.deepEqual(names("/household/members[sex = 'm'][2]/name"), ['Dang']);
    assert.deepEqual(names('/household/members[age > 5 and age < 18]/name'), ['Malee']);
    assert.equal(num('count(/household/members[9])'), 0);
  });

  it('selects any child with * and descendants with //', () => {
    assert.equal(num('count(/household/members[1]/*)'), 6);
    assert.deepEqual(names('//name'), ['Somchai', 'Malee', 'Dang']);
    assert.deepEqual(names('/household//instanceID'), ['uuid:1']);
    assert.deepEqual(names('(//name)[2]'), ['Malee']);
  });

  it('reads attributes with @', () => {
    assert.equal(str('/household/@id'), 'hh_survey');
    assert.equal(str('/@id'), '');
  });

  it('applies predicates to filter expressions in document order', () => {
    assert.deepEqual(names('(/household/members/name | /household/hh_id)[1]'), ['H001']);
  });
});

describe('repeats', () => {
  const second = at(root, '/household/members[2]/note');

  it('resolves ../x to the sibling in the same repeat instance', () => {
    assert.equal(str('../name', second), 'Malee');
    assert.equal(str('current()/../age', second), '9');
    assert.equal(bool("../age < 15 and ../sex = 'f'", second), true);
  });

  it('gives the repeat instance index with position(..)', () => {
    assert.equal(num('position(..)', second), 2);
    assert.equal(num('position(..)', at(root, '/household/members[3]/name')), 3);
    assert.equal(num('position()', at(root, '/household/members[3]')), 3, 'position() of the context node outside predicates, as Collect');
  });

  it('keeps an absolute path inside the current repeat instance (ODK deviation), unless told not to', () => {
    assert.equal(str('/household/members/name', second), 'Malee');
    assert.equal(num('count(/household/members)', second), 3, 'the repeat itself is not narrowed');
    assert.equal(str('/household/members/name', { ...second, contextualizeRepeats: false }), 'Somchai');
    assert.equal(str('/household/members[1]/name', second), 'Somchai', 'an explicit predicate wins');
  });

  it('handles nested repeats: ../../x, position() at each level, indexed-repeat with two levels', () => {
    const d = fromPlainObject('d', { hh: [{ id: 'A', person: [{ n: 'a1' }, { n: 'a2' }] }, { id: 'B', person: [{ n: 'b1' }, { n: 'b2' }, { n: 'b3' }] }] });
    const ctx = at(d, '/d/hh[2]/person[3]/n');
    assert.equal(str('../../id', ctx), 'B');
    assert.equal(num('position(..)', ctx), 3);
    assert.equal(num('position(../..)', ctx), 2);
    assert.equal(str('/d/hh/person/n', ctx), 'b3');
    assert.equal(num('count(/d/hh/person)', ctx), 3, 'the enclosing hh instance only');
    assert.equal(num('count(/d/hh/person)', at(d, '/d')), 5);
    assert.equal(str('indexed-repeat(/d/hh/person/n, /d/hh, 1, /d/hh/person, 2)', ctx), 'a2');
  });

  it('aggregates across all repeat instances from outside the repeat', () => {
    assert.equal(num('sum(/household/members/income)'), 12000);
    assert.equal(num('count(/household/members[age != ""])'), 2);
    assert.equal(num('max(/household/members/age)'), 42);
  });
});

describe('secondary instances', () => {
  it("filters instance('list')/root/item[...] against a value of the current repeat instance", () => {
    const ctx = at(root, '/household/members[1]/note');
    assert.deepEqual(names("instance('villages')/root/item[district = current()/../../district]/name", ctx), ['90110101', '90110102']);
  });

  it('reads absolute paths in instance() predicates from the primary instance', () => {
    assert.equal(str("instance('villages')/root/item[name = /household/village]/label"), 'บ้านบน');
    assert.equal(num("count(instance('villages')/root/item[district = /household/district])"), 2);
    assert.equal(num("count(instance('villages')/root/item)"), 3);
  });

  it('fails clearly on an unknown instance', () => {
    assert.throws(
      () => evaluate("instance('nope')/root/item", top),
      (e: unknown) => e instanceof XPathEvaluationError && e.message === "Unknown instance 'nope'" && e.messageTh.includes('nope'),
    );
  });
});

describe('compile', () => {
  it('caches compiled expressions by text and reuses them across contexts', () => {
    const a = compile("../age >= 6 and ../age <= 17");
    assert.equal(compile("../age >= 6 and ../age <= 17"), a);
    assert.equal(a.evaluateBoolean(at(root, '/household/members[1]/note')), false);
    assert.equal(a.evaluateBoolean(at(root, '/household/members[2]/note')), true);
  });

  it('evaluates a syntax tree and a compiled expression as well as text', () => {
    const c = compile('1 + 1');
    assert.equal(evaluate(c, top), 2);
    assert.equal(evaluate(c.ast, top), 2);
  });

  it('accepts caller functions that override or extend the built-ins', () => {
    const c = compile("greet(/household/hh_id, '!')", {
      functions: { greet: { min: 2, max: 2, call: (args, _ctx, current) => `hi ${toXPathString(args[0] ?? '')}${toXPathString(args[1] ?? '')} from ${pathOf(current)}` } },
    });
    assert.equal(c.evaluateString(top), 'hi H001! from /household');
  });

  it('refuses to treat a non-node-set as nodes', () => {
    assert.throws(() => evaluateNodes('1 + 1', top), XPathEvaluationError);
    assert.throws(() => evaluate("'abc'/x", top), /node-set/);
    assert.throws(() => evaluate('(1)[1]', top), /node-sets/);
  });

  it('defaults the root to the topmost ancestor of the context node', () => {
    const node = at(root, '/household/members[2]/age').contextNode;
    assert.equal(evaluateString('/household/hh_id', { contextNode: node }), 'H001');
  });
});
