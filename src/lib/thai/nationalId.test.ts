import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidNationalId, nationalIdCheckDigit, nationalIdProblem, withCheckDigit } from './nationalId.js';

describe('Thai national ID', () => {
  it('computes the check digit from the first 12 digits', () => {
    // 1-1017-00230-70-? : sum = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+3*5+0*4+7*3+0*2 = 146; 146 mod 11 = 3; 11-3 = 8
    assert.equal(nationalIdCheckDigit('110170023070'), 8);
    assert.equal(withCheckDigit('110170023070'), '1101700230708');
  });

  it('accepts a valid ID written with dashes and spaces', () => {
    assert.equal(isValidNationalId('1-1017-00230-70-8'), true);
    assert.equal(isValidNationalId(' 1101700230708 '), true);
  });

  it('rejects a wrong check digit, a wrong length and a first digit of 0 or 9, saying which', () => {
    assert.equal(nationalIdProblem('1101700230709'), 'bad_check_digit');
    assert.equal(nationalIdProblem('110170023070'), 'not_13_digits');
    assert.equal(nationalIdProblem('11017002307081'), 'not_13_digits');
    assert.equal(nationalIdProblem('abcdefghijklm'), 'not_13_digits');
    assert.equal(nationalIdProblem(withCheckDigit('010170023070')), 'bad_first_digit');
    assert.equal(nationalIdProblem(withCheckDigit('910170023070')), 'bad_first_digit');
  });

  it('agrees with the check-digit rule for check digits of 0 (remainder 1) and 1 (remainder 0)', () => {
    // Find 12-digit prefixes whose weighted sum mod 11 is 1 and 0.
    const found = new Map<number, string>();
    for (let n = 100000000000; found.size < 2; n++) {
      const s = String(n);
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += Number(s[i]) * (13 - i);
      if (sum % 11 === 1 && !found.has(1)) found.set(1, s);
      if (sum % 11 === 0 && !found.has(0)) found.set(0, s);
    }
    assert.equal(nationalIdCheckDigit(found.get(1)!), 0);
    assert.equal(nationalIdCheckDigit(found.get(0)!), 1);
  });
});
