import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as names from './names.js';

const THAI = /^[\u0E00-\u0E7F ]+$/;
const LATIN = /^[A-Z][A-Za-z' -]*$/;

describe('name lists', () => {
  it('have a few hundred given names of each sex and many surnames', () => {
    const male = names.MALE_OLD.length + names.MALE_MID.length + names.MALE_YOUNG.length + names.MUSLIM_MALE.length;
    const female = names.FEMALE_OLD.length + names.FEMALE_MID.length + names.FEMALE_YOUNG.length + names.MUSLIM_FEMALE.length;
    assert.ok(male >= 250, `male ${male}`);
    assert.ok(female >= 250, `female ${female}`);
    assert.ok(names.SURNAMES.length + names.COMPOUND_SURNAMES.length + names.MUSLIM_SURNAMES.length >= 500);
  });

  it('are Thai script with a Latin spelling', () => {
    for (const [key, value] of Object.entries(names)) {
      if (!Array.isArray(value)) continue;
      for (const n of value) {
        assert.match(n.th, THAI, `${key}: ${n.th}`);
        // compound surnames start with a capital from their head element
        assert.match(n.en, LATIN, `${key}: ${n.en}`);
      }
    }
    assert.equal(names.latinOf('อับดุลเลาะ'), 'Abdulloh');
    assert.equal(names.latinOf('ชูแก้ว'), 'Chukaeo');
    assert.equal(names.latinFullName('สมชาย', 'ณ สงขลา'), 'Somchai Na Songkhla');
    assert.equal(names.latinFullName('อ่อง โก', null), 'Aung Ko');
  });
});
