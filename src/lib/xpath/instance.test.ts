import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  appendChild,
  childNamed,
  childrenNamed,
  cloneNode,
  createNode,
  fromPlainObject,
  group,
  indexedPathOf,
  insertAfter,
  instanceFromChoices,
  instanceFromRows,
  leaf,
  pathOf,
  positionAmongSiblings,
  removeNode,
  resolveAll,
  resolvePath,
  rootOf,
  stringValue,
  toPlainObject,
  walkNodes,
} from './index.js';

describe('instance tree', () => {
  it('builds trees with parents set and reads them back as plain objects', () => {
    const h = group('household', leaf('hh_id', 'H1'), group('members', leaf('age', 7)), group('members', leaf('age', 40)));
    assert.equal(h.children[0]?.parent, h);
    assert.deepEqual(toPlainObject(h), { hh_id: 'H1', members: [{ age: '7' }, { age: '40' }] });
  });

  it('round-trips plain objects with repeats, attributes and own text', () => {
    const obj = { '@id': 'f1', a: '1', rep: [{ x: 'p' }, { x: 'q' }], g: { b: '', '@k': 'v', c: { '#text': 'hi', '@lang': 'th' } } };
    const tree = fromPlainObject('data', obj);
    assert.equal(tree.attributes?.['id'], 'f1');
    assert.deepEqual(toPlainObject(tree), obj);
  });

  it('appends, inserts, removes and clones nodes, keeping parent links right', () => {
    const root = createNode('d');
    const a = appendChild(root, leaf('a', 1));
    const c = appendChild(root, leaf('c', 3));
    insertAfter(a, leaf('b', 2));
    assert.deepEqual(root.children.map((n) => n.name), ['a', 'b', 'c']);
    appendChild(root, c, 0);
    assert.deepEqual(root.children.map((n) => n.name), ['c', 'a', 'b']);
    removeNode(a);
    assert.equal(a.parent, null);
    assert.deepEqual(root.children.map((n) => n.name), ['c', 'b']);
    const copy = cloneNode(root);
    assert.notEqual(copy.children[0], root.children[0]);
    assert.equal(copy.children[0]?.parent, copy);
    assert.equal(copy.parent, null);
    assert.throws(() => appendChild(c, root), /inside itself/);
  });

  it('gives schema paths and indexed paths, and resolves both back', () => {
    const h = fromPlainObject('household', { members: [{ age: '7' }, { age: '40' }], meta: { instanceID: 'x' } });
    const second = resolvePath(h, '/household/members[2]/age');
    assert.ok(second);
    assert.equal(second.value, '40');
    assert.equal(pathOf(second), '/household/members/age');
    assert.equal(indexedPathOf(second), '/household/members[2]/age');
    assert.equal(indexedPathOf(resolvePath(h, '/household/meta/instanceID') ?? h), '/household/meta/instanceID');
    assert.equal(resolvePath(second, '../../meta/instanceID')?.value, 'x');
    assert.equal(resolvePath(second, '/household/members/age')?.value, '7');
    assert.equal(resolveAll(h, '/household/members/age').length, 2);
    assert.equal(resolveAll(h, '/household/*').length, 3);
    assert.equal(resolvePath(h, '/other/members'), null);
    assert.equal(positionAmongSiblings(second.parent ?? h), 2);
    assert.equal(rootOf(second), h);
  });

  it('walks nodes parents first and computes string values', () => {
    const h = fromPlainObject('d', { a: 'x', g: { b: 'y', c: 'z' } });
    assert.deepEqual([...walkNodes(h)].map((n) => n.name), ['d', 'a', 'g', 'b', 'c']);
    assert.equal(stringValue(h), 'xyz');
    assert.equal(childNamed(h, 'g')?.children.length, 2);
    assert.equal(childrenNamed(h, 'nope').length, 0);
  });

  it('builds secondary instances root/item from rows and from choice lists', () => {
    const rows = instanceFromRows([{ name: 'a', label: 'A', n: 1 }, { name: 'b', label: null }]);
    assert.deepEqual(toPlainObject(rows), { item: [{ name: 'a', label: 'A', n: '1' }, { name: 'b', label: '' }] });
    const choices = instanceFromChoices(
      [
        { name: 'm', label: { 'Thai (th)': 'ชาย', 'English (en)': 'Male' } },
        { name: 'f', label: { 'English (en)': 'Female' }, properties: { group: 'x' } },
      ],
      'Thai (th)',
    );
    assert.deepEqual(toPlainObject(choices), { item: [{ name: 'm', label: 'ชาย' }, { group: 'x', name: 'f', label: 'Female' }] });
  });
});
