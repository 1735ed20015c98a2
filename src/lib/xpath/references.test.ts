import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XPathSyntaxError, analyze, buildDependencyGraph, findCycle, findCycles, parse, pathMatches, referenceAffected, references, resolvePathText } from './index.js';

describe('references', () => {
  it('lists absolute paths once, sorted, without predicates', () => {
    assert.deepEqual(references("/h/age >= 6 and /h/age <= 17 and selected(/h/school, 'no')"), ['/h/age', '/h/school']);
    assert.deepEqual(references('/h/members[2]/name'), ['/h/members/name']);
  });

  it('normalises relative paths against the context path, and keeps them relative without one', () => {
    assert.deepEqual(references('../age + ./x + .', '/h/members/note'), ['/h/members/age', '/h/members/note', '/h/members/note/x']);
    assert.deepEqual(references('../age + ../../hh_id'), ['../../hh_id', '../age']);
    assert.deepEqual(references('current()/../age', '/h/members/note'), ['/h/members/age']);
  });

  it('includes paths read in predicates, relative to the step they filter', () => {
    assert.deepEqual(references('count(/h/members[age > 5 and sex = ../district])'), ['/h/district', '/h/members', '/h/members/age', '/h/members/sex']);
  });

  it('reads instance() paths as the instance, but keeps current() and absolute paths of their predicates', () => {
    const info = analyze("instance('villages')/root/item[district = current()/../district and x = /h/y]/label", '/h/members/village');
    assert.deepEqual(info.references, ['/h/members/district', '/h/y']);
    assert.deepEqual(info.instances, ['villages']);
    assert.deepEqual(info.functions, ['current', 'instance']);
  });

  it('marks paths that are only counted or located as structural', () => {
    const info = analyze('position(..) + count(/h/members) + sum(/h/members/income)', '/h/members/n');
    assert.deepEqual(info.references, ['/h/members', '/h/members/income']);
    assert.deepEqual(info.structural, ['/h/members']);
  });

  it('reports volatile functions (clock and randomness)', () => {
    assert.equal(analyze('today() - /h/dob').volatile, true);
    assert.equal(analyze('once(random())').volatile, true);
    assert.equal(analyze('/h/a + 1').volatile, false);
  });

  it('keeps // and * as patterns, and matches paths against them', () => {
    assert.deepEqual(references('count(/h//name) + count(/h/members/*)'), ['/h//name', '/h/members/*']);
    assert.equal(pathMatches('/h//name', '/h/members/name'), true);
    assert.equal(pathMatches('/h//name', '/h/name'), true);
    assert.equal(pathMatches('/h/members/*', '/h/members/age'), true);
    assert.equal(pathMatches('/h/members/*', '/h/members/age/x'), false);
  });

  it('accepts a parsed tree as well as text, and throws syntax errors', () => {
    assert.deepEqual(references(parse('/h/a'), '/h/b'), ['/h/a']);
    assert.throws(() => references('/h/a +'), XPathSyntaxError);
  });
});

describe('path helpers', () => {
  it('resolves relative path text, including the string argument of jr:choice-name', () => {
    assert.equal(resolvePathText('/h/members/note', ' ../sex '), '/h/members/sex');
    assert.equal(resolvePathText('/h/members/note', 'current()/../sex'), '/h/members/sex');
    assert.equal(resolvePathText('/h/x', ' /h/school '), '/h/school');
    assert.equal(resolvePathText('/h/x', '/h//name'), '/h//name');
  });

  it('says a reference is affected by changes to it, inside it, or to a group around it', () => {
    assert.equal(referenceAffected('/h/members', '/h/members/age'), true);
    assert.equal(referenceAffected('/h/members/age', '/h/members'), true);
    assert.equal(referenceAffected('/h/members/age', '/h/members/agex'), false);
    assert.equal(referenceAffected('/h//name', '/h/members/name'), true);
    assert.equal(referenceAffected('/h/members/*', '/h/other'), false);
  });
});

describe('dependency graph', () => {
  const calcs = {
    '/h/total': '/h/a + /h/b',
    '/h/b': '/h/a * 2',
    '/h/label': "concat(/h/total, ' THB')",
    '/h/members/idx': 'position(..)',
    '/h/members/share': '../income div sum(/h/members/income)',
    '/h/n': 'count(/h/members)',
  };
  const g = buildDependencyGraph(calcs);

  it('orders expressions after what they depend on', () => {
    const pos = (k: string): number => g.order.indexOf(k);
    assert.ok(pos('/h/b') < pos('/h/total'));
    assert.ok(pos('/h/total') < pos('/h/label'));
    assert.deepEqual(g.dependencies.get('/h/total'), ['/h/b']);
    assert.deepEqual(g.dependents.get('/h/total'), ['/h/label']);
    assert.deepEqual(g.cycles, []);
  });

  it('lists what to recompute after a change, transitively, in order', () => {
    assert.deepEqual(g.affectedBy('/h/a'), ['/h/b', '/h/total', '/h/label']);
    assert.deepEqual(g.affectedBy('/h/members/income'), ['/h/members/share']);
    assert.deepEqual(g.affectedBy('/h/unrelated'), []);
  });

  it('recomputes counts and positions when repeat instances are added or removed', () => {
    assert.deepEqual(g.affectedBy('/h/members').sort(), ['/h/members/idx', '/h/members/share', '/h/n']);
  });

  it('does not make position(..) or count() of the own repeat a cycle', () => {
    assert.equal(findCycle({ '/h/members/idx': 'position(..)', '/h/members/k': 'count(/h/members) + ../idx' }), null);
  });
});

describe('cycle detection', () => {
  it('finds a cycle between calculations and returns it as a path list', () => {
    assert.deepEqual(findCycle({ '/d/a': '/d/b + 1', '/d/b': '/d/c * 2', '/d/c': 'if(/d/x, /d/a, 0)', '/d/x': '1' }), ['/d/a', '/d/b', '/d/c', '/d/a']);
  });

  it('finds a calculation that reads itself, directly or through its group', () => {
    assert.deepEqual(findCycle({ '/d/a': '. + 1' }), ['/d/a', '/d/a']);
    assert.deepEqual(findCycle({ '/d/g/total': 'sum(/d/g/*)' }), ['/d/g/total', '/d/g/total']);
  });

  it('finds cycles through relative paths in repeats', () => {
    assert.deepEqual(findCycles({ '/d/r/a': '../b', '/d/r/b': 'current()/../a', '/d/ok': '/d/r/a' }), [['/d/r/a', '/d/r/b', '/d/r/a']]);
  });

  it('returns every independent cycle and nothing for an acyclic form', () => {
    assert.equal(findCycles({ '/d/a': '/d/b', '/d/b': '/d/a', '/d/c': '/d/d', '/d/d': '/d/c' }).length, 2);
    assert.equal(findCycle({ '/d/a': '/d/b', '/d/b': '1', '/d/c': 'once(random())' }), null);
  });
});
