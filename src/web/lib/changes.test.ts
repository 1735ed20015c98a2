import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changeLines } from './changes.js';

describe('changeLines', () => {
  it('shows [old, new] pairs as old → new', () => {
    assert.deepEqual(changeLines({ displayName: ['Somchai', 'Somchai J.'], active: [true, false] }), [
      'displayName: "Somchai" → "Somchai J."',
      'active: true → false',
    ]);
  });

  it('shows only the fields that differ between before and after', () => {
    assert.deepEqual(changeLines({ before: { a: 1, b: 'x' }, after: { a: 1, b: 'y', c: null } }), ['b: "x" → "y"', 'c: ∅ → null']);
  });

  it('lists the values of a created record', () => {
    assert.deepEqual(changeLines({ nameTh: 'มูลนิธิ', kind: 'foundation' }), ['nameTh: "มูลนิธิ"', 'kind: "foundation"']);
  });

  it('shortens long values and handles empty input', () => {
    const [line] = changeLines({ note: 'x'.repeat(200) });
    assert.ok(line && line.length < 100 && line.endsWith('…'));
    assert.deepEqual(changeLines(null), []);
    assert.deepEqual(changeLines({}), []);
    assert.deepEqual(changeLines('text'), ['"text"']);
  });
});
